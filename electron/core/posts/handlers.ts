import { ApiError } from '@shared/api/errors';
import { postsContract } from '@shared/api/contracts/posts';
import { emptyPostContent, listSummary, type Post } from '@shared/domain/post';
import { zonedDate } from '@shared/domain/time-zone';
import { postVersions, recordVersion } from './versions';
import { postSearch } from '@core/store/post-search';
import { savePost } from './post-writes';
import { templateContent } from '@shared/posts/templates';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';
import { authorOnCreate, onPostCreated } from '@core/review/state';

function requirePost(ctx: HandlerContext, id: string): Post {
  return ctx.store.posts.require(id);
}


/** Version history (issue 3). The post is already saved: a failed version write is logged, never lost work. */
async function keepVersion(ctx: HandlerContext, p: Post, reason: 'created' | 'edit'): Promise<void> {
  try {
    await recordVersion(ctx, p, reason);
  } catch (err) {
    ctx.log('version history: could not record', p.id, err);
  }
}

export const postsHandlers: HandlersFor<typeof postsContract> = {
  async 'posts.list'(input, ctx) {
    // From the store's summary index, kept sorted between writes: no post file is read to list or search.
    const search = postSearch(ctx.store);
    const counts = { ...search.counts() };
    // From the full-text index once it is built; a plain scan until then.
    const { items, total } = await search.page({ query: input.query ?? '', trash: Boolean(input.trash), status: input.status, offset: input.offset ?? 0, limit: input.limit ?? 100 });
    return { items: items.map(listSummary), total, counts };
  },

  async 'posts.get'({ id }, ctx) {
    return requirePost(ctx, id);
  },

  async 'posts.create'(input, ctx) {
    const now = ctx.store.now();
    const ws = ctx.store.workspace;
    const created = await ctx.store.posts.create({
      ...emptyPostContent(),
      dateline: ws.opd.dateline,
      eventDate: zonedDate(now, ws.opd.timeZone),
      // A template fills the guiding placeholders unless content is given.
      ...(input.template && !input.content ? templateContent(input.template) : {}),
      ...input.content,
      ...authorOnCreate(ctx, input.content),
      template: input.template ?? input.content?.template ?? null,
      status: 'draft',
      deletedAt: null,
    });
    await onPostCreated(ctx, created);
    await keepVersion(ctx, created, 'created');
    return created;
  },

  async 'posts.update'({ id, baseRev, patch }, ctx) {
    const before = requirePost(ctx, id);
    // The Editor credit comes from the verified approval: nobody types it over while the post is approved.
    if (before.status === 'approved' && patch.editorCredit !== undefined && patch.editorCredit !== before.editorCredit) {
      throw new ApiError('forbidden', 'the editor credit follows the approval', { params: { reason: 'credit_locked' } });
    }
    return savePost(ctx, before, patch, { reason: 'edit', baseRev });
  },

  async 'posts.trash'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (p.deletedAt) return p;
    return savePost(ctx, p, { deletedAt: ctx.store.now().toISOString() }, { reason: 'trash' });
  },

  async 'posts.restore'({ id }, ctx) {
    const p = requirePost(ctx, id);
    if (!p.deletedAt) return p;
    return savePost(ctx, p, { deletedAt: null }, { reason: 'restore' });
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
