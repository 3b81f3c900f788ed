import { ApiError } from '../../../../shared/api/errors';
import { QUEUE_POSTS_PAGE, queueContract, type JobSummary, type PhotoFacts, type QueuePostSummary, type VariantsResult } from '../../../../shared/api/contracts/queue';
import type { Channel, Post } from '../../../../shared/domain/post';
import { normaliseSiteUrl, type Connection } from '../../../../shared/publishing/connection';
import { hasPublisher, inheritIdentity, isOpen, type Job } from '../../../../shared/publishing/job';
import { nextFreeSlot } from '../../../../shared/publishing/schedule';
import { checkVariant, plannedImage, variantsFor } from '../../../../shared/publishing/variants';
import { canQueue } from '../../../../shared/review/rules';
import { wordpressBlocks } from '../../html/wp-blocks';
import { exportBatch, exportPostZip, importPostZip } from '../../publishing/exports';
import { materialise } from '../../publishing/media-source';
import { connectionFor, createJob, defaultPublishers, logEntry, recordPublication, saveJob } from '../../publishing/jobs';
import type { Outbox } from '../../publishing/outbox';
import { MemorySecretStore, type SecretStore } from '../../publishing/secrets';
import { isReviewCopy } from '../../review/state';
import { newId } from '../../store/store';
import { postSearch } from '../../store/post-search';
import type { HandlerContext } from '../context';
import type { HandlersFor } from './types';
import { markPostStatus, savePost } from '../../news/post-writes';

export function secretsOf(ctx: HandlerContext): SecretStore {
  if (!ctx.services.secrets) ctx.services.secrets = new MemorySecretStore();
  return ctx.services.secrets as SecretStore;
}

function outboxOf(ctx: HandlerContext): Outbox | null {
  return (ctx.services.outbox as Outbox | undefined) ?? null;
}

function requirePost(ctx: HandlerContext, id: string): Post {
  const p = ctx.store.posts.get(id);
  if (!p || p.deletedAt) throw new ApiError('not_found', `post ${id} not found`, { params: { id } });
  return p;
}

function requireJob(ctx: HandlerContext, id: string): Job {
  const j = ctx.store.collections.jobs.get(id);
  if (!j) throw new ApiError('not_found', `job ${id} not found`, { params: { id } });
  return j;
}

/** Approved or scheduled posts (review rules), or published ones for an update. */
export function isQueueable(p: Pick<Post, 'status' | 'deletedAt'>): boolean {
  return canQueue(p) || (p.status === 'published' && !p.deletedAt);
}

export function summarizeJob(j: Job): JobSummary {
  const { log, payload, ...rest } = j;
  return { ...rest, title: payload.title, text: payload.text, mediaCount: payload.media.length, media: payload.media, lastLog: log[log.length - 1] ?? null };
}

function photoFacts(ctx: HandlerContext, ids: string[]): Record<string, PhotoFacts> {
  const out: Record<string, PhotoFacts> = {};
  for (const id of ids) {
    const p = ctx.store.collections.media.get(id);
    if (p && !p.deletedAt) out[id] = { id, width: p.width, height: p.height, altText: p.altText, caption: p.caption, sha256: p.sha256 };
  }
  return out;
}

/** Channels the outbox can send to now (a connection with a saved secret). */
function connectedChannels(ctx: HandlerContext): Channel[] {
  return [...new Set(ctx.store.collections.connections.all().filter((c) => c.hasSecret).map((c) => c.channel))];
}

