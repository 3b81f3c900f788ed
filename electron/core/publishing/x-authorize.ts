import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HandlerContext } from '@core/deps';
import { PublishError, send, type Fetcher } from './http';
import { exchangeXCode, pkcePair, xAuthorizeUrl, type XTokens } from './x-oauth';

/**
 * "Sambungkan akun X": OAuth 2.0 authorization code with PKCE for a public
 * (Native App) client, with a loopback redirect (RFC 8252 §7.3): a one-shot
 * listener on 127.0.0.1 receives X's redirect, checks `state`, trades the
 * code for tokens (x-oauth.ts) and hands them to the caller, which stores
 * them as the connection's secret. The callback address must be registered
 * in the X developer portal exactly, so its port is fixed (53682 unless set).
 * One flow at a time; it ends after ten minutes without an answer.
 */

export const X_CALLBACK_PATH = '/x/callback';
export const X_DEFAULT_CALLBACK_PORT = 53682;
const FLOW_MS = 10 * 60_000;

export type XAuthFailure = 'denied' | 'redirect_mismatch' | 'client_invalid' | 'exchange_failed' | 'timeout' | 'save_failed';

export interface XAuthStatus {
  state: 'idle' | 'waiting' | 'done' | 'failed';
  redirectUri: string;
  code?: XAuthFailure;
  detail?: string;
  connectionId?: string;
  username?: string;
}

interface Flow {
  server: http.Server;
  timer: NodeJS.Timeout;
  status: XAuthStatus;
}

const flows = new WeakMap<HandlerContext, Flow>();
const last = new WeakMap<HandlerContext, XAuthStatus>();

export function xCallbackPort(): number {
  const p = Number(process.env.REDAKSI_X_CALLBACK_PORT ?? X_DEFAULT_CALLBACK_PORT);
  return Number.isInteger(p) && p >= 0 && p < 65536 ? p : X_DEFAULT_CALLBACK_PORT;
}

export function xAuthStatus(ctx: HandlerContext): XAuthStatus {
  return flows.get(ctx)?.status ?? last.get(ctx) ?? { state: 'idle', redirectUri: `http://127.0.0.1:${xCallbackPort()}${X_CALLBACK_PATH}` };
}

function close(ctx: HandlerContext): void {
  const f = flows.get(ctx);
  if (!f) return;
  clearTimeout(f.timer);
  f.server.close();
  f.server.closeAllConnections?.();
  flows.delete(ctx);
  last.set(ctx, f.status);
}

