import type { Connection, ConnectionTestResult } from '@shared/publishing/connection';
import { channelText } from '@shared/publishing/encode';
import { failureOf, PublishError, send, type Fetcher, type HttpRequest, type HttpResponse } from './http';
import type { Publisher, PublishRun } from './publisher';
import { needsRefresh, parseXSecret, refreshXTokens, serialiseXTokens } from './x-oauth';

/**
 * X API v2 publisher, OAuth 2.0 user-context access token (Bearer).
 * - Media: POST /2/media/upload (multipart "media", media_category=tweet_image) → data.id
 *   (docs.x.com/x-api/media/media-upload)
 * - Post: POST /2/tweets {text, media: {media_ids}} → 201 data.id (docs.x.com/x-api/posts/create-post)
 * - Errors are problem+json {title, detail, type, status}; 429 carries x-rate-limit-reset
 *   (docs.x.com/x-api/fundamentals/rate-limits).
 * Never twice: X takes no client id, so after an unknown outcome we read the
 * account's latest posts (GET /2/users/:id/tweets) and adopt one with the same
 * text created after the job was queued. If that read is refused, the job
 * becomes "unconfirmed" and the user decides. Each post costs money on paid plans.
 */

const DEFAULT_BASE = 'https://api.x.com';

function base(conn: Connection): string {
  return (conn.baseUrl || DEFAULT_BASE).replace(/\/+$/, '');
}

async function call(conn: Connection, token: string, fetcher: Fetcher, now: () => Date, req: Omit<HttpRequest, 'url'> & { path: string }, timeoutMs: number): Promise<HttpResponse> {
  const full: HttpRequest = { ...req, url: `${base(conn)}${req.path}`, headers: { Authorization: `Bearer ${token}`, ...req.headers }, timeoutMs };
  const res = await send(full, fetcher);
  if (res.status < 200 || res.status >= 300) {
    const e = failureOf(full, res, now());
    const body = (res.json ?? {}) as { detail?: string; title?: string; type?: string };
    const message = `${e.message} ${body.title ?? ''} ${body.detail ?? ''}`.trim();
    if (res.status === 403) {
      const cause = x403Cause(body);
      throw new PublishError(cause.kind, message, { ...e.extra, code: cause.code });
    }
    // problem+json carries no "code": keep its title/detail in the message.
    throw new PublishError(e.kind, message, { ...e.extra, code: e.extra.code ?? body.title });
  }
  return res;
}

/**
 * X answers 403 for very different things (docs.x.com/x-api/fundamentals/response-codes-and-errors):
 * only a token or app problem is a login matter; duplicate text and a policy
 * refusal are refusals of this post, which a new token would not change.
 */
export function x403Cause(body: { detail?: string; title?: string; type?: string }): { kind: 'auth' | 'rejected'; code: string } {
  const text = `${body.type ?? ''} ${body.title ?? ''} ${body.detail ?? ''}`.toLowerCase();
  if (/duplicate content|duplicate/.test(text)) return { kind: 'rejected', code: 'x_duplicate' };
  if (/oauth1-permissions|unsupported-authentication|client-forbidden|attached to a project|appropriate .*permissions|scope/.test(text)) return { kind: 'auth', code: 'x_app_permissions' };
  if (/not permitted to perform this action|not allowed to|disallowed|policy|suspended|locked/.test(text)) return { kind: 'rejected', code: 'x_policy' };
  return { kind: 'auth', code: 'x_forbidden' };
}

/** Text as X returns it: links become t.co; compare with links masked. */
function comparable(text: string): string {
  return text.replace(/https?:\/\/\S+/g, '<url>').replace(/\s+/g, ' ').trim();
}

interface Me {
  id: string;
  username: string;
}

async function me(conn: Connection, token: string, fetcher: Fetcher, now: () => Date, timeoutMs: number): Promise<Me> {
  const r = await call(conn, token, fetcher, now, { method: 'GET', path: '/2/users/me' }, timeoutMs);
  return (r.json as { data: Me }).data;
}

