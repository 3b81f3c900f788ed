import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { PublishError, send, type Fetcher } from './http';

/**
 * OAuth 2.0 for X with PKCE and refresh tokens (docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code,
 * RFC 7636). A user access token lives two hours; with the `offline.access`
 * scope X also returns a refresh token, which `POST /2/oauth2/token`
 * (grant_type=refresh_token, public client: client_id in the body) trades for
 * a new pair. The pair is kept as the connection's secret (JSON), in the same
 * encrypted store as any other secret; a plain token (pasted by hand) still works.
 */

export const X_SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] as const;

const bundleSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  /** Epoch ms. */
  expires_at: z.number().optional(),
  client_id: z.string().min(1).optional(),
});
export type XTokens = z.infer<typeof bundleSchema>;

export function parseXSecret(secret: string): XTokens {
  const s = secret.trim();
  if (s.startsWith('{')) {
    try {
      return bundleSchema.parse(JSON.parse(s));
    } catch {
      // not a bundle: a token that happens to start with "{"
    }
  }
  return { access_token: s };
}

export function serialiseXTokens(t: XTokens): string {
  return JSON.stringify(t);
}

/** PKCE pair (RFC 7636 §4.1–4.2, S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function xAuthorizeUrl(opts: { authBase?: string; clientId: string; redirectUri: string; state: string; challenge: string }): string {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    scope: X_SCOPES.join(' '),
    state: opts.state,
    code_challenge: opts.challenge,
    code_challenge_method: 'S256',
  });
  return `${(opts.authBase ?? 'https://x.com').replace(/\/+$/, '')}/i/oauth2/authorize?${q.toString()}`;
}

async function tokenRequest(apiBase: string, form: Record<string, string>, fetcher: Fetcher, now: () => Date, timeoutMs: number): Promise<XTokens> {
  const res = await send({ method: 'POST', url: `${apiBase.replace(/\/+$/, '')}/2/oauth2/token`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString(), timeoutMs }, fetcher);
  const body = (res.json ?? {}) as { access_token?: string; refresh_token?: string; expires_in?: number; error?: string; error_description?: string };
  if (res.status !== 200 || !body.access_token) {
    // invalid_grant: the refresh token was used already, revoked, or expired — only a new authorisation helps.
    const kind = res.status >= 500 ? 'retryable' : 'auth';
    throw new PublishError(kind, `POST /2/oauth2/token → ${res.status} ${body.error ?? ''} ${body.error_description ?? ''}`.trim(), { status: res.status, code: body.error ?? 'token_refresh_failed' });
  }
  return {
    access_token: body.access_token,
    refresh_token: body.refresh_token ?? form.refresh_token,
    expires_at: body.expires_in ? now().getTime() + body.expires_in * 1000 : undefined,
    client_id: form.client_id,
  };
}

/** Authorisation code + PKCE verifier → tokens. */
export function exchangeXCode(apiBase: string, opts: { clientId: string; code: string; verifier: string; redirectUri: string }, fetcher: Fetcher = fetch, now: () => Date = () => new Date(), timeoutMs = 15_000): Promise<XTokens> {
  return tokenRequest(apiBase, { grant_type: 'authorization_code', code: opts.code, redirect_uri: opts.redirectUri, code_verifier: opts.verifier, client_id: opts.clientId }, fetcher, now, timeoutMs);
}

/** A refresh token → a new access token (and, as X rotates them, a new refresh token). */
export function refreshXTokens(apiBase: string, t: XTokens, fetcher: Fetcher = fetch, now: () => Date = () => new Date(), timeoutMs = 15_000): Promise<XTokens> {
  if (!t.refresh_token || !t.client_id) return Promise.reject(new PublishError('auth', 'no refresh token: authorise the X account again', { code: 'token_expired' }));
  return tokenRequest(apiBase, { grant_type: 'refresh_token', refresh_token: t.refresh_token, client_id: t.client_id }, fetcher, now, timeoutMs);
}

/** Refresh a little before the two hours are up, so a post never starts with a token about to die. */
export function needsRefresh(t: XTokens, now: Date, marginMs = 5 * 60_000): boolean {
  return Boolean(t.refresh_token && t.client_id && t.expires_at !== undefined && t.expires_at - now.getTime() < marginMs);
}