/** The small page the browser shows after X sends it back (no script; the app polls the status). */
function page(ok: boolean, text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Redaksi — X</title></head><body style="font-family:sans-serif;max-width:36rem;margin:3rem auto"><h1>${ok ? 'Akun X tersambung' : 'Akun X belum tersambung'}</h1><p>${esc}</p><p>Tutup tab ini dan kembali ke Redaksi.</p></body></html>`;
}

function failureOfExchange(err: unknown): { code: XAuthFailure; detail: string } {
  const e = err instanceof PublishError ? err : null;
  const detail = (err as Error).message;
  if (/redirect/i.test(detail)) return { code: 'redirect_mismatch', detail };
  if (e?.extra.code === 'invalid_client' || e?.extra.code === 'unauthorized_client' || e?.extra.status === 401) return { code: 'client_invalid', detail };
  return { code: 'exchange_failed', detail };
}

export interface XAuthStart {
  clientId: string;
  /** X API base (https://api.x.com) and the authorisation site (https://x.com); a local server in tests. */
  apiBase: string;
  authBase: string;
  fetcher?: Fetcher;
  /** Store the tokens (and the account's @username, when X tells it) as the connection's secret; returns the connection id. */
  onTokens(tokens: XTokens, username: string | null): Promise<string>;
}

/** Start (or restart) the flow: listen on the loopback callback and return the address the admin opens. */
export async function startXAuth(ctx: HandlerContext, opts: XAuthStart): Promise<{ authorizeUrl: string; redirectUri: string; expiresAt: string }> {
  close(ctx);
  const port = xCallbackPort();
  const { verifier, challenge } = pkcePair();
  const state = randomBytes(24).toString('base64url');
  const status: XAuthStatus = { state: 'waiting', redirectUri: `http://127.0.0.1:${port}${X_CALLBACK_PATH}` };
  const fail = (code: XAuthFailure, detail: string) => Object.assign(status, { state: 'failed', code, detail: detail.slice(0, 500) });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const answer = (httpStatus: number, ok: boolean, text: string) => {
      res.writeHead(httpStatus, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'", 'Cache-Control': 'no-store' });
      res.end(page(ok, text));
    };
    if (url.pathname !== X_CALLBACK_PATH || status.state !== 'waiting') return answer(404, false, 'Tidak ada permintaan izin X yang sedang menunggu.');
    // A stray or replayed request (another tab, an old link) must not end the flow the admin started.
    if (url.searchParams.get('state') !== state) {
      status.detail = 'an answer with another state was refused (old link or another attempt); still waiting';
      return answer(400, false, 'Jawaban X tidak cocok dengan permintaan dari Redaksi (tautan lama atau dari percobaan lain). Buka tautan izin terbaru dari Redaksi.');
    }
    const error = url.searchParams.get('error');
    if (error) {
      fail(error === 'access_denied' ? 'denied' : 'exchange_failed', `${error} ${url.searchParams.get('error_description') ?? ''}`.trim());
      answer(200, false, error === 'access_denied' ? 'Izin dibatalkan di X. Redaksi tidak mendapat akses ke akun.' : `X menjawab: ${error}.`);
      return close(ctx);
    }
    const code = url.searchParams.get('code') ?? '';
    void (async () => {
      try {
        const tokens = await exchangeXCode(opts.apiBase, { clientId: opts.clientId, code, verifier, redirectUri: status.redirectUri }, opts.fetcher ?? fetch);
        let username: string | null = null;
        try {
          const r = await send({ method: 'GET', url: `${opts.apiBase.replace(/\/+$/, '')}/2/users/me`, headers: { Authorization: `Bearer ${tokens.access_token}` }, timeoutMs: 15_000 }, opts.fetcher ?? fetch);
          username = (r.json as { data?: { username?: string } } | null)?.data?.username ?? null;
        } catch {
          // The name is a nicety: the tokens are what matters.
        }
        try {
          status.connectionId = await opts.onTokens(tokens, username);
        } catch (err) {
          fail('save_failed', (err as Error).message);
          answer(500, false, 'Token dari X diterima, tetapi tidak bisa disimpan di Redaksi. Lihat pesan di Redaksi.');
          return;
        }
        Object.assign(status, { state: 'done', username: username ?? undefined });
        answer(200, true, username ? `Redaksi sekarang bisa mengirim ke X sebagai @${username}.` : 'Redaksi sekarang bisa mengirim ke X.');
      } catch (err) {
        const f = failureOfExchange(err);
        fail(f.code, f.detail);
        answer(400, false, f.code === 'redirect_mismatch' ? `Alamat callback belum terdaftar di X developer portal. Daftarkan ${status.redirectUri} lalu ulangi.` : 'X menolak menukar kode izin. Lihat pesan di Redaksi.');
      } finally {
        close(ctx);
      }
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  status.redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}${X_CALLBACK_PATH}`;
  const timer = setTimeout(() => {
    fail('timeout', 'no answer from X within ten minutes');
    close(ctx);
  }, FLOW_MS);
  timer.unref();
  flows.set(ctx, { server, timer, status });
  return {
    authorizeUrl: xAuthorizeUrl({ authBase: opts.authBase, clientId: opts.clientId, redirectUri: status.redirectUri, state, challenge }),
    redirectUri: status.redirectUri,
    expiresAt: new Date(Date.now() + FLOW_MS).toISOString(),
  };
}

/** Stop a waiting flow (the admin cancelled, or the app closes). */
export function cancelXAuth(ctx: HandlerContext): void {
  close(ctx);
}

/** Revoke a token at X (POST /2/oauth2/revoke, public client); best effort: disconnecting never fails on it. */
export async function revokeXToken(apiBase: string, token: string, clientId: string | undefined, fetcher: Fetcher = fetch): Promise<boolean> {
  if (!clientId) return false;
  try {
    const r = await send({ method: 'POST', url: `${apiBase.replace(/\/+$/, '')}/2/oauth2/revoke`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token, client_id: clientId, token_type_hint: 'refresh_token' }).toString(), timeoutMs: 10_000 }, fetcher);
    return r.status === 200;
  } catch {
    return false;
  }
}
