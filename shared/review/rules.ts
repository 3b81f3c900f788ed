import type { Post, PostStatus } from '@shared/domain/post';
import type { Role } from '@shared/domain/workspace';
import { PLACEHOLDER_RE } from '@shared/posts/templates';
import { REVIEWED_FIELDS, type Decision, type Review, type ReviewedField, type Snapshot } from './model';

/**
 * The review state machine and its rules, pure. The main process applies
 * them (electron/core/review), the UI uses them to show or hide actions, and
 * the outbox asks canQueue before anything goes out.
 *
 *   draft ──submit──▶ in_review ──approve──▶ approved ──(outbox)──▶ scheduled / published
 *     ▲                 │   ▲                   │
 *     │        request changes  submit          │ edit of reviewed content
 *     │                 ▼   │                   ▼
 *     └──────────── changes_requested      in_review (re-review, diff since approval)
 */

export type ReviewAction = 'submit' | 'approve' | 'request_changes';

export type RuleResult = { ok: true } | { ok: false; reason: RefusalReason };
export type RefusalReason =
  | 'not_signed_in'
  | 'role_cannot_review'
  | 'own_post'
  | 'wrong_status'
  | 'note_required'
  | 'trashed'
  | 'conflict_open'
  | 'placeholders_left';

export const REVIEWER_ROLES: readonly Role[] = ['editor', 'admin'];

export function canReview(role: Role | null | undefined): boolean {
  return role != null && REVIEWER_ROLES.includes(role);
}

/** Statuses from which each action may start. */
const FROM: Record<ReviewAction, readonly PostStatus[]> = {
  submit: ['draft', 'changes_requested'],
  approve: ['in_review'],
  request_changes: ['in_review', 'approved'],
};
const TO: Record<ReviewAction, PostStatus> = {
  submit: 'in_review',
  approve: 'approved',
  request_changes: 'changes_requested',
};

export function nextStatus(action: ReviewAction): PostStatus {
  return TO[action];
}

export interface ActionInput {
  post: Pick<Post, 'status' | 'deletedAt'> & Partial<Pick<Post, 'title' | 'lead' | 'bodyMd' | 'category' | 'tags' | 'authorCredit' | 'photoCredits'>>;
  /** The signed-in person, or null. */
  actor: { id: string; role: Role } | null;
  /** Everyone who wrote the post (post.authorId, whoever created or submitted it). */
  authorIds: readonly (string | null | undefined)[];
  note?: string;
  /** An unresolved text conflict from a reply file blocks decisions. */
  hasConflict?: boolean;
}

/** Whether any reader-facing field still holds a template placeholder [[…]]. */
export function hasPlaceholders(post: Partial<Pick<Post, 'title' | 'lead' | 'bodyMd' | 'category' | 'tags' | 'authorCredit' | 'photoCredits'>>): boolean {
  const texts = [post.title, post.lead, post.bodyMd, post.category, post.authorCredit, post.photoCredits, ...(post.tags ?? [])];
  return texts.some((t) => typeof t === 'string' && new RegExp(PLACEHOLDER_RE.source).test(t));
}

export function checkAction(action: ReviewAction, input: ActionInput): RuleResult {
  const { post, actor } = input;
  if (post.deletedAt) return { ok: false, reason: 'trashed' };
  if (!actor) return { ok: false, reason: 'not_signed_in' };
  if (!FROM[action].includes(post.status)) return { ok: false, reason: 'wrong_status' };
  if (input.hasConflict) return { ok: false, reason: 'conflict_open' };
  // A post still holding the template's guiding text [[…]] is not ready to be read, let alone approved.
  if (action !== 'request_changes' && hasPlaceholders(post)) return { ok: false, reason: 'placeholders_left' };
  if (action === 'submit') return { ok: true };
  if (!canReview(actor.role)) return { ok: false, reason: 'role_cannot_review' };
  // Four eyes: whoever wrote the post may ask for changes to it only through comments, never approve it.
  if (action === 'approve' && input.authorIds.some((a) => a != null && a === actor.id)) {
    return { ok: false, reason: 'own_post' };
  }
  if (action === 'request_changes' && !input.note?.trim()) return { ok: false, reason: 'note_required' };
  return { ok: true };
}

