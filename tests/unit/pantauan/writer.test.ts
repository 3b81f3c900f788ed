import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { newId } from '@core/store/store';
import { PantauanService } from '@core/pantauan/service';
import type { RollupPouch } from '@core/pantauan/pouch';
import type { HubLink } from '@core/sync/hub-link';
import { createZip } from '@core/files/zip';
import type { Publication } from '@shared/publishing/publication';
import type { Channel } from '@shared/domain/post';
import { ApiError } from '@shared/api/errors';
import { openApi, tempDir } from '../electron/helpers';
import { publicationRecord } from '../activity/helpers';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const PouchDB = require('pouchdb') as { plugin(p: unknown): void; new (name: string, opts?: object): RollupPouch };
PouchDB.plugin(require('pouchdb-adapter-memory'));

const NOW = new Date('2026-06-10T05:00:00.000Z');

function pub(publishedAt: string, channel: Channel, extra: Partial<Publication> = {}): Publication {
  return publicationRecord(publishedAt, channel, { url: 'https://dinkes.example.go.id/berita/1', source: 'outbox', actorId: 'member-1', title: 'Judul berita rahasia-judul', category: 'Kesehatan', ...extra });
}

/** A hub of in-process PouchDB databases (memory adapter): the engine's tests do the same. */
function memoryHub(): HubLink & { dbs: Map<string, RollupPouch> } {
  const dbs = new Map<string, RollupPouch>();
  return {
    dbs,
    remote(db) {
      if (!dbs.has(db)) dbs.set(db, new PouchDB(`hub-${newId()}-${db}`, { adapter: 'memory' }));
      return dbs.get(db)!;
    },
    opdSlug: () => null,
    onChange: () => () => undefined,
  };
}

const PERSONAL = ['Siti Rahmawati', '0812-3456-7890', 'Jalan di RT 04 rusak parah', 'draf jawaban internal', 'rahasia-judul', 'Isi draf yang belum tayang'];

async function opdPc(hub?: HubLink) {
  const dir = tempDir();
  let clock = new Date('2026-04-01T01:00:00.000Z');
  const api = await openApi(dir, { now: () => clock });
  await api.call('settings.get', {});
  clock = NOW;
  const ws = await api.call('settings.get', {});
  await api.call('settings.update', { baseRev: ws.rev, opd: { fullName: 'Dinas Kesehatan', shortName: 'Dinkes', timeZone: 'WITA' } });
  if (hub) api.ctx.services.hubLink = hub;
  const service = new PantauanService(api.ctx, { debounceMs: 20 });
  api.ctx.services.pantauan = service;
  await service.start();
  const s = await api.call('pantauan.settings', {});
  await api.call('pantauan.saveSettings', { baseRev: s.workspaceRev, settings: { ...s.settings, region: 'blora' } });
  // Personal data in complaints, and text in a draft post: none of it may reach the rollup.
  const c = await api.call('complaints.create', {
    input: { channel: 'whatsapp', text: 'Jalan di RT 04 rusak parah', receivedAt: '2026-06-05T02:00:00.000Z', reporterHandle: 'Siti Rahmawati 0812-3456-7890', topic: 'Jalan' },
  });
  await api.call('complaints.markFirstReply', { id: c.complaint.id, baseRev: c.complaint.rev });
  await api.call('posts.create', { content: { title: 'Isi draf yang belum tayang' } });
  await api.store.collections.publications.put(pub('2026-06-08T15:30:00.000Z', 'website')); // 23:30 WITA, 8 June
  await api.store.collections.publications.put(pub('2026-06-08T16:30:00.000Z', 'instagram', { url: 'javascript:alert(1)' })); // 00:30 WITA, 9 June
  await service.rebuild();
  return { api, service, dir };
}

