import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the proxy does with one request, decided from its method and path. */
export type Fault =
  /** Forward it, let WordPress act on it, then cut the connection instead of answering (a lost answer). */
  | { kind: 'cut' }
  /** Wait before forwarding it. */
  | { kind: 'delay'; ms: number };

export interface FaultRule {
  method?: string;
  /** Matched against the path without the query string. */
  path: RegExp;
  fault: Fault;
  /** How many matching requests get the fault (default: every one). */
  times?: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  status: number | 'cut';
}

/**
 * A fault-injecting HTTP proxy in front of the real WordPress: it forwards
 * every request unchanged and injects the faults of its rules. `down()`
 * closes the port (connection refused, as when the network is gone), `up()`
 * opens it again on the same port.
 */
export async function faultProxy(targetUrl: string): Promise<{
  url: string;
  rules: FaultRule[];
  seen: SeenRequest[];
  inFlight: () => number;
  onRequest: ((r: { method: string; path: string }) => void) | null;
  /** Drop the Authorization header on the way, as Apache with CGI/FastCGI does without SetEnvIf. */
  stripAuthorization: boolean;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}> {
  const target = new URL(targetUrl);
  const rules: FaultRule[] = [];
  const seen: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  let inFlight = 0;
  let server: http.Server | null = null;
  let port = 0;
  const api = {
    url: '',
    rules,
    seen,
    inFlight: () => inFlight,
    onRequest: null as ((r: { method: string; path: string }) => void) | null,
    stripAuthorization: false,
    down: async () => {
      const s = server;
      server = null;
      if (!s) return;
      for (const sock of sockets) sock.destroy();
      sockets.clear();
      await new Promise<void>((r) => s.close(() => r()));
    },
    up: () => open(),
    close: () => api.down(),
  };

  function ruleFor(method: string, path: string): Fault | null {
    for (const r of rules) {
      if ((r.method && r.method !== method) || !r.path.test(path)) continue;
      if (r.times !== undefined) {
        if (r.times <= 0) continue;
        r.times--;
      }
      return r.fault;
    }
    return null;
  }

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0];
      inFlight++;
      api.onRequest?.({ method, path });
      const fault = ruleFor(method, path);
      if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
      const headers = { ...req.headers, host: target.host };
      if (api.stripAuthorization) delete headers.authorization;
      const up = http.request({ host: target.hostname, port: target.port, method, path: req.url, headers }, (upRes) => {
        const body: Buffer[] = [];
        upRes.on('data', (c: Buffer) => body.push(c));
        upRes.on('end', () => {
          inFlight--;
          if (fault?.kind === 'cut') {
            seen.push({ method, path, status: 'cut' });
            req.socket.destroy();
            return;
          }
          seen.push({ method, path, status: upRes.statusCode ?? 0 });
          // Links in the answer keep pointing at WordPress itself (as behind a real reverse proxy).
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          res.end(Buffer.concat(body));
        });
      });
      up.on('error', () => {
        inFlight--;
        req.socket.destroy();
      });
      up.end(Buffer.concat(chunks));
    });
  };

  function open(): Promise<void> {
    return new Promise((resolve) => {
      const s = http.createServer(handler);
      s.on('connection', (sock) => {
        sockets.add(sock);
        sock.on('close', () => sockets.delete(sock));
      });
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as AddressInfo).port;
        api.url = `http://127.0.0.1:${port}`;
        server = s;
        resolve();
      });
    });
  }
  await open();
  return api;
}
