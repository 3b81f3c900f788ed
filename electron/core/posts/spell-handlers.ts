import { ApiError } from '@shared/api/errors';
import { postsCoachContract, VERSIONS_PAGE } from '@shared/api/contracts/posts';
import { workspaceSchema } from '@shared/domain/workspace';
import type { NewsSettings } from '@shared/posts/settings';
import { diffContents, type PostVersion, type PostVersionSummary } from '@shared/posts/version';
import { checkSpelling } from './spell';
import { catchUpVersion, postVersions, recordVersion, versionsOf } from './versions';
import { savePost } from './post-writes';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';

function summaryOf(v: PostVersion): PostVersionSummary {
  const { content, ...rest } = v;
  return { ...rest, title: content.title };
}

async function requireVersion(ctx: HandlerContext, id: string): Promise<PostVersion> {
  const v = await postVersions(ctx.store).get(id);
  if (!v) throw new ApiError('not_found', `version ${id} not found`, { params: { id } });
  return v;
}

async function saveDictionary(ctx: HandlerContext, change: (words: string[]) => string[]): Promise<{ news: NewsSettings; rev: number }> {
  const ws = ctx.store.workspace;
  const dictionary = change([...ws.news.dictionary]);
  const next = workspaceSchema.parse({ ...ws, news: { ...ws.news, dictionary }, rev: ws.rev + 1, updatedAt: ctx.store.now().toISOString() });
  await ctx.store.putWorkspace(next);
  return { news: next.news, rev: next.rev };
}

/** A post's versions, oldest first, its latest state recorded first. */
async function currentVersions(ctx: HandlerContext, postId: string): Promise<PostVersion[]> {
  const post = ctx.store.posts.get(postId);
  if (!post) throw new ApiError('not_found', `post ${postId} not found`, { params: { id: postId } });
  await catchUpVersion(ctx, post);
  return versionsOf(ctx, postId);
}

export const newsHandlers: HandlersFor<typeof postsCoachContract> = {
  async 'posts.spellcheck'({ words }, ctx) {
    const ws = ctx.store.workspace;
    // The OPD's own city (the dateline) is always a known word.
    return checkSpelling(words, [...ws.news.dictionary, ws.opd.dateline]);
  },

  async 'posts.dictionaryAdd'({ word }, ctx) {
    return saveDictionary(ctx, (list) =>
      list.some((w) => w.toLowerCase() === word.toLowerCase()) ? list : [...list, word].sort((a, b) => a.localeCompare(b, 'id')),
    );
  },

  async 'posts.dictionaryAddMany'({ words }, ctx) {
    return saveDictionary(ctx, (list) => {
      const have = new Set(list.map((w) => w.toLowerCase()));
      for (const w of words) {
        if (have.has(w.toLowerCase())) continue;
        have.add(w.toLowerCase());
        list.push(w);
      }
      return list.sort((a, b) => a.localeCompare(b, 'id'));
    });
  },

  async 'posts.dictionaryRemove'({ word }, ctx) {
    return saveDictionary(ctx, (list) => list.filter((w) => w.toLowerCase() !== word.toLowerCase()));
  },

  async 'posts.versions'({ postId }, ctx) {
    return (await currentVersions(ctx, postId)).reverse().map(summaryOf);
  },

  async 'posts.versionsPage'({ postId, offset = 0, limit = VERSIONS_PAGE }, ctx) {
    const versions = await currentVersions(ctx, postId);
    // Newest first: the page from the end backwards (a version added meanwhile shifts a page by one at most).
    const end = Math.max(0, versions.length - offset);
    return { items: versions.slice(Math.max(0, end - limit), end).reverse().map(summaryOf), total: versions.length };
  },

  async 'posts.versionGet'({ id }, ctx) {
    return requireVersion(ctx, id);
  },

  async 'posts.versionDiff'({ fromId, toId }, ctx) {
    const from = await requireVersion(ctx, fromId);
    const to = await requireVersion(ctx, toId);
    if (from.postId !== to.postId) {
      throw new ApiError('invalid_input', 'versions belong to different posts', { params: { reason: 'different_posts' } });
    }
    return { from: summaryOf(from), to: summaryOf(to), fields: diffContents(from.content, to.content) };
  },

  /** Brings an old version's content back as a new edit; history is kept, including the state before restoring. */
  async 'posts.versionRestore'({ id, baseRev }, ctx) {
    const v = await requireVersion(ctx, id);
    const p = ctx.store.posts.require(v.postId);
    if (p.deletedAt) throw new ApiError('conflict', 'post is in the trash', { params: { id: p.id, reason: 'trashed' } });
    if (p.rev !== baseRev) {
      throw new ApiError('conflict', `post changed elsewhere (rev ${p.rev}, expected ${baseRev})`, { params: { id: p.id, currentRev: p.rev } });
    }
    // Make sure the state being replaced is itself a version.
    const history = await versionsOf(ctx, p.id);
    const last = history[history.length - 1];
    if (!last || last.postRev !== p.rev) await recordVersion(ctx, p, 'edit');
    // Review state and dismissed findings of the current post stay; an approved post goes back to review.
    const { dismissedFindings: _d, editorCredit: _e, ...content } = v.content;
    return savePost(ctx, p, content, { reason: 'version_restore', baseRev, restoredFrom: v.id });
  },
};

