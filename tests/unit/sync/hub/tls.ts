import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Whether the openssl command is here (it makes the test certificates). */
export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A self-signed certificate for 127.0.0.1 made now with openssl: valid for 30
 * days, or (expired) valid only during 2020, signed with `openssl ca -selfsign`
 * since `req -x509` cannot date a certificate in the past.
 */
export function selfSignedCert(dir: string, kind: 'valid' | 'expired'): { key: Buffer; cert: Buffer } {
  mkdirSync(dir, { recursive: true });
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  const run = (args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  if (kind === 'valid') {
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', '/CN=127.0.0.1']);
  } else {
    run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', 'req.csr', '-subj', '/CN=127.0.0.1']);
    mkdirSync(path.join(dir, 'db'), { recursive: true });
    writeFileSync(path.join(dir, 'db', 'index.txt'), '');
    writeFileSync(path.join(dir, 'db', 'serial'), '01\n');
    writeFileSync(
      path.join(dir, 'ca.cnf'),
      '[ca]\ndefault_ca=d\n[d]\ndatabase=db/index.txt\nserial=db/serial\nnew_certs_dir=db\ndefault_md=sha256\npolicy=p\n[p]\ncommonName=supplied\n',
    );
    run(['ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', key, '-in', 'req.csr', '-out', cert, '-startdate', '20200101000000Z', '-enddate', '20210101000000Z']);
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/** An https server on 127.0.0.1 (ephemeral port) that answers like CouchDB's root, with the given certificate. */
export async function httpsCouchLookalike(tls: { key: Buffer; cert: Buffer }): Promise<{ url: string; close(): Promise<void> }> {
  const server = https.createServer(tls, (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"couchdb":"Welcome","version":"3.5.0"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