function variantsResult(ctx: HandlerContext, post: Post): VariantsResult {
  const variants = variantsFor(post, ctx.store.workspace, connectedChannels(ctx));
  const ids = new Set<string>([...post.media.map((m) => m.mediaId), ...variants.flatMap((v) => v.mediaIds)]);
  const jobs = ctx.store.collections.jobs
    .all()
    .filter((j) => j.postId === post.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(summarizeJob);
  const taken = ctx.store.collections.jobs
    .all()
    .filter((j) => isOpen(j.state) && j.scheduledAt)
    .map((j) => j.scheduledAt!);
  const suggestedAt = nextFreeSlot(ctx.store.now(), ctx.store.workspace.opd.timeZone, taken).at;
  return { post, variants, photos: photoFacts(ctx, [...ids]), jobs, suggestedAt };
}

/** Bounds of queue.overview: open jobs (the outbox's work), the newest finished ones, and one calendar window. */
const OPEN_JOBS_LIMIT = 200;
const RECENT_JOBS = 30;
const WINDOW_LIMIT = 300;

function clientKey(): string {
  return newId().replace(/-/g, '').slice(0, 12).toLowerCase();
}

export const queueHandlers: HandlersFor<typeof queueContract> = {
  async 'queue.overview'(input, ctx) {
    // Polled every 2 s by the Antrean area: the answer is bounded whatever the store holds (issue 22).
    const allJobs = ctx.store.collections.jobs.all();
    const jobCount = new Map<string, number>();
    for (const j of allJobs) if (j.state !== 'cancelled') jobCount.set(j.postId, (jobCount.get(j.postId) ?? 0) + 1);
    const ready = postSearch(ctx.store)
      .newestFirst()
      .filter((p) => !p.deletedAt && (p.status === 'approved' || p.status === 'scheduled' || p.status === 'published'));
    const offset = input.postsOffset ?? 0;
    const posts: QueuePostSummary[] = ready
      .slice(offset, offset + (input.postsLimit ?? QUEUE_POSTS_PAGE))
      .map((p) => ({ id: p.id, title: p.title, status: p.status, category: p.category, updatedAt: p.updatedAt, queueable: isQueueable(p), jobCount: jobCount.get(p.id) ?? 0 }));

    const at = (j: Job) => (j.state === 'published' && j.publishedAt ? j.publishedAt : (j.scheduledAt ?? j.createdAt));
    const inWindow = (t: string) => Boolean(input.from && input.to && t >= input.from && t < input.to);
    const open = allJobs.filter((j) => isOpen(j.state)).sort((a, b) => at(a).localeCompare(at(b)));
    const keptOpen = open.slice(0, OPEN_JOBS_LIMIT);
    const finished = allJobs.filter((j) => j.state === 'published').sort((a, b) => at(b).localeCompare(at(a)));
    const picked = new Set<Job>([...keptOpen, ...finished.slice(0, RECENT_JOBS), ...allJobs.filter((j) => inWindow(at(j))).slice(0, WINDOW_LIMIT)]);
    const jobs = [...picked].sort((a, b) => (a.scheduledAt ?? a.createdAt).localeCompare(b.scheduledAt ?? b.createdAt)).map(summarizeJob);

    const pubs = ctx.store.collections.publications.all();
    const publications = (input.from && input.to ? pubs.filter((p) => inWindow(p.publishedAt)) : pubs)
      .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
      .slice(0, input.from && input.to ? WINDOW_LIMIT : RECENT_JOBS);
    const secrets = secretsOf(ctx);
    const ob = outboxOf(ctx);
    return {
      posts,
      postsTotal: ready.length,
      jobs,
      jobsOmitted: open.length - keptOpen.length,
      connections: ctx.store.collections.connections.all().sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      publications,
      outbox: ob ? { running: ob.status().running, online: ob.status().online } : { running: false, online: {} },
      secrets: { kind: secrets.kind, unavailable: secrets.unavailableReason() },
    };
  },

  async 'queue.job'({ id }, ctx) {
    return requireJob(ctx, id);
  },

  async 'queue.variants'({ postId }, ctx) {
    return variantsResult(ctx, requirePost(ctx, postId));
  },

  async 'queue.saveVariants'({ postId, baseRev, variants }, ctx) {
    const p = requirePost(ctx, postId);
    const byChannel = new Map(variants.map((v) => [v.channel, v]));
    const ws = ctx.store.workspace;
    const connected = connectedChannels(ctx);
    const defaults = variantsFor({ ...p, channelVariants: [] }, ws, connected);
    const merged = variantsFor(p, ws, connected).map((v) => byChannel.get(v.channel) ?? v);
    // Only what the admin changed is stored; an untouched channel keeps following the article.
    const custom = merged.filter((v) => JSON.stringify(v) !== JSON.stringify(defaults.find((d) => d.channel === v.channel)));
    // Channel texts are reviewed content: changing them after approval sends the post back to review.
    const next = await savePost(ctx, p, { channelVariants: custom }, { reason: 'variants', baseRev });
    return variantsResult(ctx, next);
  },

  async 'queue.schedule'({ postId, channels, scheduledAt, wpStatus }, ctx) {
    const post = requirePost(ctx, postId);
    if (!isQueueable(post)) {
      throw new ApiError('conflict', `post is ${post.status}: only approved posts can be queued`, { params: { id: postId, reason: 'not_approved', status: post.status } });
    }
    if (isReviewCopy(ctx, postId)) {
      throw new ApiError('conflict', 'a review copy from another Redaksi cannot be published from here', { params: { id: postId, reason: 'review_copy' } });
    }
    if (wpStatus === 'future' && !scheduledAt) throw new ApiError('invalid_input', 'future needs a time', { params: { reason: 'future_needs_time' } });
    const ws = ctx.store.workspace;
    const variants = variantsFor(post, ws);
    const jobs = ctx.store.collections.jobs.all();
    // Check everything before writing anything: a schedule is all or nothing.
    for (const channel of channels) {
      const v = variants.find((x) => x.channel === channel)!;
      const photos = photoFacts(ctx, v.mediaIds);
      const imgs = v.mediaIds.filter((id) => photos[id]).map((id) => plannedImage(channel, photos[id]));
      const check = checkVariant(channel, v.text, imgs, { title: post.title, excerpt: v.text, category: post.category, tags: post.tags });
      if (!check.ok) {
        const first = check.findings.find((f) => f.level === 'error')!;
        throw new ApiError('conflict', `${channel} variant has errors: ${first.code}`, { params: { reason: 'variant_invalid', channel, code: first.code } });
      }
      if (jobs.some((j) => j.postId === postId && j.channel === channel && j.state === 'sending')) {
        throw new ApiError('conflict', `${channel} is being sent`, { params: { reason: 'job_sending', channel } });
      }
    }
    const out: JobSummary[] = [];
    for (const channel of channels) {
      const v = variants.find((x) => x.channel === channel)!;
      const media = [];
      for (const id of v.mediaIds) media.push(await materialise(ctx, id, channel));
      const conn = hasPublisher(channel) ? connectionFor(ctx, channel) : undefined;
      const ofChannel = () => ctx.store.collections.jobs.all().filter((j) => j.postId === postId && j.channel === channel);
      // saveJob refuses to cancel a job being sent (sending → cancelled): the whole schedule then fails as a conflict.
      for (const old of ofChannel().filter((j) => isOpen(j.state))) {
        await saveJob(ctx, old.id, { state: 'cancelled' }, [{ action: 'replaced by a new schedule', outcome: 'info' }]);
      }
      // Read after the cancels: the client key, remote ids and unknown outcomes belong to the post and channel.
      const identity = inheritIdentity(ofChannel());
      const now = ctx.store.now().toISOString();
      const job: Job = {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        rev: 1,
        postId,
        channel,
        mode: conn ? 'api' : 'manual',
        connectionId: conn?.id ?? null,
        state: 'queued',
        scheduledAt,
        wpStatus: wpStatus ?? 'publish',
        isUpdate: identity.isUpdate,
        clientKey: identity.clientKey ?? clientKey(),
        payload: {
          title: post.title,
          text: v.text,
          // Block markup the block editor opens as blocks; images are added by the publisher once they have ids.
          html: channel === 'website' ? wordpressBlocks(post, ws) : '',
          excerpt: channel === 'website' ? v.text : '',
          category: post.category,
          tags: post.tags,
          media,
          featured: channel === 'website' && media.length ? 0 : null,
        },
        attempts: 0,
        nextAttemptAt: null,
        remote: identity.remote,
        intents: identity.intents,
        needsAction: null,
        lastError: null,
        publishedAt: null,
        publicationId: null,
        log: [
          logEntry(ctx.store.now(), {
            action: identity.isUpdate ? 'queued (update of the published post)' : identity.remote.postId || identity.intents.length ? 'queued (takes over an earlier unfinished job: checks the channel first)' : 'queued',
            outcome: 'info',
            detail: conn ? `via ${conn.label || conn.baseUrl}` : 'manual kit',
          }),
        ],
      };
      await createJob(ctx, job);
      out.push(summarizeJob(job));
    }
    await markPostStatus(ctx, postId, 'scheduled');
    outboxOf(ctx)?.kick();
    return out;
  },

  async 'queue.reschedule'({ jobId, scheduledAt }, ctx) {
    const job = requireJob(ctx, jobId);
    if (job.state !== 'queued' && job.state !== 'needs_action') {
      throw new ApiError('conflict', `job is ${job.state}`, { params: { id: jobId, reason: 'job_state', state: job.state } });
    }
    const next = await saveJob(ctx, job.id, { scheduledAt, state: 'queued', needsAction: null, nextAttemptAt: null }, [{ action: `rescheduled to ${scheduledAt}`, outcome: 'info' }], { from: ['queued', 'needs_action'] });
    outboxOf(ctx)?.kick();
    return summarizeJob(next);
  },

  async 'queue.resolve'({ jobId, action, scheduledAt, url, publishedAt }, ctx) {
    const job = requireJob(ctx, jobId);
    const now = ctx.store.now().toISOString();
    let next: Job;
    switch (action) {
      case 'send_now':
      case 'retry':
      case 'requeue':
        if (job.state === 'sending' || job.state === 'published') throw new ApiError('conflict', `job is ${job.state}`, { params: { reason: 'job_state', state: job.state } });
        next = await saveJob(
          ctx,
          job.id,
          // An unconfirmed job the user says did NOT go out: drop the intents so it is sent again.
          { state: 'queued', scheduledAt: action === 'send_now' ? now : job.scheduledAt, needsAction: null, nextAttemptAt: null, attempts: 0, intents: job.state === 'unconfirmed' ? [] : job.intents },
          [{ action: `user: ${action}`, outcome: 'info' }],
          { from: ['queued', 'failed', 'unconfirmed', 'needs_action', 'cancelled'] },
        );
        break;
      case 'reschedule':
        if (!scheduledAt) throw new ApiError('invalid_input', 'scheduledAt required', { params: { reason: 'time_required' } });
        next = await saveJob(ctx, job.id, { state: 'queued', scheduledAt, needsAction: null, nextAttemptAt: null }, [{ action: `user: rescheduled to ${scheduledAt}`, outcome: 'info' }]);
        break;
      case 'skip':
        next = await saveJob(ctx, job.id, { state: 'cancelled', needsAction: null }, [{ action: 'user: skipped', outcome: 'info' }]);
        break;
      case 'mark_published': {
        const u = (url ?? '').trim();
        if (!/^https?:\/\/\S+$/i.test(u)) throw new ApiError('invalid_input', 'a public http(s) URL is required', { params: { reason: 'url_required' } });
        if (job.state === 'published') throw new ApiError('conflict', 'already published', { params: { reason: 'job_state', state: job.state } });
        if (job.state === 'sending') throw new ApiError('conflict', 'being sent', { params: { reason: 'job_state', state: job.state } });
        // When it went out, as the user says (default now): never in the future.
        const wentOut = publishedAt ? new Date(publishedAt).toISOString() : now;
        if (wentOut > now) throw new ApiError('invalid_input', 'publication time is in the future', { params: { reason: 'published_in_future' } });
        const publicationId = await recordPublication(ctx, job, u, wentOut, 'manual');
        const detail = wentOut === now ? '' : `went out at ${wentOut}, recorded at ${now}`;
        next = await saveJob(ctx, job.id, { state: 'published', publishedAt: wentOut, publicationId, needsAction: null, intents: [], remote: { ...job.remote, url: u } }, [{ action: 'user: marked as published', outcome: 'ok', url: u, detail }]);
        await markPostStatus(ctx, job.postId, 'published');
        break;
      }
    }
    outboxOf(ctx)?.kick();
    return summarizeJob(next);
  },

  async 'queue.kick'(_input, ctx) {
    outboxOf(ctx)?.kick();
    return { ok: true };
  },

  async 'connections.save'(input, ctx) {
    const secrets = secretsOf(ctx);
    const baseUrl = input.channel === 'website' ? normaliseSiteUrl(input.baseUrl) : input.baseUrl.trim();
    if (input.channel === 'website' && !baseUrl) throw new ApiError('invalid_input', 'bad site address', { params: { reason: 'bad_url' } });
    if (input.secret !== undefined && input.secret.trim()) {
      const why = secrets.unavailableReason();
      if (why) throw new ApiError('unsupported', `secrets cannot be stored: ${why}`, { params: { reason: why === 'basic_text' ? 'secrets_basic_text' : 'secrets_unavailable' } });
    }
    const now = ctx.store.now().toISOString();
    const existing = input.id ? ctx.store.collections.connections.get(input.id) : undefined;
    if (input.id && !existing) throw new ApiError('not_found', 'connection not found', { params: { id: input.id } });
    const id = existing?.id ?? newId();
    const hasSecret = input.secret?.trim() ? true : (existing?.hasSecret ?? false);
    if (input.secret?.trim()) await secrets.set(id, input.secret.trim());
    const conn: Connection = {
      id,
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      rev: (existing?.rev ?? 0) + 1,
      channel: input.channel,
      label: input.label,
      baseUrl: baseUrl ?? '',
      username: input.username,
      hasSecret,
      lastTest: existing && existing.baseUrl === baseUrl && existing.username === input.username && !input.secret ? existing.lastTest : null,
    };
    await ctx.store.collections.connections.put(conn);
    // Jobs that waited for a connection or a password can go now.
    for (const j of ctx.store.collections.jobs.all()) {
      if (j.channel === conn.channel && (j.state === 'needs_action' && (j.needsAction?.reason === 'no_connection' || j.needsAction?.reason === 'auth'))) {
        await saveJob(ctx, j.id, { state: 'queued', connectionId: id, mode: 'api', needsAction: null, nextAttemptAt: null }, [{ action: 'connection updated: queued again', outcome: 'info' }]);
      } else if (j.channel === conn.channel && j.state === 'queued' && j.mode === 'manual' && hasPublisher(j.channel) && hasSecret) {
        await saveJob(ctx, j.id, { connectionId: id, mode: 'api' }, [{ action: 'connection added: will be sent by the outbox', outcome: 'info' }], { from: ['queued'] });
      }
    }
    outboxOf(ctx)?.kick();
    return conn;
  },

  async 'connections.delete'({ id }, ctx) {
    const conn = ctx.store.collections.connections.get(id);
    if (!conn) throw new ApiError('not_found', 'connection not found', { params: { id } });
    if (ctx.store.collections.jobs.all().some((j) => j.connectionId === id && j.state === 'sending')) {
      throw new ApiError('conflict', 'a job is being sent', { params: { reason: 'job_sending' } });
    }
    await secretsOf(ctx).delete(id);
    await ctx.store.collections.connections.delete(id);
    return { id };
  },

  async 'connections.test'({ id }, ctx) {
    const conn = ctx.store.collections.connections.get(id);
    if (!conn) throw new ApiError('not_found', 'connection not found', { params: { id } });
    const secret = await secretsOf(ctx).get(id);
    const publisher = (outboxOf(ctx)?.publishers ?? defaultPublishers())[conn.channel];
    if (!publisher) throw new ApiError('unsupported', 'no publisher for this channel', { params: { reason: 'no_publisher' } });
    const res = await publisher.test(conn, secret, (value) => secretsOf(ctx).set(id, value));
    await ctx.store.collections.connections.put({
      ...conn,
      lastTest: { at: ctx.store.now().toISOString(), ok: res.ok, code: res.code, detail: res.detail.slice(0, 500) },
      rev: conn.rev + 1,
      updatedAt: ctx.store.now().toISOString(),
    });
    return res;
  },

  async 'queue.exportZip'({ postId }, ctx) {
    return exportPostZip(ctx, requirePost(ctx, postId));
  },

  async 'queue.exportBatch'({ postIds, format }, ctx) {
    return exportBatch(ctx, postIds.map((id) => requirePost(ctx, id)), format);
  },

  async 'queue.importZip'({ dataBase64 }, ctx) {
    return importPostZip(ctx, Buffer.from(dataBase64, 'base64'));
  },
};

export type { Channel };
