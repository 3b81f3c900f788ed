import type { HubFailureReason } from '@shared/sync/hub';

/**
 * Talking to the hub over HTTP(S) with Node's fetch, and turning every way it
 * can fail into one precise reason (issue 13 item 3: "Tes koneksi"). Used by
 * the connection test, by sign-in, and by the fetch the sync engine's remote
 * PouchDB databases go through, so the same failure reads the same everywhere.
 */

export class HubFailure extends Error {
  constructor(
    readonly reason: HubFailureReason,
    readonly detail: string,
    /** The database the failure is about, when it is about one. */
    readonly database?: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'HubFailure';
  }
}

// Node's TLS verification codes (OpenSSL X509_V_ERR_* names, see node's tls docs).
const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);
const EXPIRED = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);
const TIMEOUT = new Set(['ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Error codes along an error's cause chain (fetch wraps the socket error; happy eyeballs wraps several). */
function codesOf(err: unknown, seen = new Set<unknown>()): string[] {
  if (!err || typeof err !== 'object' || seen.has(err)) return [];
  seen.add(err);
  const e = err as { code?: unknown; name?: unknown; cause?: unknown; errors?: unknown };
  const out: string[] = [];
  if (typeof e.code === 'string') out.push(e.code);
  if (e.name === 'TimeoutError' || e.name === 'AbortError') out.push('ETIMEDOUT');
  out.push(...codesOf(e.cause, seen));
  if (Array.isArray(e.errors)) for (const x of e.errors) out.push(...codesOf(x, seen));
  return out;
}

function messagesOf(err: unknown): string[] {
  const out: string[] = [];
  for (let e = err as { message?: unknown; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (typeof e.message === 'string') out.push(e.message);
  }
  return out.length ? out : [String(err)];
}

/** The reason a request to the hub failed before any HTTP answer. */
export function classifyNetworkError(err: unknown): HubFailure {
  if (err instanceof HubFailure) return err;
  const codes = codesOf(err);
  const has = (set: Set<string>) => codes.find((c) => set.has(c));
  const detail = codes.join(',') || messagesOf(err).join(': ');
  if (has(UNTRUSTED)) return new HubFailure('hub_cert_self_signed', detail);
  if (has(EXPIRED)) return new HubFailure('hub_cert_expired', detail);
  if (codes.some((c) => c.startsWith('ERR_TLS_CERT') || c.includes('CERT'))) return new HubFailure('hub_cert_invalid', detail);
  if (has(DNS)) return new HubFailure('hub_dns', detail);
  if (codes.includes('ECONNREFUSED')) return new HubFailure('hub_refused', detail);
  if (has(TIMEOUT)) return new HubFailure('hub_timeout', detail);
  // Something answered, but not in HTTP (or not in TLS on an https:// address): not a CouchDB there.
  if (codes.some((c) => c.startsWith('HPE_') || c === 'ERR_SSL_WRONG_VERSION_NUMBER' || c === 'EPROTO' || c === 'UND_ERR_SOCKET'))
    return new HubFailure('hub_not_couchdb', detail);
  return new HubFailure('hub_unreachable', detail);
}

export interface HubRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
  /** Abort after this long (the connection test); none for replication's long polls. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One request to the hub; network failures become a HubFailure with its reason. */
export async function hubRequest(url: string, init: HubRequestInit = {}): Promise<Response> {
  const signals = [init.signal, init.timeoutMs ? AbortSignal.timeout(init.timeoutMs) : undefined].filter((s): s is AbortSignal => Boolean(s));
  try {
    return await fetch(url, {
      method: init.method ?? 'GET',
      headers: { Accept: 'application/json', ...init.headers },
      body: init.body,
      signal: signals.length ? AbortSignal.any(signals) : undefined,
      redirect: 'manual',
    });
  } catch (err) {
    throw classifyNetworkError(err);
  }
}

async function jsonOf(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const v: unknown = await res.json();
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The AuthSession cookie a response sets (sign-in, or CouchDB refreshing it near its end). */
export function authCookieOf(res: Response): string | null {
  for (const c of res.headers.getSetCookie()) {
    const m = /^AuthSession=([^;]*)/.exec(c);
    if (m) return m[1] || null;
  }
  return null;
}

/** What the server says it is: CouchDB answers `{"couchdb":"Welcome"}`, PouchDB Server (express-pouchdb) its own welcome. */
export async function probeServer(base: string, timeoutMs: number): Promise<{ vendor: string; version: string }> {
  const res = await hubRequest(`${base}/`, { timeoutMs });
  const body = res.ok ? await jsonOf(res) : null;
  if (body?.couchdb === 'Welcome') return { vendor: 'CouchDB', version: String(body.version ?? '') };
  if (body && typeof body['express-pouchdb'] === 'string') return { vendor: 'PouchDB Server', version: String(body.version ?? '') };
  throw new HubFailure('hub_not_couchdb', `GET / answered ${res.status}${body ? ' without a CouchDB welcome' : ' without JSON'}`);
}

export interface HubUserCtx {
  name: string;
  roles: string[];
}

/** Signs in through CouchDB's cookie authentication (POST /_session). */
export async function openSession(base: string, name: string, password: string, timeoutMs?: number): Promise<{ cookie: string; user: HubUserCtx }> {
  const res = await hubRequest(`${base}/_session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password }),
    timeoutMs,
  });
  const body = await jsonOf(res);
  if (res.status === 401) throw new HubFailure('hub_wrong_password', `_session ${res.status}: ${String(body?.reason ?? '')}`);
  const cookie = authCookieOf(res);
  if (!res.ok || !body || !cookie) throw new HubFailure('hub_not_couchdb', `_session answered ${res.status}${cookie ? '' : ' without a session cookie'}`);
  const roles = Array.isArray(body.roles) ? body.roles.filter((r): r is string => typeof r === 'string') : [];
  return { cookie, user: { name: typeof body.name === 'string' ? body.name : name, roles } };
}

/** Whether the signed-in account may open a database: resolves, or throws the reason it may not. */
export async function checkDatabase(base: string, db: string, cookie: string, timeoutMs?: number): Promise<void> {
  const res = await hubRequest(`${base}/${encodeURIComponent(db)}`, { headers: { Cookie: `AuthSession=${cookie}` }, timeoutMs });
  if (res.ok) {
    await res.body?.cancel();
    return;
  }
  const body = await jsonOf(res);
  const detail = `GET /${db} ${res.status}: ${String(body?.reason ?? body?.error ?? '')}`;
  if (res.status === 404) throw new HubFailure('hub_no_database', detail, db);
  if (res.status === 401 || res.status === 403) throw new HubFailure('hub_no_permission', detail, db);
  throw new HubFailure('hub_not_couchdb', detail, db);
}
