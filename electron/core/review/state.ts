import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiError } from '@shared/api/errors';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Post, PostContent } from '@shared/domain/post';
import { snapshotDiff } from '@shared/review/diff';
import type { Review } from '@shared/review/model';
import { canQueue, isApprovalExpired, snapshotOf } from '@shared/review/rules';
import type { HandlerContext } from '@core/deps';
import { mediaPaths } from '@core/media/paths';
import { auditOf, contentHash, recordAudit } from './audit';
import { currentActor } from './session';
import { fileUrl, previewUrl } from '@shared/files/urls';
import { keyIdOf, verifyPayload } from './keys';
import { decisionPayload } from '@shared/review/signature';

export function requirePost(ctx: HandlerContext, id: string): Post {
  const p = ctx.store.posts.get(id);
  if (!p) throw new ApiError('not_found', `post ${id} not found`, { params: { id } });
  return p;
}

export function emptyReview(ctx: HandlerContext, postId: string): Review {
  const at = ctx.store.now().toISOString();
  return {
    id: postId,
    postId,
    createdAt: at,
    updatedAt: at,
    rev: 0,
    submittedBy: null,
    submittedAt: null,
    decision: null,
    approval: null,
    sent: [],
    imported: [],
    remote: null,
    conflict: null,
  };
}

export function reviewOf(ctx: HandlerContext, postId: string): Review {
  return ctx.store.collections.reviews.get(postId) ?? emptyReview(ctx, postId);
}

/**
 * Changes a post's review record. The change applies to the record as it is
 * at the moment of the write, never to a copy read before an await: a
 * handler that saved the post first may find the review changed meanwhile
 * (the sync brought the hub's version in), and a copy read earlier would
 * silently overwrite it under the same rev.
 */
export async function saveReview(ctx: HandlerContext, postId: string, change: Partial<Review> | ((current: Review) => Partial<Review>)): Promise<Review> {
  const cur = reviewOf(ctx, postId);
  const patch = typeof change === 'function' ? change(cur) : change;
  const next = { ...cur, ...patch, id: cur.id, postId: cur.postId, rev: cur.rev + 1, updatedAt: ctx.store.now().toISOString() };
  await ctx.store.collections.reviews.put(next);
  return next;
}

/** Everyone who wrote the post: they may not approve it. */
export function authorIdsOf(ctx: HandlerContext, post: Pick<Post, 'id' | 'authorId'>, review: Review | null, writers?: Map<string, Set<string>>): string[] {
  const ids = new Set<string>();
  if (post.authorId) ids.add(post.authorId);
  if (review?.submittedBy?.id) ids.add(review.submittedBy.id);
  for (const id of (writers ?? writersByPost(ctx, post.id)).get(post.id) ?? []) ids.add(id);
  return [...ids];
}

/** Who created or submitted each post, from the audit trail (one pass, for lists). */
export function writersByPost(ctx: HandlerContext, onlyPostId?: string): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  if (!onlyPostId) {
    // From the audit trails' summaries: no trail is read.
    for (const t of ctx.store.collections.audit.summaries()) if (t.writers.length) m.set(t.postId, new Set(t.writers));
    return m;
  }
  for (const e of auditOf(ctx, onlyPostId)) {
    if ((e.action !== 'created' && e.action !== 'submitted') || !e.actorId) continue;
    let s = m.get(e.postId);
    if (!s) m.set(e.postId, (s = new Set()));
    s.add(e.actorId);
  }
  return m;
}

