import type { Connection, ConnectionTestResult } from '@shared/publishing/connection';
import { channelText } from '@shared/publishing/encode';
import { PublishError, send, shortUrl, type Fetcher, type HttpRequest, type HttpResponse } from './http';
import type { Publisher, PublishRun } from './publisher';

/**
 * Facebook Page publisher, Graph API with a Page access token.
 * - Photos: POST /{page-id}/photos (multipart "source", published=false) → {id}
 *   (developers.facebook.com/docs/graph-api/reference/page/photos/)
 * - Post: POST /{page-id}/feed {message, attached_media:[{media_fbid}], published,
 *   scheduled_publish_time} → {id} (developers.facebook.com/docs/pages-api/posts/ —
 *   "Publish a multi-photo post": unpublished photos first, then attached_media)
 * - Errors: {error:{message,type,code,error_subcode,fbtrace_id}}; code 190 = token
 *   expired/invalid; 4, 17, 32, 613 = rate limits, with X-App-Usage /
 *   X-Business-Use-Case-Usage headers (developers.facebook.com/docs/graph-api/overview/rate-limiting/).
 * Never twice: after an unknown outcome we read the Page's recent and scheduled
 * posts and adopt one with the same message; an unreadable feed → unconfirmed.
 */

const DEFAULT_BASE = 'https://graph.facebook.com/v21.0';
const RATE_CODES = new Set([4, 17, 32, 613, 80001]);

function base(conn: Connection): string {
  return (conn.baseUrl || DEFAULT_BASE).replace(/\/+$/, '');
}

