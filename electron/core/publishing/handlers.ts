import { ApiError } from '@shared/api/errors';
import { QUEUE_POSTS_PAGE, publishingContract, type JobSummary, type QueuePostSummary, type VariantsResult } from '@shared/api/contracts/publishing';
import type { Channel, Post } from '@shared/domain/post';
import { creditKey, mappedAuthor, normaliseSiteUrl, type Connection, type ConnectionTestResult } from '@shared/publishing/connection';
import { hasPublisher, inheritIdentity, isOpen, wpSlug, type Job } from '@shared/publishing/job';
import { nextFreeSlot } from '@shared/publishing/schedule';
import { checkVariant, variantsFor } from '@shared/publishing/variants';
import { canQueue } from '@shared/review/rules';
import { wordpressBlocks } from '@core/html/wp-blocks';
import { exportBatch, exportPostZip, importPostZip } from './exports';
import { materialise, mediaCandidates } from './media-source';
import { chosenMedia, plannedMedia } from '@shared/publishing/media-choice';
import { connectionFor, connectionWithSecret, createJob, defaultPublishers, logEntry, recordPublication, saveJob } from './jobs';
import { findOnSite, sitePostById, siteUsers } from './wordpress';
import { PublishError } from './http';
import type { Outbox } from './outbox';
import { MemorySecretStore, type SecretStore } from './secrets';
import { isReviewCopy } from '@core/review/state';
import { newId } from '@core/store/store';
import { postSearch } from '@core/store/post-search';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';
import type { InputOf } from '@shared/api/contract';
import { cancelXAuth, revokeXToken, startXAuth, xAuthStatus } from './x-authorize';
import { parseXSecret, serialiseXTokens } from './x-oauth';
import { markPostStatus, savePost } from '@core/posts/post-writes';
import { jobsByPost } from './jobs-by-post';

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

/** Channels the outbox can send to now (a connection with a saved secret). */
function connectedChannels(ctx: HandlerContext): Channel[] {
  return [...new Set(ctx.store.collections.connections.all().filter((c) => c.hasSecret).map((c) => c.channel))];
}

async function variantsResult(ctx: HandlerContext, post: Post): Promise<VariantsResult> {
  const variants = variantsFor(post, ctx.store.workspace, connectedChannels(ctx));
  const { order, byId } = await mediaCandidates(ctx, post, variants.flatMap((v) => v.mediaIds));
  const jobs = jobsByPost(ctx.store)
    .of(post.id)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .map(summarizeJob);
  const taken = ctx.store.collections.jobs
    .all()
    .filter((j) => isOpen(j.state) && j.scheduledAt)
    .map((j) => j.scheduledAt!);
  const suggestedAt = nextFreeSlot(ctx.store.now(), ctx.store.workspace.opd.timeZone, taken).at;
  const site = connectionFor(ctx, 'website');
  const credit = post.authorCredit.trim();
  const websiteAuthor = site && credit ? { credit, wpName: mappedAuthor(site, credit)?.wpName ?? null, fallback: site.username } : null;
  return { post, variants, photos: byId, candidates: order, jobs, suggestedAt, websiteAuthor };
}

async function websiteConnection(ctx: HandlerContext, id: string): Promise<{ conn: Connection; secret: string }> {
  const conn = ctx.store.collections.connections.get(id);
  if (!conn || conn.channel !== 'website') throw new ApiError('not_found', 'website connection not found', { params: { id } });
  const secret = await secretsOf(ctx)
    .get(id)
    .catch(() => null);
  if (!secret) throw new ApiError('conflict', 'the password of this connection is not available', { params: { reason: 'no_connection' } });
  return { conn, secret };
}

/** A call to the site for a settings screen: its failure is a clear refusal, not an internal error. */
async function readSite<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const kind = err instanceof PublishError ? err.kind : 'unknown';
    throw new ApiError('conflict', `cannot read the site: ${(err as Error).message}`, { params: { reason: kind === 'auth' ? 'site_auth' : 'site_unreachable' } });
  }
}

