import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { MethodName, ParsedInputOf, PostListResult, ResultOf } from '../../../shared/api/contract';
import { postSchema, summarizePost, emptyPostContent, POST_STATUSES, type Post, type PostSummary } from '../../../shared/domain/post';
import { workspaceSchema, type Workspace } from '../../../shared/domain/workspace';
import { zonedDate } from '../../../shared/domain/time-zone';
import { newId } from '../store/store';
import { parseJsonDocument } from '../store/json-adapter';
import type { HandlerContext } from './context';

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: HandlerContext) => Promise<ResultOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

const summaryCache = new WeakMap<Post, PostSummary>();
function summary(p: Post): PostSummary {
  let s = summaryCache.get(p);
  if (!s) {
    s = summarizePost(p);
    summaryCache.set(p, s);
  }
  return s;
}

function requirePost(ctx: HandlerContext, id: string): Post {
  const p = ctx.store.getPost(id);
  if (!p) throw new ApiError('not_found', `post ${id} not found`, { params: { id } });
  return p;
}

function matches(p: Post, needle: string): boolean {
  return (
    p.title.toLowerCase().includes(needle) ||
    p.lead.toLowerCase().includes(needle) ||
    p.category.toLowerCase().includes(needle) ||
    p.authorCredit.toLowerCase().includes(needle) ||
    p.tags.some((t) => t.toLowerCase().includes(needle)) ||
    p.bodyMd.toLowerCase().includes(needle)
  );
}

async function savePost(ctx: HandlerContext, next: Post): Promise<Post> {
  const valid = postSchema.parse(next);
  await ctx.store.putPost(valid);
  return valid;
}

function bump(p: Post, now: Date, changes: Partial<Post>): Post {
  return { ...p, ...changes, rev: p.rev + 1, updatedAt: now.toISOString() };
}

export const handlers: Handlers = {
  async 'app.info'(_input, ctx) {
    return {
      version: ctx.version,
      transport: ctx.transport,
      dataDir: ctx.store.dataDir,
      schemaVersion: ctx.store.schemaVersion,
      notices: ctx.store.notices,
      postCount: ctx.store.postCount,
    };
  },

  async 'app.dismissNotice'({ id }, ctx) {
    await ctx.store.dismissNotice(id);
    return { notices: ctx.store.notices };
  },

  async 'settings.get'(_input, ctx) {
    return ctx.store.workspace;
  },

  async 'settings.update'(input, ctx) {
    const ws = ctx.store.workspace;
    if (input.baseRev !== ws.rev) {
      throw new ApiError('conflict', 'settings changed elsewhere', { params: { currentRev: ws.rev } });
    }
    const next: Workspace = {
      ...ws,
      opd: input.opd ? { ...ws.opd, ...input.opd, colors: { ...ws.opd.colors, ...input.opd.colors } } : ws.opd,
      team: input.team ? input.team.map((m) => ({ ...m, id: m.id ?? newId() })) : ws.team,
      language: input.language ?? ws.language,
      rev: ws.rev + 1,
      updatedAt: ctx.store.now().toISOString(),
    };
    const valid = workspaceSchema.parse(next);
    await ctx.store.putWorkspace(valid);
    return valid;
  },

  async 'posts.list'(input, ctx) {
    const all = ctx.store.allPosts();
    const counts = Object.fromEntries([...POST_STATUSES, 'trash'].map((s) => [s, 0])) as PostListResult['counts'];
    for (const p of all) {
      if (p.deletedAt) counts.trash++;
      else counts[p.status]++;
    }
    const needle = input.query?.trim().toLowerCase() ?? '';
    const filtered = all.filter(
      (p) =>
        Boolean(p.deletedAt) === Boolean(input.trash) &&
        (!input.status || p.status === input.status) &&
        (!needle || matches(p, needle)),
    );
    filtered.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)));
    const offset = input.offset ?? 0;
    const limit = input.limit ?? 100;
    return { items: filtered.slice(offset, offset + limit).map(summary), total: filtered.length, counts };
  },

  async 'posts.get'({ id }, ctx) {
    return requirePost(ctx, id);
  },

  async 'posts.create'(input, ctx) {
    const now = ctx.store.now();
    const ws = ctx.store.workspace;
    const at = now.toISOString();
    const post: Post = {
      ...emptyPostContent(),
      dateline: ws.opd.dateline,
      eventDate: zonedDate(now, ws.opd.timeZone),
      ...input.content,
      template: input.template ?? input.content?.template ?? null,
      id: newId(),
      createdAt: at,
      updatedAt: at,
      rev: 1,
      status: 'draft',
      deletedAt: null,
    };
    return savePost(ctx, post);
  },

  async 'posts.update'({ id, baseRev, patch }, ctx) {
    const p = requirePost(ctx, id);
    if (p.deletedAt) throw new ApiError('conflict', 'post is in the trash', { params: { id, reason: 'trashed' } });
    if (p.rev !== baseRev) {
      throw new ApiError('conflict', `post changed elsewhere (rev ${p.rev}, expected ${baseRev})`, {
        params: { id, currentRev: p.rev },
      });
    }
    return savePost(ctx, bump(p, ctx.store.now(), patch));
  },

  async 'posts.trash'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (p.deletedAt) return p;
    return savePost(ctx, bump(p, ctx.store.now(), { deletedAt: ctx.store.now().toISOString() }));
  },

  async 'posts.restore'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (!p.deletedAt) return p;
    return savePost(ctx, bump(p, ctx.store.now(), { deletedAt: null }));
  },

  async 'posts.purge'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (!p.deletedAt) {
      throw new ApiError('conflict', 'only posts in the trash can be purged', { params: { id, reason: 'not_trashed' } });
    }
    await ctx.store.deletePost(id);
    return { id };
  },

  async 'backups.list'(_input, ctx) {
    return ctx.store.backups.list();
  },

  async 'backups.create'(_input, ctx) {
    const info = await ctx.store.backups.create('manual');
    ctx.store.dirty = false;
    return info;
  },

  async 'backups.restore'({ id }, ctx) {
    const backups = await ctx.store.backups.list();
    const chosen = backups.find((b) => b.id === id);
    if (!chosen) throw new ApiError('not_found', `backup ${id} not found`, { params: { id } });
    const source = ctx.store.backups.storePathOf(id);
    // Refuse a backup that is itself damaged before touching the live store.
    for (const e of await fsp.readdir(source, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.json')) continue;
      const f = path.join(e.parentPath, e.name);
      try {
        parseJsonDocument(f, await fsp.readFile(f, 'utf8'));
      } catch {
        throw new ApiError('io_error', `backup ${id} is damaged (${path.relative(source, f)})`, {
          params: { id, reason: 'backup_damaged' },
        });
      }
    }
    const safetyBackup = await ctx.store.backups.create('before-restore');
    const live = ctx.store.storeDir;
    const staging = `${live}.restore-${process.pid}-${Date.now()}`;
    const old = `${live}.old-${process.pid}-${Date.now()}`;
    await fsp.cp(source, staging, { recursive: true });
    await fsp.rename(live, old);
    await fsp.rename(staging, live);
    await fsp.rm(old, { recursive: true, force: true });
    await ctx.store.reload();
    await ctx.store.addNotice({ kind: 'restored', file: 'store', backupId: id });
    return { restored: chosen, safetyBackup };
  },
};