async function waitFor<T>(fn: () => Promise<T | null>, ms = 10_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('Pantauan writer', () => {
  it('keeps the OPD’s summaries in its local rollup, pushes them to the hub, and carries no personal data or draft text', async () => {
    const hub = memoryHub();
    const { api, service } = await opdPc(hub);
    const local = await service.db();
    const docs = await local.rawAll();
    const ids = docs.map((d) => d._id);
    expect(ids).toContain('opd:dinkes');
    expect(ids).toContain('day:2026-06-08:dinkes');
    expect(ids).toContain('month:2026-06:dinkes');
    expect(ids.filter((i) => i.startsWith('pub:2026-06-08:dinkes:'))).toHaveLength(1);
    expect(ids.filter((i) => i.startsWith('pub:2026-06-09:dinkes:'))).toHaveLength(1);
    const month = docs.find((d) => d._id === 'month:2026-06:dinkes')!;
    expect(month).toMatchObject({ received: 1, firstReplyDone: 1, firstReplyOnTime: 1 });
    expect(docs.find((d) => d._id.startsWith('pub:2026-06-09'))).toMatchObject({ url: '', time: '00:30', author: null });

    // One-way push, filtered to this OPD: everything arrives at rollup-blora.
    const remote = hub.dbs.get('rollup-blora')!;
    await waitFor(async () => ((await remote.allDocs({})).rows.length === docs.length ? true : null));
    const remoteDocs = (await remote.allDocs({ include_docs: true })).rows.map((r) => r.doc);
    for (const text of [JSON.stringify(docs), JSON.stringify(remoteDocs)]) for (const needle of PERSONAL) expect(text).not.toContain(needle);

    // Rebuilding with nothing changed writes nothing but the profile's timestamp.
    const again = await local.replaceOpd('dinkes', (await import('@core/pantauan/source')).ownRollup(api.ctx)!.docs);
    expect(again.deleted).toBe(0);
    expect(again.written).toBeLessThanOrEqual(1);

    // A new publication reaches the hub by itself, well within 10 s.
    const t0 = Date.now();
    const p = pub('2026-06-10T01:00:00.000Z', 'facebook');
    await api.store.collections.publications.put(p);
    await waitFor(async () => ((await remote.allDocs({ keys: [`pub:2026-06-10:dinkes:${p.id}`] })).rows[0]?.value ? true : null));
    expect(Date.now() - t0).toBeLessThan(10_000);
    await service.stop();
  });

  it('works without a hub, and the file route carries the summaries to Diskominfo with every entry checked', async () => {
    const { api, service } = await opdPc();
    expect(service.status.hub).toBe('off');
    const link = await api.call('pantauan.exportFile', {});
    const file = readFileSync(path.join(api.ctx.dataDir, 'exports', link.name));
    for (const needle of PERSONAL) expect(file.toString('utf8')).not.toContain(needle);

    // Diskominfo's PC: a monitoring workspace imports the file, then a ZIP of it again (older or equal: no change).
    const kom = await openApi(tempDir(), { now: () => NOW });
    await kom.call('settings.get', {});
    const ks = await kom.call('pantauan.settings', {});
    await kom.call('pantauan.saveSettings', {
      baseRev: ks.workspaceRev,
      settings: { ...ks.settings, region: 'blora', monitor: true, opdSlug: 'diskominfo', participants: [{ slug: 'polres-blora', name: 'Polres Blora', kind: 'vertikal', days: 'every', minPerDay: 1 }] },
    });
    const imported = await kom.call('pantauan.importFile', { name: link.name, data: file.toString('base64') });
    expect(imported).toEqual([expect.objectContaining({ opd: 'dinkes', name: 'Dinas Kesehatan', status: 'imported' })]);
    const zip = createZip({ 'dinkes.json': file });
    const again = await kom.call('pantauan.importFile', { name: 'semua.zip', data: Buffer.from(zip).toString('base64') });
    expect(again[0].status).toBe('imported');

    const ranking = await kom.call('pantauan.ranking', { month: '2026-06' });
    const dinkes = ranking.rows.find((r) => r.opd === 'dinkes')!;
    // 8 June (23:30 WITA) and 9 June (00:30 WITA) are two days; 1 June is a holiday; 2–9 June: 6 working days judged.
    expect(dinkes).toMatchObject({ contentDays: 2, requiredDays: 6, total: 2, received: 1 });
    expect(ranking.completeness.find((c) => c.opd === 'polres-blora')).toMatchObject({ lastSyncAt: null });
    const view = await kom.call('pantauan.opd', { opd: 'dinkes', month: '2026-06' });
    expect(view.publications.map((p) => p.time).sort()).toEqual(['00:30', '23:30']);
    expect(view.heatmap.find((d) => d.date === '2026-06-01')).toMatchObject({ holiday: 'Hari Lahir Pancasila' });

    // Bad input: every refusal names its reason, and no personal field lands in the replica.
    const refusal = async (name: string, data: Buffer | Uint8Array) => {
      try {
        await kom.call('pantauan.importFile', { name, data: Buffer.from(data).toString('base64') });
        return null;
      } catch (e) {
        return (e as ApiError).params?.reason;
      }
    };
    const json = JSON.parse(file.toString('utf8'));
    expect(await refusal('x.json', Buffer.from('{not json'))).toBe('pantauan_not_json');
    expect(await refusal('x.json', Buffer.from(JSON.stringify({ hello: 1 })))).toBe('pantauan_not_rollup');
    expect(await refusal('x.json', Buffer.from(JSON.stringify({ ...json, version: 9 })))).toBe('pantauan_version');
    const withName = { ...json, docs: json.docs.map((d: { type: string }) => (d.type === 'month' ? { ...d, reporter: 'Siti Rahmawati' } : d)) };
    expect(await refusal('x.json', Buffer.from(JSON.stringify(withName)))).toBe('pantauan_bad_doc');
    const foreign = { ...json, opd: 'dinas-lain' };
    expect(await refusal('x.json', Buffer.from(JSON.stringify(foreign)))).toBe('pantauan_foreign_doc');
    expect(await refusal('x.json', Buffer.from(JSON.stringify({ ...json, region: 'rembang' })))).toBe('pantauan_other_region');
    expect(await refusal('x.zip', createZip({ 'a.json': 'x'.repeat(500) }).slice(0, 40))).toBe('pantauan_bad_zip');
    expect(await refusal('x.zip', createZip({ 'foto.exe': 'x' }))).toBe('pantauan_bad_zip');
    const kdb = await kom.ctx.services.pantauan!.db();
    for (const needle of PERSONAL) expect(JSON.stringify(await kdb.rawAll())).not.toContain(needle);
    await service.stop();
    await kom.ctx.services.pantauan!.stop();
  });
});