interface GraphError {
  message?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** Minutes to wait from X-Business-Use-Case-Usage / X-App-Usage (estimated_time_to_regain_access). */
function regainMs(headers: Headers): number | null {
  for (const h of ['x-business-use-case-usage', 'x-app-usage']) {
    const raw = headers.get(h);
    if (!raw) continue;
    try {
      const parsed = JSON.parse(raw) as Record<string, { estimated_time_to_regain_access?: number }[]> | { estimated_time_to_regain_access?: number };
      const values = Array.isArray(Object.values(parsed)[0]) ? Object.values(parsed as Record<string, { estimated_time_to_regain_access?: number }[]>).flat() : [parsed as { estimated_time_to_regain_access?: number }];
      const mins = Math.max(0, ...values.map((v) => v.estimated_time_to_regain_access ?? 0));
      if (mins > 0) return mins * 60_000;
    } catch {
      // A malformed header is no reason to fail the job.
    }
  }
  return null;
}

export async function graphCall(conn: Connection, token: string, fetcher: Fetcher, req: Omit<HttpRequest, 'url'> & { path: string }, timeoutMs: number): Promise<HttpResponse> {
  const full: HttpRequest = { ...req, url: `${base(conn)}${req.path}`, headers: { Authorization: `Bearer ${token}`, ...req.headers }, timeoutMs };
  const res = await send(full, fetcher);
  if (res.status >= 200 && res.status < 300) return res;
  const err = ((res.json ?? {}) as { error?: GraphError }).error ?? {};
  const msg = `${req.method} ${shortUrl(full.url)} → ${res.status} #${err.code ?? '?'}${err.error_subcode ? `/${err.error_subcode}` : ''}: ${(err.message ?? '').slice(0, 300)}`;
  const code = `graph_${err.code ?? res.status}`;
  if (err.code === 190 || err.code === 102 || res.status === 401) throw new PublishError('auth', msg, { status: res.status, code });
  if (err.code === 10 || err.code === 200) throw new PublishError('auth', msg, { status: res.status, code });
  if ((err.code !== undefined && RATE_CODES.has(err.code)) || res.status === 429) throw new PublishError('rate_limited', msg, { status: res.status, code, retryAfterMs: regainMs(res.headers) });
  if (res.status >= 500 || err.is_transient || err.code === 1 || err.code === 2) throw new PublishError(req.method === 'GET' ? 'retryable' : 'unknown', msg, { status: res.status, code });
  throw new PublishError('rejected', msg, { status: res.status, code });
}

/**
 * "Tes koneksi" for Graph accounts (Facebook Page, Instagram): read the
 * account with the token and name what failed.
 */
export async function testGraphConnection(
  conn: Connection,
  secret: string | null,
  fetcher: Fetcher,
  fields: string,
  nameOf: (json: Record<string, unknown>) => string,
): Promise<ConnectionTestResult> {
  if (!secret) return { ok: false, code: 'no_secret', detail: '' };
  try {
    const r = await graphCall(conn, secret, fetcher, { method: 'GET', path: `/${encodeURIComponent(conn.username)}?fields=${fields}` }, 15_000);
    const name = nameOf((r.json ?? {}) as Record<string, unknown>);
    return { ok: true, code: 'ok', detail: name, userName: name };
  } catch (err) {
    const e = err as PublishError;
    if (!(e instanceof PublishError)) return { ok: false, code: 'server_error', detail: String(err) };
    if (e.kind === 'offline') return { ok: false, code: 'unreachable', detail: e.message };
    if (e.extra.code === 'graph_190' || e.extra.code === 'graph_102') return { ok: false, code: 'token_expired', detail: e.message };
    if (e.kind === 'auth') return { ok: false, code: 'missing_capability', detail: e.message };
    return { ok: false, code: 'server_error', detail: e.message };
  }
}

function same(a: string, b: string): boolean {
  return a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
}

async function findExisting(run: PublishRun, fetcher: Fetcher): Promise<{ id: string; url: string } | null> {
  const { connection: conn, secret } = run;
  const page = encodeURIComponent(conn.username);
  const since = Math.floor(Date.parse(run.job.createdAt) / 1000) - 60;
  try {
    for (const edge of ['feed', 'scheduled_posts']) {
      const r = await graphCall(conn, secret, fetcher, { method: 'GET', path: `/${page}/${edge}?fields=id,message,permalink_url,created_time&since=${since}&limit=25` }, run.timeoutMs);
      const list = ((r.json as { data?: { id: string; message?: string; permalink_url?: string }[] }).data ?? []);
      const hit = list.find((p) => same(p.message ?? '', channelText(run.job.payload.text)));
      if (hit) return { id: hit.id, url: hit.permalink_url ?? `https://www.facebook.com/${hit.id}` };
    }
    return null;
  } catch (err) {
    if (err instanceof PublishError && (err.kind === 'offline' || err.kind === 'retryable' || err.kind === 'rate_limited')) throw err;
    throw new PublishError('unverifiable', `cannot read the Page's posts to check: ${(err as Error).message}`);
  }
}

export function facebookPublisher(fetcher: Fetcher = fetch): Publisher {
  return {
    async publish(run) {
      const { connection: conn, secret, job } = run;
      const page = encodeURIComponent(conn.username);
      if (job.intents.includes('post')) {
        const found = await findExisting(run, fetcher);
        await run.log({ code: found ? 'lookup_found' : 'lookup_clear', action: 'lookup Page posts', outcome: 'ok', detail: found ? 'found: adopted' : 'not on the Page: safe to post', status: 200, remoteId: found?.id ?? null, url: found?.url ?? null });
        if (found) return { remoteId: found.id, url: found.url, remoteStatus: 'publish' };
        await run.update((j) => ({ ...j, intents: j.intents.filter((x) => x !== 'post') }));
      }
      const photoIds: string[] = [];
      for (const m of job.payload.media) {
        const known = run.job.remote.media[m.sha256];
        if (known) {
          photoIds.push(known.id);
          continue;
        }
        const form = new FormData();
        form.append('source', new Blob([new Uint8Array(await run.readMedia(m))], { type: m.mime }), `${m.sha256.slice(0, 16)}.jpg`);
        form.append('published', 'false');
        if (m.caption) form.append('caption', channelText(m.caption));
        const body = new Response(form);
        // Unpublished photos are invisible until attached: uploading one twice shows nothing twice.
        const r = await graphCall(conn, secret, fetcher, { method: 'POST', path: `/${page}/photos`, headers: { 'Content-Type': body.headers.get('content-type')! }, body: new Uint8Array(await body.arrayBuffer()) }, run.timeoutMs);
        const id = (r.json as { id: string }).id;
        photoIds.push(id);
        await run.update((j) => ({ ...j, remote: { ...j.remote, media: { ...j.remote.media, [m.sha256]: { id, url: '' } } } }));
        await run.log({ code: 'photo_uploaded', params: { kb: Math.round(m.bytes / 1024) }, action: `POST /${conn.username}/photos (unpublished)`, outcome: 'ok', detail: `${(m.bytes / 1024).toFixed(0)} KB`, status: r.status, remoteId: id, url: null });
      }
      const payload: Record<string, unknown> = { message: channelText(job.payload.text) };
      if (photoIds.length) payload.attached_media = photoIds.map((id) => ({ media_fbid: id }));
      const at = job.scheduledAt ? Math.floor(Date.parse(job.scheduledAt) / 1000) : 0;
      // Facebook keeps the slot itself when it is 10 minutes to 30 days ahead (scheduled_publish_time).
      const scheduled = at > Math.floor(run.now().getTime() / 1000) + 600;
      if (scheduled) Object.assign(payload, { published: false, scheduled_publish_time: at });
      await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, 'post'])] }));
      const r = await graphCall(conn, secret, fetcher, { method: 'POST', path: `/${page}/feed`, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(payload) }, run.timeoutMs);
      const id = (r.json as { id: string }).id;
      await run.update((j) => ({ ...j, remote: { ...j.remote, postId: id }, intents: j.intents.filter((x) => x !== 'post') }));
      // The public address as Facebook gives it (GET /{post-id}?fields=permalink_url); the id form is only a fallback.
      let url = `https://www.facebook.com/${id}`;
      try {
        const pl = await graphCall(conn, secret, fetcher, { method: 'GET', path: `/${id}?fields=permalink_url` }, run.timeoutMs);
        const link = (pl.json as { permalink_url?: string }).permalink_url;
        if (link && /^https:\/\//.test(link)) url = link;
      } catch {
        // The post is out; a missing permalink must not turn it into a failure.
      }
      await run.log({ code: scheduled ? 'scheduled_on_channel' : 'posted', action: `POST /${conn.username}/feed${scheduled ? ' (scheduled)' : ''}`, outcome: 'ok', detail: scheduled ? `scheduled_publish_time ${at}` : 'posted', status: r.status, remoteId: id, url });
      return { remoteId: id, url, remoteStatus: scheduled ? 'future' : 'publish' };
    },

    test(conn, secret) {
      return testGraphConnection(conn, secret, fetcher, 'id,name', (j) => (typeof j.name === 'string' ? j.name : conn.username));
    },

    async probe(conn) {
      await send({ method: 'GET', url: `${base(conn)}/`, timeoutMs: 10_000 }, fetcher);
    },
  };
}