/** The one write of a connection and its secret (the form and "Sambungkan akun X" alike); waiting jobs of its channel go again. */
async function saveConnection(ctx: HandlerContext, input: InputOf<'connections.save'>): Promise<Connection> {
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
    // The author map names users of one site: it stays with the site, not with a new address.
    ...(existing?.authors && existing.baseUrl === baseUrl ? { authors: existing.authors } : {}),
    // What the site takes belongs to its address and user: another one is asked again (Tes koneksi).
    ...(existing?.imageTypes && existing.baseUrl === baseUrl && existing.username === input.username ? { imageTypes: existing.imageTypes } : {}),
  };
  await ctx.store.collections.connections.put(conn);
  // Jobs that waited for a connection or a password can go now.
  for (const j of ctx.store.collections.jobs.all()) {
    if (j.channel === conn.channel && (j.state === 'needs_action' && (j.needsAction?.reason === 'no_connection' || j.needsAction?.reason === 'auth'))) {
      await saveJob(ctx, j.id, { state: 'queued', connectionId: id, mode: 'api', needsAction: null, nextAttemptAt: null }, [{ code: 'connection_updated', action: 'connection updated: queued again', outcome: 'info' }]);
    } else if (j.channel === conn.channel && j.state === 'queued' && j.mode === 'manual' && hasPublisher(j.channel) && hasSecret) {
      await saveJob(ctx, j.id, { connectionId: id, mode: 'api' }, [{ code: 'connection_added', action: 'connection added: will be sent by the outbox', outcome: 'info' }], { from: ['queued'] });
    }
  }
  outboxOf(ctx)?.kick();
  return conn;
}

function websiteJobs(ctx: HandlerContext, postId: string): Job[] {
  return jobsByPost(ctx.store)
    .of(postId)
    .filter((j) => j.channel === 'website');
}

/** Bounds of publishing.overview: open jobs (the outbox's work), the newest finished ones, and one calendar window. */
const OPEN_JOBS_LIMIT = 200;
const RECENT_JOBS = 30;
const WINDOW_LIMIT = 300;

function clientKey(): string {
  return newId().replace(/-/g, '').slice(0, 12).toLowerCase();
}

