import { promises as fsp } from 'node:fs';
import { markPostStatus } from '../news/post-writes';
import path from 'node:path';
import type { Channel } from '../../../shared/domain/post';
import {
  BACKOFF,
  backoffDelay,
  canTransition,
  isDue,
  isMissedSlot,
  publicationIdOf,
  type AttemptLog,
  type Job,
  type JobState,
} from '../../../shared/publishing/job';
import type { Publication } from '../../../shared/publishing/publication';
import type { HandlerContext } from '../api/context';
import { PublishError, type Fetcher } from './http';
import type { Publisher } from './publisher';
import type { SecretStore } from './secrets';
import { wordpressPublisher } from './wordpress';
import { xPublisher } from './x';
import { facebookPublisher } from './facebook';
import { instagramPublisher } from './instagram';

export interface OutboxOptions {
  publishers?: Partial<Record<Channel, Publisher>>;
  fetcher?: Fetcher;
  /** How often due jobs are looked for (ms). */
  tickMs?: number;
  /** Jobs sent at the same time (different jobs only). */
  concurrency?: number;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
  random?: () => number;
  /** Wait before probing an offline channel again (ms). */
  offlineRetryMs?: number;
}

export interface OutboxStatus {
  running: boolean;
  /** Per connection: true online, false offline, null not tried yet. */
  online: Record<string, boolean | null>;
  startedAt: string | null;
}

const LOG_MAX = 500;

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

/**
 * The outbox: sends due jobs, persists every step, and resumes after a
 * restart. One job is never sent by two workers at once; a job whose last
 * request has an unknown outcome keeps an "intent" so the publisher looks
 * on the channel before sending again (see wordpress.ts).
 */
