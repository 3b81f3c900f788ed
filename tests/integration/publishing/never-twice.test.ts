/**
 * "Never twice" on every path, against a REAL WordPress (Debian package on
 * loopback) behind a fault-injecting HTTP proxy: the final publish answer is
 * cut, the reachability check is delayed, several rounds start at once, two
 * posts share a photo, a job is re-queued after an unclear result. Each ends
 * with exactly one post and one image per picture on the site.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { importPhoto } from '@core/media/import';
import { Outbox } from '@core/publishing/outbox';
import { wpMediaSlug } from '@shared/publishing/job';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { faultProxy } from './fault-proxy';
import { PHOTOS, seedPost } from './seed';
import { startWordpress, wpAll, type WpEnv } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_PORT ?? 8165), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-twice');
const env = started.env;
if (!env) console.warn(`[never-twice integration] skipped: ${started.reason}`);
const RUN = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

type Api = Awaited<ReturnType<typeof openApi>>;
type Proxy = Awaited<ReturnType<typeof faultProxy>>;

interface WpPostLite {
  id: number;
  status: string;
  title: { raw: string };
  featured_media: number;
}

let seq = 0;
/** A photo no earlier run uploaded (its pixels carry this run's salt), so "one image" is really tested. */
async function uniquePhoto(api: Api, file: string, alt: string): Promise<string> {
  const salt = ++seq;
  const src = readFileSync(path.join(PHOTOS, file));
  const meta = await sharp(src).rotate().toBuffer({ resolveWithObject: true }).then((r) => r.info);
  // A patch in the middle (crops keep the centre) coloured by this run and photo.
  const [r, g, b] = createHash('sha256').update(`${RUN}/${salt}`).digest();
  const bytes = await sharp(src)
    .rotate()
    .composite([{ input: { create: { width: 16, height: 16, channels: 3, background: { r, g, b } } }, top: Math.round((meta.height ?? 200) / 2) - 8, left: Math.round((meta.width ?? 200) / 2) - 8 }])
    .jpeg()
    .toBuffer();
  const res = await importPhoto(api.ctx, `${alt}.jpg`, bytes);
  await api.store.collections.media.put({ ...res.photo, altText: alt, caption: `Keterangan ${alt}`, credit: 'Humas', rev: res.photo.rev + 1 });
  return res.photo.id;
}

async function connect(api: Api, proxy: Proxy, e: WpEnv) {
  return api.call('connections.save', { channel: 'website', label: 'Website dinas', baseUrl: proxy.url, username: e.user, secret: e.appPassword });
}

function outbox(api: Api, opts: ConstructorParameters<typeof Outbox>[2] = {}) {
  return new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10, timeoutMs: 20_000, ...opts });
}

async function hurry(api: Api) {
  for (const j of api.store.collections.jobs.all()) if (j.nextAttemptAt && j.state === 'queued') await api.store.collections.jobs.put({ ...j, nextAttemptAt: null, rev: j.rev + 1 });
}

async function remotePosts(e: WpEnv, title: string): Promise<WpPostLite[]> {
  const all = await wpAll<WpPostLite>(e, `/wp/v2/posts?status=draft,pending,future,publish,private&context=edit&search=${encodeURIComponent(title)}`);
  return all.filter((p) => p.title.raw === title);
}

async function imagesOf(e: WpEnv, sha: string): Promise<number> {
  const all = await wpAll<{ slug: string }>(e, '/wp/v2/media?context=edit&_fields=id,slug');
  return all.filter((m) => m.slug.startsWith(wpMediaSlug(sha))).length;
}

/** Exactly one post with this title on the site, public, with its featured image; each picture uploaded once. */
async function expectOnce(api: Api, e: WpEnv, postId: string, title: string) {
  const posts = await remotePosts(e, title);
  expect(posts.map((p) => p.status), title).toEqual(['publish']);
  const jobs = api.store.collections.jobs.all().filter((j) => j.postId === postId && j.state !== 'cancelled');
  expect(jobs.map((j) => j.state)).toEqual(['published']);
  expect(jobs[0].remote.postId).toBe(String(posts[0].id));
  for (const m of jobs[0].payload.media) expect(await imagesOf(e, m.sha256), m.sha256).toBe(1);
  expect(posts[0].featured_media).toBe(Number(jobs[0].remote.media[jobs[0].payload.media[0].sha256].id));
  expect(api.store.collections.publications.all().filter((p) => p.postId === postId)).toHaveLength(1);
}

