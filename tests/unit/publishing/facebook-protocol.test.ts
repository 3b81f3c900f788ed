/**
 * The Facebook Page publisher against a local server that follows the documented Graph API protocol:
 * - POST /{page-id}/photos (multipart "source", published=false) → {id}: developers.facebook.com/docs/graph-api/reference/page/photos/
 * - POST /{page-id}/feed {message, attached_media:[{media_fbid}], published:false, scheduled_publish_time} → {id}:
 *   developers.facebook.com/docs/pages-api/posts/ (multi-photo posts; scheduling 10 minutes to 30 days ahead)
 * - GET /{page-id}/feed, /{page-id}/scheduled_posts → {data:[{id,message,permalink_url}]}
 * - errors {error:{message,type,code,error_subcode,fbtrace_id}}: code 190 expired token, 32/4/17/613 rate limits
 *   with X-Business-Use-Case-Usage estimated_time_to_regain_access (minutes): developers.facebook.com/docs/graph-api/overview/rate-limiting/
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
const TOKEN = 'EAAPageToken';
const PAGE = '104857600';

function graphServer(feedSteps: (string | number)[]) {
  const posts: { id: string; message: string; attached: string[]; scheduled: number | null }[] = [];
  const photos: { id: string; published: boolean }[] = [];
  let feedCalls = 0;
  const error = (res: http.ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ error: { message, type: 'OAuthException', code, fbtrace_id: 'Axyz' } }));
  };
  const stub = protocolStub((req, res, raw) => {
    const json = (body: unknown) => sendJson(res, 200, body);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return error(res, 400, 190, 'Error validating access token: Session has expired');
    const url = new URL(req.url!, 'http://g');
    if (req.method === 'GET' && url.pathname === `/${PAGE}`) return json({ id: PAGE, name: 'Dinas Kesehatan Blora' });
    if (req.method === 'GET' && (url.pathname === `/${PAGE}/feed` || url.pathname === `/${PAGE}/scheduled_posts`)) {
      const sched = url.pathname.endsWith('scheduled_posts');
      return json({ data: posts.filter((p) => (p.scheduled !== null) === sched).map((p) => ({ id: p.id, message: p.message, permalink_url: `https://www.facebook.com/${p.id}` })) });
    }
    // GET /{post-id}?fields=permalink_url (developers.facebook.com/docs/graph-api/reference/post/): the public address.
    const own = posts.find((p) => url.pathname === `/${p.id}`);
    if (req.method === 'GET' && own && url.searchParams.get('fields') === 'permalink_url') return json({ id: own.id, permalink_url: `https://www.facebook.com/dinkesblora/posts/pfbid0${own.id.split('_')[1]}Xy` });
    if (req.method === 'POST' && url.pathname === `/${PAGE}/photos`) {
      const body = raw.toString('latin1');
      if (!/name="source"/.test(body)) return error(res, 400, 100, '(#100) source is required');
      const id = `9${photos.length + 1}`;
      photos.push({ id, published: !/name="published"\r\n\r\nfalse/.test(body) });
      return json({ id });
    }
    if (req.method === 'POST' && url.pathname === `/${PAGE}/feed`) {
      const step = feedSteps[Math.min(feedCalls++, feedSteps.length - 1)];
      if (step === 32) return error(res, 400, 32, 'Page request limit reached', { 'x-business-use-case-usage': JSON.stringify({ [PAGE]: [{ type: 'pages', call_count: 100, total_time: 20, total_cputime: 20, estimated_time_to_regain_access: 7 }] }) });
      if (step === 500) return error(res, 500, 2, 'An unexpected error has occurred. Please retry your request later.');
      const b = JSON.parse(raw.toString('utf8')) as { message: string; attached_media?: { media_fbid: string }[]; published?: boolean; scheduled_publish_time?: number };
      const post = { id: `${PAGE}_${posts.length + 1}`, message: b.message, attached: (b.attached_media ?? []).map((a) => a.media_fbid), scheduled: b.published === false ? (b.scheduled_publish_time ?? null) : null };
      posts.push(post);
      if (step === 'hang-after-create') return;
      return json({ id: post.id });
    }
    error(res, 400, 803, `Unknown path ${url.pathname}`);
  });
  return {
    posts,
    photos,
    listen: stub.listen,
    close: stub.close,
  };
}

async function setup(steps: (string | number)[], opts: { scheduledAt?: string | null; timeoutMs?: number; photos?: number } = {}) {
  const srv = graphServer(steps);
  const baseUrl = await listenForTest(srv);
  const clock = { now: new Date() };
  const api = await openApi(tempDir(), { now: () => clock.now });
  const files = ['gps/DSCN0010.jpg', 'gps/DSCN0012.jpg', 'gps/DSCN0021.jpg'].slice(0, opts.photos ?? 2);
  const media = [];
  for (const [i, f] of files.entries()) {
    const imp = await importPhoto(api.ctx, path.basename(f), readFileSync(path.join(PHOTOS, f)));
    media.push({ mediaId: imp.photo.id, role: i === 0 ? ('featured' as const) : ('gallery' as const), caption: '' });
  }
  const p = await api.call('posts.create', { content: { title: 'Posyandu', lead: 'BLORA – Penimbangan balita.', category: 'Kesehatan', media } });
  await api.store.posts.put({ ...p, status: 'approved', rev: p.rev + 1 });
  await api.call('connections.save', { channel: 'facebook', label: 'FB', baseUrl, username: PAGE, secret: TOKEN });
  const [job] = await api.call('publishing.schedule', { postId: p.id, channels: ['facebook'], scheduledAt: opts.scheduledAt ?? null });
  const { next } = await steppedOutbox(api, job.id, clock, opts.timeoutMs);
  return { api, srv, job, next, clock };
}

describe('Facebook Page publisher against the documented Graph protocol', () => {
  it('multi-photo post: unpublished photos first, then one feed post with attached_media', async () => {
    const { srv, next, api } = await setup(['ok']);
    const j = await next();
    expect(j.state).toBe('published');
    expect(srv.photos).toEqual([{ id: '91', published: false }, { id: '92', published: false }]);
    expect(srv.posts).toHaveLength(1);
    expect(srv.posts[0].attached).toEqual(['91', '92']);
    // The permalink is read back from the Graph API, not built from the id.
    expect(j.remote.url).toBe('https://www.facebook.com/dinkesblora/posts/pfbid01Xy');
    expect(api.store.collections.publications.all()[0]).toMatchObject({ channel: 'facebook', source: 'outbox' });
  });

  it('hands a slot 2 days ahead to Facebook (scheduled_publish_time) at once', async () => {
    const slot = new Date(Date.now() + 2 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z');
    const { srv, next, api } = await setup(['ok'], { scheduledAt: slot });
    const j = await next();
    expect(j.state).toBe('published');
    expect(srv.posts[0].scheduled).toBe(Date.parse(slot) / 1000);
    expect(api.store.collections.publications.all()[0].publishedAt).toBe(slot);
  });

  it('honours estimated_time_to_regain_access after a rate limit, retries a 500, never posts twice', async () => {
    const { srv, next, clock } = await setup([32, 500, 'ok']);
    const t0 = clock.now.getTime();
    let j = await next();
    expect(j.state).toBe('queued');
    expect(Date.parse(j.nextAttemptAt!) - t0).toBe(7 * 60_000);
    j = await next();
    expect(j.intents).toContain('post');
    j = await next();
    expect(j.state).toBe('published');
    expect(srv.posts).toHaveLength(1);
    expect(srv.photos).toHaveLength(2); // photos reused across attempts
  });

  it('adopts a post created before a timeout instead of posting it again', async () => {
    const { srv, next } = await setup(['hang-after-create', 'ok'], { timeoutMs: 400, photos: 1 });
    await next();
    const j = await next();
    expect(j.state).toBe('published');
    expect(j.log.find((l) => l.action === 'lookup Page posts')?.detail).toBe('found: adopted');
    expect(srv.posts).toHaveLength(1);
  });

  it('an expired Page token (code 190) needs action; "Tes koneksi" says the token expired', async () => {
    const { api, next } = await setup(['ok']);
    const conn = api.store.collections.connections.all()[0];
    await api.call('connections.save', { id: conn.id, channel: 'facebook', label: 'FB', baseUrl: conn.baseUrl, username: PAGE, secret: 'old-token' });
    const j = await next();
    expect(j.state).toBe('needs_action');
    expect((await api.call('connections.test', { id: conn.id })).code).toBe('token_expired');
  });
});
