import { createHash } from 'node:crypto';
import type { Post } from '../../../shared/domain/post';
import type { Actor, AuditAction, AuditEvent, Snapshot } from '../../../shared/review/model';
import { canonicalSnapshot, snapshotOf } from '../../../shared/review/rules';
import type { HandlerContext } from '../api/context';
import { newId } from '../store/store';
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

const lastEvent = new WeakMap<HandlerContext['store'], Map<string, string>>();

function lastIndex(ctx: HandlerContext): Map<string, string> {
  let m = lastEvent.get(ctx.store);
  if (!m) {
    m = new Map();
    const latest = new Map<string, AuditEvent>();
    for (const e of ctx.store.collections.audit.all()) {
      const cur = latest.get(e.postId);
      if (!cur || cur.at < e.at || (cur.at === e.at && cur.createdAt < e.createdAt)) latest.set(e.postId, e);
    }
    for (const [postId, e] of latest) m.set(postId, e.id);
    lastEvent.set(ctx.store, m);
  }
  return m;
}

export interface AuditOptions {
  actor?: Actor;
  detail?: string;
  hash?: string;
  at?: string;
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
  const index = lastIndex(ctx);
  const audit = ctx.store.collections.audit;
  if (action === 'edited') {
    const prev = audit.get(index.get(post.id) ?? '');
    if (
      prev &&
      prev.action === 'edited' &&
      prev.actorId === actor.id &&
      prev.actorName === actor.name &&
      now.getTime() - Date.parse(prev.at) < EDIT_COALESCE_MS
    ) {
      const next: AuditEvent = { ...prev, hash, at, count: prev.count + 1, updatedAt: now.toISOString(), rev: prev.rev + 1 };
      await audit.put(next);
      return next;
    }
  }
  const event: AuditEvent = {
    id: newId(),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    rev: 1,
    postId: post.id,
    actorId: actor.id,
    actorName: actor.name,
    action,
    hash,
    at,
    detail: (opts.detail ?? '').slice(0, 2000),
    count: 1,
  };
  await audit.put(event);
  index.set(post.id, event.id);
  return event;
}

export function auditOf(ctx: HandlerContext, postId: string): AuditEvent[] {
  return ctx.store.collections.audit
    .all()
    .filter((e) => e.postId === postId)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.createdAt.localeCompare(b.createdAt)));
}
