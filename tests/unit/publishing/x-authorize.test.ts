/**
 * "Sambungkan akun X": OAuth 2.0 authorization code + PKCE with a loopback
 * redirect (RFC 8252 §7.3), against a local server that follows X's
 * documented protocol (docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code:
 * GET /i/oauth2/authorize redirects to the registered redirect_uri with
 * `code` and `state`, or `error=access_denied`; POST /2/oauth2/token checks
 * the S256 verifier and the exact redirect_uri; POST /2/oauth2/revoke).
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { parseXSecret } from '@core/publishing/x-oauth';
import { openApi, tempDir } from '../electron/helpers';
import { protocolStub, sendJson } from '../../protocol-stub';

const CLIENT = 'cmVkYWtzaS1uYXRpdmUtYXBw';

function xServer(opts: { registered?: (uri: string) => boolean } = {}) {
  const codes = new Map<string, { challenge: string; redirect: string }>();
  const revoked: string[] = [];
  let mode: 'approve' | 'deny' = 'approve';
  let n = 0;
  const stub = protocolStub((req, res, raw) => {
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown) => sendJson(res, status, body);
    if (url.pathname === '/i/oauth2/authorize') {
      const q = url.searchParams;
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('scope')).toContain('offline.access');
      const back = new URL(q.get('redirect_uri')!);
      if (mode === 'deny') back.search = new URLSearchParams({ error: 'access_denied', state: q.get('state')! }).toString();
      else {
        const code = `code${++n}`;
        codes.set(code, { challenge: q.get('code_challenge')!, redirect: q.get('redirect_uri')! });
        back.search = new URLSearchParams({ code, state: q.get('state')! }).toString();
      }
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    const f = new URLSearchParams(raw.toString('utf8'));
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') {
      if (f.get('client_id') !== CLIENT) return json(401, { error: 'invalid_client', error_description: 'Missing valid authorization header' });
      const c = codes.get(f.get('code') ?? '');
      if (!c || createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url') !== c.challenge) return json(400, { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' });
      if (c.redirect !== f.get('redirect_uri') || (opts.registered && !opts.registered(c.redirect))) return json(400, { error: 'invalid_request', error_description: 'Value passed for the redirect uri did not match the uri of the authorization code.' });
      codes.delete(f.get('code')!);
      return json(200, { token_type: 'bearer', expires_in: 7200, access_token: `at${n}`, refresh_token: `rt${n}`, scope: 'tweet.read tweet.write users.read media.write offline.access' });
    }
    if (req.method === 'POST' && url.pathname === '/2/oauth2/revoke') {
      revoked.push(f.get('token') ?? '');
      return json(200, { revoked: true });
    }
    if (url.pathname === '/2/users/me') return json(200, { data: { id: '1', name: 'Diskominfo Blora', username: 'kominfoblora' } });
    json(404, {});
  });
  const server = stub.server;
  return {
    server,
    revoked,
    set mode(m: 'approve' | 'deny') {
      mode = m;
    },
    get base() {
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
  };
}

const x = xServer();
beforeAll(async () => {
  process.env.REDAKSI_X_CALLBACK_PORT = '0';
  await new Promise<void>((r) => x.server.listen(0, '127.0.0.1', () => r()));
});
afterAll(() => {
  delete process.env.REDAKSI_X_CALLBACK_PORT;
  x.server.close();
});

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const v = await fn();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('timed out');
}

describe('Sambungkan akun X (OAuth 2.0 + PKCE, loopback redirect)', () => {
  it('the admin approves at X: the token pair with its refresh token becomes the connection secret, named after the account', async () => {
    const api = await openApi(tempDir());
    x.mode = 'approve';
    const start = await api.call('connections.xAuthStart', { label: 'X Diskominfo', clientId: CLIENT, apiBase: x.base });
    expect(start.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x\/callback$/);
    expect(new URL(start.authorizeUrl).searchParams.get('redirect_uri')).toBe(start.redirectUri);
    expect((await api.call('connections.xAuthStatus', {})).state).toBe('waiting');
    // The browser follows X's redirect to the loopback listener.
    const page = await fetch(start.authorizeUrl);
    expect(await page.text()).toContain('Akun X tersambung');
    const st = await waitFor(() => api.call('connections.xAuthStatus', {}), (s) => s.state !== 'waiting');
    expect(st).toMatchObject({ state: 'done', username: 'kominfoblora' });
    const conn = api.store.collections.connections.get(st.connectionId!)!;
    expect(conn).toMatchObject({ channel: 'x', username: 'kominfoblora', hasSecret: true, baseUrl: x.base });
    const tokens = parseXSecret((await secretsOf(api.ctx).get(conn.id))!);
    expect(tokens).toMatchObject({ access_token: expect.stringMatching(/^at\d+$/), refresh_token: expect.stringMatching(/^rt\d+$/), client_id: CLIENT });
    expect(tokens.expires_at).toBeGreaterThan(Date.now() + 7000_000);
    // The listener is gone once done: a replay finds nobody.
    await expect(fetch(start.authorizeUrl)).rejects.toThrow();

    // "Putuskan": the refresh token is revoked at X and forgotten here.
    const off = await api.call('connections.xDisconnect', { id: conn.id });
    expect(off.hasSecret).toBe(false);
    expect(x.revoked).toContain(tokens.refresh_token);
    expect(await secretsOf(api.ctx).get(conn.id)).toBeNull();
  });

  it('a cancelled permission, an answer from another attempt and an unregistered callback are each named', async () => {
    const api = await openApi(tempDir());
    x.mode = 'deny';
    const a = await api.call('connections.xAuthStart', { label: 'X', clientId: CLIENT, apiBase: x.base });
    expect(await (await fetch(a.authorizeUrl)).text()).toContain('Izin dibatalkan di X');
    expect(await waitFor(() => api.call('connections.xAuthStatus', {}), (s) => s.state !== 'waiting')).toMatchObject({ state: 'failed', code: 'denied' });

    x.mode = 'approve';
    const b = await api.call('connections.xAuthStart', { label: 'X', clientId: CLIENT, apiBase: x.base });
    // A stale link (another state) is refused and the flow keeps waiting for the right answer.
    const stale = await fetch(`${b.redirectUri}?code=code999&state=old`);
    expect(stale.status).toBe(400);
    expect((await api.call('connections.xAuthStatus', {})).state).toBe('waiting');
    await api.call('connections.xAuthCancel', {});
    expect(api.store.collections.connections.all()).toHaveLength(0);

    const strict = xServer({ registered: (u) => u === 'http://127.0.0.1:53682/x/callback' });
    await new Promise<void>((r) => strict.server.listen(0, '127.0.0.1', () => r()));
    try {
      const c = await api.call('connections.xAuthStart', { label: 'X', clientId: CLIENT, apiBase: strict.base });
      const text = await (await fetch(c.authorizeUrl)).text();
      expect(text).toContain('Alamat callback belum terdaftar');
      expect(await waitFor(() => api.call('connections.xAuthStatus', {}), (s) => s.state !== 'waiting')).toMatchObject({ state: 'failed', code: 'redirect_mismatch' });
      const d = await api.call('connections.xAuthStart', { label: 'X', clientId: 'bukan-client-id-ini', apiBase: x.base });
      await fetch(d.authorizeUrl);
      expect(await waitFor(() => api.call('connections.xAuthStatus', {}), (s) => s.state !== 'waiting')).toMatchObject({ state: 'failed', code: 'client_invalid' });
    } finally {
      strict.server.close();
    }
    expect(api.store.collections.connections.all()).toHaveLength(0);
  });
});
