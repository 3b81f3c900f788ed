import type { Channel } from '@shared/domain/post';
import { CHANNELS } from '@shared/domain/post';
import type { HandlerContext } from '@core/deps';

/** A job of the outbox as Beranda needs it. */
export interface JobLite {
  id: string;
  postId: string;
  channel: Channel;
  state: string;
  scheduledAt: string | null;
  createdAt: string | null;
  title: string;
}

interface AnyCollection {
  all(): unknown[];
}

function collection(ctx: HandlerContext, name: string): AnyCollection | null {
  const c = (ctx.store.collections as unknown as Record<string, AnyCollection | undefined>)[name];
  return c && typeof c.all === 'function' ? c : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * The outbox's jobs, read defensively: the publishing feature owns the
 * collection and its schema, so only the fields Beranda needs are picked,
 * and an absent collection means "not available yet".
 */
export function readJobs(ctx: HandlerContext): JobLite[] | null {
  const c = collection(ctx, 'jobs');
  if (!c) return null;
  const out: JobLite[] = [];
  for (const raw of c.all()) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const channel = str(r.channel);
    const id = str(r.id);
    const state = str(r.state);
    if (!id || !state || !channel || !(CHANNELS as readonly string[]).includes(channel)) continue;
    const payload = (r.payload && typeof r.payload === 'object' ? r.payload : {}) as Record<string, unknown>;
    out.push({
      id,
      postId: str(r.postId) ?? '',
      channel: channel as Channel,
      state,
      scheduledAt: str(r.scheduledAt),
      createdAt: str(r.createdAt),
      title: str(payload.title) ?? '',
    });
  }
  return out;
}

export interface ReviewEvent {
  entityId: string;
  type: 'submitted' | 'approved';
  at: string;
}

/** Submitted/approved events of the review feature's audit trail. */
export function readReviewEvents(ctx: HandlerContext): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  // From the audit trails' summaries: no trail is read.
  for (const t of ctx.store.collections.audit.summaries()) for (const r of t.reviews) out.push({ entityId: t.postId, type: r.type, at: r.at });
  return out;
}
