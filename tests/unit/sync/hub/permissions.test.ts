import type { ServerScope } from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession } from '@core/sync/hub/probe';
import { provision } from '@core/sync/hub/setup/provision';
import { hubTargets } from './hub-server';

/**
 * Who may open which hub database, as the setup script leaves it (issue 13):
 * against express-pouchdb on 127.0.0.1 always, and against a real CouchDB when
 * COUCH_URL is set, e.g. COUCH_URL=http://admin:secret@127.0.0.1:5984 after
 * `docker run -d -p 5984:5984 -e COUCHDB_USER=admin -e COUCHDB_PASSWORD=secret couchdb:3.5`.
 */
interface Target {
  name: string;
  url: string;
  couch: ServerScope;
  close(): Promise<void>;
}

const COUCH_URL = process.env.COUCH_URL;
const targets: { name: string; open(): Promise<Target> }[] = hubTargets('permissions.test', 'the suite');

for (const target of targets) {
  describe(`hub permissions on ${target.name}`, () => {
    // Unique names, so runs against a long-lived CouchDB never meet each other.
    const run = Math.random().toString(36).slice(2, 8);
    const slug = `uji-${run}`;
    const other = `lain-${run}`;
    const people = {
      penulis: { name: `sari-${run}`, role: 'penulis' as const, password: 'sandi-sari-1' },
      editor: { name: `budi-${run}`, role: 'editor' as const, password: 'sandi-budi-1' },
      admin: { name: `ani-${run}`, role: 'admin' as const, password: 'sandi-ani-1' },
      outsider: { name: `dewi-${run}`, role: 'admin' as const, password: 'sandi-dewi-1' },
    };
    const dbs = [`opd-${slug}`, `aduan-${slug}`];
    let t: Target;

    beforeAll(async () => {
      t = await target.open();
      await provision(t.couch, { scope: 'opd', slug, people: [people.penulis, people.editor, people.admin] });
      await provision(t.couch, { scope: 'opd', slug: other, people: [people.outsider] });
    }, 60_000);
    afterAll(async () => {
      if (!t) return;
      if (COUCH_URL && t.name === 'CouchDB') {
        for (const db of [...dbs, `opd-${other}`, `aduan-${other}`]) await t.couch.db.destroy(db).catch(() => undefined);
        const users = t.couch.use<{ _rev: string }>('_users');
        for (const p of Object.values(people)) {
          const doc = await users.get(`org.couchdb.user:${p.name}`).catch(() => null);
          if (doc) await users.destroy(`org.couchdb.user:${p.name}`, doc._rev);
        }
      }
      await t.close();
    });

    async function as(p: { name: string; password: string } | null) {
      const cookie = p ? (await openSession(t.url, p.name, p.password)).cookie : null;
      return async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${t.url}${path}`, {
          method,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(cookie ? { Cookie: `AuthSession=${cookie}` } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await res.text();
        // express-pouchdb answers a refused _bulk_docs with 201 and an error per document (CouchDB: 401/403 for
        // the request). Both refuse every document; count it as the status the documents got.
        if (res.status === 201 && path.endsWith('/_bulk_docs')) {
          const items = JSON.parse(text) as { error?: string }[];
          if (items.length && items.every((i) => i.error === 'unauthorized' || i.error === 'forbidden')) return items[0].error === 'forbidden' ? 403 : 401;
        }
        return res.status;
      };
    }

    /** Nothing a refused caller sent reached the database. */
    async function nothingWritten(db: string) {
      const ids = (await t.couch.use(db).list()).rows.map((r) => r.id);
      expect(ids.filter((id) => id === `probe-${run}` || id === `bulk-${run}`)).toEqual([]);
    }

    /** Every way in: database info, all documents, changes, one document, a write, a bulk write. */
    const doors = (db: string) =>
      [
        ['GET', `/${db}`],
        ['GET', `/${db}/_all_docs`],
        ['GET', `/${db}/_changes`],
        ['GET', `/${db}/_design/redaksi`],
        ['PUT', `/${db}/probe-${run}`, { t: 1 }],
        ['POST', `/${db}/_bulk_docs`, { docs: [{ _id: `bulk-${run}` }] }],
      ] as const;

    it('members read and write their OPD database', async () => {
      for (const p of [people.penulis, people.editor, people.admin]) {
        const req = await as(p);
        expect(await req('GET', `/opd-${slug}`), p.name).toBe(200);
        expect(await req('PUT', `/opd-${slug}/draft-${p.name}`, { title: 'Rapat koordinasi' }), p.name).toBe(201);
        expect(await req('GET', `/opd-${slug}/draft-${p.name}`), p.name).toBe(200);
      }
    });

    it('a penulis account cannot read or write aduan-*, editors and admins can', async () => {
      const writer = await as(people.penulis);
      for (const [method, path, body] of doors(`aduan-${slug}`)) expect([401, 403], `${method} ${path}`).toContain(await writer(method, path, body));
      await nothingWritten(`aduan-${slug}`);
      for (const p of [people.editor, people.admin]) expect(await (await as(p))('GET', `/aduan-${slug}/_all_docs`)).toBe(200);
    });

    it('a non-member (another OPD\'s admin, or nobody signed in) gets 401/403 on every database', async () => {
      for (const who of [people.outsider, null]) {
        const req = await as(who);
        for (const db of dbs) for (const [method, path, body] of doors(db)) expect([401, 403], `${who?.name ?? 'anonymous'} ${method} ${path}`).toContain(await req(method, path, body));
      }
      for (const db of dbs) await nothingWritten(db);
    });

    it('running the setup again changes nothing', async () => {
      const again = await provision(t.couch, { scope: 'opd', slug, people: [people.penulis, people.editor, people.admin] });
      expect(again.steps.filter((s) => s.action !== 'unchanged')).toEqual([]);
      expect(again.generated).toEqual([]);
    });
  });
}
