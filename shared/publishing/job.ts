import { z } from 'zod';
import { recordMetaSchema } from '@shared/domain/common';
import { CHANNELS, type Channel } from '@shared/domain/post';

/**
 * One (post, channel) publish job of the outbox (collection `jobs`).
 *
 *   queued → sending → published | failed | unconfirmed | needs-action
 *
 * The job carries a snapshot of what will go out (payload), its remote
 * state (ids created on the channel, operations whose outcome is unknown)
 * and a full attempt log. Everything needed to resume after a crash is in
 * the stored record, never only in memory.
 */
export const JOB_STATES = ['queued', 'sending', 'published', 'failed', 'unconfirmed', 'needs_action', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** Channels the outbox can publish to by API; the rest always use the manual kit. */
export const API_CHANNELS = ['website', 'x', 'facebook', 'instagram'] as const satisfies readonly Channel[];
export function hasPublisher(channel: Channel): boolean {
  return (API_CHANNELS as readonly Channel[]).includes(channel);
}

export const WP_STATUSES = ['publish', 'future', 'draft', 'pending'] as const;
export type WpStatus = (typeof WP_STATUSES)[number];

export const jobMediaSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** File name inside <dataDir>/outbox/ (content-addressed). */
  file: z.string().max(120),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/avif']),
  bytes: z.number().int().nonnegative(),
  /**
   * The same picture as JPEG, for a WebP or AVIF file: sent instead when the
   * site refuses that type (WordPress before 5.8 for WebP, before 6.5 for
   * AVIF, or a plugin that limits file types), and used in exports meant for
   * any software.
   */
  fallback: z
    .object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), file: z.string().max(120), mime: z.literal('image/jpeg'), bytes: z.number().int().nonnegative() })
    .optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  alt: z.string().max(500),
  caption: z.string().max(1000),
});
export type JobMedia = z.infer<typeof jobMediaSchema>;

export const jobPayloadSchema = z.object({
  title: z.string().max(300),
  text: z.string().max(1_000_000),
  /** Website only: sanitised article HTML. */
  html: z.string().max(2_000_000),
  excerpt: z.string().max(2000),
  category: z.string().max(100),
  tags: z.array(z.string().max(60)).max(30),
  media: z.array(jobMediaSchema).max(20),
  /** Index into media of the featured image (website), or null. */
  featured: z.number().int().nonnegative().nullable(),
  /** Website: the Penulis credit, published as the WordPress user mapped to it on the connection. */
  author: z.string().max(200).optional(),
});
export type JobPayload = z.infer<typeof jobPayloadSchema>;

export const attemptLogSchema = z.object({
  at: z.iso.datetime(),
  /** What was done, e.g. "POST /wp/v2/media", "lookup post by slug", "resumed after restart". */
  action: z.string().max(300),
  outcome: z.enum(['ok', 'error', 'unknown', 'info']),
  /** Response summary or error text (never credentials). */
  detail: z.string().max(1000),
  status: z.number().int().nullable(),
  remoteId: z.string().max(200).nullable(),
  url: z.string().max(2000).nullable(),
  /**
   * What happened, for people: a catalogue code (`publishing.log.<code>`) and
   * its parameters, shown in the app's language. `action` and `detail` stay
   * as the technical trace. Lines written before codes existed have none and
   * are shown as they were stored.
   */
  code: z.string().regex(/^[a-z_]{2,60}$/).optional(),
  params: z.record(z.string().max(40), z.union([z.string().max(500), z.number()])).optional(),
});
export type AttemptLog = z.infer<typeof attemptLogSchema>;

/** 'on_site': a post that looks like this one is already on the website (published by hand or from another PC). */
export const NEEDS_ACTION_REASONS = ['missed_slot', 'auth', 'no_connection', 'rejected', 'review_copy', 'on_site'] as const;
export type NeedsActionReason = (typeof NEEDS_ACTION_REASONS)[number];