export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, Promise<void>>();
  private readonly online: Record<string, boolean | null> = {};
  private startedAt: Date | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;
  readonly publishers: Partial<Record<Channel, Publisher>>;

  constructor(
    private readonly ctx: HandlerContext,
    private readonly secrets: SecretStore,
    private readonly opts: OutboxOptions = {},
  ) {
    this.publishers = opts.publishers ?? { website: wordpressPublisher(opts.fetcher), x: xPublisher(opts.fetcher), facebook: facebookPublisher(opts.fetcher), instagram: instagramPublisher(opts.fetcher) };
  }

  private get jobs() {
    return this.ctx.store.collections.jobs;
  }

  status(): OutboxStatus {
    return { running: !this.stopped, online: { ...this.online }, startedAt: this.startedAt?.toISOString() ?? null };
  }

  /** Recover interrupted jobs, ask about missed slots, then poll. */
  async start(opts: { poll?: boolean } = {}): Promise<void> {
    this.stopped = false;
    this.startedAt = this.ctx.store.now();
    await this.recover();
    if (opts.poll !== false) this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Look for due jobs now (after the user queued something or came back online). */
  kick(): void {
    if (!this.stopped) this.schedule(0);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.ticking = this.tick().finally(() => {
        this.ticking = null;
        this.schedule(this.opts.tickMs ?? 2000);
      });
    }, ms);
  }

  private async recover(): Promise<void> {
    const now = this.ctx.store.now();
    for (const job of this.jobs.all()) {
      if (job.state === 'sending') {
        await this.save(job, {
          state: 'queued',
          nextAttemptAt: null,
          log: [
            logEntry(now, {
              action: 'resumed after restart',
              outcome: 'info',
              detail: job.intents.length
                ? `interrupted mid-request (${job.intents.join(', ')}): will check the channel before sending again`
                : 'interrupted: continuing',
            }),
          ],
        });
      } else if (isMissedSlot(job, now)) {
        await this.save(job, {
          state: 'needs_action',
          needsAction: { reason: 'missed_slot', message: `slot ${job.scheduledAt} passed while Redaksi was closed` },
          log: [logEntry(now, { action: 'missed slot', outcome: 'info', detail: 'not sent silently: asking the user' })],
        });
      }
    }
  }

  /** Send every due job once (tests and benchmarks call this directly). */
  async tick(): Promise<void> {
    const now = this.ctx.store.now();
    const due = this.jobs
      .all()
      .filter((j) => isDue(j, now) && !this.running.has(j.id))
      .sort((a, b) => (a.scheduledAt ?? a.createdAt).localeCompare(b.scheduledAt ?? b.createdAt));
    const limit = this.opts.concurrency ?? 2;
    let i = 0;
    const worker = async () => {
      while (i < due.length && !this.stopped) {
        const job = due[i++];
        const p = this.runJob(job.id).finally(() => this.running.delete(job.id));
        this.running.set(job.id, p);
        await p;
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, due.length) }, worker));
  }

  /** Run until nothing is due (or only jobs waiting for later remain). */
  async drain(maxRounds = 1000): Promise<void> {
    for (let r = 0; r < maxRounds; r++) {
      const now = this.ctx.store.now();
      if (!this.jobs.all().some((j) => isDue(j, now))) return;
      await this.tick();
    }
  }

  private async save(job: Job, patch: Partial<Job> & { log?: AttemptLog[] }): Promise<Job> {
    const current = this.jobs.get(job.id) ?? job;
    if (patch.state && !canTransition(current.state, patch.state)) {
      throw new Error(`job ${job.id}: ${current.state} → ${patch.state} not allowed`);
    }
    const log = patch.log ? [...current.log, ...patch.log].slice(-LOG_MAX) : current.log;
    const next: Job = { ...current, ...patch, log, rev: current.rev + 1, updatedAt: this.ctx.store.now().toISOString() };
    await this.jobs.put(next);
    return next;
  }

  private async setState(job: Job, state: JobState, patch: Partial<Job>, entry: Omit<AttemptLog, 'at'>): Promise<Job> {
    return this.save(job, { ...patch, state, log: [logEntry(this.ctx.store.now(), entry)] });
  }

  private async runJob(id: string): Promise<void> {
    let job = this.jobs.get(id);
    const now = () => this.ctx.store.now();
    if (!job || !isDue(job, now())) return;
    const publisher = this.publishers[job.channel];
    const conn = job.connectionId ? this.ctx.store.collections.connections.get(job.connectionId) : undefined;
    if (!publisher || !conn) {
      await this.setState(job, 'needs_action', { needsAction: { reason: 'no_connection', message: 'no connection for this channel' } }, {
        action: 'check connection',
        outcome: 'error',
        detail: 'no connection configured for this channel',
        status: null,
        remoteId: null,
        url: null,
      });
      return;
    }
    const secret = await this.secrets.get(conn.id);
    if (!secret) {
      await this.setState(job, 'needs_action', { needsAction: { reason: 'auth', message: 'the password of this connection is not saved' } }, {
        action: 'read credentials',
        outcome: 'error',
        detail: 'no saved password/token for this connection (re-enter it in Antrean → Koneksi)',
        status: null,
        remoteId: null,
        url: null,
      });
      return;
    }
    if (this.online[conn.id] === false) {
      try {
        await publisher.probe(conn);
        this.online[conn.id] = true;
      } catch {
        await this.save(job, { nextAttemptAt: new Date(now().getTime() + (this.opts.offlineRetryMs ?? 5000)).toISOString() });
        return;
      }
    }

    job = await this.setState(job, 'sending', { attempts: job.attempts + 1, nextAttemptAt: null, lastError: null }, {
      action: `attempt ${job.attempts + 1}`,
      outcome: 'info',
      detail: job.intents.length ? `checking first: ${job.intents.join(', ')}` : 'sending',
      status: null,
      remoteId: null,
      url: null,
    });
    let current = job;
    const run = {
      get job() {
        return current;
      },
      connection: conn,
      secret,
      now,
      timeoutMs: this.opts.timeoutMs ?? 60_000,
      readMedia: async (m: { file: string }) => new Uint8Array(await fsp.readFile(path.join(outboxDir(this.ctx.dataDir), m.file))),
      update: async (change: (j: Job) => Job) => {
        const latest = this.jobs.get(current.id) ?? current;
        const changed = change(latest);
        current = await this.save(latest, { remote: changed.remote, intents: changed.intents });
      },
      connectionFor: async (channel: Channel) => {
        const c = this.ctx.store.collections.connections
          .all()
          .filter((x) => x.channel === channel && x.hasSecret)
          .sort((a, b) => a.createdAt.localeCompare(b.createdAt))[0];
        const s = c ? await this.secrets.get(c.id) : null;
        return c && s ? { connection: c, secret: s } : null;
      },
      log: async (entry: Omit<AttemptLog, 'at'>) => {
        current = await this.save(current, { log: [logEntry(now(), entry)] });
      },
    };

    try {
      const res = await publisher.publish(run);
      this.online[conn.id] = true;
      const isPublic = res.remoteStatus === 'publish' || res.remoteStatus === 'future';
      const publishedAt = res.remoteStatus === 'future' && current.scheduledAt ? current.scheduledAt : now().toISOString();
      let publicationId: string | null = null;
      if (isPublic && !current.isUpdate) publicationId = await this.recordPublication(current, res.url, publishedAt, 'outbox');
      await this.setState(current, 'published', { publishedAt, publicationId, remote: { ...current.remote, url: res.url, postId: res.remoteId }, intents: [] }, {
        action: 'published',
        outcome: 'ok',
        detail: `remote status ${res.remoteStatus}`,
        status: null,
        remoteId: res.remoteId,
        url: res.url,
      });
      await this.markPost(current.postId, 'published');
    } catch (err) {
      await this.fail(current, err, conn.id);
    }
  }

  private async fail(job: Job, err: unknown, connId: string): Promise<void> {
    const now = this.ctx.store.now();
    const e = err instanceof PublishError ? err : new PublishError('rejected', (err as Error)?.message ?? String(err), { code: 'internal' });
    const entry = { action: 'attempt failed', outcome: e.kind === 'unknown' ? ('unknown' as const) : ('error' as const), detail: e.message.slice(0, 1000), status: e.extra.status ?? null, remoteId: null, url: null };
    const lastError = { code: e.extra.code ?? e.kind, message: e.message.slice(0, 1000) };
    const latest = this.jobs.get(job.id) ?? job;
    switch (e.kind) {
      case 'offline':
        this.online[connId] = false;
        // The request never left: this was not an attempt.
        await this.setState(latest, 'queued', { attempts: Math.max(0, latest.attempts - 1), lastError, nextAttemptAt: new Date(now.getTime() + (this.opts.offlineRetryMs ?? 5000)).toISOString() }, { ...entry, action: 'offline: waiting for the connection' });
        return;
      case 'auth':
        await this.setState(latest, 'needs_action', { lastError, needsAction: { reason: 'auth', message: e.message.slice(0, 1000) } }, entry);
        return;
      case 'rejected':
        await this.setState(latest, 'failed', { lastError }, entry);
        return;
      case 'unverifiable':
        await this.setState(latest, 'unconfirmed', { lastError }, entry);
        return;
      default: {
        if (latest.attempts >= BACKOFF.maxAttempts) {
          // Out of retries: if something may have been created, say so instead of "failed".
          await this.setState(latest, latest.intents.length ? 'unconfirmed' : 'failed', { lastError }, entry);
          return;
        }
        const delay = backoffDelay(latest.attempts, (this.opts.random ?? Math.random)(), e.extra.retryAfterMs ?? null);
        await this.setState(latest, 'queued', { lastError, nextAttemptAt: new Date(now.getTime() + delay).toISOString() }, {
          ...entry,
          detail: `${entry.detail} — retry in ${Math.round(delay / 1000)} s`.slice(0, 1000),
        });
      }
    }
  }

  async recordPublication(job: Job, url: string, publishedAt: string, source: 'outbox' | 'manual', actorId: string | null = null): Promise<string> {
    const at = this.ctx.store.now().toISOString();
    const existing = this.ctx.store.collections.publications.get(publicationIdOf(job.id));
    if (existing) return existing.id;
    const pub: Publication = {
      id: publicationIdOf(job.id),
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
    };
    await this.ctx.store.collections.publications.put(pub);
    return pub.id;
  }

  async markPost(postId: string, status: 'scheduled' | 'published'): Promise<void> {
    await markPostStatus(this.ctx, postId, status);
  }
}

export function logEntry(at: Date, e: Partial<Omit<AttemptLog, 'at'>> & Pick<AttemptLog, 'action' | 'outcome'>): AttemptLog {
  return { at: at.toISOString(), detail: '', status: null, remoteId: null, url: null, ...e };
}
