import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '@core/http-host';
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
  hostDataDir = dataDir;
  return host;
}
let hostDataDir: string | null = null;

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
    expect(index.headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
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

  it('the /files cookie holds its own random value, named with the port; the API token is never in a cookie and the cookie never opens /api', async () => {
    const h = await setup();
    const api = await request(h, { method: 'POST', path: '/api/app.info', headers: { Authorization: `Bearer ${h.token}` }, body: '{}' });
    const setCookie = String(api.headers['set-cookie']);
    expect(setCookie).not.toContain(h.token);
    expect(setCookie).toMatch(new RegExp(`^redaksi_files_${h.port}=[A-Za-z0-9_-]{40,}; HttpOnly; SameSite=Strict; Path=/files$`));
    const [name, value] = setCookie.split(';')[0].split('=');
    // What a server on another loopback port would receive from the browser: useless on /api.
    const tries: Record<string, string>[] = [{ Cookie: `${name}=${value}` }, { Authorization: `Bearer ${value}` }, { Authorization: `Bearer ${value}`, Cookie: `${name}=${value}` }];
    for (const headers of tries) {
      const r = await request(h, { method: 'POST', path: '/api/settings.get', headers, body: '{}' });
      expect(r.status).toBe(401);
    }
    expect((await request(h, { path: '/files/exports/laporan.csv', headers: { Cookie: `${name}=${value}` } })).status).toBe(200);
    // Another host's cookie (other port in the name) or the API token as a cookie opens nothing.
    expect((await request(h, { path: '/files/exports/laporan.csv', headers: { Cookie: `redaksi_files_${h.port + 1}=${value}` } })).status).toBe(401);
    expect((await request(h, { path: '/files/exports/laporan.csv', headers: { Cookie: `${name}=${h.token}; redaksi_session=${h.token}` } })).status).toBe(401);
  });

  it('a page from a second loopback server, in a real browser, receives nothing it can use on /api', async () => {
    const { chromium } = await import('@playwright/test');
    const { CHROMIUM, CHROMIUM_ARGS } = await import('../../../playwright.config');
    const dir = tempDir();
    const staticDir = path.join(dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Redaksi</title><script src="app.js"></script>');
    // As the real client does: the token comes from the fragment and goes in a header.
    writeFileSync(
      path.join(staticDir, 'app.js'),
      "fetch('./api/app.info',{method:'POST',headers:{Authorization:'Bearer '+location.hash.slice(7)},body:'{}'}).then(r=>r.json()).then(j=>{document.title='ready:'+j.ok})",
    );
    const dataDir = path.join(dir, 'data');
    const { dispatch } = await openApi(dataDir);
    host = await startHttpHost({ dispatch, staticDir, dataDir });
    const received: string[] = [];
    const other = http.createServer((req, res) => {
      received.push(`${req.url} ${req.headers.cookie ?? ''} ${req.headers.authorization ?? ''}`);
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(req.url === '/' ? "<script>fetch('/files/exports/x',{credentials:'include'}).then(()=>{document.title='done'})</script>" : 'x');
    });
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', () => r()));
    const otherPort = (other.address() as { port: number }).port;
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(host.launchUrl);
      await page.waitForFunction(() => document.title === 'ready:true');
      await page.goto(`http://127.0.0.1:${otherPort}/`);
      await page.waitForFunction(() => document.title === 'done');
    } finally {
      await browser.close();
      await new Promise<void>((r) => other.close(() => r()));
    }
    const leaked = received.join('\n');
    expect(leaked).not.toContain(host.token);
    // Whatever it received, tried on /api: refused.
    for (const piece of leaked.split(/[\s;=]+/).filter((x) => x.length >= 20)) {
      const r = await request(host, { method: 'POST', path: '/api/settings.get', headers: { Authorization: `Bearer ${piece}` }, body: '{}' });
      expect(r.status).toBe(401);
    }
  }, 60_000);

  it('malformed requests get 400 without a stack trace', async () => {
    const h = await setup();
    const logged: unknown[] = [];
    const orig = console.error;
    console.error = (...a: unknown[]) => logged.push(a);
    try {
      for (const p of ['/api/%E0%A4%A', '/api/posts%zz.list', '/files/exports/%E0%A4%A', '/%zz', '/assets/%c0']) {
        const isApi = p.startsWith('/api/');
        const r = await request(h, { method: isApi ? 'POST' : 'GET', path: p, headers: { Authorization: `Bearer ${h.token}` }, body: isApi ? '{}' : undefined });
        expect(r.status, p).toBe(400);
        expect(r.body, p).not.toMatch(/Error|at .*:\d+/);
      }
    } finally {
      console.error = orig;
    }
    expect(logged).toEqual([]);
  });

  it('refuses symlinks out of the data folder (file, folder, /etc/passwd, a linked area folder): 404', async () => {
    const h = await setup();
    const root = tempDir();
    writeFileSync(path.join(root, 'outside.txt'), 'outside');
    mkdirSync(path.join(root, 'outside-dir'));
    writeFileSync(path.join(root, 'outside-dir', 'a.jpg'), 'outside');
    const data = hostDataDir!;
    symlinkSync(path.join(root, 'outside.txt'), path.join(data, 'exports', 'link.csv'));
    symlinkSync('/etc/passwd', path.join(data, 'exports', 'passwd.csv'));
    symlinkSync(path.join(root, 'outside-dir'), path.join(data, 'exports', 'dir'));
    mkdirSync(path.join(data, 'media'), { recursive: true });
    symlinkSync(path.join(root, 'outside-dir'), path.join(data, 'media', 'thumbs'));
    // A link that stays inside its area is fine.
    symlinkSync(path.join(data, 'exports', 'laporan.csv'), path.join(data, 'exports', 'alias.csv'));
    const auth = { Authorization: `Bearer ${h.token}` };
    for (const p of ['/files/exports/link.csv', '/files/exports/passwd.csv', '/files/exports/dir/a.jpg', '/files/thumbs/a.jpg', '/files/exports/dir']) {
      const r = await request(h, { path: p, headers: auth });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toMatch(/outside|root:/);
    }
    expect((await request(h, { path: '/files/exports/alias.csv', headers: auth })).status).toBe(200);
    expect((await request(h, { path: '/files/exports/laporan.csv', headers: auth })).status).toBe(200);
  });
});
