import http from 'node:http';

/**
 * A loopback HTTP server standing in for a third-party API (X, Facebook) in
 * tests: each handler follows the provider's documented protocol and gets
 * the whole request body.
 */
export function protocolStub(handle: (req: http.IncomingMessage, res: http.ServerResponse, raw: Buffer) => void) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  return {
    server,
    /** Listens on a free loopback port; its base URL. */
    async listen(): Promise<string> {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A JSON answer. */
export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
