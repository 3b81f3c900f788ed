import { ApiError } from '@shared/api/errors';
import type { Channel } from '@shared/domain/post';
import type { Connection } from '@shared/publishing/connection';
import { canTransition, isDue, publicationIdOf, type AttemptLog, type Job, type JobState } from '@shared/publishing/job';
import type { Publication } from '@shared/publishing/publication';
import type { HandlerContext } from '@core/deps';
import type { Fetcher } from './http';
import type { Publisher } from './publisher';
import type { SecretStore } from './secrets';
import { wordpressPublisher } from './wordpress';
import { xPublisher } from './x';
import { facebookPublisher } from './facebook';
import { instagramPublisher } from './instagram';

/**
 * The one write path of outbox jobs, used by the queue handlers and the
 * outbox alike (Joplin's BaseModel.save pattern): it re-reads the stored
 * record, checks the state transition, stamps rev/updatedAt and appends the
 * log. Its synchronous part (read → check → in-memory put) runs without an
 * await, so two callers can never both move a job out of the same state.
 */

const LOG_MAX = 500;

export type LogInput = Partial<Omit<AttemptLog, 'at'>> & Pick<AttemptLog, 'action' | 'outcome'>;

export function logEntry(at: Date, e: LogInput): AttemptLog {
  return { at: at.toISOString(), detail: '', status: null, remoteId: null, url: null, ...e };
}

export function saveJob(ctx: HandlerContext, id: string, patch: Partial<Job>, entries: LogInput[] = [], opts: { from?: readonly JobState[] } = {}): Promise<Job> {
  const jobs = ctx.store.collections.jobs;
  const current = jobs.get(id);
  if (!current) return Promise.reject(new ApiError('not_found', `job ${id} not found`, { params: { id } }));
  if ((opts.from && !opts.from.includes(current.state)) || (patch.state && !canTransition(current.state, patch.state))) {
    return Promise.reject(new ApiError('conflict', `job ${id} is ${current.state}${patch.state ? `: → ${patch.state} not allowed` : ''}`, { params: { id, reason: 'job_state', state: current.state } }));
  }
  const now = ctx.store.now();
  const log = entries.length ? [...current.log, ...entries.map((e) => logEntry(now, e))].slice(-LOG_MAX) : current.log;
  const next: Job = { ...current, ...patch, id, log, rev: current.rev + 1, updatedAt: now.toISOString() };
  return jobs.put(next).then(() => next);
}

/** Store a new job (the only other write of the jobs collection). */
export async function createJob(ctx: HandlerContext, job: Job): Promise<Job> {
  if (ctx.store.collections.jobs.get(job.id)) throw new ApiError('conflict', `job ${job.id} exists`, { params: { id: job.id } });
  // With team sync, the PC that queues a job is the one that sends it.
  const owned: Job = { ...job, ownerPc: job.ownerPc ?? ctx.services.sync?.pcId ?? null };
  await ctx.store.collections.jobs.put(owned);
  return owned;
}

/**
 * Atomically take a due job for sending: the due check and the move to
 * "sending" happen with no await between them. Null when it is not due any
 * more (sent, cancelled, rescheduled or claimed meanwhile).
 */
export function claimJob(ctx: HandlerContext, id: string, now: Date, patch: (j: Job) => Partial<Job>, entry: (j: Job) => LogInput): Promise<Job> | null {
  const current = ctx.store.collections.jobs.get(id);
  if (!current || !isDue(current, now)) return null;
  return saveJob(ctx, id, { ...patch(current), state: 'sending' }, [entry(current)], { from: ['queued'] });
}

/** The connection jobs of a channel go through: the oldest with a saved secret. */
export function connectionFor(ctx: HandlerContext, channel: Channel): Connection | undefined {
  return ctx.store.collections.connections
    .all()
    .filter((c) => c.channel === channel && c.hasSecret)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
}

export async function connectionWithSecret(ctx: HandlerContext, secrets: SecretStore, channel: Channel): Promise<{ connection: Connection; secret: string } | null> {
  const c = connectionFor(ctx, channel);
  const s = c ? await secrets.get(c.id) : null;
  return c && s ? { connection: c, secret: s } : null;
}

/** The publishers of the API channels (one construction site). */
export function defaultPublishers(fetcher?: Fetcher): Partial<Record<Channel, Publisher>> {
  return { website: wordpressPublisher(fetcher), x: xPublisher(fetcher), facebook: facebookPublisher(fetcher), instagram: instagramPublisher(fetcher) };
}

/** One publication per job, whatever the crashes or who records it (outbox or "Tandai sudah tayang"). */
export async function recordPublication(ctx: HandlerContext, job: Job, url: string, publishedAt: string, source: Publication['source'], actorId: string | null = null): Promise<string> {
  const id = publicationIdOf(job.id);
  if (ctx.store.collections.publications.get(id)) return id;
  const at = ctx.store.now().toISOString();
  await ctx.store.collections.publications.put({
    id,
    createdAt: at,
    updatedAt: at,
    rev: 1,
    postId: job.postId,
    cardId: null,
    channel: job.channel,
    publishedAt,
    url,
    source,
    actorId,
    title: job.payload.title.slice(0, 300),
    category: job.payload.category.slice(0, 100),
  });
  return id;
}

