import { createRequire } from 'node:module';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '@core/store/store';
import { PantauanService } from '@core/pantauan/service';
import { rollupHubSetup } from '@core/pantauan/hub-setup';
import type { RollupPouch } from '@core/pantauan/pouch';
import type { HubLink } from '@core/sync/hub-link';
import { opdRole } from '@shared/sync/topology';
import { openApi, tempDir } from '../electron/helpers';

const require = createRequire(import.meta.url);
type PouchCtor = { plugin(p: unknown): PouchCtor; defaults(o: object): PouchCtor; new (name: string, opts?: object): RollupPouch };
const PouchDB = require('pouchdb') as PouchCtor;
PouchDB.plugin(require('pouchdb-adapter-memory'));

// A CouchDB-compatible hub on loopback: express-pouchdb in full CouchDB mode runs validate_doc_update like CouchDB does.
let server: http.Server;
let base = '';
beforeAll(async () => {
  const expressPouch = require('express-pouchdb') as (p: PouchCtor, o: object) => http.RequestListener;
  const app = expressPouch(PouchDB.defaults({ adapter: 'memory' }), { mode: 'fullCouchDB', inMemoryConfig: true, logPath: tempDir() + '/log.txt' });
  server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('rollup on a CouchDB-compatible hub', () => {
  it('takes the setup (database, _security, validation), accepts every summary the writer pushes, refuses a personal field', async () => {
    const setup = rollupHubSetup('blora', [opdRole('dinkes', 'editor'), opdRole('dinkes', 'admin')], ['diskominfo-pantauan']);
    const put = (p: string, body: unknown) => fetch(`${base}/${p}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await fetch(`${base}/${setup.db}`, { method: 'PUT' })).status).toBe(201);
    expect((await put(`${setup.db}/_security`, setup.security)).ok).toBe(true);
    expect((await put(`${setup.db}/${setup.designDoc._id}`, setup.designDoc)).status).toBe(201);
    const remote = new PouchDB(`${base}/${setup.db}`);

    const api = await openApi(tempDir(), { now: () => new Date('2026-06-10T05:00:00Z') });
    const ws = await api.call('settings.get', {});
    await api.call('settings.update', { baseRev: ws.rev, opd: { fullName: 'Dinas Kesehatan', shortName: 'Dinkes', timeZone: 'WIB' } });
    await api.store.collections.publications.put({
      id: newId(), createdAt: '2026-06-09T02:00:00.000Z', updatedAt: '2026-06-09T02:00:00.000Z', rev: 0, postId: null, cardId: null,
      channel: 'website', publishedAt: '2026-06-09T02:00:00.000Z', url: 'https://dinkes.example.go.id/b/1', source: 'outbox', actorId: null, title: 'Judul', category: 'Kesehatan',
    });
    const hub: HubLink = { remote: (db) => (db === setup.db ? remote : null), opdSlug: () => 'dinkes', onChange: () => () => undefined };
    api.ctx.services.hubLink = hub;
    const service = new PantauanService(api.ctx, { debounceMs: 10 });
    api.ctx.services.pantauan = service;
    await service.start();
    const s = await api.call('pantauan.settings', {});
    await api.call('pantauan.saveSettings', { baseRev: s.workspaceRev, settings: { ...s.settings, region: 'blora' } });
    const local = (await (await service.db()).rawAll()).length;
    const t0 = Date.now();
    for (;;) {
      const n = (await remote.allDocs({})).rows.filter((r) => !r.id.startsWith('_design/')).length;
      if (n === local) break;
      if (Date.now() - t0 > 15_000) throw new Error(`only ${n} of ${local} summaries reached the hub (${service.status.lastError})`);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(service.status.lastError).toBeNull();

    // A write that carries a personal field is refused by the hub itself.
    const day = await remote.get('day:2026-06-09:dinkes');
    const refused = await remote.put({ ...day, reporterHandle: 'Siti 0812' }).then(
      () => null,
      (e: { status?: number; message?: string }) => e,
    );
    expect(refused).toMatchObject({ status: 403 });
    expect(String(refused?.message)).toContain('reporterHandle');
    await service.stop();
  });
});