async function findExisting(run: PublishRun, secret: string, fetcher: Fetcher): Promise<{ id: string; url: string } | null> {
  const { connection: conn } = run;
  let user: Me;
  let list: { id: string; text: string; created_at?: string }[];
  try {
    user = await me(conn, secret, fetcher, run.now, run.timeoutMs);
    const since = new Date(Date.parse(run.job.createdAt) - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const r = await call(conn, secret, fetcher, run.now, { method: 'GET', path: `/2/users/${user.id}/tweets?max_results=20&tweet.fields=created_at&start_time=${since}` }, run.timeoutMs);
    list = (r.json as { data?: typeof list }).data ?? [];
  } catch (err) {
    if (err instanceof PublishError && (err.kind === 'offline' || err.kind === 'retryable' || err.kind === 'rate_limited')) throw err;
    throw new PublishError('unverifiable', `cannot read the account's posts to check: ${(err as Error).message}`);
  }
  const want = comparable(channelText(run.job.payload.text));
  const hit = list.find((t) => comparable(t.text) === want);
  return hit ? { id: hit.id, url: `https://x.com/${user.username}/status/${hit.id}` } : null;
}

/**
 * The access token to use now: refreshed first when it is about to expire,
 * and the new pair saved before anything is sent with it (X rotates refresh
 * tokens: the old one is void once used).
 */
async function freshToken(conn: Connection, secret: string, save: (v: string) => Promise<void>, fetcher: Fetcher, now: () => Date, timeoutMs: number, force = false): Promise<string> {
  const t = parseXSecret(secret);
  if (!force && !needsRefresh(t, now())) return t.access_token;
  if (!t.refresh_token) return t.access_token;
  const next = await refreshXTokens(base(conn), t, fetcher, now, timeoutMs);
  await save(serialiseXTokens(next));
  return next.access_token;
}

function canRefresh(secret: string): boolean {
  const t = parseXSecret(secret);
  return Boolean(t.refresh_token && t.client_id);
}

const isExpired = (err: unknown) => err instanceof PublishError && err.extra.status === 401;

export function xPublisher(fetcher: Fetcher = fetch): Publisher {
  const publishWith = async (run: PublishRun, secret: string) => {
      const { connection: conn } = run;
      if (run.job.intents.includes('post')) {
        const found = await findExisting(run, secret, fetcher);
        await run.log({ code: found ? 'lookup_found' : 'lookup_clear', action: 'lookup recent posts', outcome: 'ok', detail: found ? 'found: adopted' : 'not on the account: safe to post', status: 200, remoteId: found?.id ?? null, url: found?.url ?? null });
        if (found) return { remoteId: found.id, url: found.url, remoteStatus: 'publish' };
        await run.update((j) => ({ ...j, intents: j.intents.filter((x) => x !== 'post') }));
      }
      const mediaIds: string[] = [];
      for (const m of run.job.payload.media) {
        const known = run.job.remote.media[m.sha256];
        if (known) {
          mediaIds.push(known.id);
          continue;
        }
        const form = new FormData();
        form.append('media', new Blob([new Uint8Array(await run.readMedia(m))], { type: m.mime }), `${m.sha256.slice(0, 16)}.jpg`);
        form.append('media_category', 'tweet_image');
        const body = new Response(form);
        const r = await call(conn, secret, fetcher, run.now, {
          method: 'POST',
          path: '/2/media/upload',
          headers: { 'Content-Type': body.headers.get('content-type')! },
          body: new Uint8Array(await body.arrayBuffer()),
        }, run.timeoutMs);
        const id = (r.json as { data: { id: string } }).data.id;
        mediaIds.push(id);
        // Uploading twice is harmless (media is private until attached): no intent needed.
        await run.update((j) => ({ ...j, remote: { ...j.remote, media: { ...j.remote.media, [m.sha256]: { id, url: '' } } } }));
        await run.log({ code: 'photo_uploaded', params: { kb: Math.round(m.bytes / 1024) }, action: 'POST /2/media/upload', outcome: 'ok', detail: `${(m.bytes / 1024).toFixed(0)} KB`, status: r.status, remoteId: id, url: null });
      }
      await run.update((j) => ({ ...j, intents: [...new Set([...j.intents, 'post'])] }));
      const r = await call(conn, secret, fetcher, run.now, {
        method: 'POST',
        path: '/2/tweets',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(mediaIds.length ? { text: channelText(run.job.payload.text), media: { media_ids: mediaIds } } : { text: channelText(run.job.payload.text) }),
      }, run.timeoutMs);
      const id = (r.json as { data: { id: string } }).data.id;
      const url = `https://x.com/${conn.username.replace(/^@/, '') || 'i'}/status/${id}`;
      await run.update((j) => ({ ...j, remote: { ...j.remote, postId: id }, intents: j.intents.filter((x) => x !== 'post') }));
      await run.log({ code: 'posted', action: 'POST /2/tweets', outcome: 'ok', detail: 'posted', status: r.status, remoteId: id, url });
      return { remoteId: id, url, remoteStatus: 'publish' };
  };
  return {
    async publish(run) {
      const token = await freshToken(run.connection, run.secret, run.saveSecret, fetcher, run.now, run.timeoutMs);
      try {
        return await publishWith(run, token);
      } catch (err) {
        // Expired early (revoked, clock skew): refresh once and go again. A 401 means nothing was created.
        if (!isExpired(err) || !canRefresh(run.secret)) throw err;
        await run.log({ code: 'token_refresh', action: 'POST /2/oauth2/token', outcome: 'info', detail: 'access token refused: refreshing', status: 401, remoteId: null, url: null });
        const again = await freshToken(run.connection, run.secret, run.saveSecret, fetcher, run.now, run.timeoutMs, true);
        return publishWith(run, again);
      }
    },

    async test(conn, secret, saveSecret): Promise<ConnectionTestResult> {
      if (!secret) return { ok: false, code: 'no_secret', detail: '' };
      try {
        const save = saveSecret ?? (async () => undefined);
        let token = saveSecret ? await freshToken(conn, secret, save, fetcher, () => new Date(), 15_000) : parseXSecret(secret).access_token;
        const user = await me(conn, token, fetcher, () => new Date(), 15_000).catch(async (err) => {
          if (!isExpired(err) || !saveSecret || !canRefresh(secret)) throw err;
          token = await freshToken(conn, secret, save, fetcher, () => new Date(), 15_000, true);
          return me(conn, token, fetcher, () => new Date(), 15_000);
        });
        return { ok: true, code: 'ok', detail: `@${user.username}`, userName: `@${user.username}` };
      } catch (err) {
        const e = err as PublishError;
        if (!(e instanceof PublishError)) return { ok: false, code: 'server_error', detail: String(err) };
        if (e.kind === 'offline') return { ok: false, code: 'unreachable', detail: e.message };
        if (e.extra.status === 401) return { ok: false, code: 'token_expired', detail: e.message };
        if (e.extra.status === 403) return { ok: false, code: 'missing_capability', detail: e.message };
        return { ok: false, code: 'server_error', detail: e.message };
      }
    },

    async probe(conn) {
      await send({ method: 'GET', url: `${base(conn)}/2/openapi.json`, timeoutMs: 10_000 }, fetcher);
    },
  };
}
