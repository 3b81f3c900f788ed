import { ApiError } from '@shared/api/errors';
import type { Post } from '@shared/domain/post';
import { reviewEffectOfChange } from '@shared/review/rules';
import type { HandlerContext } from '@core/deps';
import { contentHash, recordAudit } from '@core/review/audit';
import { contentOf, recordVersion } from './versions';

/**
 * Why a post changes. `edit`-like reasons are ordinary changes: the review
 * rule applies to them (an approved post whose reviewed content or Editor
 * credit changes goes back to review). `transition` is a review or
 * publishing step that sets the status itself (approve, request changes,
 * mark published, expiry).
 */
export type PostChangeReason = 'edit' | 'variants' | 'import' | 'merge' | 'suggestion' | 'version_restore' | 'trash' | 'restore' | 'transition';

export interface SavePostOptions {
  reason: PostChangeReason;
  /** The rev the change was made on; defaults to the rev of `before`, so a change computed from a stale copy is refused. */
  baseRev?: number;
  /** For version_restore: the version brought back. */
  restoredFrom?: string;
}

const REASON_NOTE: Partial<Record<PostChangeReason, string>> = {
  variants: 'teks kanal',
  import: 'dari berkas tinjauan',
  merge: 'penggabungan',
  suggestion: 'saran diterima',
  version_restore: 'versi lama dipulihkan',
};

/**
 * The one write path of posts. Every method that changes a post (the
 * editor, channel variants, review import and merge, suggestions, version
 * restore, trash, review decisions, the outbox) calls this, so the review
 * rule, the audit trail and version history hold on every path. The store
 * stamps rev and updatedAt, checks the base rev and emits the change event
 * with the actor.
 */
export async function savePost(ctx: HandlerContext, before: Post, patch: Partial<Post>, opts: SavePostOptions): Promise<Post> {
  const trashing = opts.reason === 'trash' || opts.reason === 'restore';
  if (before.deletedAt && !trashing && patch.deletedAt !== null) {
    throw new ApiError('conflict', 'post is in the trash', { params: { id: before.id, reason: 'trashed' } });
  }
  const { id: _id, rev: _rev, createdAt: _c, updatedAt: _u, ...fields } = patch;
  const transition = opts.reason === 'transition';
  const effect = reviewEffectOfChange(before, { ...before, ...fields });
  const statusPatch = transition || effect.status === before.status ? {} : { status: effect.status };
  const after = await ctx.store.posts.update(before.id, { ...fields, ...statusPatch }, { baseRev: opts.baseRev ?? before.rev });

  if (!transition && !trashing && contentHash(before) !== contentHash(after)) {
    const parts = [REASON_NOTE[opts.reason], effect.changed.length ? `berubah: ${effect.changed.join(', ')}` : '', before.status !== after.status ? `status ${before.status} → ${after.status}` : '']
      .filter(Boolean)
      .join('; ');
    await recordAudit(ctx, after, 'edited', { detail: parts });
  } else if (!transition && !trashing && before.editorCredit !== after.editorCredit && before.status !== after.status) {
    await recordAudit(ctx, after, 'edited', { detail: `berubah: editorCredit; status ${before.status} → ${after.status}` });
  }
  if (opts.reason === 'restore') await recordAudit(ctx, after, 'restored');

  const contentChanged = JSON.stringify(contentOf(before)) !== JSON.stringify(contentOf(after));
  if (opts.reason === 'version_restore' || contentChanged || before.status !== after.status) {
    // The post is saved: a failed version write is logged, never lost work.
    const reason = opts.reason === 'version_restore' ? 'restore' : before.status !== after.status ? 'status' : 'edit';
    await recordVersion(ctx, after, reason, opts.restoredFrom ?? null).catch((err) => ctx.log('version history: could not record', after.id, err));
  }
  return after;
}

/**
 * Publishing steps of a post (queued → scheduled, sent → published), used by
 * the queue handlers and the outbox alike. A post that is gone, trashed or
 * no longer approved is left as it is.
 */
export async function markPostStatus(ctx: HandlerContext, postId: string, status: 'scheduled' | 'published'): Promise<void> {
  const p = ctx.store.posts.get(postId);
  if (!p || p.deletedAt || p.status === status) return;
  if (status === 'scheduled' && p.status !== 'approved') return;
  await savePost(ctx, p, { status }, { reason: 'transition' });
}
