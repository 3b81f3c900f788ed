/**
 * "Tes koneksi" names the real cause, checked against the REAL WordPress
 * wherever it can produce the cause (wrong password, wrong user, revoked
 * application password, wrong address, header stripped by a proxy in front of
 * it) and against small local servers for the rest (REST disabled, TLS,
 * timeout). WordPress answers 401 rest_not_logged_in for wrong credentials
 * (see ../shared/tools/README.md), the same as when the header is stripped.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testWordpress } from '@core/publishing/wordpress';
import type { Connection } from '@shared/publishing/connection';
import { openApi, tempDir } from '../../unit/electron/helpers';
import { faultProxy } from './fault-proxy';
import { startWordpress, wp } from './wp-env';

const started = startWordpress(Number(process.env.REDAKSI_IT_WP_PORT ?? 8166), process.env.REDAKSI_IT_WP_STATE ?? '/tmp/redaksi-it-wp-conntest');
const env = started.env;
if (!env) console.warn(`[connection test integration] skipped: ${started.reason}`);

function conn(baseUrl: string, username: string): Connection {
  const at = new Date().toISOString();
  return { id: 'c', createdAt: at, updatedAt: at, rev: 1, channel: 'website', label: 'Web', baseUrl, username, hasSecret: true, lastTest: null };
}

async function server(handler: http.RequestListener, tls?: { key: Buffer; cert: Buffer }): Promise<{ url: string; close(): Promise<void> }> {
  const s = tls ? https.createServer(tls, handler) : http.createServer(handler);
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    url,
    close: () =>
      new Promise((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

describe.skipIf(!env)('Tes koneksi WordPress (real WordPress)', () => {
  const e = env!;
  let proxy: Awaited<ReturnType<typeof faultProxy>>;
  beforeAll(async () => {
    proxy = await faultProxy(e.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  it('tells a wrong or revoked application password, a wrong user and a login password apart from a stripped header', async () => {
    expect((await testWordpress(conn(e.url, e.user), e.appPassword)).code).toBe('ok');
    // A login password (not 24 letters) instead of an application password.
    expect((await testWordpress(conn(e.url, e.user), 'rahasia-login-123')).code).toBe('wrong_password');
    // Revoked application password: create one, revoke it, test with it.
    const made = await wp<{ uuid: string; password: string }>(e, '/wp/v2/users/me/application-passwords', { method: 'POST', body: { name: `dicabut-${Date.now()}` } });
    expect(made.status).toBe(201);
    expect((await testWordpress(conn(e.url, e.user), made.json.password)).code).toBe('ok');
    await wp(e, `/wp/v2/users/me/application-passwords/${made.json.uuid}`, { method: 'DELETE' });
    const revoked = await testWordpress(conn(e.url, e.user), made.json.password);
    expect(revoked.code).toBe('bad_credentials');
    expect(revoked.detail).toContain('rest_not_logged_in');
    // A user name that does not exist, with a well-formed application password.
    expect((await testWordpress(conn(e.url, 'bukanpengguna'), e.appPassword)).code).toBe('bad_credentials');
    // The same right credentials, with the Authorization header dropped on the way.
    proxy.stripAuthorization = true;
    try {
      const stripped = await testWordpress(conn(proxy.url, e.user), e.appPassword);
      expect(stripped.code).toBe('auth_header_stripped');
      // ...and wrong credentials behind the same server are still wrong credentials.
      expect((await testWordpress(conn(proxy.url, e.user), 'abcdEFGHijklMNOPqrstUVWX')).code).toBe('bad_credentials');
    } finally {
      proxy.stripAuthorization = false;
    }
  });

  it('a wrong site path (HTML 404 at /wp-json/) is a wrong address, not a blocked REST API', async () => {
    const res = await testWordpress(conn(`${e.url}/situs-lama`, e.user), e.appPassword);
    expect(res.code).toBe('wrong_address');
    // Through the handler the UI calls as well.
    const api = await openApi(tempDir());
    const saved = await api.call('connections.save', { channel: 'website', label: 'Web', baseUrl: `${e.url}/situs-lama`, username: e.user, secret: e.appPassword });
    expect((await api.call('connections.test', { id: saved.id })).code).toBe('wrong_address');
  });
});

describe('Tes koneksi WordPress (local servers for the causes WordPress cannot produce here)', () => {
  it('REST API disabled by WordPress, a firewall page, a timeout and a bad TLS certificate', async () => {
    const disabled = await server((_req, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ code: 'rest_disabled', message: 'The REST API is disabled on this site.', data: { status: 401 } }));
    });
    expect((await testWordpress(conn(disabled.url, 'admin'), 'abcdEFGHijklMNOPqrstUVWX')).code).toBe('rest_disabled');
    await disabled.close();

    const firewall = await server((_req, res) => {
      res.writeHead(403, { 'Content-Type': 'text/html' });
      res.end('<html><body>Access denied by security plugin</body></html>');
    });
    expect((await testWordpress(conn(firewall.url, 'admin'), 'abcdEFGHijklMNOPqrstUVWX')).code).toBe('rest_blocked');
    await firewall.close();

    const silent = await server(() => undefined);
    const slow = await testWordpress(conn(silent.url, 'admin'), 'abcdEFGHijklMNOPqrstUVWX', fetch, 300);
    expect(slow.code).toBe('timeout');
    await silent.close();

    const dir = tempDir('redaksi-tls-');
    let tls: { key: Buffer; cert: Buffer } | null = null;
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem')], { stdio: 'ignore' });
      tls = { key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) };
    } catch {
      console.warn('[connection test] openssl not found: TLS case skipped');
    }
    if (tls) {
      const selfSigned = await server((_req, res) => res.end('{}'), tls);
      const bad = await testWordpress(conn(selfSigned.url, 'admin'), 'abcdEFGHijklMNOPqrstUVWX');
      expect(bad.code).toBe('tls');
      await selfSigned.close();
    }
  });
});
