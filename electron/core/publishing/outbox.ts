import { promises as fsp } from 'node:fs';
import { markPostStatus } from '@core/posts/post-writes';
import path from 'node:path';
import type { Channel } from '@shared/domain/post';
import { afterRefusal } from '@shared/publishing/site-images';
import { BACKOFF, backoffDelay, isDue, isMissedSlot, type Job } from '@shared/publishing/job';
import type { HandlerContext } from '@core/deps';
import { isReviewCopy } from '@core/review/state';
import { PublishError, type Fetcher } from './http';
import { claimJob, connectionWithSecret, defaultPublishers, recordPublication, saveJob, type LogInput } from './jobs';
import type { Publisher } from './publisher';
import type { SecretStore } from './secrets';

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

export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

/**
 * The outbox: sends due jobs, persists every step, and resumes after a
 * restart.
 *
 * Never twice, on every path:
 * - one round at a time: rounds are chained, and a single scheduler loop
 *   runs them; actions (schedule, resolve, a saved connection) only wake it;
 * - a job is claimed atomically (due check and "sending" with no await in
 *   between, "sending → sending" refused), so two senders never share a job;
 * - a job whose last request has an unknown outcome keeps an "intent", so
 *   the publisher looks on the channel before sending again (wordpress.ts);
 *   a new job for the same post and channel inherits it (inheritIdentity).
 */
export class Outbox {
  private timer: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, Promise<void>>();
  private readonly online: Record<string, boolean | null> = {};
  private startedAt: Date | null = null;
  /** The scheduler loop while it runs; `wanted` asks it for one more round. */
  private loop: Promise<void> | null = null;
  private wanted = false;
  /** The last round: the next one starts only after it settles. */
  private round: Promise<void> = Promise.resolve();
  private stopped = true;
  readonly publishers: Partial<Record<Channel, Publisher>>;

