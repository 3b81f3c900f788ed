import { createHash } from 'node:crypto';
import type { Post } from '@shared/domain/post';
import type { Actor, AuditAction, AuditEvent, Snapshot } from '@shared/review/model';
import { canonicalSnapshot, snapshotOf } from '@shared/review/rules';
import type { HandlerContext } from '@core/deps';
import { newId } from '@core/store/store';
import { currentActor } from './session';

export function snapshotHash(s: Snapshot): string {
  return createHash('sha256').update(canonicalSnapshot(s)).digest('hex');
}

/** sha256 of the reviewed content: the version fingerprint on audit events, packages and the approval sheet. */
export function contentHash(post: Post): string {
  return snapshotHash(snapshotOf(post));
}

/** Autosave calls posts.update every second or so: edits by one person within this window are one event. */
export const EDIT_COALESCE_MS = 15 * 60_000;

export interface AuditOptions {
  actor?: Actor;
  detail?: string;
  hash?: string;
  at?: string;
  publicationId?: string;
}

/** Appends an event to the post's trail; consecutive edits by the same person are coalesced. */
export async function recordAudit(
  ctx: HandlerContext,
  post: Post,
  action: AuditAction,
  opts: AuditOptions = {},
): Promise<AuditEvent> {
  const actor = opts.actor ?? currentActor(ctx);
  const now = ctx.store.now();
  const at = opts.at ?? now.toISOString();
  const hash = opts.hash ?? contentHash(post);
  const trail = ctx.store.collections.audit.get(post.id);
  const events = trail?.events ?? [];
  const at_ = now.toISOString();
  const save = (next: AuditEvent[]) =>
    ctx.store.collections.audit.put(
      trail
        ? { ...trail, events: next, updatedAt: at_, rev: trail.rev + 1 }
        : { id: post.id, createdAt: at_, updatedAt: at_, rev: 1, postId: post.id, events: next },
    );
  if (action === 'edited') {
    const prev = events[events.length - 1];
    if (
      prev &&
      prev.action === 'edited' &&
      prev.actorId === actor.id &&
      prev.actorName === actor.name &&
      now.getTime() - Date.parse(prev.at) < EDIT_COALESCE_MS
    ) {
      const next: AuditEvent = { ...prev, hash, at, count: prev.count + 1, updatedAt: at_, rev: prev.rev + 1 };
      await save([...events.slice(0, -1), next]);
      return next;
    }
  }
  const event: AuditEvent = {
    id: newId(),
    createdAt: at_,
    updatedAt: at_,
    rev: 1,
    postId: post.id,
    actorId: actor.id,
    actorName: actor.name,
    action,
    hash,
    at,
    detail: (opts.detail ?? '').slice(0, 2000),
    count: 1,
    ...(opts.publicationId ? { publicationId: opts.publicationId } : {}),
  };
  await save([...events, event]);
  return event;
}

export function auditOf(ctx: HandlerContext, postId: string): AuditEvent[] {
  return [...(ctx.store.collections.audit.get(postId)?.events ?? [])].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.createdAt.localeCompare(b.createdAt),
  );
}

