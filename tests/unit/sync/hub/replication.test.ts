import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubAccount } from '@core/sync/hub/account';
import { HUB_DATABASE_KINDS } from '@core/sync/hub/setup/kinds';
import { provision } from '@core/sync/hub/setup/provision';
import { openApi, tempDir } from '../../electron/helpers';
import { adminCouch, startTestHub, type TestHub } from './hub-server';

/**
 * The HubLink's remote databases carry PouchDB replication both ways, with
 * attachments, through the session cookie. (express-pouchdb drops replicated
 * writes into a database with a validate_doc_update, so this OPD is set up
 * without one; the rule itself is tested as a plain function.)
 */
interface Pouch {
  put(doc: object): Promise<{ rev: string }>;
  get(id: string, opts?: object): Promise<Record<string, unknown> & { _attachments?: Record<string, { data: Buffer; content_type: string }> }>;
  replicate: { to(target: unknown): Promise<{ ok: boolean; docs_written: number }>; from(source: unknown): Promise<{ ok: boolean; docs_written: number }> };
  destroy(): Promise<void>;
  close(): Promise<void>;
}
type PouchCtor = (new (name: string, opts?: object) => Pouch) & { plugin(p: unknown): PouchCtor };

const require = createRequire(import.meta.url);
let hub: TestHub;
beforeAll(async () => {
  // Short sessions: each answer renews the cookie, so only an idle gap longer than this ends one.
  hub = await startTestHub({ sessionTimeout: 3 });
  await provision(await adminCouch(hub), {
    scope: 'opd',
    slug: 'dinkominfo',
    people: [{ name: 'sari', role: 'penulis', password: 'sandi-sari-1' }],
    kinds: HUB_DATABASE_KINDS.map((k) => ({ ...k, validate: null })),
  });
}, 60_000);
afterAll(() => hub?.close());

describe('replication through the hub link', () => {
  it('pushes and pulls documents with a photo attachment', async () => {
    const api = await openApi(tempDir());
    const account = new HubAccount(api.ctx);
    api.ctx.services.hubLink = account;
    await account.start();
    await account.ready();
    try {
      await account.save({ url: hub.url, opdSlug: 'dinkominfo' });
      await account.signIn({ username: 'sari', password: 'sandi-sari-1' });
      const PouchDB = (require('pouchdb') as PouchCtor).plugin(require('pouchdb-adapter-memory'));
      const a = new PouchDB(`pc-a-${Date.now()}`, { adapter: 'memory' });
      const b = new PouchDB(`pc-b-${Date.now()}`, { adapter: 'memory' });
      const photo = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7) % 256));
      await a.put({ _id: 'post:1', title: 'Rapat koordinasi', _attachments: { 'foto.jpg': { content_type: 'image/jpeg', data: photo } } });

      const remote = account.remote('opd-dinkominfo');
      expect(remote).not.toBeNull();
      expect((await a.replicate.to(remote)).docs_written).toBe(1);
      // Another PC's session: cookie lost (hub restarted), signs in again by itself.
      (account as unknown as { cookie: string | null }).cookie = null;
      expect((await b.replicate.from(account.remote('opd-dinkominfo'))).docs_written).toBe(1);
      const got = await b.get('post:1', { attachments: true, binary: true });
      expect(got.title).toBe('Rapat koordinasi');
      expect(Buffer.compare(got._attachments!['foto.jpg'].data, photo)).toBe(0);

      // The session runs out while the PC is idle (3 s here, 10 min on CouchDB): the hub answers 401 to
      // the old cookie (the database is members-only), and the link signs in again by itself.
      await new Promise((r) => setTimeout(r, 4000));
      await a.put({ _id: 'post:2', title: 'Sesudah jeda' });
      expect((await a.replicate.to(remote)).docs_written).toBe(1);
      await a.destroy();
      await b.destroy();
    } finally {
      account.stop();
    }
  });
});
