import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REPORT_DAYS, REPORT_DAYS_PAGE, REPORT_TOP_NAMES } from '@shared/api/contracts/activity';
import { addDays, dateRange } from '@shared/activity/calendar';
import { DAY_LISTS } from '@shared/activity/report';
import { CHANNELS } from '@shared/domain/post';
import { cloneRecords, seedPosts } from '../../scale-seed';
import { openApi } from '../electron/helpers';
import { publicationRecord } from './helpers';

const N = 10_000;
const KB = 1024;
const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');
// Tue 24 Nov 2026, 14:00 WIB.
const NOW = new Date('2026-11-24T07:00:00.000Z');
const FIRST_DAY = '2024-11-24';
/** The longest range allowed: 731 days, ending today. */
const FROM = addDays('2026-11-24', -(MAX_REPORT_DAYS - 1));

const dayOf = (i: number) => {
  const d = Math.floor((i * (MAX_REPORT_DAYS - 1)) / N);
  return d % 5 === 2 ? d + 1 : d;
};

describe('Laporan at 10k published posts over two years (issue 22)', () => {
  let api: Awaited<ReturnType<typeof openApi>>;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-report-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    const posts = seedPosts(dir, N, { status: 'published' });
    // One publication per post, about 14 a day, with many categories (free text in real use) and long names.
    cloneRecords(dir, 'publications', publicationRecord(`${FIRST_DAY}T03:00:00.000Z`, 'website'), N, (i) => ({
      postId: posts[i].id,
      channel: CHANNELS[i % CHANNELS.length],
      // Every fifth day is left empty (its items go to the next day): missed days to list.
      publishedAt: `${addDays(FIRST_DAY, dayOf(i))}T0${i % 9}:00:00.000Z`,
      category: `Kegiatan pembangunan dan pelayanan publik bidang nomor ${i % 300}`,
      title: `Kegiatan nomor ${i}`,
    }));
    api = await openApi(dir, { now: () => NOW });
    // Four website items a day: most days reach it only in part, so the "under target" list is long too.
    const ws = await api.call('settings.get', {});
    await api.call('settings.update', { baseRev: ws.rev, targets: { ...ws.targets, perChannel: { ...ws.targets.perChannel, website: 4 } } });
  }, 120_000);

  it('the report for the longest range is under 100 KB, the chart has every day and the rankings are cut with a count of the rest', async () => {
    const r = await api.call('activity.report', { from: FROM, to: '2026-11-24' });
    expect(size(r)).toBeLessThan(100 * KB);
    expect(r.total).toBe(N);
    expect(r.dayCount).toBe(MAX_REPORT_DAYS);
    for (const c of CHANNELS) expect(r.daily[c]).toHaveLength(MAX_REPORT_DAYS);
    expect(CHANNELS.reduce((n, c) => n + r.daily[c].reduce((a, b) => a + b, 0), 0)).toBe(N);
    expect(r.byCategory).toHaveLength(REPORT_TOP_NAMES);
    expect(r.byCategoryOmitted).toBe(300 - REPORT_TOP_NAMES);
    expect(r.lists.days).toBe(MAX_REPORT_DAYS);
    console.log(`activity.report over ${MAX_REPORT_DAYS} days at ${N} publications: ${(size(r) / KB).toFixed(1)} KB`);
  });

  it('every per-day list pages under 100 KB per page, and the pages tile the list exactly, in date order', async () => {
    const r = await api.call('activity.report', { from: FROM, to: '2026-11-24' });
    const bytes: Record<string, number> = {};
    for (const list of DAY_LISTS) {
      const dates: string[] = [];
      for (let offset = 0; ; offset += REPORT_DAYS_PAGE) {
        const page = await api.call('activity.days', { from: FROM, to: '2026-11-24', list, offset });
        expect(size(page)).toBeLessThan(100 * KB);
        expect(page.total).toBe(r.lists[list]);
        expect(page.items.length).toBeLessThanOrEqual(REPORT_DAYS_PAGE);
        dates.push(...page.items.map((d) => d.date));
        bytes[list] = Math.max(bytes[list] ?? 0, size(page));
        if (page.items.length < REPORT_DAYS_PAGE) break;
      }
      expect(dates).toHaveLength(r.lists[list]);
      expect([...dates].sort()).toEqual(dates);
      expect(new Set(dates).size).toBe(dates.length);
    }
    const all = await api.call('activity.days', { from: FROM, to: '2026-11-24', list: 'days', offset: 0, limit: REPORT_DAYS_PAGE });
    expect(all.items.map((d) => d.date)).toEqual(dateRange(FROM, '2026-11-24').slice(0, REPORT_DAYS_PAGE));
    console.log(`activity.days largest page (KB): ${Object.entries(bytes).map(([k, v]) => `${k} ${(v / KB).toFixed(1)}`).join(', ')}`);
    // Each list long enough to need pages: empty days, days under the website minimum, two years of SKB holidays.
    expect(r.lists.missed).toBeGreaterThan(REPORT_DAYS_PAGE);
    expect(r.lists.under).toBeGreaterThan(REPORT_DAYS_PAGE);
    expect(r.lists.holidays).toBeGreaterThan(20);
  });

  it('a range one day longer is refused with its reason, before any work; a reversed range is refused too', async () => {
    const longer = { from: addDays(FROM, -1), to: '2026-11-24' };
    await expect(api.call('activity.report', longer)).rejects.toMatchObject({ code: 'invalid_input', params: { reason: 'range_too_long', max: MAX_REPORT_DAYS } });
    await expect(api.call('activity.days', { ...longer, list: 'missed' })).rejects.toMatchObject({ params: { reason: 'range_too_long' } });
    await expect(api.call('activity.exportCsv', longer)).rejects.toMatchObject({ params: { reason: 'range_too_long' } });
    await expect(api.call('activity.days', { from: '2026-02-01', to: '2026-01-01', list: 'days' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(api.call('activity.days', { from: FROM, to: '2026-11-24', list: 'days', limit: REPORT_DAYS_PAGE + 1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it("a year's CSV and PDF still hold every day: the exports are written from the whole report in the main process", async () => {
    const year = { from: '2025-11-25', to: '2026-11-24' };
    const csv = await api.call('activity.exportCsv', year);
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(dir, 'exports', csv.name), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(365 + 1);
    expect(rows[0].tanggal).toBe('2025-11-25');
    expect(rows[364].tanggal).toBe('2026-11-24');
    const inYear = rows.slice(0, 365).reduce((n, x) => n + Number(x.total), 0);
    expect(rows[365]).toMatchObject({ tanggal: 'TOTAL', total: String(inYear) });
    const r = await api.call('activity.report', year);
    expect(inYear).toBe(r.total);

    const pdf = await api.call('activity.exportPdf', year);
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'exports', pdf.name), '-'], { encoding: 'utf8' });
    expect(text).toContain('Rincian harian');
    expect(text).toContain('(25/11/2025)');
    expect(text).toContain('(24/11/2026)');
  }, 60_000);
});
