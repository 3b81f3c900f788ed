import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import type { DayDoc, MonthDoc, OpdDoc, RollupDoc } from '@shared/pantauan/docs';
import { parseRollupDoc } from '@shared/pantauan/docs';
import { buildRanking, membersOf } from '@shared/pantauan/ranking';
import { ROLLUP_VALIDATE_SOURCE } from '@shared/pantauan/validate';
import { provinceHubSetup } from '@core/pantauan/hub-setup';
import type { RollupPouch } from '@core/pantauan/pouch';
import { PantauanService } from '@core/pantauan/service';
import { openApi, tempDir } from '../electron/helpers';
import { websiteOpdRollup } from './helpers';
import { readXlsx } from './xlsx-read';

const NOW = new Date('2026-06-10T05:00:00Z');
const opd = (slug: string, region: string): RollupDoc[] =>
  websiteOpdRollup({ opd: slug, region, now: NOW, publications: [{ id: `${slug}1`, channel: 'website', publishedAt: '2026-05-04T02:00:00Z', url: '', category: '', actorId: null }] });

describe('Pantauan at province level', () => {
  it('sets up rollup-<prov> with the same validation and one replication per regency', () => {
    const s = provinceHubSetup('jateng', ['rembang', 'blora', 'blora'], ['pemprov-pantauan'], 'https://hub.example.go.id/');
    expect(s.db).toBe('rollup-jateng');
    expect(s.designDoc.validate_doc_update).toBe(ROLLUP_VALIDATE_SOURCE);
    expect(s.security.members.roles).toEqual(['pemprov-pantauan']);
    expect(s.replications).toEqual([
      { _id: 'pantauan-rollup-blora-to-rollup-jateng', source: 'https://hub.example.go.id/rollup-blora', target: 'https://hub.example.go.id/rollup-jateng', continuous: true },
      { _id: 'pantauan-rollup-rembang-to-rollup-jateng', source: 'https://hub.example.go.id/rollup-rembang', target: 'https://hub.example.go.id/rollup-jateng', continuous: true },
    ]);
  });

  it('ranks OPDs of several regencies together, each row naming its regency', () => {
    const docs = [...opd('dinkes', 'blora'), ...opd('dinkes-rembang', 'rembang')];
    for (const d of docs) expect(parseRollupDoc(d).ok).toBe(true);
    const of = <T extends RollupDoc>(t: T['type']) => docs.filter((d): d is T => d.type === t);
    const rows = buildRanking({ month: '2026-05', members: membersOf(of<OpdDoc>('opd'), [], 'working', 'WIB'), days: of<DayDoc>('day'), months: of<MonthDoc>('month'), holidays: new Set(HOLIDAYS_2026.map((h) => h.date)), now: NOW });
    expect(rows.map((r) => [r.opd, r.region, r.contentDays, r.requiredDays])).toEqual([
      ['dinkes', 'blora', 1, 16],
      ['dinkes-rembang', 'rembang', 1, 16],
    ]);
    const profile = of<OpdDoc>('opd')[0];
    expect(parseRollupDoc({ ...profile, region: 'Blora!' }).ok).toBe(false);
  });
});

