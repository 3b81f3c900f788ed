/**
 * The X publisher against a local server that follows the documented X API v2 protocol:
 * - POST /2/media/upload (multipart "media") → 200 {data:{id}}: docs.x.com/x-api/media/media-upload
 * - POST /2/tweets {text, media:{media_ids}} → 201 {data:{id,text}}: docs.x.com/x-api/posts/create-post
 * - GET /2/users/me, GET /2/users/:id/tweets → {data:[{id,text,created_at}]}: docs.x.com/x-api/users/user-lookup-me, docs.x.com/x-api/posts/user-posts-timeline-by-user-id
 * - errors as problem+json {title, detail, type, status}; 429 with x-rate-limit-reset (epoch s): docs.x.com/x-api/fundamentals/rate-limits
 * - links in returned text are t.co-wrapped: docs.x.com/fundamentals/counting-characters
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importPhoto } from '@core/media/import';
import { openApi, tempDir } from '../electron/helpers';
import { listenForTest, steppedOutbox } from './helpers';
import { protocolStub, sendJson } from '../../protocol-stub';

const PHOTOS = path.resolve(__dirname, '../../../../shared/fixtures/photos');
const TOKEN = 'x-user-token-123';

interface Script {
  /** Answers for POST /2/tweets in order: 'ok' | 429 | 503 | 'hang-after-create' | 401 */
  tweets: (string | number)[];
  readable?: boolean;
}

