/**
 * The WordPress publisher and the outbox against a REAL WordPress (Debian 12
 * package, started by ../shared/tools/wordpress-up.sh on loopback).
 * Protocol: developer.wordpress.org/rest-api/reference/posts/, /media/,
 * /categories/, /tags/; Application Passwords: make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Outbox } from '@core/publishing/outbox';
import { type Fetcher } from '@core/publishing/http';
import { secretsOf } from '@core/publishing/handlers';
import { wordpressPublisher } from '@core/publishing/wordpress';
import { instagramPublisher } from '@core/publishing/instagram';
import http from 'node:http';
import { wpMediaSlug, wpSlug, type Job } from '@shared/publishing/job';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { seedPhoto, seedPost } from './seed';
import { startWordpress, wp, wpAll, type WpEnv } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_PORT ?? 8162), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-queue');
const env = started.env;
if (!env) console.warn(`[publishing integration] skipped: ${started.reason}`);
const RUN = Date.now().toString(36);

type Api = Awaited<ReturnType<typeof openApi>>;

async function connect(api: Api, e: WpEnv, baseUrl = e.url) {
  return api.call('connections.save', { channel: 'website', label: 'Website dinas', baseUrl, username: e.user, secret: e.appPassword });
}

function outbox(api: Api, opts: ConstructorParameters<typeof Outbox>[2] = {}) {
  return new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0, offlineRetryMs: 10, ...opts });
}

/** Make waiting jobs due now (backoff is tested in unit tests; here we test outcomes). */
async function hurry(api: Api) {
  for (const j of api.store.collections.jobs.all()) if (j.nextAttemptAt) await api.store.collections.jobs.put({ ...j, nextAttemptAt: null, rev: j.rev + 1 });
}

interface WpPostFull {
  id: number;
  slug: string;
  status: string;
  title: { raw: string };
  featured_media: number;
  categories: number[];
  tags: number[];
  link: string;
}