export function buildView(ctx: HandlerContext, post: Post): ReviewView {
  const review = ctx.store.collections.reviews.get(post.id) ?? null;
  const comments = ctx.store.collections.reviewComments
    .all()
    .filter((c) => c.postId === post.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const suggestions = ctx.store.collections.reviewSuggestions
    .all()
    .filter((s) => s.postId === post.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const hash = contentHash(post);
  const now = ctx.store.now();
  let changes: ReviewView['changes'] = null;
  // The editor sees what moved since the last approval (re-review) or since they asked for changes.
  const since = post.status === 'in_review' && review?.approval && review.approval.hash !== hash ? review.approval : review?.decision;
  if (since && since.hash !== hash) {
    changes = { since: since.kind, by: since.by.name, at: since.at, fields: snapshotDiff(since.snapshot, snapshotOf(post)), before: since.snapshot };
  }
  const approvalExpired = post.status === 'approved' && isApprovalExpired(review?.approval, now);
  return {
    photos: photosOf(ctx, post, review),
    post,
    review,
    comments,
    suggestions,
    authorIds: authorIdsOf(ctx, post, review),
    changes,
    approvalExpired,
    canQueue: canQueue(post, review?.approval ?? null, now),
    hash,
    approvalVerified: approvalVerifiedHere(ctx, post.id, review?.approval ?? null),
  };
}

/** An approval signed elsewhere (a file or the team sync) whose key this PC trusts, its signature checked again here. */
function approvalVerifiedHere(ctx: HandlerContext, postId: string, approval: Review['approval']): boolean {
  const sig = approval?.signature;
  if (!approval || !sig) return false;
  if (ctx.store.collections.keys.all().some((k) => keyIdOf(k.publicKey) === sig.keyId)) return false;
  if (!ctx.store.workspace.trustedKeys.some((k) => k.keyId === sig.keyId)) return false;
  const payload = decisionPayload({ postId, contentHash: approval.hash, mediaHash: sig.mediaHash, decision: approval.kind, keyId: sig.keyId, at: approval.at });
  return keyIdOf(sig.publicKey) === sig.keyId && verifyPayload(sig.publicKey, payload, sig.sig);
}

function photosOf(ctx: HandlerContext, post: Post, review: Review | null): ReviewView['photos'] {
  if (review?.remote) {
    return review.remote.media.map((m) => ({ url: fileUrl('review-media', m.file), caption: m.caption, credit: m.credit }));
  }
  const { previews } = mediaPaths(ctx.dataDir);
  const out: ReviewView['photos'] = [];
  for (const ref of post.media) {
    const photo = ctx.store.collections.media.get(ref.mediaId);
    if (!photo || photo.deletedAt || !existsSync(path.join(previews, `${photo.sha256}.jpg`))) continue;
    out.push({ url: previewUrl(photo.sha256), caption: ref.caption || photo.caption, credit: photo.credit });
  }
  if (!out.length && post.media.length) return fileMediaOf(ctx, post.id);
  return out;
}

/** Where the photo renditions that came with a review file are listed, for a post whose photos are not on this PC (photos do not sync yet). */
export function fileMediaIndex(ctx: HandlerContext, postId: string): string {
  return path.join(ctx.dataDir, 'review-media', 'posts', `${postId}.json`);
}

function fileMediaOf(ctx: HandlerContext, postId: string): ReviewView['photos'] {
  try {
    const list = JSON.parse(readFileSync(fileMediaIndex(ctx, postId), 'utf8')) as { file: string; caption: string; credit: string }[];
    return list.filter((m) => /^[0-9a-f]{64}\.jpg$/.test(m.file)).map((m) => ({ url: `./files/review-media/${m.file}`, caption: m.caption, credit: m.credit }));
  } catch {
    return [];
  }
}

// ---------- hooks called from the posts handlers ----------

/** posts.create: the signed-in person becomes the author unless one was given. */
export function authorOnCreate(ctx: HandlerContext, content: Partial<PostContent> | undefined): Partial<PostContent> {
  const actor = currentActor(ctx);
  if (!actor.id || content?.authorId) return {};
  return { authorId: actor.id, ...(content?.authorCredit ? {} : { authorCredit: actor.name }) };
}

export async function onPostCreated(ctx: HandlerContext, post: Post): Promise<void> {
  await recordAudit(ctx, post, 'created');
}

/**
 * A post that came in a review file from another Redaksi (the editor's copy).
 * It is reviewed here but belongs to the other OPD: the outbox must not send it.
 */
export function isReviewCopy(ctx: HandlerContext, postId: string): boolean {
  return Boolean(ctx.store.collections.reviews.get(postId)?.remote);
}
