import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ApiError, type ErrorCode, type WireResult } from '@shared/api/errors';
import type { Dispatch } from './api/dispatch';
import { realDataFile } from './file-routes';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // WebAssembly only (no eval of scripts): HarfBuzz shapes Arabic for the card editor's live preview.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  // Every HTML sink takes only Trusted Types: the default policy sanitises (renderer/lib/sanitize.ts); DOMPurify has its own.
  "require-trusted-types-for 'script'",
  "trusted-types default dompurify 'allow-duplicates'",
].join('; ');

/** For data files (exports, photos): nothing in them may run, even when opened in place. */
export const FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.xml': 'application/xml',
  '.heic': 'image/heic',
  '.md': 'text/markdown; charset=utf-8',
};

const STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_input: 400,
  unknown_method: 404,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  store_locked: 423,
  unsupported: 415,
};

export interface HttpHostOptions {
  dispatch: Dispatch;
  staticDir: string;
  /** Data folder, for `GET /files/<area>/<name>` (see file-routes.ts). */
  dataDir?: string;
  port?: number;
  token?: string;
  maxBodyBytes?: number;
}

export interface HttpHost {
  url: string;
  /** The URL with the token in its fragment: the page reads it, servers never see it. */
  launchUrl: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: http.OutgoingHttpHeaders = {}) {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': Buffer.byteLength(body),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...extra,
  });
  res.end(body);
}

function sendResult(res: http.ServerResponse, result: WireResult<unknown>) {
  const status = result.ok ? 200 : (STATUS[result.error.code] ?? 500);
  send(res, status, JSON.stringify(result), 'application/json; charset=utf-8', { 'Cache-Control': 'no-store' });
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function tokenMatches(header: string | undefined, token: string): boolean {
  return !!header?.startsWith('Bearer ') && same(header.slice(7), token);
}

/**
 * Images and downloads cannot carry a header: after a first authorised API
 * call the page holds an HttpOnly cookie for /files. Browsers send cookies to
 * every port of 127.0.0.1, so the cookie holds its own random value (never
 * the API token: it opens /files only), and its name carries this host's port
 * so that hosts on other ports neither overwrite nor accept it.
 */
function cookieMatches(cookieHeader: string | undefined, name: string, value: string): boolean {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name && same(v.join('='), value)) return true;
  }
  return false;
}

/** A URL path decoded, or null when its %-encoding is malformed. */
function decodePath(p: string): string | null {
  try {
    return decodeURIComponent(p);
  } catch {
    return null;
  }
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new ApiError('invalid_input', 'request body too large', { params: { limit } });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The loopback host: serves the built renderer and carries the API as
 * `POST /api/<method>` with a JSON body. Bound to 127.0.0.1 only; every API
 * call needs the per-launch token; Host and Origin are checked against the
 * host's own address so that a web page elsewhere (DNS rebinding, CSRF)
 * cannot reach it.
 */
export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const fileToken = randomBytes(32).toString('base64url');
  const staticRoot = path.resolve(opts.staticDir);
  const maxBody = opts.maxBodyBytes ?? 128 * 1024 * 1024;
  let port = 0;

  const server = http.createServer(async (req, res) => {
    try {
      const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
      if (!allowedHosts.includes(req.headers.host ?? '')) {
        return send(res, 403, 'Forbidden host', 'text/plain; charset=utf-8');
      }
      const origin = req.headers.origin;
      if (origin && !allowedHosts.some((h) => origin === `http://${h}`)) {
        return send(res, 403, 'Forbidden origin', 'text/plain; charset=utf-8');
      }
      let url: URL;
      try {
        url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      } catch {
        return send(res, 400, 'Bad request', 'text/plain; charset=utf-8');
      }
      const fileCookie = `redaksi_files_${port}`;
      if (decodePath(url.pathname) === null) return send(res, 400, 'Bad request', 'text/plain; charset=utf-8');

      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { Allow: 'POST' });
        if (!tokenMatches(req.headers.authorization, token)) {
          return sendResult(res, { ok: false, error: new ApiError('unauthorized', 'missing or wrong token').toWire() });
        }
        let input: unknown = {};
        try {
          const body = await readBody(req, maxBody);
          if (body.length) input = JSON.parse(body.toString('utf8'));
        } catch (err) {
          const e = err instanceof ApiError ? err : new ApiError('invalid_input', 'body is not valid JSON');
          return sendResult(res, { ok: false, error: e.toWire() });
        }
        const method = decodePath(url.pathname.slice('/api/'.length));
        res.setHeader('Set-Cookie', `${fileCookie}=${fileToken}; HttpOnly; SameSite=Strict; Path=/files`);
        return sendResult(res, await opts.dispatch(method, input));
      }

      if (url.pathname.startsWith('/files/')) {
        if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8');
        if (!cookieMatches(req.headers.cookie, fileCookie, fileToken) && !tokenMatches(req.headers.authorization, token)) {
          return send(res, 401, 'Unauthorized', 'text/plain; charset=utf-8');
        }
        const file = opts.dataDir ? await realDataFile(opts.dataDir, url.pathname) : null;
        let body: Buffer;
        try {
          if (!file) throw new Error('not servable');
          body = await fsp.readFile(file);
        } catch {
          return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
        }
        const name = path.basename(file);
        return send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : body, MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream', {
          'Cache-Control': 'private, no-cache',
          'Content-Security-Policy': FILE_CONTENT_SECURITY_POLICY,
          ...(url.searchParams.has('download')
            ? { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}` }
            : {}),
        });
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed', 'text/plain; charset=utf-8', { Allow: 'GET, HEAD' });
      }
      const rel = url.pathname === '/' ? 'index.html' : decodePath(url.pathname)!.replace(/^\/+/, '');
      const file = path.resolve(staticRoot, rel);
      if (file !== staticRoot && !file.startsWith(staticRoot + path.sep)) {
        return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
      let body: Buffer;
      try {
        body = await fsp.readFile(file);
      } catch {
        return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      }
      const ext = path.extname(file).toLowerCase();
      const isHtml = ext === '.html';
      return send(res, 200, req.method === 'HEAD' ? Buffer.alloc(0) : body, MIME[ext] ?? 'application/octet-stream', {
        'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
        ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
      });
    } catch (err) {
      console.error(err);
      if (!res.headersSent) send(res, 500, 'Internal error', 'text/plain; charset=utf-8');
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