describe.skipIf(!env)('never twice (real WordPress behind a fault-injecting proxy)', () => {
  const e = env!;
  let proxy: Proxy;
  beforeAll(async () => {
    proxy = await faultProxy(e.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('the answer to the final publish request is cut: the retry finds the post by its slug and publishes it once', async () => {
    proxy.rules.length = 0;
    proxy.seen.length = 0;
    const api = await openApi(tempDir());
    const title = `Jawaban Terputus ${RUN}`;
    const post = await seedPost(api, title, [await uniquePhoto(api, 'gps/DSCN0010.jpg', `foto putus ${RUN}`)]);
    await connect(api, proxy, e);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    // For a new post the create request is the publish request (status publish in the same call).
    proxy.rules.push({ method: 'POST', path: /\/wp\/v2\/posts$/, fault: { kind: 'cut' }, times: 1 });
    const ob = outbox(api);
    await ob.start({ poll: false });
    await ob.tick();
    const mid = api.store.collections.jobs.get(job.id)!;
    expect(mid.state).toBe('queued');
    expect(mid.lastError).not.toBeNull();
    expect(mid.intents).toContain('post');
    expect(proxy.seen.some((x) => x.status === 'cut')).toBe(true);
    await hurry(api);
    await ob.drain();
    await ob.stop();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.log.some((l) => l.action.startsWith('lookup post by slug') && l.detail.includes('adopted'))).toBe(true);
    await expectOnce(api, e, post.id, title);
  });

  it('re-queued after an unclear result (open job; answer to the create, or to an update, lost): one post', async () => {
    for (const kind of ['create', 'update'] as const) {
      proxy.rules.length = 0;
      proxy.seen.length = 0;
      const api = await openApi(tempDir());
      const title = `Antre Ulang ${kind} ${RUN}`;
      const post = await seedPost(api, title, [await uniquePhoto(api, 'camera/jolla.jpg', `foto antre ulang ${kind} ${RUN}`)]);
      await connect(api, proxy, e);
      const ob = outbox(api);
      await ob.start({ poll: false });
      if (kind === 'update') {
        await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
        await ob.drain();
        const cur = api.store.posts.get(post.id)!;
        await api.store.posts.put({ ...cur, title: `${title} koreksi`, rev: cur.rev + 1 });
      }
      const [first] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
      proxy.rules.push({ method: 'POST', path: kind === 'create' ? /\/wp\/v2\/posts$/ : /\/wp\/v2\/posts\/\d+$/, fault: { kind: 'cut' }, times: 1 });
      await ob.tick();
      expect(api.store.collections.jobs.get(first.id)!.state).toBe('queued');
      expect(proxy.seen.some((x) => x.status === 'cut')).toBe(true);
      // The admin sees "Dalam antrean" with an error, edits the title and queues the same post again.
      const cur = api.store.posts.get(post.id)!;
      await api.store.posts.put({ ...cur, title: `${title} ralat`, rev: cur.rev + 1 });
      const [second] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
      expect(api.store.collections.jobs.get(first.id)!.state).toBe('cancelled');
      expect(second.clientKey).toBe(first.clientKey);
      const before = proxy.seen.length;
      await ob.drain();
      await ob.stop();
      const done = api.store.collections.jobs.get(second.id)!;
      expect(done.state).toBe('published');
      const creates = proxy.seen.slice(before).filter((x) => x.method === 'POST' && x.path.endsWith('/wp/v2/posts'));
      expect(creates).toHaveLength(0);
      if (kind === 'create') {
        // The post's id never came back: the new job found it by the slug the first job created it with.
        expect(done.log.some((l) => l.action.startsWith('lookup post by slug') && l.detail.includes('adopted'))).toBe(true);
      } else {
        expect(done.remote.postId).toBe(first.remote.postId);
      }
      expect(await remotePosts(e, title)).toHaveLength(0);
      const posts = await remotePosts(e, `${title} ralat`);
      expect(posts.map((x) => x.status)).toEqual(['publish']);
      const open = api.store.collections.jobs.all().filter((j) => j.postId === post.id && j.state !== 'cancelled');
      expect(open.every((j) => j.state === 'published' && j.remote.postId === String(posts[0].id))).toBe(true);
      for (const m of done.payload.media) expect(await imagesOf(e, m.sha256)).toBe(1);
      // One publication: an update is not a second one.
      expect(api.store.collections.publications.all()).toHaveLength(1);
    }
  });

  it('the reachability check is delayed while several rounds start at once: each job is sent once', async () => {
    proxy.rules.length = 0;
    proxy.seen.length = 0;
    const api = await openApi(tempDir());
    const posts = [];
    for (const [i, file] of ['camera/Nikon_D70.jpg', 'gps/DSCN0010.jpg', 'camera/jolla.jpg'].entries()) {
      posts.push(await seedPost(api, `Cek Lambat ${i} ${RUN}`, [await uniquePhoto(api, file, `foto cek lambat ${i} ${RUN}`)]));
    }
    await connect(api, proxy, e);
    const ob = outbox(api, { tickMs: 5, concurrency: 1 });
    api.ctx.services.outbox = ob;
    await ob.start({ poll: false });
    // The site goes away: the jobs wait for it without using an attempt.
    await proxy.down();
    for (const p of posts) await api.call('publishing.schedule', { postId: p.id, channels: ['website'], scheduledAt: null });
    await ob.tick();
    const connId = api.store.collections.jobs.all()[0].connectionId!;
    expect(ob.status().online[connId]).toBe(false);
    await proxy.up();
    await hurry(api);
    // Back, but GET /wp-json/ (the reachability probe) answers slowly, and every action wakes the outbox.
    // The first check answers quickly, the next ones slowly: a second round would still be checking job 2 when the first round reaches it.
    proxy.rules.push({ method: 'GET', path: /^\/wp-json\/?$/, fault: { kind: 'delay', ms: 30 }, times: 1 });
    proxy.rules.push({ method: 'GET', path: /^\/wp-json\/?$/, fault: { kind: 'delay', ms: 1500 } });
    // ...and uploads after the first one take a while, so a job is still being sent when a late check ends.
    proxy.rules.push({ method: 'POST', path: /\/wp\/v2\/media$/, fault: { kind: 'delay', ms: 0 }, times: 1 });
    proxy.rules.push({ method: 'POST', path: /\/wp\/v2\/media$/, fault: { kind: 'delay', ms: 1500 } });
    const rounds: Promise<unknown>[] = [ob.tick()];
    await new Promise((r) => setTimeout(r, 5));
    ob.kick();
    rounds.push(ob.tick(), api.call('publishing.kick', {}));
    await Promise.all(rounds);
    ob.kick();
    await ob.drain();
    await ob.stop();
    expect(proxy.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/wp/v2/posts'))).toHaveLength(3);
    expect(proxy.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/wp/v2/media'))).toHaveLength(3);
    for (const p of posts) await expectOnce(api, e, p.id, p.title);
  });

  it('two posts sharing a photo, four rounds at once with a limit of 2: one image, each post once, never more than 2 sending', async () => {
    proxy.rules.length = 0;
    proxy.seen.length = 0;
    const api = await openApi(tempDir());
    const shared = await uniquePhoto(api, 'gps/DSCN0012.jpg', `foto bersama ${RUN}`);
    const own = await uniquePhoto(api, 'gps/DSCN0021.jpg', `foto sendiri ${RUN}`);
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await seedPost(api, `Foto Bersama ${i} ${RUN}`, i < 2 ? [shared] : [own, shared]));
    await connect(api, proxy, e);
    let maxSending = 0;
    proxy.onRequest = () => {
      maxSending = Math.max(maxSending, api.store.collections.jobs.all().filter((j) => j.state === 'sending').length);
    };
    // Slow uploads make the race wide open.
    proxy.rules.push({ method: 'POST', path: /\/wp\/v2\/media$/, fault: { kind: 'delay', ms: 300 } });
    const ob = outbox(api, { concurrency: 2, tickMs: 5 });
    await ob.start({ poll: false });
    for (const p of posts) await api.call('publishing.schedule', { postId: p.id, channels: ['website'], scheduledAt: null });
    await Promise.all([ob.tick(), ob.tick(), ob.tick(), ob.tick()]);
    await ob.drain();
    await ob.stop();
    proxy.onRequest = null;
    expect(maxSending).toBeLessThanOrEqual(2);
    for (const p of posts) await expectOnce(api, e, p.id, p.title);
    expect(proxy.seen.filter((s) => s.method === 'POST' && s.path.endsWith('/wp/v2/media'))).toHaveLength(2);
  });
});
