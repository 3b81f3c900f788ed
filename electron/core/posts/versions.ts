import type { Post, PostContent } from '@shared/domain/post';
import { countWords, postContentSchema } from '@shared/domain/post';
import { postVersionSchema, type PostVersion, type VersionReason } from '@shared/posts/version';
import type { HandlerContext } from '@core/deps';
import { historyIndex, type HistoryIndex } from '@core/store/history-index';
import { newId, type Store } from '@core/store/store';

/**
 * Version history of posts (folder `postVersions`, one file per version,
 * indexed by post: see HistoryIndex). Edits while typing
 * are coalesced into one version per editing burst; a status change, a
 * restore and the creation always start a new version. Nothing here deletes
 * a version.
 */
export const COALESCE_IDLE_MS = 2 * 60_000;
export const COALESCE_MAX_MS = 15 * 60_000;

const CONTENT_KEYS = Object.keys(postContentSchema.shape) as (keyof PostContent)[];

export function contentOf(p: Post): PostContent {
  return Object.fromEntries(CONTENT_KEYS.map((k) => [k, p[k]])) as PostContent;
}

export function postVersions(store: Store): HistoryIndex<PostVersion> {
  return historyIndex(store, 'postVersions', (d) => postVersionSchema.parse(d));
}

/** One post's versions, oldest first; reads only that post's files. */
export async function versionsOf(ctx: HandlerContext, postId: string): Promise<PostVersion[]> {
  return (await postVersions(ctx.store).ofPost(postId)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.postRev - b.postRev));
}

/**
 * Record the post's current state. Call after every saved change of a post:
 * posts.update does; the review desk calls it with reason 'status' when it
 * changes a post's status (a status change is detected here as well).
 */
export async function recordVersion(ctx: HandlerContext, post: Post, reason: VersionReason, restoredFrom: string | null = null): Promise<PostVersion> {
  const now = ctx.store.now();
  // A discarded side of a conflict is beside the post's own history, never its latest state.
  const latest = (await versionsOf(ctx, post.id)).filter((v) => v.reason !== 'discarded').at(-1);
  const effective: VersionReason = reason === 'edit' && latest && latest.status !== post.status ? 'status' : reason;
  if (
    effective === 'edit' &&
    latest &&
    latest.reason === 'edit' &&
    now.getTime() - Date.parse(latest.updatedAt) < COALESCE_IDLE_MS &&
    now.getTime() - Date.parse(latest.createdAt) < COALESCE_MAX_MS
  ) {
    const content = contentOf(post);
    const next: PostVersion = { ...latest, content, postRev: post.rev, wordCount: wordsOf(content), rev: latest.rev + 1, updatedAt: now.toISOString() };
    await postVersions(ctx.store).put(next);
    return next;
  }
  return putVersion(ctx, post, contentOf(post), { reason: effective, restoredFrom, at: now.toISOString() });
}

/**
 * A version that lost in a conflict resolution (issue 12: "every discarded
 * version stays in version history with who wrote it"): the post as it
 * would read with that side's text, never the post's current state.
 */
export function recordDiscarded(ctx: HandlerContext, post: Post, content: PostContent, author: { id: string | null; name: string }): Promise<PostVersion> {
  return putVersion(ctx, post, content, { reason: 'discarded', author });
}

const wordsOf = (c: Pick<PostContent, 'lead' | 'bodyMd'>) => countWords(c.lead) + countWords(c.bodyMd);

/** A new version file of `post` holding `content`. */
async function putVersion(
  ctx: HandlerContext,
  post: Post,
  content: PostContent,
  opts: { reason: VersionReason; restoredFrom?: string | null; author?: PostVersion['author']; at?: string },
): Promise<PostVersion> {
  const at = opts.at ?? ctx.store.now().toISOString();
  const v: PostVersion = {
    id: newId(),
    createdAt: at,
    updatedAt: at,
    rev: 1,
    postId: post.id,
    postRev: post.rev,
    status: post.status,
    reason: opts.reason,
    restoredFrom: opts.restoredFrom ?? null,
    content,
    wordCount: wordsOf(content),
    author: opts.author ?? null,
  };
  await postVersions(ctx.store).put(v);
  return v;
}

/**
 * Status transitions made outside posts.update (the review desk) also get a
 * version: when the newest version does not hold the post's current rev and
 * status, one is recorded, dated at the post's last change.
 */
export async function catchUpVersion(ctx: HandlerContext, post: Post): Promise<void> {
  // A discarded side of a conflict is beside the post's own history, never its latest state.
  const latest = (await versionsOf(ctx, post.id)).filter((v) => v.reason !== 'discarded').at(-1);
  if (latest && latest.postRev === post.rev) return;
  if (latest && latest.status === post.status && JSON.stringify(latest.content) === JSON.stringify(contentOf(post))) return;
  const at = post.updatedAt > (latest?.updatedAt ?? '') ? post.updatedAt : ctx.store.now().toISOString();
  await putVersion(ctx, post, contentOf(post), { reason: latest && latest.status !== post.status ? 'status' : 'edit', at });
}
