import { ApiError } from '../../../../shared/api/errors';
import type { PostListResult } from '../../../../shared/api/contract';
import { postsContract } from '../../../../shared/api/contracts/posts';
import { postSchema, summarizePost, emptyPostContent, POST_STATUSES, type Post, type PostSummary } from '../../../../shared/domain/post';
import { zonedDate } from '../../../../shared/domain/time-zone';
import { newId } from '../../store/store';
import { matchesSummary, postSearch } from '../../store/post-search';
import { postVersions, recordVersion } from '../../news/versions';
import { templateContent } from '../../../../shared/news/templates';
import type { HandlerContext } from '../context';
import type { HandlersFor } from './types';
import { authorOnCreate, onPostCreated, onPostEdited, onPostRestored, statusOnEdit } from '../../review/state';

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
  const p = ctx.store.posts.get(id);
  if (!p) throw new ApiError('not_found', `post ${id} not found`, { params: { id } });
  return p;
}

async function savePost(ctx: HandlerContext, next: Post): Promise<Post> {
  const valid = postSchema.parse(next);
  await ctx.store.posts.put(valid);
  return valid;
}

/** Version history (issue 3). The post is already saved: a failed version write is logged, never lost work. */
async function keepVersion(ctx: HandlerContext, p: Post, reason: 'created' | 'edit'): Promise<void> {
  try {
    await recordVersion(ctx, p, reason);
  } catch (err) {
    ctx.log('version history: could not record', p.id, err);
  }
}

function bump(p: Post, now: Date, changes: Partial<Post>): Post {
  return { ...p, ...changes, rev: p.rev + 1, updatedAt: now.toISOString() };
}

export const postsHandlers: HandlersFor<typeof postsContract> = {
  async 'posts.list'(input, ctx) {
    const all = ctx.store.posts.all();
    const counts = Object.fromEntries([...POST_STATUSES, 'trash'].map((s) => [s, 0])) as PostListResult['counts'];
    for (const p of all) {
      if (p.deletedAt) counts.trash++;
      else counts[p.status]++;
    }
    const needle = input.query?.trim().toLowerCase() ?? '';
    // From the full-text index once it is built; a plain scan until then.
    const hits = needle ? postSearch(ctx.store).search(needle) : null;
    const filtered = all.filter(
      (p) =>
        Boolean(p.deletedAt) === Boolean(input.trash) &&
        (!input.status || p.status === input.status) &&
        (!needle || (hits ? hits.has(p.id) : matchesSummary(p, needle))),
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
      // A template fills the guiding placeholders unless content is given.
      ...(input.template && !input.content ? templateContent(input.template) : {}),
      ...input.content,
      ...authorOnCreate(ctx, input.content),
      template: input.template ?? input.content?.template ?? null,
      id: newId(),
      createdAt: at,
      updatedAt: at,
      rev: 1,
      status: 'draft',
      deletedAt: null,
    };
    const created = await savePost(ctx, post);
    await onPostCreated(ctx, created);
    await keepVersion(ctx, created, 'created');
    return created;
  },

  async 'posts.update'({ id, baseRev, patch }, ctx) {
    const p = requirePost(ctx, id);
    if (p.deletedAt) throw new ApiError('conflict', 'post is in the trash', { params: { id, reason: 'trashed' } });
    if (p.rev !== baseRev) {
      throw new ApiError('conflict', `post changed elsewhere (rev ${p.rev}, expected ${baseRev})`, {
        params: { id, currentRev: p.rev },
      });
    }
    const updated = await savePost(ctx, bump(p, ctx.store.now(), { ...patch, ...statusOnEdit(p, patch) }));
    await onPostEdited(ctx, p, updated);
    await keepVersion(ctx, updated, 'edit');
    return updated;
  },

  async 'posts.trash'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (p.deletedAt) return p;
    return savePost(ctx, bump(p, ctx.store.now(), { deletedAt: ctx.store.now().toISOString() }));
  },

  async 'posts.restore'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (!p.deletedAt) return p;
    const restored = await savePost(ctx, bump(p, ctx.store.now(), { deletedAt: null }));
    await onPostRestored(ctx, restored);
    return restored;
  },

  async 'posts.purge'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (!p.deletedAt) {
      throw new ApiError('conflict', 'only posts in the trash can be purged', { params: { id, reason: 'not_trashed' } });
    }
    await ctx.store.posts.delete(id);
    // "Hapus permanen" removes the text everywhere it was copied: versions and review notes.
    // The audit trail (hashes, no text) and what was published stay as the record of what happened.
    await postVersions(ctx.store).deleteOfPost(id);
    const { reviews, reviewComments, reviewSuggestions } = ctx.store.collections;
    for (const col of [reviews, reviewComments, reviewSuggestions] as { all(): { id: string; postId: string }[]; delete(id: string): Promise<void> }[]) {
      for (const doc of col.all()) if (doc.postId === id) await col.delete(doc.id);
    }
    return { id };
  },

};