describe.skipIf(!env)('WordPress publisher (real WordPress)', () => {
  const e = env!;

  it('publishes a post with its featured image (alt text, caption), category and tags created when missing', async () => {
    const api = await openApi(tempDir());
    const photo = await seedPhoto(api, 'gps/DSCN0010.jpg', `Kader posyandu menimbang balita ${RUN}`);
    const category = `Kesehatan ${RUN}`;
    const post = await seedPost(api, `Posyandu Balita Desa Sido ${RUN}`, [photo], { category, tags: [`Stunting ${RUN}`, `Gizi ${RUN}`] });
    const conn = await connect(api, e);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    expect(job.mode).toBe('api');
    const ob = outbox(api);
    await ob.start({ poll: false });
    await ob.drain();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.state).toBe('published');
    expect(done.connectionId).toBe(conn.id);

    const remote = await wp<WpPostFull>(e, `/wp/v2/posts/${done.remote.postId}?context=edit`);
    expect(remote.json.status).toBe('publish');
    expect(remote.json.title.raw).toBe(post.title);
    expect(remote.json.slug).toBe(wpSlug(post.title, done.clientKey));
    const media = await wp<{ alt_text: string; caption: { raw: string }; mime_type: string; media_details: { width: number; height: number } }>(
      e,
      `/wp/v2/media/${remote.json.featured_media}?context=edit`,
    );
    expect(media.json.alt_text).toBe(`Kader posyandu menimbang balita ${RUN}`);
    expect(media.json.caption.raw).toContain('Foto: Humas');
    expect(media.json.mime_type).toBe('image/jpeg');
    expect(media.json.media_details.width / media.json.media_details.height).toBeCloseTo(16 / 9, 2);
    const cats = await wp<{ name: string }[]>(e, `/wp/v2/categories?include=${remote.json.categories.join(',')}`);
    expect(cats.json.map((c) => c.name)).toEqual([category]);
    const tags = await wp<{ name: string }[]>(e, `/wp/v2/tags?include=${remote.json.tags.join(',')}`);
    expect(tags.json.map((t) => t.name).sort()).toEqual([`Gizi ${RUN}`, `Stunting ${RUN}`]);

    // Counts as published everywhere: a publication record, the post's status, the public URL.
    const pubs = api.store.collections.publications.all();
    expect(pubs).toHaveLength(1);
    expect(pubs[0]).toMatchObject({ postId: post.id, channel: 'website', source: 'outbox', url: remote.json.link });
    expect(api.store.posts.get(post.id)!.status).toBe('published');
    const page = await fetch(remote.json.link);
    expect(page.status).toBe(200);

    // Update of the already-published post: same WordPress post, new title, no new image.
    const cur = api.store.posts.get(post.id)!;
    await api.store.posts.put({ ...cur, title: `${post.title} (ralat)`, rev: cur.rev + 1 });
    const [upd] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    expect(upd.remote.postId).toBe(done.remote.postId);
    await ob.drain();
    expect(api.store.collections.jobs.get(upd.id)!.state).toBe('published');
    const again = await wp<WpPostFull>(e, `/wp/v2/posts/${done.remote.postId}?context=edit`);
    expect(again.json.title.raw).toBe(`${post.title} (ralat)`);
    const allMedia = await wpAll<{ slug: string }>(e, '/wp/v2/media?context=edit');
    const sha = done.payload.media[0].sha256;
    expect(allMedia.filter((m) => m.slug.startsWith(wpMediaSlug(sha))).length).toBe(1);
    await ob.stop();
  });

  it("a timeout after WordPress created the post is adopted, never duplicated; 'future' hands the slot to WordPress", async () => {
    const api = await openApi(tempDir());
    const photo = await seedPhoto(api, 'gps/DSCN0012.jpg', 'Foto kegiatan');
    const post = await seedPost(api, `Timeout Setelah Dibuat ${RUN}`, [photo]);
    await connect(api, e);
    const slot = new Date(Date.now() + 3 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z');
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: slot, wpStatus: 'future' });
    let dropped = 0;
    // The request reaches WordPress and the post is created, but the answer is lost (as a timeout would).
    const lossy: Fetcher = async (url, init) => {
      const res = await fetch(url, init);
      if (init?.method === 'POST' && new URL(String(url)).pathname.endsWith('/wp/v2/posts') && dropped === 0) {
        dropped++;
        throw Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
      }
      return res;
    };
    const ob = outbox(api, { publishers: { website: wordpressPublisher(lossy) } });
    await ob.start({ poll: false });
    await ob.tick();
    const mid = api.store.collections.jobs.get(job.id)!;
    expect(mid.state).toBe('queued');
    expect(mid.intents).toContain('post');
    expect(mid.log.some((l) => l.outcome === 'unknown')).toBe(true);
    await hurry(api);
    await ob.drain();
    const done = api.store.collections.jobs.get(job.id)!;
    expect(done.state).toBe('published');
    expect(done.log.some((l) => l.action.startsWith('lookup post by slug') && l.detail.includes('adopted'))).toBe(true);
    const all = await wpAll<WpPostFull>(e, `/wp/v2/posts?status=draft,pending,future,publish,private&context=edit&search=${encodeURIComponent(RUN)}`);
    expect(all.filter((p) => p.title.raw === post.title)).toHaveLength(1);
    const remote = await wp<WpPostFull & { date_gmt: string }>(e, `/wp/v2/posts/${done.remote.postId}?context=edit`);
    expect(remote.json.status).toBe('future');
    expect(`${remote.json.date_gmt}.000Z`).toBe(slot);
    // The publication counts for the slot's day, not today.
    expect(api.store.collections.publications.all()[0].publishedAt).toBe(slot);
    await ob.stop();
  });

  it('waits while the site is unreachable (no attempt used) and publishes when the route is back', async () => {
    const api = await openApi(tempDir());
    const photo = await seedPhoto(api, 'gps/DSCN0021.jpg', 'Foto luring');
    const post = await seedPost(api, `Luring Lalu Daring ${RUN}`, [photo]);
    // A TCP relay in front of WordPress: closing it is "the network is down".
    const target = new URL(e.url);
    const relay = await startRelay(Number(target.port));
    await connect(api, e, `http://127.0.0.1:${relay.port}`);
    const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    await relay.close();
    const ob = outbox(api);
    await ob.start({ poll: false });
    await ob.tick();
    let j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('queued');
    expect(j.attempts).toBe(0);
    expect(ob.status().online[j.connectionId!]).toBe(false);
    await hurry(api);
    await ob.tick(); // probe fails: still waiting
    expect(api.store.collections.jobs.get(job.id)!.state).toBe('queued');
    await relay.reopen();
    await hurry(api);
    await ob.drain();
    j = api.store.collections.jobs.get(job.id)!;
    expect(j.state).toBe('published');
    expect(j.remote.url).toContain(`127.0.0.1:${target.port}`);
    await ob.stop();
    await relay.close();
  });

  it('tests the connection with a precise reason for each failure', async () => {
    const api = await openApi(tempDir());
    const ok = await connect(api, e);
    expect((await api.call('connections.test', { id: ok.id })).code).toBe('ok');

    const login = await api.call('connections.save', { channel: 'website', label: 'x', baseUrl: e.url, username: e.user, secret: 'passwordlogin123' });
    expect((await api.call('connections.test', { id: login.id })).code).toBe('wrong_password');
    // A well-formed but wrong (or revoked) application password: bad credentials, not a server problem.
    const revoked = await api.call('connections.save', { channel: 'website', label: 'x', baseUrl: e.url, username: e.user, secret: 'abcd EFGH ijkl MNOP qrst UVWX' });
    expect((await api.call('connections.test', { id: revoked.id })).code).toBe('bad_credentials');

    // A contributor cannot publish or upload.
    const uname = `kontributor${RUN}`;
    const u = await wp<{ id: number }>(e, '/wp/v2/users', { method: 'POST', body: { username: uname, email: `${uname}@example.com`, password: `Pw-${RUN}-x9!`, roles: ['contributor'] } });
    expect(u.status).toBe(201);
    const ap = await wp<{ password: string }>(e, `/wp/v2/users/${u.json.id}/application-passwords`, { method: 'POST', body: { name: 'redaksi' } });
    const contrib = await api.call('connections.save', { channel: 'website', label: 'x', baseUrl: e.url, username: uname, secret: ap.json.password });
    const res = await api.call('connections.test', { id: contrib.id });
    expect(res.code).toBe('missing_capability');
    expect(res.detail).toContain('publish_posts');
    expect(res.detail).toContain('upload_files');

    // A security plugin or firewall answering instead of the REST API.
    const blocker = await htmlServer(403, '<html><body>Access denied by security plugin</body></html>');
    const blocked = await api.call('connections.save', { channel: 'website', label: 'x', baseUrl: `http://127.0.0.1:${blocker.port}`, username: 'a', secret: 'abcd' });
    expect((await api.call('connections.test', { id: blocked.id })).code).toBe('rest_blocked');
    await blocker.close();
    const dead = await api.call('connections.save', { channel: 'website', label: 'x', baseUrl: `http://127.0.0.1:${blocker.port}`, username: 'a', secret: 'abcd' });
    expect((await api.call('connections.test', { id: dead.id })).code).toBe('unreachable');
    // The password is in no JSON file of the store.
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = path.join(api.ctx.dataDir, 'store', 'connections');
    for (const f of readdirSync(dir)) expect(readFileSync(path.join(dir, f), 'utf8')).not.toContain(e.appPassword);
  });

  /**
   * Instagram against a local server following the documented content-publishing protocol
   * (developers.facebook.com/docs/instagram-platform/content-publishing/): containers from
   * public image_url (fetched by the server, as Instagram does), status_code polling,
   * media_publish, content_publishing_limit; images hosted on the REAL WordPress.
   */
  it('Instagram carousel: images hosted on WordPress, containers polled, published once even after a lost answer', async () => {
    const IG = '17841400000000001';
    const fetched: { url: string; type: string; bytes: number }[] = [];
    const published: { id: string; caption: string; children: string[] }[] = [];
    const containers = new Map<string, { polls: number; caption: string; children: string[] }>();
    let publishCalls = 0;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const url = new URL(req.url!, 'http://g');
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const json = (body: unknown) => (res.writeHead(200, { 'content-type': 'application/json' }), res.end(JSON.stringify(body)));
        if (url.pathname === `/${IG}/content_publishing_limit`) return json({ data: [{ quota_usage: 3, config: { quota_total: 100, quota_duration: 86400 } }] });
        if (req.method === 'POST' && url.pathname === `/${IG}/media`) {
          const id = `c${containers.size + 1}`;
          if (form.get('image_url')) {
            const img = await fetch(form.get('image_url')!);
            const buf = Buffer.from(await img.arrayBuffer());
            fetched.push({ url: form.get('image_url')!, type: img.headers.get('content-type') ?? '', bytes: buf.length });
            if (img.status !== 200) return (res.writeHead(400, { 'content-type': 'application/json' }), res.end(JSON.stringify({ error: { message: 'Only photo or video can be accepted as media type.', code: 9004, type: 'OAuthException' } })));
          }
          containers.set(id, { polls: 0, caption: form.get('caption') ?? '', children: (form.get('children') ?? '').split(',').filter(Boolean) });
          return json({ id });
        }
        if (req.method === 'GET' && containers.has(url.pathname.slice(1))) {
          const c = containers.get(url.pathname.slice(1))!;
          return json({ status_code: c.polls++ < 1 ? 'IN_PROGRESS' : 'FINISHED', id: url.pathname.slice(1) });
        }
        if (req.method === 'POST' && url.pathname === `/${IG}/media_publish`) {
          const c = containers.get(form.get('creation_id')!)!;
          const id = `1790000000000${published.length + 1}`;
          published.push({ id, caption: c.caption, children: c.children });
          if (publishCalls++ === 0) return; // published, answer lost
          return json({ id });
        }
        if (req.method === 'GET' && url.pathname === `/${IG}/media`) return json({ data: published.map((p) => ({ id: p.id, caption: p.caption, permalink: `https://www.instagram.com/p/${p.id}/`, timestamp: new Date().toISOString() })) });
        if (req.method === 'GET' && url.pathname.startsWith('/1790000000000')) return json({ id: url.pathname.slice(1), permalink: `https://www.instagram.com/p/${url.pathname.slice(1)}/` });
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `Unsupported request ${req.method} ${url.pathname}`, code: 100, type: 'GraphMethodException' } }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const api = await openApi(tempDir());
      const photos = [await seedPhoto(api, 'gps/DSCN0010.jpg', 'Foto IG satu'), await seedPhoto(api, 'gps/DSCN0012.jpg', 'Foto IG dua')];
      const post = await seedPost(api, `Carousel Instagram ${RUN}`, photos);
      await connect(api, e);
      await api.call('connections.save', { channel: 'instagram', label: 'IG', baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`, username: IG, secret: 'EAAPageToken' });
      const [job] = await api.call('publishing.schedule', { postId: post.id, channels: ['instagram'], scheduledAt: null });
      expect(job.mode).toBe('api');
      const ob = outbox(api, { timeoutMs: 1500, publishers: { website: wordpressPublisher(), instagram: instagramPublisher(fetch, 10) } });
      await ob.start({ poll: false });
      await ob.tick();
      expect(api.store.collections.jobs.get(job.id)!.intents).toContain('post');
      await hurry(api);
      await ob.drain();
      const done = api.store.collections.jobs.get(job.id)!;
      expect(done.state).toBe('published');
      expect(published).toHaveLength(1);
      expect(published[0].children).toHaveLength(2);
      expect(done.remote.url).toBe(`https://www.instagram.com/p/${published[0].id}/`);
      expect(done.log.some((l) => l.action === 'GET content_publishing_limit' && l.detail.includes('3 / 100'))).toBe(true);
      // Images came from the OPD's WordPress as 4:5 JPEGs, each uploaded there once.
      expect(fetched.every((f) => f.url.startsWith(e.url) && f.type === 'image/jpeg')).toBe(true);
      const remoteMedia = await wpAll<{ slug: string; media_details: { width: number; height: number } }>(e, '/wp/v2/media?context=edit');
      for (const m of done.payload.media) {
        const hits = remoteMedia.filter((x) => x.slug.startsWith(wpMediaSlug(m.sha256)));
        expect(hits).toHaveLength(1);
        expect(hits[0].media_details.width / hits[0].media_details.height).toBeCloseTo(4 / 5, 2);
      }
      await ob.stop();
    } finally {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  const KILLS = Number(process.env.REDAKSI_OUTBOX_KILLS ?? 25);
  it(`every post exists exactly once, each image uploaded once, across ${KILLS} SIGKILLs of the outbox process`, async () => {
    // Bundled inside the project, so the packages left outside the bundle (sharp) resolve from node_modules as in the app.
    const worker = path.join(__dirname, '..', '..', '..', 'node_modules', '.cache', 'redaksi-tests', `outbox-worker-${process.pid}.cjs`);
    await build({ entryPoints: [path.join(__dirname, 'fixtures', 'outbox-worker.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: worker, logLevel: 'error', external: ['sharp'] });
    const dir = tempDir('redaksi-outbox-crash-');
    const api = await openApi(dir);
    const photos = [
      await seedPhoto(api, 'gps/DSCN0010.jpg', 'Foto satu'),
      await seedPhoto(api, 'camera/jolla.jpg', 'Foto dua'),
      await seedPhoto(api, 'camera/Nikon_D70.jpg', 'Foto tiga'),
    ];
    const conn = await connect(api, e);
    const N = 12;
    const titles: string[] = [];
    for (let i = 0; i < N; i++) {
      // Posts share photos: the shared image must still go up once.
      const post = await seedPost(api, `Uji Crash ${RUN} Nomor ${i}`, [photos[i % photos.length]], { category: `Crash ${RUN}`, tags: [`Tag ${RUN} ${i % 4}`] });
      titles.push(post.title);
      await api.call('publishing.schedule', { postId: post.id, channels: ['website'], scheduledAt: null });
    }
    let kills = 0;
    let finished = false;
    for (let round = 0; round < KILLS + 40 && !finished; round++) {
      const killAfter = kills < KILLS ? 30 + Math.floor(Math.random() * 400) : null;
      const r = await runWorker(worker, dir, conn.id, e.appPassword, killAfter);
      if (r === 'killed') kills++;
      else finished = true;
    }
    expect(finished).toBe(true);
    expect(kills).toBeGreaterThanOrEqual(Math.min(KILLS, 5));

    const after = await openApi(dir);
    const jobs = after.store.collections.jobs.all();
    expect(jobs.map((j) => j.state)).toEqual(Array(N).fill('published'));
    const remotePosts = await wpAll<WpPostFull>(e, `/wp/v2/posts?status=draft,pending,future,publish,private&context=edit&search=${encodeURIComponent(`Uji Crash ${RUN}`)}`);
    for (const t of titles) expect(remotePosts.filter((p) => p.title.raw === t).length, t).toBe(1);
    expect(remotePosts.every((p) => p.status === 'publish')).toBe(true);
    const remoteMedia = await wpAll<{ slug: string; id: number }>(e, '/wp/v2/media?context=edit');
    const shas = new Set(jobs.flatMap((j: Job) => j.payload.media.map((m) => m.sha256)));
    expect(shas.size).toBe(3);
    for (const sha of shas) expect(remoteMedia.filter((m) => m.slug.startsWith(wpMediaSlug(sha))).length, sha).toBe(1);
    for (const j of jobs) {
      const p = remotePosts.find((x) => String(x.id) === j.remote.postId)!;
      expect(p.featured_media).toBe(Number(j.remote.media[j.payload.media[0].sha256].id));
    }
    expect(after.store.collections.publications.all()).toHaveLength(N);
  }, 600_000);
});

function runWorker(script: string, dir: string, connId: string, secret: string, killAfter: number | null): Promise<'killed' | 'done'> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dir, connId], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, REDAKSI_TEST_WP_SECRET: secret } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfter !== null && out.includes('ready\n')) {
        setTimeout(() => child.kill('SIGKILL'), killAfter);
        killAfter = null;
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
      else reject(new Error(`worker exited ${code}: ${err}`));
    });
  });
}