function xServer(script: Script) {
  const posts: { id: string; text: string; created_at: string; media: string[] }[] = [];
  let uploads = 0;
  let tweetCalls = 0;
  const problem = (res: http.ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/problem+json', ...headers });
    res.end(JSON.stringify({ title, detail, type: 'about:blank', status }));
  };
  const stub = protocolStub((req, res, raw) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return problem(res, 401, 'Unauthorized', 'Unauthorized');
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown) => sendJson(res, status, body);
    if (req.method === 'GET' && url.pathname === '/2/users/me') return json(200, { data: { id: '1500', name: 'Dinkes Blora', username: 'dinkesblora' } });
    if (req.method === 'GET' && url.pathname === '/2/users/1500/tweets') {
      if (script.readable === false) return problem(res, 403, 'Forbidden', 'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.');
      return json(200, { data: posts.map((p) => ({ id: p.id, text: p.text.replace(/https?:\/\/\S+/g, 'https://t.co/AbCdEf'), created_at: p.created_at })).reverse(), meta: { result_count: posts.length } });
    }
    if (req.method === 'POST' && url.pathname === '/2/media/upload') {
      const body = raw.toString('latin1');
      if (!/name="media"/.test(body) || !/multipart\/form-data/.test(req.headers['content-type'] ?? '')) return problem(res, 400, 'Invalid Request', 'media is required');
      uploads++;
      return json(200, { data: { id: `71${uploads}`, media_key: `3_71${uploads}`, size: raw.length } });
    }
    if (req.method === 'POST' && url.pathname === '/2/tweets') {
      const step = script.tweets[Math.min(tweetCalls++, script.tweets.length - 1)];
      const body = JSON.parse(raw.toString('utf8')) as { text: string; media?: { media_ids: string[] } };
      if (step === 429) return problem(res, 429, 'Too Many Requests', 'Too Many Requests', { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900) });
      if (step === 503) return problem(res, 503, 'Service Unavailable', 'Service Unavailable');
      if (step === 401) return problem(res, 401, 'Unauthorized', 'Unauthorized');
      // The 403 variants of POST /2/tweets (docs.x.com/x-api/fundamentals/response-codes-and-errors).
      if (step === 'policy') return problem(res, 403, 'Forbidden', 'You are not permitted to perform this action.');
      if (step === 'read-only-app') {
        res.writeHead(403, { 'content-type': 'application/problem+json' });
        return res.end(JSON.stringify({ title: 'Unsupported Authentication', detail: 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.', type: 'https://api.twitter.com/2/problems/oauth1-permissions', status: 403 }));
      }
      if (posts.some((p) => p.text === body.text)) return problem(res, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.');
      const post = { id: String(1860000000000000000n + BigInt(posts.length + 1)), text: body.text, created_at: new Date().toISOString(), media: body.media?.media_ids ?? [] };
      posts.push(post);
      if (step === 'hang-after-create') return; // created, but the answer never comes (client times out)
      return json(201, { data: { id: post.id, text: post.text } });
    }
    problem(res, 404, 'Not Found Error', `no route ${req.method} ${url.pathname}`);
  });
  return {
    posts,
    get uploads() {
      return uploads;
    },
    listen: stub.listen,
    close: stub.close,
  };
}

async function setup(script: Script, opts: { timeoutMs?: number } = {}) {
  const srv = xServer(script);
  const baseUrl = await listenForTest(srv);
  const clock = { now: new Date() };
  const api = await openApi(tempDir(), { now: () => clock.now });
  const imp = await importPhoto(api.ctx, 'a.jpg', readFileSync(path.join(PHOTOS, 'gps/DSCN0010.jpg')));
  const p = await api.call('posts.create', { content: { title: 'Penimbangan balita', lead: 'BLORA – Penimbangan balita serentak.', category: 'Kesehatan', tags: ['Stunting'], media: [{ mediaId: imp.photo.id, role: 'featured', caption: '' }] } });
  const v = await api.call('publishing.variants', { postId: p.id });
  const x = v.variants.find((c) => c.channel === 'x')!;
  const saved = await api.call('publishing.saveVariants', { postId: p.id, baseRev: v.post.rev, variants: [{ ...x, text: 'Penimbangan balita serentak di Blora https://dinkes.blorakab.go.id/berita/1 #Stunting' }] });
  await api.store.posts.put({ ...saved.post, status: 'approved', rev: saved.post.rev + 1 });
  await api.call('connections.save', { channel: 'x', label: 'X Dinkes', baseUrl, username: 'dinkesblora', secret: TOKEN });
  const [job] = await api.call('publishing.schedule', { postId: p.id, channels: ['x'], scheduledAt: null });
  const { ob, next } = await steppedOutbox(api, job.id, clock, opts.timeoutMs);
  return { api, srv, job, ob, next, clock };
}

describe('X publisher against the documented protocol', () => {
  it('uploads the image and posts the text with its media id', async () => {
    const { srv, job, next } = await setup({ tweets: ['ok'] });
    expect(job.mode).toBe('api');
    const j = await next();
    expect(j.state).toBe('published');
    expect(srv.posts).toHaveLength(1);
    expect(srv.posts[0].media).toEqual(['711']);
    expect(j.remote.url).toBe(`https://x.com/dinkesblora/status/${srv.posts[0].id}`);
  });

  it('waits until x-rate-limit-reset after a 429, retries a 503, and never posts twice', async () => {
    const { srv, next, clock } = await setup({ tweets: [429, 503, 'ok'] });
    const t0 = clock.now.getTime();
    let j = await next();
    expect(j.state).toBe('queued');
    expect(Date.parse(j.nextAttemptAt!) - t0).toBeGreaterThanOrEqual(890_000);
    j = await next(); // 503: the post may or may not exist → it looks first next time
    expect(j.state).toBe('queued');
    expect(j.intents).toContain('post');
    j = await next();
    expect(j.state).toBe('published');
    expect(j.log.some((l) => l.action === 'lookup recent posts')).toBe(true);
    expect(srv.posts).toHaveLength(1);
    expect(srv.uploads).toBe(1);
  });

  it('a timeout after X created the post is adopted from the timeline (t.co links and all), not duplicated', async () => {
    const { srv, next } = await setup({ tweets: ['hang-after-create', 'ok'] }, { timeoutMs: 400 });
    let j = await next();
    expect(j.state).toBe('queued');
    expect(j.log.some((l) => l.outcome === 'unknown' && /timeout/.test(l.detail))).toBe(true);
    j = await next();
    expect(j.state).toBe('published');
    expect(j.log.find((l) => l.action === 'lookup recent posts')?.detail).toBe('found: adopted');
    expect(srv.posts).toHaveLength(1);
    expect(j.remote.postId).toBe(srv.posts[0].id);
  });

  it('when the timeline cannot be read, the job is unconfirmed instead of guessing', async () => {
    const { srv, next } = await setup({ tweets: ['hang-after-create', 'ok'], readable: false }, { timeoutMs: 400 });
    await next();
    const j = await next();
    expect(j.state).toBe('unconfirmed');
    expect(srv.posts).toHaveLength(1);
  });

  it('tells 403 causes apart: duplicate text and a policy refusal fail the post, an app without write permission asks for the connection', async () => {
    const dup = await setup({ tweets: ['ok'] });
    // The same text is already on the account (posted by hand): X refuses it as a duplicate.
    dup.srv.posts.push({ id: '1', text: 'Penimbangan balita serentak di Blora https://dinkes.blorakab.go.id/berita/1 #Stunting', created_at: new Date().toISOString(), media: [] });
    let j = await dup.next();
    expect(j.state).toBe('failed');
    expect(j.lastError?.code).toBe('x_duplicate');
    expect(j.needsAction).toBeNull();

    const policy = await setup({ tweets: ['policy'] });
    j = await policy.next();
    expect(j.state).toBe('failed');
    expect(j.lastError?.code).toBe('x_policy');

    const readOnly = await setup({ tweets: ['read-only-app'] });
    j = await readOnly.next();
    expect(j.state).toBe('needs_action');
    expect(j.needsAction?.reason).toBe('auth');
    expect(j.lastError?.code).toBe('x_app_permissions');
  });

  it('an expired token stops the job and "Tes koneksi" says so', async () => {
    const { api, next } = await setup({ tweets: [401] });
    const j = await next();
    expect(j.state).toBe('needs_action');
    expect(j.needsAction?.reason).toBe('auth');
    const conn = api.store.collections.connections.all()[0];
    await api.call('connections.save', { id: conn.id, channel: 'x', label: conn.label, baseUrl: conn.baseUrl, username: conn.username, secret: 'expired-token' });
    expect((await api.call('connections.test', { id: conn.id })).code).toBe('token_expired');
  });
});