  constructor(
    private readonly ctx: HandlerContext,
    private readonly secrets: SecretStore,
    private readonly opts: OutboxOptions = {},
  ) {
    this.publishers = opts.publishers ?? defaultPublishers(opts.fetcher);
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
    if (opts.poll !== false) this.wake();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.loop;
    await this.round;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Look for due jobs now (after the user queued something or came back online): wakes the loop, never starts a second one. */
  kick(): void {
    if (!this.stopped) this.wake();
  }

  private wake(): void {
    this.wanted = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.loop || this.stopped) return;
    this.loop = (async () => {
      try {
        while (this.wanted && !this.stopped) {
          this.wanted = false;
          await this.tick();
        }
      } catch (err) {
        this.ctx.log('outbox round failed', err);
      } finally {
        this.loop = null;
        if (!this.stopped) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.wake();
          }, this.opts.tickMs ?? 2000);
        }
      }
    })();
  }

  private async recover(): Promise<void> {
    const now = this.ctx.store.now();
    for (const job of this.jobs.all()) {
      if (job.state === 'sending') {
        await saveJob(this.ctx, job.id, {
          state: 'queued',
          nextAttemptAt: null,
        }, [
          {
            code: job.intents.length ? 'resumed_check' : 'resumed',
            action: 'resumed after restart',
            outcome: 'info',
            detail: job.intents.length
              ? `interrupted mid-request (${job.intents.join(', ')}): will check the channel before sending again`
              : 'interrupted: continuing',
          },
        ]);
      } else if (isMissedSlot(job, now)) {
        await saveJob(this.ctx, job.id, {
          state: 'needs_action',
          needsAction: { reason: 'missed_slot', message: `slot ${job.scheduledAt} passed while Redaksi was closed` },
        }, [{ code: 'missed_slot', action: 'missed slot', outcome: 'info', detail: 'not sent silently: asking the user' }]);
      }
    }
  }

  /**
   * Send every due job once (tests and benchmarks call this directly). Rounds
   * never overlap: a call while one runs starts after it settles.
   */
  tick(): Promise<void> {
    const next = this.round.then(() => this.runRound());
    this.round = next.catch(() => undefined);
    return next;
  }

  private async runRound(): Promise<void> {
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
        const p = this.runJob(job.id)
          .catch((err) => this.ctx.log(`outbox: job ${job.id}`, err))
          .finally(() => this.running.delete(job.id));
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

  private setState(job: Job, state: Job['state'], patch: Partial<Job>, entry: LogInput): Promise<Job> {
    return saveJob(this.ctx, job.id, { ...patch, state }, [entry]);
  }

  private async runJob(id: string): Promise<void> {
    let job = this.jobs.get(id);
    const now = () => this.ctx.store.now();
    if (!job || !isDue(job, now())) return;
    // Team sync: a job queued on another PC is sent by that PC only (or after an explicit take-over).
    const sync = this.ctx.services.sync;
    if (sync && !(await sync.maySend(job))) return;
    if (isReviewCopy(this.ctx, job.postId)) {
      // The editor's copy of another OPD's post: it is reviewed here, but only its own Redaksi may publish it.
      await saveJob(this.ctx, job.id, { state: 'needs_action', needsAction: { reason: 'review_copy', message: 'this post is a review copy from another Redaksi: only its author can publish it' } }, [
        { code: 'review_copy', action: 'refused: review copy', outcome: 'error', detail: 'the post arrived in a review file; it is not sent from this Redaksi' },
      ], { from: ['queued'] });
      return;
    }
    const publisher = this.publishers[job.channel];
    const conn = job.connectionId ? this.ctx.store.collections.connections.get(job.connectionId) : undefined;
    if (!publisher || !conn) {
      await this.setState(job, 'needs_action', { needsAction: { reason: 'no_connection', message: 'no connection for this channel' } }, {
        code: 'no_connection',
        action: 'check connection',
        outcome: 'error',
        detail: 'no connection configured for this channel',
        status: null,
        remoteId: null,
        url: null,
      });
      return;
    }
    let secret: string | null;
    try {
      secret = await this.secrets.get(conn.id);
    } catch (err) {
      // Stored but cannot be opened (damaged, or sealed on another PC): only a fresh password helps.
      await this.setState(job, 'needs_action', { needsAction: { reason: 'auth', message: 'the saved password of this connection cannot be opened: enter it again' } }, {
        code: 'secret_unreadable',
        action: 'read credentials',
        outcome: 'error',
        detail: `${(err as Error).message} (re-enter it in Antrean → Koneksi)`.slice(0, 1000),
      });
      return;
    }
    // Sealed under a PIN and not opened yet in this run: wait (no attempt, no state change) for an admin's or editor's sign-in.
    if (!secret && (await this.secrets.state?.(conn.id)) === 'locked') return;
    if (!secret) {
      await this.setState(job, 'needs_action', { needsAction: { reason: 'auth', message: 'the password of this connection is not saved' } }, {
        code: 'secret_missing',
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
        await saveJob(this.ctx, job.id, { nextAttemptAt: new Date(now().getTime() + (this.opts.offlineRetryMs ?? 5000)).toISOString() }, [], { from: ['queued'] });
        return;
      }
    }

    // The awaits above (secret, probe) gave the user time to cancel or reschedule: claim only if still due.
    const claim = claimJob(
      this.ctx,
      id,
      now(),
      (j) => ({ attempts: j.attempts + 1, nextAttemptAt: null, lastError: null }),
      (j) => ({ code: j.intents.length ? 'attempt_check' : 'attempt', params: { n: j.attempts + 1 }, action: `attempt ${j.attempts + 1}`, outcome: 'info', detail: j.intents.length ? `checking first: ${j.intents.join(', ')}` : 'sending' }),
    );
    if (!claim) return;
    job = await claim;
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
        current = await saveJob(this.ctx, current.id, { remote: changed.remote, intents: changed.intents });
      },
      connectionFor: (channel: Channel) => connectionWithSecret(this.ctx, this.secrets, channel),
      saveSecret: async (value: string) => {
        await this.secrets.set(conn.id, value);
        run.secret = value;
      },
      log: async (entry: LogInput) => {
        current = await saveJob(this.ctx, current.id, {}, [entry]);
      },
      noteRefused: async (mime: string) => {
        const latest = this.ctx.store.collections.connections.get(conn.id);
        if (!latest || latest.channel !== 'website') return;
        const at = now().toISOString();
        await this.ctx.store.collections.connections.put({ ...latest, imageTypes: afterRefusal(latest, mime, at), rev: latest.rev + 1, updatedAt: at });
      },
    };

    try {
      // Social posts are created by their last request: a remote id taken over from an unfinished job means it is out.
      const res =
        current.channel !== 'website' && current.remote.postId && !current.isUpdate && !current.intents.includes('post')
          ? { remoteId: current.remote.postId, url: current.remote.url ?? '', remoteStatus: 'publish' }
          : await publisher.publish(run);
      this.online[conn.id] = true;
      const isPublic = res.remoteStatus === 'publish' || res.remoteStatus === 'future';
      const publishedAt = res.remoteStatus === 'future' && current.scheduledAt ? current.scheduledAt : now().toISOString();
      let publicationId: string | null = null;
      if (isPublic && !current.isUpdate) publicationId = await recordPublication(this.ctx, current, res.url, publishedAt, 'outbox');
      await this.setState(current, 'published', { publishedAt, publicationId, remote: { ...current.remote, url: res.url, postId: res.remoteId }, intents: [] }, {
        code: res.remoteStatus === 'future' ? 'published_scheduled' : 'published',
        action: 'published',
        outcome: 'ok',
        detail: `remote status ${res.remoteStatus}`,
        status: null,
        remoteId: res.remoteId,
        url: res.url,
      });
      await markPostStatus(this.ctx, current.postId, 'published');
    } catch (err) {
      await this.fail(current, err, conn.id);
    }
  }

  private async fail(job: Job, err: unknown, connId: string): Promise<void> {
    const now = this.ctx.store.now();
    const e = err instanceof PublishError ? err : new PublishError('rejected', (err as Error)?.message ?? String(err), { code: 'internal' });
    const entry = { code: `failed_${e.kind}`, action: 'attempt failed', outcome: e.kind === 'unknown' ? ('unknown' as const) : ('error' as const), detail: e.message.slice(0, 1000), status: e.extra.status ?? null, remoteId: null, url: null };
    const lastError = { code: e.extra.code ?? e.kind, message: e.message.slice(0, 1000) };
    const latest = this.jobs.get(job.id) ?? job;
    if (e.extra.code === 'on_site') {
      // Nothing was created: the admin decides whether it is the same article (link it) or a new one.
      await this.setState(latest, 'needs_action', { attempts: Math.max(0, latest.attempts - 1), lastError, needsAction: { reason: 'on_site', message: e.message.slice(0, 1000) } }, entry);
      return;
    }
    switch (e.kind) {
      case 'offline':
        this.online[connId] = false;
        // The request never left: this was not an attempt.
        await this.setState(latest, 'queued', { attempts: Math.max(0, latest.attempts - 1), lastError, nextAttemptAt: new Date(now.getTime() + (this.opts.offlineRetryMs ?? 5000)).toISOString() }, { ...entry, code: 'offline', action: 'offline: waiting for the connection' });
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
}
