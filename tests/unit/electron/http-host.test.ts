import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../electron/core/http-host';
import { openApi, tempDir } from './helpers';

let host: HttpHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function setup() {
  const dir = tempDir();
  const staticDir = path.join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Redaksi</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'do not serve');
  const dataDir = path.join(dir, 'data');
  const { dispatch } = await openApi(dataDir);
  mkdirSync(path.join(dataDir, 'exports'));
  writeFileSync(path.join(dataDir, 'exports', 'laporan.csv'), 'a,b\n');
  host = await startHttpHost({ dispatch, staticDir, dataDir });
  return host;
}

/** Raw request, so that Host and Origin can be set freely. */
function request(
  h: HttpHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: h.port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('HTTP host', () => {
  it('binds to loopback and prints a launch URL carrying the token in the fragment', async () => {
    const h = await setup();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(h.launchUrl).toBe(`${h.url}#token=${h.token}`);
    expect(h.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses API calls without the right token', async () => {
    const h = await setup();
    for (const auth of [undefined, 'Bearer wrong', `Basic ${h.token}`, `Bearer ${h.token}x`]) {
      const r = await request(h, { method: 'POST', path: '/api/posts.list', headers: auth ? { Authorization: auth } : {}, body: '{}' });
      expect(r.status, String(auth)).toBe(401);
      expect(JSON.parse(r.body).error.code).toBe('unauthorized');
    }
    const ok = await request(h, { method: 'POST', path: '/api/posts.list', headers: { Authorization: `Bearer ${h.token}` }, body: '{}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('answers typed errors for bad input, unknown methods and bad JSON', async () => {
    const h = await setup();
    const auth = { Authorization: `Bearer ${h.token}` };
    const bad = await request(h, { method: 'POST', path: '/api/posts.get', headers: auth, body: '{"id":"../x"}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatchObject({ code: 'invalid_input' });
    expect(JSON.parse(bad.body).error.issues[0].path).toBe('id');
    const unknown = await request(h, { method: 'POST', path: '/api/fs.readFile', headers: auth, body: '{}' });
    expect(JSON.parse(unknown.body).error.code).toBe('unknown_method');
    const notJson = await request(h, { method: 'POST', path: '/api/posts.list', headers: auth, body: '{nope' });
    expect(JSON.parse(notJson.body).error.code).toBe('invalid_input');
    const get = await request(h, { path: '/api/posts.list', headers: auth });
    expect(get.status).toBe(405);
    expect(bad.body).not.toMatch(/at .*\.ts:\d+/); // no stack traces
  });

  it('rejects foreign Host and Origin headers (DNS rebinding, cross-site requests)', async () => {
    const h = await setup();
    const auth = { Authorization: `Bearer ${h.token}` };
    const rebinding = await request(h, { method: 'POST', path: '/api/posts.list', headers: { ...auth, Host: `evil.example:${h.port}` }, body: '{}' });
    expect(rebinding.status).toBe(403);
    const cross = await request(h, { method: 'POST', path: '/api/posts.list', headers: { ...auth, Origin: 'http://evil.example' }, body: '{}' });
    expect(cross.status).toBe(403);
    const same = await request(h, { method: 'POST', path: '/api/posts.list', headers: { ...auth, Origin: `http://127.0.0.1:${h.port}` }, body: '{}' });
    expect(same.status).toBe(200);
  });

  it('serves the UI with a strict CSP and never a file outside its folder', async () => {
    const h = await setup();
    const index = await request(h, { path: '/' });
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      const r = await request(h, { path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('do not serve');
    }
  });
});

describe('HTTP host: data files', () => {
  it('serves files/ only to a page that made an authorised call (HttpOnly cookie)', async () => {
    const h = await setup();
    expect((await request(h, { path: '/files/exports/laporan.csv' })).status).toBe(401);
    const api = await request(h, { method: 'POST', path: '/api/app.info', headers: { Authorization: `Bearer ${h.token}` }, body: '{}' });
    const cookie = String(api.headers['set-cookie']).split(';')[0];
    expect(String(api.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const file = await request(h, { path: '/files/exports/laporan.csv?download=1', headers: { Cookie: cookie } });
    expect(file.status).toBe(200);
    expect(file.body).toBe('a,b\n');
    expect(file.headers['content-disposition']).toContain('laporan.csv');
    for (const p of ['/files/exports/../store/meta.json', '/files/exports/%2e%2e%2fstore%2fmeta.json', '/files/store/meta.json', '/files/exports/.hidden', '/files/constructor/x']) {
      expect((await request(h, { path: p, headers: { Cookie: cookie } })).status, p).toBe(404);
    }
    expect((await request(h, { path: '/files/exports/laporan.csv', headers: { Cookie: 'redaksi_session=wrong' } })).status).toBe(401);
  });
});
