import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A CouchDB-compatible hub for tests: express-pouchdb (PouchDB Server's
 * engine) over in-memory databases, on 127.0.0.1 and an ephemeral port, with
 * a server admin so it is not in "admin party" (where everyone is admin).
 * It implements _session cookies, _users and _security; it does NOT apply
 * validate_doc_update reliably to replicated writes, so tests never rely on it.
 */
export interface TestHub {
  url: string;
  admin: { name: string; password: string };
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** `sessionTimeout`: seconds a _session cookie lives unused (CouchDB's [chttpd_auth] timeout; default 600). */
export async function startTestHub(opts: { sessionTimeout?: number } = {}): Promise<TestHub> {
  const PouchDB = require('pouchdb') as { plugin(p: unknown): unknown; defaults(o: object): unknown };
  PouchDB.plugin(require('pouchdb-adapter-memory'));
  const MemPouch = PouchDB.defaults({ adapter: 'memory' });
  const expressPouch = require('express-pouchdb') as (p: unknown, o: object) => http.RequestListener & {
    couchConfig: { set(section: string, key: string, value: string | number, cb: (err?: unknown) => void): void };
  };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-hub-'));
  const app = expressPouch(MemPouch, { inMemoryConfig: true, logPath: path.join(dir, 'log.txt'), mode: 'fullCouchDB' });
  const admin = { name: 'hubadmin', password: 'rahasia-admin-1' };
  await new Promise<void>((resolve, reject) => app.couchConfig.set('admins', admin.name, admin.password, (err) => (err ? reject(err) : resolve())));
  if (opts.sessionTimeout !== undefined) {
    await new Promise<void>((resolve, reject) => app.couchConfig.set('couch_httpd_auth', 'timeout', opts.sessionTimeout!, (err) => (err ? reject(err) : resolve())));
  }
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The same hub in a child process of its own (hub-process.cjs). For long-lived
 * processes that start several hubs one after another (Playwright workers):
 * in-memory databases are global to a process, so in-process hubs there would
 * share _users and the OPD databases of the specs before them.
 */
export async function startTestHubProcess(opts: { sessionTimeout?: number } = {}): Promise<TestHub> {
  const admin = { name: 'hubadmin', password: 'rahasia-admin-1' };
  const args = [require.resolve('./hub-process.cjs'), admin.name, admin.password];
  if (opts.sessionTimeout !== undefined) args.push(String(opts.sessionTimeout));
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the test hub stopped (${code}): ${errors}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    admin,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** nano as the hub's server admin (basic auth), for seeding and checking. */
export async function adminCouch(hub: TestHub) {
  const { default: nano } = await import('nano');
  const u = new URL(hub.url);
  u.username = hub.admin.name;
  u.password = hub.admin.password;
  return nano(u.toString().replace(/\/$/, ''));
}

/** The OPD's databases and users, made by the setup script's provisioning. */
export async function seedOpd(hub: TestHub, slug: string, people: { name: string; role: 'penulis' | 'editor' | 'admin'; password: string }[]) {
  const { provision } = await import('@core/sync/hub/setup/provision');
  return provision(await adminCouch(hub), { scope: 'opd', slug, people });
}

/** A loopback port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface HubTarget {
  name: 'express-pouchdb' | 'CouchDB';
  url: string;
  couch: Awaited<ReturnType<typeof adminCouch>>;
  close(): Promise<void>;
}

/**
 * The hubs a suite runs against: express-pouchdb always, and a real CouchDB
 * too when COUCH_URL is set (e.g. http://admin:pw@host:5984); `suite` and
 * `what` name them in the note printed when it is not.
 */
export function hubTargets(suite: string, what: string): { name: string; open(): Promise<HubTarget> }[] {
  const couchUrl = process.env.COUCH_URL;
  const targets: { name: string; open(): Promise<HubTarget> }[] = [
    {
      name: 'express-pouchdb',
      async open() {
        const hub = await startTestHub();
        return { name: 'express-pouchdb', url: hub.url, couch: await adminCouch(hub), close: hub.close };
      },
    },
  ];
  if (!couchUrl) {
    console.log(`${suite}: COUCH_URL not set, so ${what} runs against express-pouchdb only (set COUCH_URL=http://admin:pw@host:5984 to run it against CouchDB too).`);
    return targets;
  }
  targets.push({
    name: 'CouchDB (COUCH_URL)',
    async open() {
      const { default: nano } = await import('nano');
      const u = new URL(couchUrl);
      const url = `${u.protocol}//${u.host}${u.pathname.replace(/\/$/, '')}`;
      return { name: 'CouchDB', url, couch: nano(couchUrl.replace(/\/$/, '')), close: async () => undefined };
    },
  });
  return targets;
}