/** A TCP relay to 127.0.0.1:<to>; close() refuses connections (ECONNREFUSED), reopen() restores the route on the same port. */
async function startRelay(to: number): Promise<{ port: number; close(): Promise<void>; reopen(): Promise<void> }> {
  const { connect } = await import('node:net');
  let server: Server | null = null;
  const sockets = new Set<import('node:net').Socket>();
  let port = 0;
  const open = () =>
    new Promise<void>((resolve) => {
      server = createServer((c) => {
        const up = connect(to, '127.0.0.1');
        sockets.add(c).add(up);
        c.pipe(up).pipe(c);
        const end = () => {
          c.destroy();
          up.destroy();
        };
        c.on('error', end);
        up.on('error', end);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as { port: number }).port;
        resolve();
      });
    });
  await open();
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        if (!server) return resolve();
        server.close(() => resolve());
        server = null;
      }),
    reopen: open,
  };
}

async function htmlServer(status: number, html: string): Promise<{ port: number; close(): Promise<void> }> {
  const http = await import('node:http');
  const s = http.createServer((_req, res) => {
    res.writeHead(status, { 'Content-Type': 'text/html' });
    res.end(html);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  return { port: (s.address() as { port: number }).port, close: () => new Promise((r) => s.close(() => r())) };
}

afterAll(() => undefined);
beforeAll(() => undefined);
