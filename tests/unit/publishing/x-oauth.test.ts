/**
 * X OAuth 2.0 with PKCE and refresh tokens against a local server following
 * the documented protocol (docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code
 * and .../user-access-token: POST /2/oauth2/token, form-encoded; access
 * tokens live 7200 s; with offline.access a refresh token is returned and
 * rotated on every refresh; a used refresh token answers 400 invalid_grant).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { secretsOf } from '@core/publishing/handlers';
import { importPhoto } from '@core/media/import';
import { Outbox } from '@core/publishing/outbox';
import { exchangeXCode, parseXSecret, pkcePair, refreshXTokens, serialiseXTokens, xAuthorizeUrl } from '@core/publishing/x-oauth';
import { PublishError } from '@core/publishing/http';
import { teamPath } from '../../team-folder';
import { openApi, tempDir } from '../electron/helpers';
import { protocolStub, sendJson } from '../../protocol-stub';

const CLIENT = 'cmVkYWtzaS1jbGllbnQ';

function oauthServer() {
  const codes = new Map<string, string>(); // code → S256 challenge
  const access = new Map<string, number>(); // token → expiry (server clock, ms)
  const refresh = new Set<string>();
  let n = 0;
  const posts: string[] = [];
  const clock = { now: Date.now() };
  const issue = () => {
    n++;
    access.set(`at${n}`, clock.now + 7200_000);
    refresh.add(`rt${n}`);
    return { token_type: 'bearer', expires_in: 7200, access_token: `at${n}`, scope: 'tweet.read tweet.write users.read media.write offline.access', refresh_token: `rt${n}` };
  };
  const stub = protocolStub((req, res, raw) => {
    const url = new URL(req.url!, 'http://x');
    const json = (status: number, body: unknown) => sendJson(res, status, body);
    if (req.method === 'POST' && url.pathname === '/2/oauth2/token') {
      const f = new URLSearchParams(raw.toString('utf8'));
      if (f.get('client_id') !== CLIENT) return json(401, { error: 'invalid_client' });
      if (f.get('grant_type') === 'authorization_code') {
        const challenge = codes.get(f.get('code') ?? '');
        const got = createHash('sha256').update(f.get('code_verifier') ?? '').digest('base64url');
        if (!challenge || challenge !== got) return json(400, { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' });
        codes.delete(f.get('code')!);
        return json(200, issue());
      }
      if (f.get('grant_type') === 'refresh_token') {
        const rt = f.get('refresh_token') ?? '';
        if (!refresh.has(rt)) return json(400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
        refresh.delete(rt); // rotated: single use
        return json(200, issue());
      }
      return json(400, { error: 'unsupported_grant_type' });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const exp = access.get(token);
    if (!exp || exp <= clock.now) {
      res.writeHead(401, { 'content-type': 'application/problem+json' });
      return res.end(JSON.stringify({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }));
    }
    if (url.pathname === '/2/users/me') return json(200, { data: { id: '1500', username: 'dinkesblora' } });
    if (url.pathname === '/2/media/upload') return json(200, { data: { id: `71${posts.length}` } });
    if (url.pathname === '/2/tweets') {
      const body = JSON.parse(raw.toString('utf8')) as { text: string };
      posts.push(`${token}:${body.text}`);
      return json(201, { data: { id: String(1860000000000000000n + BigInt(posts.length)), text: body.text } });
    }
    json(404, {});
  });
  return { codes, access, refresh, posts, clock, server: stub.server };
}

const servers: http.Server[] = [];
afterEach(async () => {
  while (servers.length) {
    const s = servers.pop()!;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('X OAuth 2.0 (PKCE, refresh tokens)', () => {
  it('authorises with PKCE, refreshes before the two hours are up and after an early 401, keeps the rotated refresh token', async () => {
    const srv = oauthServer();
    servers.push(srv.server);
    await new Promise<void>((r) => srv.server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(srv.server.address() as { port: number }).port}`;

    // Authorisation: the URL carries the S256 challenge and offline.access; the code is exchanged with the verifier.
    const { verifier, challenge } = pkcePair();
    const url = new URL(xAuthorizeUrl({ clientId: CLIENT, redirectUri: 'http://127.0.0.1:53682/x', state: 's1', challenge }));
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('scope')).toContain('offline.access');
    srv.codes.set('code1', challenge);
    await expect(exchangeXCode(base, { clientId: CLIENT, code: 'code1', verifier: 'wrong', redirectUri: 'http://127.0.0.1:53682/x' })).rejects.toBeInstanceOf(PublishError);
    srv.codes.set('code1', challenge);
    const clock = { now: new Date(srv.clock.now) };
    const tokens = await exchangeXCode(base, { clientId: CLIENT, code: 'code1', verifier, redirectUri: 'http://127.0.0.1:53682/x' }, fetch, () => clock.now);
    expect(tokens).toMatchObject({ access_token: 'at1', refresh_token: 'rt1', client_id: CLIENT });

    const api = await openApi(tempDir(), { now: () => clock.now });
    const imp = await importPhoto(api.ctx, 'a.jpg', readFileSync(path.join(teamPath('fixtures/photos'), 'gps/DSCN0010.jpg')));
    const conn = await api.call('connections.save', { channel: 'x', label: 'X', baseUrl: base, username: 'dinkesblora', secret: serialiseXTokens(tokens) });
    expect((await api.call('connections.test', { id: conn.id })).code).toBe('ok');
    const ob = new Outbox(api.ctx, secretsOf(api.ctx), { random: () => 0 });
    await ob.start({ poll: false });
    const post = async (title: string) => {
      const p = await api.call('posts.create', { content: { title, lead: `BLORA – ${title}.`, category: 'Kesehatan', media: [{ mediaId: imp.photo.id, role: 'featured', caption: '' }] } });
      await api.store.posts.put({ ...p, status: 'approved', rev: p.rev + 1 });
      const [job] = await api.call('publishing.schedule', { postId: p.id, channels: ['x'], scheduledAt: null });
      await ob.drain();
      return api.store.collections.jobs.get(job.id)!;
    };
    expect((await post('Satu')).state).toBe('published');
    expect(srv.posts[0]).toMatch(/^at1:/);

    // Two hours later: refreshed before sending, and the rotated refresh token is what is stored now.
    clock.now = new Date(clock.now.getTime() + 7200_000 - 60_000);
    srv.clock.now = clock.now.getTime();
    expect((await post('Dua')).state).toBe('published');
    expect(srv.posts[1]).toMatch(/^at2:/);
    let stored = parseXSecret((await secretsOf(api.ctx).get(conn.id))!);
    expect(stored).toMatchObject({ access_token: 'at2', refresh_token: 'rt2' });

    // Revoked early: the post is refused with 401, refreshed once, sent once.
    srv.access.delete('at2');
    const third = await post('Tiga');
    expect(third.state).toBe('published');
    expect(srv.posts).toHaveLength(3);
    expect(srv.posts[2]).toMatch(/^at3:/);
    stored = parseXSecret((await secretsOf(api.ctx).get(conn.id))!);
    expect(stored.refresh_token).toBe('rt3');

    // A refresh token used twice is void: the job asks for the account to be authorised again.
    await expect(refreshXTokens(base, { ...stored, refresh_token: 'rt1' })).rejects.toMatchObject({ kind: 'auth' });
    srv.access.clear();
    srv.refresh.clear();
    const fourth = await post('Empat');
    expect(fourth.state).toBe('needs_action');
    expect(fourth.needsAction?.reason).toBe('auth');
    await ob.stop();
  });
});