export const queueHandlers: HandlersFor<typeof publishingContract> = {
  async 'publishing.overview'(input, ctx) {
    // Polled every 2 s by the Antrean area: the answer is bounded whatever the store holds (issue 22).
    const allJobs = ctx.store.collections.jobs.all();
    const perPost = jobsByPost(ctx.store);
    const ready = postSearch(ctx.store)
      .newestFirst()
      .filter((p) => !p.deletedAt && (p.status === 'approved' || p.status === 'scheduled' || p.status === 'published'));
    const offset = input.postsOffset ?? 0;
    const posts: QueuePostSummary[] = ready
      .slice(offset, offset + (input.postsLimit ?? QUEUE_POSTS_PAGE))
      .map((p) => ({ id: p.id, title: p.title, status: p.status, category: p.category, updatedAt: p.updatedAt, queueable: isQueueable(p), jobCount: perPost.countLive(p.id) }));

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
    const connections = ctx.store.collections.connections.all().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    return {
      posts,
      postsTotal: ready.length,
      jobs,
      jobsOmitted: open.length - keptOpen.length,
      connections,
      publications,
      outbox: ob ? { running: ob.status().running, online: ob.status().online } : { running: false, online: {} },
      secrets: {
        kind: secrets.kind,
        unavailable: secrets.unavailableReason(),
        locked: secrets.isOpen ? !secrets.isOpen() : false,
        memoryOnly: secrets.memoryOnly?.() ?? 0,
        states: Object.fromEntries(await Promise.all(connections.filter((c) => c.hasSecret).map(async (c) => [c.id, secrets.state ? await secrets.state(c.id) : 'ok'] as const))),
      },
    };
  },

  async 'publishing.job'({ id }, ctx) {
    return requireJob(ctx, id);
  },

  async 'publishing.variants'({ postId }, ctx) {
    return await variantsResult(ctx, requirePost(ctx, postId));
  },

  async 'publishing.saveVariants'({ postId, baseRev, variants }, ctx) {
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
    return await variantsResult(ctx, next);
  },

  async 'publishing.schedule'({ postId, channels, scheduledAt, wpStatus, newOnSite }, ctx) {
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
    const jobs = jobsByPost(ctx.store).of(postId);
    const available = (await mediaCandidates(ctx, post, variants.flatMap((v) => v.mediaIds))).byId;
    // Check everything before writing anything: a schedule is all or nothing.
    for (const channel of channels) {
      const v = variants.find((x) => x.channel === channel)!;
      const imgs = chosenMedia(v.mediaIds, available).map((m) => plannedMedia(channel, m));
      const check = checkVariant(channel, v.text, imgs, { title: post.title, excerpt: v.text, category: post.category, tags: post.tags });
      if (!check.ok) {
        const first = check.findings.find((f) => f.level === 'error')!;
        throw new ApiError('conflict', `${channel} variant has errors: ${first.code}`, { params: { reason: 'variant_invalid', channel, code: first.code } });
      }
      if (jobs.some((j) => j.channel === channel && j.state === 'sending')) {
        throw new ApiError('conflict', `${channel} is being sent`, { params: { reason: 'job_sending', channel } });
      }
    }
    const out: JobSummary[] = [];
    for (const channel of channels) {
      const v = variants.find((x) => x.channel === channel)!;
      const media = [];
      // In the order the admin set (the Instagram carousel's order).
      for (const m of chosenMedia(v.mediaIds, available)) media.push(await materialise(ctx, m.id, channel));
      const conn = hasPublisher(channel) ? connectionFor(ctx, channel) : undefined;
      const ofChannel = () =>
        jobsByPost(ctx.store)
          .of(postId)
          .filter((j) => j.channel === channel);
      // saveJob refuses to cancel a job being sent (sending → cancelled): the whole schedule then fails as a conflict.
      for (const old of ofChannel().filter((j) => isOpen(j.state))) {
        await saveJob(ctx, old.id, { state: 'cancelled' }, [{ code: 'replaced', action: 'replaced by a new schedule', outcome: 'info' }]);
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
        ...(channel === 'website' && newOnSite ? { createConfirmed: true } : {}),
        clientKey: identity.clientKey ?? clientKey(),
        payload: {
          title: post.title,
          text: v.text,
          // Block markup the block editor opens as blocks; images are added by the publisher once they have ids.
          html: channel === 'website' ? await wordpressBlocks(post, ws) : '',
          excerpt: channel === 'website' ? v.text : '',
          category: post.category,
          tags: post.tags,
          media,
          featured: channel === 'website' && media.length ? 0 : null,
          ...(channel === 'website' && post.authorCredit.trim() ? { author: post.authorCredit.trim() } : {}),
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
            code: identity.isUpdate ? 'queued_update' : identity.remote.postId || identity.intents.length ? 'queued_takeover' : conn ? 'queued' : 'queued_manual',
            ...(conn ? { params: { via: conn.label || conn.baseUrl } } : {}),
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

  async 'publishing.findOnSite'({ postId }, ctx) {
    const post = requirePost(ctx, postId);
    const identity = inheritIdentity(websiteJobs(ctx, postId));
    if (identity.remote.postId) return { status: 'checked', matches: [], linked: { id: identity.remote.postId, url: identity.remote.url ?? '' }, detail: '' };
    const site = await connectionWithSecret(ctx, secretsOf(ctx), 'website');
    if (!site) return { status: 'no_connection', matches: [], linked: null, detail: '' };
    // This PC's own earlier attempt (same client key) is adopted by the publisher without asking.
    const own = identity.remote.slug ?? (identity.clientKey ? wpSlug(post.title, identity.clientKey) : null);
    try {
      return { status: 'checked', matches: await findOnSite(site.connection, site.secret, post.title, own), linked: null, detail: '' };
    } catch (err) {
      return { status: 'unreachable', matches: [], linked: null, detail: (err as Error).message.slice(0, 500) };
    }
  },

  async 'publishing.adopt'({ postId, remoteId }, ctx) {
    const post = requirePost(ctx, postId);
    if (isReviewCopy(ctx, postId)) throw new ApiError('conflict', 'a review copy from another Redaksi cannot be linked from here', { params: { id: postId, reason: 'review_copy' } });
    const site = await connectionWithSecret(ctx, secretsOf(ctx), 'website');
    if (!site) throw new ApiError('conflict', 'no website connection with a saved password', { params: { reason: 'no_connection' } });
    let found;
    try {
      found = await sitePostById(site.connection, site.secret, remoteId);
    } catch (err) {
      const kind = err instanceof PublishError ? err.kind : 'unknown';
      throw new ApiError('conflict', `cannot read the site: ${(err as Error).message}`, { params: { reason: kind === 'auth' ? 'site_auth' : 'site_unreachable' } });
    }
    if (!found) throw new ApiError('not_found', `post ${remoteId} is not on the site`, { params: { id: remoteId, reason: 'site_post_missing' } });
    const jobs = websiteJobs(ctx, postId);
    if (jobs.some((j) => j.state === 'sending')) throw new ApiError('conflict', 'website is being sent', { params: { reason: 'job_sending', channel: 'website' } });
    const linked = jobs.find((j) => j.state === 'published' && j.remote.postId);
    if (linked && linked.remote.postId !== remoteId) {
      throw new ApiError('conflict', `already linked to post ${linked.remote.postId}`, { params: { reason: 'already_linked', id: linked.remote.postId ?? '' } });
    }
    const live = found.status === 'publish' || found.status === 'future';
    const publishedAt = live && found.date && found.date <= ctx.store.now().toISOString() ? found.date : ctx.store.now().toISOString();
    const entry = { code: 'linked_existing', params: { id: String(found.id) }, action: `linked to the post already on the site (#${found.id}, ${found.status})`, outcome: 'ok' as const, detail: 'not published a second time', remoteId: found.id, url: found.link };
    const open = jobs.filter((j) => isOpen(j.state));
    let job: Job;
    if (open.length) {
      const [first, ...rest] = open;
      for (const old of rest) await saveJob(ctx, old.id, { state: 'cancelled', needsAction: null }, [{ code: 'replaced_linked', action: 'replaced: linked to the post on the site', outcome: 'info' }]);
      job = await saveJob(ctx, first.id, { state: 'published', needsAction: null, lastError: null, intents: [], publishedAt, remote: { ...first.remote, postId: found.id, url: found.link } }, [entry]);
    } else {
      const identity = inheritIdentity(jobs);
      const conn = site.connection;
      const now = ctx.store.now().toISOString();
      job = await createJob(ctx, {
        id: newId(),
        createdAt: now,
        updatedAt: now,
        rev: 1,
        postId,
        channel: 'website',
        mode: 'api',
        connectionId: conn.id,
        state: 'published',
        scheduledAt: null,
        wpStatus: 'publish',
        isUpdate: false,
        clientKey: identity.clientKey ?? clientKey(),
        payload: { title: post.title, text: '', html: '', excerpt: '', category: post.category, tags: post.tags, media: [], featured: null },
        attempts: 0,
        nextAttemptAt: null,
        remote: { ...identity.remote, postId: found.id, url: found.link },
        intents: [],
        needsAction: null,
        lastError: null,
        publishedAt,
        publicationId: null,
        log: [logEntry(ctx.store.now(), entry)],
      });
    }
    if (live) {
      // It is public: it counts once in the reports, as the admin confirmed it.
      const publicationId = await recordPublication(ctx, job, found.link, publishedAt, 'manual');
      job = await saveJob(ctx, job.id, { publicationId });
      await markPostStatus(ctx, postId, 'published');
    }
    outboxOf(ctx)?.kick();
    return summarizeJob(job);
  },

  async 'publishing.reschedule'({ jobId, scheduledAt }, ctx) {
    const job = requireJob(ctx, jobId);
    if (job.state !== 'queued' && job.state !== 'needs_action') {
      throw new ApiError('conflict', `job is ${job.state}`, { params: { id: jobId, reason: 'job_state', state: job.state } });
    }
    const next = await saveJob(ctx, job.id, { scheduledAt, state: 'queued', needsAction: null, nextAttemptAt: null }, [{ code: 'rescheduled', params: { at: scheduledAt }, action: `rescheduled to ${scheduledAt}`, outcome: 'info' }], { from: ['queued', 'needs_action'] });
    outboxOf(ctx)?.kick();
    return summarizeJob(next);
  },

  async 'publishing.resolve'({ jobId, action, scheduledAt, url, publishedAt }, ctx) {
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
          [{ code: `user_${action}`, action: `user: ${action}`, outcome: 'info' }],
          { from: ['queued', 'failed', 'unconfirmed', 'needs_action', 'cancelled'] },
        );
        break;
      case 'publish_new':
        // "Sudah ada di website?" answered: it is another article, create it.
        if (job.state !== 'needs_action' || job.needsAction?.reason !== 'on_site') throw new ApiError('conflict', `job is ${job.state}`, { params: { reason: 'job_state', state: job.state } });
        next = await saveJob(ctx, job.id, { state: 'queued', createConfirmed: true, needsAction: null, nextAttemptAt: null, lastError: null }, [{ code: 'user_publish_new', action: 'user: not the same article, publish as a new post', outcome: 'info' }], { from: ['needs_action'] });
        break;
      case 'reschedule':
        if (!scheduledAt) throw new ApiError('invalid_input', 'scheduledAt required', { params: { reason: 'time_required' } });
        next = await saveJob(ctx, job.id, { state: 'queued', scheduledAt, needsAction: null, nextAttemptAt: null }, [{ code: 'user_reschedule', params: { at: scheduledAt }, action: `user: rescheduled to ${scheduledAt}`, outcome: 'info' }]);
        break;
      case 'skip':
        next = await saveJob(ctx, job.id, { state: 'cancelled', needsAction: null }, [{ code: 'user_skip', action: 'user: skipped', outcome: 'info' }]);
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
        next = await saveJob(ctx, job.id, { state: 'published', publishedAt: wentOut, publicationId, needsAction: null, intents: [], remote: { ...job.remote, url: u } }, [{ code: 'user_mark_published', action: 'user: marked as published', outcome: 'ok', url: u, detail }]);
        await markPostStatus(ctx, job.postId, 'published');
        break;
      }
    }
    outboxOf(ctx)?.kick();
    return summarizeJob(next);
  },

  async 'publishing.kick'(_input, ctx) {
    outboxOf(ctx)?.kick();
    return { ok: true };
  },

  async 'connections.save'(input, ctx) {
    return saveConnection(ctx, input);
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
    const secrets = secretsOf(ctx);
    let secret: string | null;
    let early: ConnectionTestResult | null = null;
    try {
      secret = await secrets.get(id);
      if (!secret && (await secrets.state?.(id)) === 'locked') early = { ok: false, code: 'secret_locked', detail: '' };
    } catch (err) {
      secret = null;
      early = { ok: false, code: 'secret_unreadable', detail: (err as Error).message.slice(0, 300) };
    }
    if (early) return early;
    const publisher = (outboxOf(ctx)?.publishers ?? defaultPublishers())[conn.channel];
    if (!publisher) throw new ApiError('unsupported', 'no publisher for this channel', { params: { reason: 'no_publisher' } });
    const res = await publisher.test(conn, secret, (value) => secretsOf(ctx).set(id, value));
    let imageTypes = conn.imageTypes;
    if (res.ok && secret && publisher.imageTypes) {
      // The site works for us: ask it which image types it takes (a probe upload, deleted at once).
      try {
        imageTypes = await publisher.imageTypes(conn, secret);
      } catch (err) {
        ctx.log('image type probe', err);
      }
    }
    // The test took seconds on the network: the result goes onto the connection as it is now, and only when
    // it still names the site and user that were tested (a change saved meanwhile keeps its own, fresh state).
    const latest = ctx.store.collections.connections.get(id);
    if (latest && latest.baseUrl === conn.baseUrl && latest.username === conn.username) {
      await ctx.store.collections.connections.put({
        ...latest,
        imageTypes,
        lastTest: { at: ctx.store.now().toISOString(), ok: res.ok, code: res.code, detail: res.detail.slice(0, 500) },
        rev: latest.rev + 1,
        updatedAt: ctx.store.now().toISOString(),
      });
    }
    return res;
  },

  async 'connections.xAuthStart'({ id, label, clientId, apiBase }, ctx) {
    const existing = id ? ctx.store.collections.connections.get(id) : undefined;
    if (id && (!existing || existing.channel !== 'x')) throw new ApiError('not_found', 'X connection not found', { params: { id } });
    const why = secretsOf(ctx).unavailableReason();
    if (why) throw new ApiError('unsupported', `secrets cannot be stored: ${why}`, { params: { reason: why === 'basic_text' ? 'secrets_basic_text' : 'secrets_unavailable' } });
    const api = (apiBase?.trim() || existing?.baseUrl || process.env.REDAKSI_X_API_BASE || 'https://api.x.com').replace(/\/+$/, '');
    if (!/^https?:\/\/[^/\s]+/i.test(api)) throw new ApiError('invalid_input', 'bad X API address', { params: { reason: 'bad_url' } });
    try {
      return await startXAuth(ctx, {
        clientId,
        apiBase: api,
        authBase: process.env.REDAKSI_X_AUTH_BASE ?? (api === 'https://api.x.com' ? 'https://x.com' : api),
        onTokens: async (tokens, username) => {
          const conn = await saveConnection(ctx, { id: existing?.id, channel: 'x', label: label || existing?.label || 'X OPD', baseUrl: api, username: username ?? existing?.username ?? '', secret: serialiseXTokens(tokens) });
          return conn.id;
        },
      });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new ApiError('conflict', 'the X callback port is in use', { params: { reason: 'x_port_in_use' } });
      throw err;
    }
  },

  async 'connections.xAuthStatus'(_input, ctx) {
    return xAuthStatus(ctx);
  },

  async 'connections.xAuthCancel'(_input, ctx) {
    cancelXAuth(ctx);
    return xAuthStatus(ctx);
  },

  async 'connections.xDisconnect'({ id }, ctx) {
    const conn = ctx.store.collections.connections.get(id);
    if (!conn || conn.channel !== 'x') throw new ApiError('not_found', 'X connection not found', { params: { id } });
    if (ctx.store.collections.jobs.all().some((j) => j.connectionId === id && j.state === 'sending')) throw new ApiError('conflict', 'a job is being sent', { params: { reason: 'job_sending' } });
    const secret = await secretsOf(ctx)
      .get(id)
      .catch(() => null);
    if (secret) {
      const t = parseXSecret(secret);
      await revokeXToken(conn.baseUrl || 'https://api.x.com', t.refresh_token ?? t.access_token, t.client_id);
    }
    await secretsOf(ctx).delete(id);
    const next: Connection = { ...conn, hasSecret: false, lastTest: null, rev: conn.rev + 1, updatedAt: ctx.store.now().toISOString() };
    await ctx.store.collections.connections.put(next);
    return next;
  },

  async 'connections.wpUsers'({ id }, ctx) {
    const { conn, secret } = await websiteConnection(ctx, id);
    const { users, complete } = await readSite(() => siteUsers(conn, secret));
    const seen = new Map<string, string>();
    for (const c of [...ctx.store.workspace.team.map((m) => m.name), ...ctx.store.posts.all().filter((p) => !p.deletedAt).map((p) => p.authorCredit)]) {
      if (c.trim() && !seen.has(creditKey(c))) seen.set(creditKey(c), c.trim());
    }
    for (const a of conn.authors ?? []) if (!seen.has(creditKey(a.credit))) seen.set(creditKey(a.credit), a.credit);
    return { users, complete, credits: [...seen.values()].sort((a, b) => a.localeCompare(b, 'id')) };
  },

  async 'connections.setAuthors'({ id, authors }, ctx) {
    const { conn, secret } = await websiteConnection(ctx, id);
    const { users, complete } = await readSite(() => siteUsers(conn, secret));
    const byId = new Map(users.map((u) => [u.id, u]));
    const out: NonNullable<Connection['authors']> = [];
    const keys = new Set<string>();
    for (const a of authors) {
      const u = byId.get(a.wpUserId);
      if (!u) throw new ApiError('invalid_input', `WordPress user ${a.wpUserId} is not on the site`, { params: { reason: 'wp_user_missing', credit: a.credit, id: a.wpUserId } });
      // Contributors and subscribers cannot have published posts (WordPress roles): refuse the map instead of failing later.
      if (complete && !u.roles.some((r) => r === 'administrator' || r === 'editor' || r === 'author')) {
        throw new ApiError('invalid_input', `${u.name} cannot publish posts`, { params: { reason: 'wp_user_cannot_publish', credit: a.credit, name: u.name } });
      }
      if (keys.has(creditKey(a.credit))) continue;
      keys.add(creditKey(a.credit));
      out.push({ credit: a.credit, wpUserId: u.id, wpName: u.name });
    }
    const next: Connection = { ...conn, authors: out, rev: conn.rev + 1, updatedAt: ctx.store.now().toISOString() };
    await ctx.store.collections.connections.put(next);
    return next;
  },

  async 'publishing.exportZip'({ postId }, ctx) {
    return exportPostZip(ctx, requirePost(ctx, postId));
  },

  async 'publishing.exportBatch'({ postIds, format }, ctx) {
    return exportBatch(ctx, postIds.map((id) => requirePost(ctx, id)), format);
  },

  async 'publishing.importZip'({ dataBase64 }, ctx) {
    return importPostZip(ctx, Buffer.from(dataBase64, 'base64'));
  },
};

export type { Channel };
