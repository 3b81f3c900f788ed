import { retryAfterMs } from '@shared/publishing/job';

/**
 * How a failed channel request ends, which decides what the outbox may do next:
 * - offline: the request never left (connection refused, DNS, no route) → wait for the network, no attempt used;
 * - unknown: it may have reached the channel (timeout, reset mid-request) → look before sending again;
 * - retryable: the channel answered 5xx → back off and retry;
 * - rate_limited: 429 → wait at least as long as the channel says;
 * - auth: credentials refused → the user must fix the connection;
 * - rejected: 4xx validation → retrying the same request cannot help;
 * - unverifiable: the outcome is unknown and the channel cannot tell us → ask the user.
 */
export type FailureKind = 'offline' | 'unknown' | 'retryable' | 'rate_limited' | 'auth' | 'rejected' | 'unverifiable';

export class PublishError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly extra: { status?: number; code?: string; retryAfterMs?: number | null } = {},
  ) {
    super(message);
    this.name = 'PublishError';
  }
}

/** Socket errors raised before a byte of the request reached the server. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'UND_ERR_CONNECT_TIMEOUT']);

function causeCode(err: unknown): string {
  let e = err as { code?: string; cause?: unknown } | undefined;
  for (let i = 0; i < 4 && e; i++) {
    if (typeof e.code === 'string') return e.code;
    e = e.cause as typeof e;
  }
  return '';
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  timeoutMs?: number;
}

export type Fetcher = typeof fetch;

/** One HTTP exchange; transport failures become PublishError with the right kind. */
export async function send(req: HttpRequest, fetcher: Fetcher = fetch): Promise<HttpResponse> {
  let res: Response;
  try {
    res = await fetcher(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body as BodyInit | undefined,
      signal: AbortSignal.timeout(req.timeoutMs ?? 30_000),
      redirect: 'follow',
    });
  } catch (err) {
    const code = causeCode(err);
    if (NOT_SENT.has(code)) throw new PublishError('offline', `${req.method} ${shortUrl(req.url)}: ${code}`, { code });
    const name = (err as Error).name;
    const what = name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : code || (err as Error).message;
    // A GET changes nothing: it can always be repeated.
    throw new PublishError(req.method === 'GET' ? 'retryable' : 'unknown', `${req.method} ${shortUrl(req.url)}: ${what}`, { code: what });
  }
  let text: string;
  try {
    text = await res.text();
  } catch (err) {
    throw new PublishError(req.method === 'GET' ? 'retryable' : 'unknown', `${req.method} ${shortUrl(req.url)}: body lost (${(err as Error).message})`);
  }
  let json: unknown = null;
  if (text && /json/i.test(res.headers.get('content-type') ?? '')) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** Turn a non-2xx answer into the right PublishError. */
export function failureOf(req: HttpRequest, res: HttpResponse, now: Date): PublishError {
  const body = (res.json ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof body.code === 'string' ? body.code : `http_${res.status}`;
  const msg = `${req.method} ${shortUrl(req.url)} → ${res.status} ${code}${typeof body.message === 'string' ? `: ${body.message.slice(0, 300)}` : ''}`;
  if (res.status === 429) return new PublishError('rate_limited', msg, { status: 429, code, retryAfterMs: retryAfterMs(res.headers, now) });
  if (res.status >= 500 || res.status === 408) {
    return new PublishError(req.method === 'GET' ? 'retryable' : 'unknown', msg, { status: res.status, code, retryAfterMs: retryAfterMs(res.headers, now) });
  }
  if (res.status === 401 || res.status === 403) return new PublishError('auth', msg, { status: res.status, code });
  return new PublishError('rejected', msg, { status: res.status, code });
}

/** URL without query values (they may carry captions; never credentials, but keep logs short). */
export function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search ? `?${[...u.searchParams.keys()].join('&')}` : ''}`;
  } catch {
    return url.slice(0, 200);
  }
}