export function snapshotOf(post: Pick<Post, ReviewedField>): Snapshot {
  return {
    title: post.title,
    dateline: post.dateline,
    eventDate: post.eventDate,
    lead: post.lead,
    bodyMd: post.bodyMd,
    category: post.category,
    tags: [...post.tags],
    infoClass: post.infoClass,
    authorCredit: post.authorCredit,
    photoCredits: post.photoCredits,
    media: post.media.map((m) => ({ mediaId: m.mediaId, role: m.role, caption: m.caption })),
    channelVariants: post.channelVariants.map((v) => ({
      channel: v.channel,
      enabled: v.enabled,
      text: v.text,
      mediaIds: [...v.mediaIds],
    })),
  };
}

/** Stable text of a snapshot (fixed field order): the input of the content hash. */
export function canonicalSnapshot(s: Snapshot): string {
  return JSON.stringify(REVIEWED_FIELDS.map((f) => [f, s[f]]));
}

export function changedFields(a: Snapshot, b: Snapshot): ReviewedField[] {
  return REVIEWED_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

/**
 * Status after an edit. Any change to reviewed content voids an approval
 * (also a scheduled one that has not gone out): the editor must see it again.
 */
export function statusAfterEdit(status: PostStatus, reviewedContentChanged: boolean): PostStatus {
  if (!reviewedContentChanged) return status;
  if (status === 'approved' || status === 'scheduled') return 'in_review';
  return status;
}

/**
 * What an ordinary change (not a review or publishing step) does to a post's
 * status: a change to the reviewed content, or to the Editor credit the
 * approval filled in, sends an approved or scheduled post back to review.
 * Returns the fields that changed, for the audit trail and the editor.
 */
export function reviewEffectOfChange(
  before: Pick<Post, ReviewedField | 'status' | 'editorCredit'>,
  after: Pick<Post, ReviewedField | 'editorCredit'>,
): { status: PostStatus; changed: (ReviewedField | 'editorCredit')[] } {
  const changed: (ReviewedField | 'editorCredit')[] = changedFields(snapshotOf(before), snapshotOf(after));
  if (before.editorCredit !== after.editorCredit) changed.push('editorCredit');
  return { status: statusAfterEdit(before.status, changed.length > 0), changed };
}

export function isApprovalExpired(approval: Pick<Decision, 'expiresAt'> | null | undefined, now: Date): boolean {
  return Boolean(approval?.expiresAt && Date.parse(approval.expiresAt) <= now.getTime());
}

/** Expiry instant for an approval valid `hours` hours (null = no expiry). */
export function approvalExpiry(at: Date, hours: number | null): string | null {
  if (hours == null || !(hours > 0)) return null;
  return new Date(at.getTime() + hours * 3_600_000).toISOString();
}

/**
 * Only approved content may be queued for publishing. Pass the post's
 * approval to also refuse an expired one.
 */
export function canQueue(
  post: Pick<Post, 'status' | 'deletedAt'>,
  approval?: Pick<Decision, 'expiresAt' | 'kind'> | null,
  now: Date = new Date(),
): boolean {
  if (post.deletedAt) return false;
  if (post.status !== 'approved' && post.status !== 'scheduled') return false;
  if (approval && (approval.kind !== 'approved' || isApprovalExpired(approval, now))) return false;
  return true;
}

/**
 * What a review file of this post is (issue 13, the file route): a reply
 * once an editor decided on the version last submitted (or on a copy that
 * came in an old-format request), else a request.
 */
export function reviewFileKind(review: Pick<Review, 'decision' | 'submittedAt' | 'remote'> | null): 'request' | 'reply' {
  if (!review) return 'request';
  const answered = Boolean(review.decision && (!review.submittedAt || review.decision.at >= review.submittedAt));
  return answered || review.remote ? 'reply' : 'request';
}
