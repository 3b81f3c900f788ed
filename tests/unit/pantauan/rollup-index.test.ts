import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '@shared/activity/calendar';
import { contentOf, type RollupDoc } from '@shared/pantauan/docs';
import { INDEX_FILE, RollupStore } from '@core/pantauan/rollup-store';
import { tempDir } from '../electron/helpers';
import { websiteOpdRollup } from './helpers';

const NOW = new Date('2026-06-10T05:00:00Z');

function opd(slug: string, days: number): RollupDoc[] {
  const publications = [];
  for (let i = 0, d = '2026-05-01'; i < days; i++, d = addDays(d, 1)) {
    publications.push({ id: `${slug}${i}`, channel: 'website' as const, publishedAt: `${d}T02:00:00.000Z`, url: '', category: '', actorId: null });
  }
  return websiteOpdRollup({ opd: slug, region: 'blora', now: NOW, publications });
}

const sorted = (docs: RollupDoc[]) => docs.map((d) => JSON.stringify(contentOf(d))).sort();

describe('the rollup replica’s owner index (incremental rebuild)', () => {
  it('follows the changes feed from a stored sequence, sees replicated writes, and rebuilds whole only when the sequence is unknown', async () => {
    const dir = tempDir();
    let db = await RollupStore.open(dir);
    const a = opd('dinkes', 20);
    const b = opd('dpupr', 10);
    await db.replaceOpd('dinkes', a);
    expect(db.indexStats.fullRebuilds).toBe(1);
    await db.replaceOpd('dpupr', b);
    // The second call caught up from the first's sequence: only dinkes's own writes came back on the feed.
    expect(db.indexStats).toMatchObject({ fullRebuilds: 1, catchUps: 1 });
    expect(db.indexStats.lastChanges).toBe(a.length);

    // A write arriving by replication (another PC's summary changed, one taken back) moves dpupr's revisions under us.
    const changed = (await db.db.get('opd:dpupr')) as Record<string, unknown>;
    await db.db.put({ ...changed, generatedAt: '2026-06-10T06:00:00.000Z' } as never);
    const gone = await db.db.get(b.find((d) => d.type === 'publication')!._id);
    await db.db.bulkDocs([{ _id: gone._id, _rev: gone._rev, _deleted: true }]);
    // Rebuilding dpupr from its own data writes over the new revision (no conflict) and brings the deleted one back.
    const r = await db.replaceOpd('dpupr', b);
    expect(r).toMatchObject({ written: 2, deleted: 0 });
    // The feed lists each changed document once: dpupr's first writes, two of them changed again since.
    expect(db.indexStats.lastChanges).toBe(b.length);
    expect(sorted(await db.allOf('dpupr'))).toEqual(sorted(b));
    // A shorter history deletes what is no longer there.
    const fewer = opd('dpupr', 4);
    const del = await db.replaceOpd('dpupr', fewer);
    expect(del.deleted).toBeGreaterThan(0);
    expect(sorted(await db.allOf('dpupr'))).toEqual(sorted(fewer));
    expect(sorted(await db.allOf('dinkes'))).toEqual(sorted(a));
    await db.close();

    // Reopened: the stored sequence and index are used, no whole rebuild; an unchanged rebuild writes nothing.
    db = await RollupStore.open(dir);
    expect(await db.replaceOpd('dinkes', a)).toEqual({ written: 0, deleted: 0, unchanged: a.length });
    expect(db.indexStats).toMatchObject({ fullRebuilds: 0, catchUps: 1, lastChanges: 0 });
    await db.close();

    // A damaged index file: rebuilt whole, and the results stay right.
    writeFileSync(path.join(dir, INDEX_FILE), '{"version":1,"since":');
    db = await RollupStore.open(dir);
    expect(await db.replaceOpd('dinkes', a)).toEqual({ written: 0, deleted: 0, unchanged: a.length });
    expect(db.indexStats.fullRebuilds).toBe(1);
    await db.close();
    expect(JSON.parse(readFileSync(path.join(dir, INDEX_FILE), 'utf8'))).toMatchObject({ version: 1 });

    // The replica replaced (a fresh database) under an index from the old one: its sequence is unknown here, so it is rebuilt whole.
    rmSync(path.join(dir, 'rollup'), { recursive: true, force: true });
    db = await RollupStore.open(dir);
    const small = opd('dinkes', 2);
    await db.replaceOpd('dinkes', small);
    expect(db.indexStats.fullRebuilds).toBe(1);
    expect(sorted(await db.allOf('dinkes'))).toEqual(sorted(small));
    expect(await db.allOf('dpupr')).toEqual([]);
    await db.close();
  });
});