export const jobSchema = recordMetaSchema.extend({
  postId: z.string().max(64),
  channel: z.enum(CHANNELS),
  /** 'api' jobs are sent by the outbox; 'manual' jobs wait for "Tandai sudah tayang". */
  mode: z.enum(['api', 'manual']),
  connectionId: z.string().max(64).nullable(),
  state: z.enum(JOB_STATES),
  /** When it should go out; null = as soon as possible. */
  scheduledAt: z.iso.datetime().nullable(),
  wpStatus: z.enum(WP_STATUSES),
  /** Re-sends a post already on the channel (same remote id): not a new publication. */
  isUpdate: z.boolean().default(false),
  /** The admin said this is a new post on the website: no "Sudah ada di website?" lookup before creating it. */
  createConfirmed: z.boolean().optional(),
  /** Deterministic client id carried to the channel (WordPress slug suffix) so a retry can find what was created. */
  clientKey: z.string().regex(/^[a-z0-9]{8,32}$/),
  payload: jobPayloadSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.iso.datetime().nullable(),
  remote: z.object({
    postId: z.string().max(200).nullable(),
    url: z.string().max(2000).nullable(),
    media: z.record(z.string(), z.object({ id: z.string().max(200), url: z.string().max(2000) })),
    terms: z.record(z.string(), z.string().max(200)),
    /** WordPress: the slug the post was (or is being) created with, kept when the title changes later. */
    slug: z.string().max(200).nullable().optional(),
  }),
  /** Non-idempotent requests sent whose outcome is not known yet: check the channel before sending again. */
  intents: z.array(z.string().max(200)).max(50),
  needsAction: z.object({ reason: z.enum(NEEDS_ACTION_REASONS), message: z.string().max(1000) }).nullable(),
  lastError: z.object({ code: z.string().max(80), message: z.string().max(1000) }).nullable(),
  publishedAt: z.iso.datetime().nullable(),
  publicationId: z.string().max(64).nullable(),
  log: z.array(attemptLogSchema).max(500),
  /** Team sync: the PC that sends this job (only it does; another takes it over explicitly). Null before sync existed. */
  ownerPc: z.string().max(64).nullable().optional(),
});
export type Job = z.infer<typeof jobSchema>;

const TRANSITIONS: Record<JobState, readonly JobState[]> = {
  queued: ['sending', 'needs_action', 'cancelled', 'published'],
  sending: ['queued', 'published', 'failed', 'unconfirmed', 'needs_action'],
  published: ['queued'],
  failed: ['queued', 'cancelled', 'published'],
  unconfirmed: ['queued', 'published', 'cancelled'],
  needs_action: ['queued', 'cancelled', 'published'],
  cancelled: ['queued'],
};

/**
 * "sending → sending" is refused: a job is claimed by exactly one sender, and
 * a second claim of a job already being sent must fail, not pass silently.
 */
export function canTransition(from: JobState, to: JobState): boolean {
  if (from === 'sending' && to === 'sending') return false;
  return from === to || TRANSITIONS[from].includes(to);
}

/** What a new job for a post and channel takes over from the earlier jobs of the same post and channel. */
export interface RemoteIdentity {
  clientKey: string | null;
  remote: Job['remote'];
  /** Requests whose outcome nobody knows yet: the new job looks on the channel before sending again. */
  intents: string[];
  /** The post is already public on the channel: the new job updates it, it is not a new publication. */
  isUpdate: boolean;
}

/**
 * The client key and remote ids belong to the post and channel, not to one
 * job: a job re-queued after an unclear result (an open job with intents or
 * a remote id) must find what the earlier job may have created instead of
 * creating it a second time. Pure; `previous` in any order.
 */
export function inheritIdentity(previous: readonly Job[]): RemoteIdentity {
  const newestFirst = [...previous].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const oldest = newestFirst[newestFirst.length - 1];
  const withPost = newestFirst.find((j) => j.remote.postId);
  const media: Job['remote']['media'] = {};
  const terms: Job['remote']['terms'] = {};
  // Oldest first so that the newest knowledge wins.
  for (const j of [...newestFirst].reverse()) {
    Object.assign(media, j.remote.media);
    Object.assign(terms, j.remote.terms);
  }
  const source = withPost ?? newestFirst.find((j) => j.intents.length || j.attempts > 0 || j.remote.slug) ?? oldest;
  const intents = withPost ? withPost.intents.filter((i) => i !== 'post') : [...new Set(newestFirst.flatMap((j) => (j.state === 'published' ? [] : j.intents)))];
  return {
    clientKey: source?.clientKey ?? null,
    remote: {
      postId: withPost?.remote.postId ?? null,
      url: withPost?.remote.url ?? null,
      media,
      terms,
      slug: source?.remote.slug ?? null,
    },
    intents,
    isUpdate: newestFirst.some((j) => j.state === 'published' && j.remote.postId),
  };
}