describe('Pantauan of a province over replicated regency rollups', () => {
  it('replicates two regencies’ rollups into rollup-<prov>; the province PC shows its regencies and each regency’s OPD ranking as counted by hand', async () => {
    const require = createRequire(import.meta.url);
    type Pouch = RollupPouch & { bulkDocs(d: object[]): Promise<unknown[]> };
    type PouchCtor = { plugin(p: unknown): PouchCtor; replicate(a: Pouch, b: Pouch): Promise<{ ok: boolean; docs_written: number }>; new (name: string, opts?: object): Pouch };
    const PouchDB = require('pouchdb') as PouchCtor;
    PouchDB.plugin(require('pouchdb-adapter-memory'));
    const mem = (name: string) => new PouchDB(`${name}-${process.pid}-${Date.now()}`, { adapter: 'memory' });

    // May 2026 in WIB: 21 weekdays less 1, 14, 15, 27 and 28 May (holidays and cuti bersama) = 16 required days; Mondays 4, 11, 18, 25.
    const every = () => true;
    const mondays = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1;
    const never = () => false;
    const regencyOpd = (slug: string, region: string, publishOn: (d: string) => boolean): RollupDoc[] => {
      const publications = [];
      for (let d = '2026-05-01'; d <= '2026-06-09'; d = addDays(d, 1)) {
        if (publishOn(d)) publications.push({ id: `${slug}-${d}`, channel: 'website' as const, publishedAt: `${d}T02:00:00.000Z`, url: `https://${slug}.go.id/${d}`, category: '', actorId: null });
      }
      return websiteOpdRollup({ opd: slug, name: `Dinas ${slug}`, region, now: NOW, publications });
    };
    const blora = mem('rollup-blora');
    const rembang = mem('rollup-rembang');
    await blora.bulkDocs([...regencyOpd('dinkes-blora', 'blora', every), ...regencyOpd('dpupr-blora', 'blora', mondays), ...regencyOpd('disdik-blora', 'blora', never)]);
    await rembang.bulkDocs([...regencyOpd('dinkes-rembang', 'rembang', every), ...regencyOpd('dpupr-rembang', 'rembang', every)]);

    // The province hub: one replication per regency into rollup-jateng (what provinceHubSetup's _replicator documents run).
    const jateng = mem('rollup-jateng');
    for (const src of [blora, rembang]) expect((await PouchDB.replicate(src, jateng)).ok).toBe(true);
    const onHub = (await jateng.allDocs({})).rows.length;
    expect(onHub).toBe((await blora.allDocs({})).rows.length + (await rembang.allDocs({})).rows.length);

    // The province's Pantauan PC: monitoring on, region jateng; it pulls rollup-jateng through the hub link.
    const api = await openApi(tempDir(), { now: () => NOW });
    api.ctx.services.hubLink = { remote: (db) => (db === 'rollup-jateng' ? jateng : null), opdSlug: () => null, onChange: () => () => undefined };
    const service = new PantauanService(api.ctx, { debounceMs: 10 });
    api.ctx.services.pantauan = service;
    await service.start();
    try {
      const s = await api.call('pantauan.settings', {});
      await api.call('pantauan.saveSettings', { baseRev: s.workspaceRev, settings: { ...s.settings, region: 'jateng', monitor: true, opdSlug: 'diskominfo-jateng' } });
      const local = await service.db();
      const t0 = Date.now();
      for (;;) {
        const ids = (await local.db.allDocs({})).rows.map((r) => r.id);
        if (ids.filter((id) => !id.includes('diskominfo-jateng')).length >= onHub) break;
        if (Date.now() - t0 > 15_000) throw new Error(`only ${ids.length} of ${onHub} summaries reached the province PC (${service.status.lastError})`);
        await new Promise((r) => setTimeout(r, 50));
      }

      const v = await api.call('pantauan.ranking', { month: '2026-05' });
      // By hand: Blora 16 + 4 + 0 of 3 × 16 days; 31 + 4 + 0 items; Disdik Blora never published (quiet). Rembang 2 × 16 of 32; 62 items.
      // The province's own Diskominfo writes under the province's region and is listed as its own group.
      const bySlug = Object.fromEntries(v.regions.map((g) => [g.region, g]));
      expect(v.regions.map((g) => g.region).filter((r) => r !== 'jateng')).toEqual(['rembang', 'blora']);
      expect(bySlug.rembang).toEqual({ region: 'rembang', opds: 2, contentDays: 32, requiredDays: 32, percent: 100, total: 62, quiet: 0, neverSynced: 0 });
      expect(bySlug.blora).toMatchObject({ region: 'blora', opds: 3, contentDays: 20, requiredDays: 48, total: 35, quiet: 1, neverSynced: 0 });
      expect(bySlug.blora.percent).toBeCloseTo((20 / 48) * 100, 10);
      expect(v.regionFilter).toBe('');

      // One regency opened: its OPDs only, ranked among themselves; the regencies' summary stays the province's.
      const b = await api.call('pantauan.ranking', { month: '2026-05', region: 'blora' });
      expect(b.regionFilter).toBe('blora');
      expect(b.rows.map((r) => [r.rank, r.opd, r.contentDays, r.requiredDays, r.total])).toEqual([
        [1, 'dinkes-blora', 16, 16, 31],
        [2, 'dpupr-blora', 4, 16, 4],
        [3, 'disdik-blora', 0, 16, 0],
      ]);
      expect(b.quiet.map((q) => q.opd)).toEqual(['disdik-blora']);
      expect(b.regions).toEqual(v.regions);

      // The regency's report as XLSX through the API: its OPDs only.
      const link = await api.call('pantauan.exportReport', { month: '2026-05', format: 'xlsx', region: 'blora' });
      expect(link.name).toBe('laporan-keaktifan-opd-2026-05-blora.xlsx');
      const book = readXlsx(readFileSync(path.join(api.ctx.dataDir, 'exports', link.name)));
      expect(book.get('Peringkat')!.slice(1).map((row) => row[1].value)).toEqual(['Dinas dinkes-blora', 'Dinas dpupr-blora', 'Dinas disdik-blora']);
      expect(book.has('Kabupaten-kota')).toBe(false);

      // The province's report starts with its regencies, figures as numbers (XLSX) and in the PDF's text.
      const all = readXlsx(readFileSync(path.join(api.ctx.dataDir, 'exports', (await api.call('pantauan.exportReport', { month: '2026-05', format: 'xlsx' })).name)));
      expect([...all.keys()][0]).toBe('Kabupaten-kota');
      const regencies = all.get('Kabupaten-kota')!.slice(1).filter((row) => row[0].value !== 'jateng');
      expect(regencies.map((row) => row.map((c) => c.value))).toEqual([
        ['rembang', '2', '32', '32', '1', '62', '0', '0'],
        ['blora', '3', '20', '48', String(20 / 48), '35', '1', '0'],
      ]);
      const pdf = await api.call('pantauan.exportReport', { month: '2026-05', format: 'pdf' });
      const text = execFileSync('pdftotext', ['-layout', path.join(api.ctx.dataDir, 'exports', pdf.name), '-'], { encoding: 'utf8' });
      expect(text).toMatch(/rembang\s+2\s+32\/32\s+100%\s+62\s+0\s+0/);
      expect(text).toMatch(/blora\s+3\s+20\/48\s+42%\s+35\s+1\s+0/);
    } finally {
      await service.stop();
      await Promise.all([blora, rembang, jateng].map((d) => d.destroy()));
    }
  });
});
