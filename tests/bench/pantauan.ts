import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pantauanOf } from '@core/pantauan/view';
import { addDays } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import { CHANNELS } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { buildRollup, type RollupComplaint, type RollupPublication } from '@shared/pantauan/build';
import { benchApi } from './api';
import { median, report } from './stats';

const NOW = new Date('2026-12-31T05:00:00.000Z');
const ZONES: TimeZoneCode[] = ['WIB', 'WITA', 'WIT'];
const OFFSET = { WIB: 7, WITA: 8, WIT: 9 };

/** Median wall time of `runs` calls (ms); also prints the median CPU time (user + system, all threads), which a loaded machine does not inflate as much. */
async function time(runs: number, fn: () => Promise<unknown>, name?: string): Promise<number> {
  const xs: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    xs.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  if (name) report(`${name} (cpu)`, median(cpu), 'ms');
  return median(xs);
}

/** A deterministic pseudo-random sequence (the seed is the OPD number). */
function rng(seed: number): () => number {
  let x = seed * 2654435761;
  return () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

/**
 * Pantauan over a regency: 40 OPDs in three zones over one year (about
 * 15,000 publications, 14,600 day summaries), loaded into Diskominfo's local
 * replica (PouchDB on leveldb); then the month's ranking and the PDF report
 * through the real dispatcher.
 */
export async function pantauanBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-pantauan-'));
  try {
    const { ctx, call } = await benchApi(dir, { now: () => NOW });
    const s = (await call('pantauan.settings', {})) as { workspaceRev: number; settings: object };
    await call('pantauan.saveSettings', { baseRev: s.workspaceRev, settings: { ...s.settings, region: 'blora', monitor: true, opdSlug: 'diskominfo' } });
    const svc = await pantauanOf(ctx);
    const db = await svc.db();

    let pubs = 0;
    let days = 0;
    let buildMs = 0;
    let writeMs = 0;
    for (let o = 0; o < 40; o++) {
      const zone = ZONES[o % 3];
      const r = rng(o + 1);
      const activity = 0.55 + (o % 10) * 0.05;
      const publications: RollupPublication[] = [];
      const complaints: RollupComplaint[] = [];
      for (let d = '2026-01-01'; d <= '2026-12-31'; d = addDays(d, 1)) {
        if (r() < activity) {
          const n = 1 + Math.floor(r() * 1.6);
          for (let k = 0; k < n; k++) {
            const hour = 7 + Math.floor(r() * 17);
            publications.push({
              id: `o${o}-${d}-${k}`,
              channel: CHANNELS[Math.floor(r() * 4)],
              publishedAt: new Date(Date.parse(`${d}T${String(hour).padStart(2, '0')}:30:00Z`) - OFFSET[zone] * 3_600_000).toISOString(),
              url: `https://opd${o}.blorakab.go.id/berita/${d}-${k}`,
              category: 'Kegiatan',
              actorId: null,
            });
          }
        }
        if (r() < 0.08) {
          const at = `${d}T02:00:00.000Z`;
          const answered = r() < 0.8 ? new Date(Date.parse(at) + Math.floor(r() * 20) * 86_400_000).toISOString() : null;
          complaints.push({ receivedAt: at, status: answered ? 'selesai' : 'diteruskan', firstReplyAt: answered, answeredAt: answered, closedAt: answered, deletedAt: null, verifiedAt: null, history: [], urgent: false, needsFieldCheck: false, deadlineChanges: [] });
        }
      }
      const t0 = performance.now();
      const docs = buildRollup({
        opd: `opd-${o}`,
        name: `Dinas Nomor ${o}`,
        kind: 'opd',
        zone,
        targets: { days: 'working', perChannel: { website: 1, facebook: 1, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
        requiredFrom: '2026-01-01',
        now: NOW,
        publications: publications.filter((p) => p.publishedAt <= NOW.toISOString()),
        complaints,
        complaintRules: DEFAULT_COMPLAINT_DEADLINES,
        authors: null,
      });
      const t1 = performance.now();
      await db.replaceOpd(`opd-${o}`, docs);
      const t2 = performance.now();
      buildMs += t1 - t0;
      writeMs += t2 - t1;
      pubs += docs.filter((d) => d.type === 'publication').length;
      days += docs.filter((d) => d.type === 'day').length;
    }
    report('pantauan seeded publications', pubs, 'docs');
    report('pantauan seeded day summaries', days, 'docs');
    report('pantauan build summaries per OPD (1 year)', buildMs / 40, 'ms');
    report('pantauan write one OPD into the replica (first load)', writeMs / 40, 'ms');
    report('pantauan ranking for a month (40 OPDs)', await time(5, () => call('pantauan.ranking', { month: '2026-11' }), 'pantauan ranking for a month (40 OPDs)'), 'ms');
    report('pantauan OPD page (heatmap, items, trend)', await time(5, () => call('pantauan.opd', { opd: 'opd-7', month: '2026-11' })), 'ms');
    report('pantauan monthly PDF report', await time(3, () => call('pantauan.exportReport', { month: '2026-11', format: 'pdf' }), 'pantauan monthly PDF report'), 'ms');
    report('pantauan monthly XLSX report', await time(3, () => call('pantauan.exportReport', { month: '2026-11', format: 'xlsx' }), 'pantauan monthly XLSX report'), 'ms');
    report('pantauan monthly CSV report', await time(3, () => call('pantauan.exportReport', { month: '2026-11', format: 'csv' })), 'ms');
    const again = await time(3, async () => {
      const own = (await import('@core/pantauan/source')).ownRollup(ctx);
      if (own) await db.replaceOpd(own.opd, own.docs);
    });
    report('pantauan rebuild of an unchanged OPD over a 40-OPD replica', again, 'ms');
    // Another OPD's summaries change on the replica (as replication delivers them), then this OPD rebuilds: the index catches up from its sequence.
    let k = 0;
    const afterReplication = await time(3, async () => {
      const other = (await db.db.get('opd:opd-3')) as Record<string, unknown>;
      await db.db.put({ ...other, generatedAt: new Date(NOW.getTime() + ++k * 1000).toISOString() } as never);
      const own = (await import('@core/pantauan/source')).ownRollup(ctx);
      if (own) await db.replaceOpd(own.opd, own.docs);
    });
    report('pantauan rebuild after one replicated change (40-OPD replica)', afterReplication, 'ms');
    report('pantauan owner index: whole rebuilds', db.indexStats.fullRebuilds, 'times');
    report('pantauan owner index: catch-ups from the stored sequence', db.indexStats.catchUps, 'times');
    await svc.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