/** Jobs in these states still need the outbox or the user. */
export function isOpen(state: JobState): boolean {
  return state !== 'published' && state !== 'cancelled';
}

export const BACKOFF = { baseMs: 5_000, capMs: 30 * 60_000, maxAttempts: 8 } as const;

/**
 * Delay before retry number `attempt` (1-based): exponential with full jitter
 * (AWS Architecture Blog, "Exponential Backoff And Jitter"), never shorter
 * than the channel's own Retry-After / rate-limit reset.
 */
export function backoffDelay(attempt: number, random: number, retryAfterMs: number | null = null): number {
  const ceiling = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (ceiling / 2) * Math.min(1, Math.max(0, random)));
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Rate-limit headers → milliseconds to wait. Retry-After (RFC 9110 §10.2.3:
 * seconds or an HTTP date) and x-rate-limit-reset / x-ratelimit-reset
 * (epoch seconds, X API v2 docs "Rate limits").
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: Date): number | null {
  const ra = headers.get('retry-after');
  if (ra) {
    if (/^\d+$/.test(ra.trim())) return Number(ra) * 1000;
    const t = Date.parse(ra);
    if (!Number.isNaN(t)) return Math.max(0, t - now.getTime());
  }
  const reset = headers.get('x-rate-limit-reset') ?? headers.get('x-ratelimit-reset');
  if (reset && /^\d+$/.test(reset.trim())) return Math.max(0, Number(reset) * 1000 - now.getTime());
  return null;
}

/** A queued job whose slot passed this long before the outbox started was missed (PC off): ask, never send silently. */
export const MISSED_SLOT_GRACE_MS = 10 * 60_000;

export function isMissedSlot(job: Pick<Job, 'state' | 'scheduledAt' | 'attempts' | 'mode' | 'wpStatus'>, startedAt: Date): boolean {
  if (job.state !== 'queued' || job.mode !== 'api' || !job.scheduledAt || job.attempts > 0) return false;
  if (job.wpStatus === 'future') return false;
  return Date.parse(job.scheduledAt) < startedAt.getTime() - MISSED_SLOT_GRACE_MS;
}

/** Is the job due for the outbox now? */
export function isDue(job: Job, now: Date): boolean {
  if (job.state !== 'queued' || job.mode !== 'api') return false;
  if (job.nextAttemptAt && Date.parse(job.nextAttemptAt) > now.getTime()) return false;
  // WordPress keeps 'future' posts itself: send at once so the PC may be off at the slot.
  if (job.wpStatus === 'future') return true;
  // Facebook keeps a slot 10 minutes to 30 days ahead (scheduled_publish_time): hand it over early.
  if (job.channel === 'facebook' && job.scheduledAt) {
    const ahead = Date.parse(job.scheduledAt) - now.getTime();
    if (ahead > 15 * 60_000 && ahead < 29 * 86_400_000) return true;
  }
  return !job.scheduledAt || Date.parse(job.scheduledAt) <= now.getTime();
}

/** The deterministic WordPress slug of a job: readable title + client key. */
export function wpSlug(title: string, clientKey: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${base ? `${base}-` : ''}rdk${clientKey}`;
}

/** WordPress slug of an uploaded image: one per content hash, so a retry or another post finds it. */
export function wpMediaSlug(sha256: string): string {
  return `rdk-${sha256.slice(0, 24)}`;
}

/** One publication per job, whatever the crashes: its id is derived from the job's. */
export function publicationIdOf(jobId: string): string {
  return `pub-${jobId}`.slice(0, 64);
}

export function channelLabel(channel: Channel): string {
  return { website: 'Website', facebook: 'Facebook', instagram: 'Instagram', x: 'X', whatsapp: 'Saluran WhatsApp', other: 'Lainnya' }[channel];
}
