import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { newId } from '@core/store/store';
import { addDays } from '@shared/activity/calendar';
import { openApi, tempDir } from '../electron/helpers';
import { publicationRecord } from './helpers';

// Tue 24 Nov 2026, 14:00 WITA.
const NOW = new Date('2026-11-24T06:00:00.000Z');

const pub = publicationRecord;

/** The workspace was set up in January, before every seeded day (days before it are never required). */
const INSTALLED = new Date('2026-01-05T01:00:00.000Z');

async function setup() {
  let clock = INSTALLED;
  const api = await openApi(tempDir(), { now: () => clock });
  await api.call('settings.get', {});
  clock = NOW;
  const ws = await api.call('settings.get', {});
  await api.call('settings.update', { baseRev: ws.rev, opd: { timeZone: 'WITA', fullName: 'Dinas Komunikasi dan Informatika' } });
  return api;
}

describe('activity API', () => {
  it('Beranda: streak, today per channel and the reminder, in the workspace zone', async () => {
    const { call, store } = await setup();
    // Content every day from 10 to 23 Nov (WITA noon), none on 9 Nov.
    for (let d = '2026-11-10'; d <= '2026-11-23'; d = addDays(d, 1)) await store.collections.publications.put(pub(`${d}T04:00:00.000Z`, 'website'));
    await store.collections.publications.put(pub('2026-11-08T04:00:00.000Z', 'website'));
    // A draft post must not count.
    await call('posts.create', { content: { title: 'Draf belum tayang' } });
    let o = await call('activity.overview', {});
    expect(o.today).toBe('2026-11-24');
    expect(o.streak).toEqual({ current: 14, since: '2026-11-10', todayHasContent: false });
    expect(o.todayPublished).toBe(0);
    // 14:00 WITA is past the default 10:00 reminder and nothing is out or scheduled.
    expect(o.reminderDue).toBe(true);
    expect(o.channels.map((c) => [c.channel, c.target, c.published])).toEqual([
      ['website', 1, 0],
      ['facebook', 1, 0],
      ['instagram', 1, 0],
    ]);
    // 23:30 WIB on the 23rd is 00:30 WITA on the 24th: it counts for today in WITA.
    await store.collections.publications.put(pub('2026-11-23T16:30:00.000Z', 'instagram'));
    o = await call('activity.overview', {});
    expect(o.todayPublished).toBe(1);
    expect(o.streak.current).toBe(15);
    expect(o.reminderDue).toBe(false);
    expect(o.channels.find((c) => c.channel === 'instagram')!.published).toBe(1);
    expect(o.heatmap['2026-11-23']).toBe(1);
    expect(o.heatmap['2026-11-24']).toBe(1);
    expect(o.jobsAvailable).toBe(typeof (store.collections as unknown as Record<string, unknown>).jobs === 'object');
  });

  it('monthly CSV and PDF hold the report numbers', async () => {
    const { call, store, ctx } = await setup();
    await store.collections.publications.put(pub('2026-11-02T01:00:00.000Z', 'website', { category: 'Kesehatan' }));
    await store.collections.publications.put(pub('2026-11-02T02:00:00.000Z', 'instagram', { category: 'Kesehatan' }));
    await store.collections.publications.put(pub('2026-11-03T16:30:00.000Z', 'facebook', { category: 'Pendidikan' })); // 4 Nov WITA
    await store.collections.publications.put(pub('2026-10-31T15:00:00.000Z', 'website', { category: 'Pendidikan' })); // 31 Oct 23:00 WITA: outside
    const audit = (action: 'submitted' | 'approved', at: string) => ({
      id: newId(), createdAt: at, updatedAt: at, rev: 0, postId: 'post-a', actorId: null, actorName: '', action, hash: '', at, detail: '', count: 1,
    });
    await store.collections.audit.put({
      id: 'post-a', createdAt: '2026-11-05T00:00:00.000Z', updatedAt: '2026-11-05T03:00:00.000Z', rev: 2, postId: 'post-a',
      events: [audit('submitted', '2026-11-05T00:00:00.000Z'), audit('approved', '2026-11-05T03:00:00.000Z')],
    });
    const r = await call('activity.report', { from: '2026-11-01', to: '2026-11-30' });
    expect(r.reviewAvailable).toBe(true);
    expect(r.avgReviewHours).toBe(3);
    expect(r.total).toBe(3);
    expect(r.activeDays).toBe(2);
    // Now is 24 Nov: 1–23 Nov are judged (2 with content), today and later are still open.
    expect(r.lists.missed).toBe(21);
    expect((await call('activity.days', { from: '2026-11-01', to: '2026-11-30', list: 'missed' })).total).toBe(21);
    expect(r.daily.website.slice(0, 3)).toEqual([0, 1, 0]);
    expect(r.daily.facebook[3]).toBe(1);

    const csv = await call('activity.exportCsv', { from: '2026-11-01', to: '2026-11-30' });
    const rows = Papa.parse<Record<string, string>>(readFileSync(path.join(ctx.dataDir, 'exports', csv.name), 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(31);
    expect(rows.find((x) => x.tanggal === '2026-11-02')).toMatchObject({ Website: '1', Instagram: '1', total: '2', hari: 'Senin' });
    expect(rows.find((x) => x.tanggal === '2026-11-04')).toMatchObject({ Facebook: '1', total: '1' });
    expect(rows[30]).toMatchObject({ tanggal: 'TOTAL', Website: '1', Instagram: '1', Facebook: '1', total: '3' });

    const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#0b5cab' } }).png().toBuffer();
    const pdf = await call('activity.exportPdf', { from: '2026-11-01', to: '2026-11-30', charts: [{ title: 'Konten per hari', png: png.toString('base64') }] });
    const text = execFileSync('pdftotext', ['-layout', path.join(ctx.dataDir, 'exports', pdf.name), '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Aktivitas Publikasi');
    expect(text).toContain('Dinas Komunikasi dan Informatika');
    expect(text).toMatch(/Total konten tayang\s+3/);
    expect(text).toMatch(/Hari dengan konten\s+2 dari 30 hari/);
    expect(text).toMatch(/Hari wajib tanpa konten\s+21/);
    expect(text).toMatch(/Kesehatan\s+2/);
    expect(text).toContain('Konten per hari');
    // One review in the month: submitted 08:00, approved 11:00 WITA.
    expect(text).toMatch(/Rata-rata waktu tinjauan.*3,0 jam \(1 tinjauan\)/);
  });

  it('refuses a chart that is not a PNG and a range over two years', async () => {
    const { call } = await setup();
    await expect(call('activity.saveChart', { name: 'x', png: Buffer.from('nope').toString('base64') })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('activity.report', { from: '2020-01-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(call('activity.report', { from: '2026-02-01', to: '2026-01-01' })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('targets round-trip through settings.update', async () => {
    const { call } = await setup();
    const ws = await call('settings.get', {});
    const next = await call('settings.update', {
      baseRev: ws.rev,
      targets: { ...ws.targets, days: 'working', reminderHour: 15, holidays: [{ date: '2026-12-31', name: 'Cuti daerah', kind: 'local' }] },
      complaintDeadlines: { firstReplyWorkingDays: 3, finalAnswerWorkingDays: 10 },
    });
    expect(next.targets.days).toBe('working');
    expect(next.targets.holidays).toEqual([{ date: '2026-12-31', name: 'Cuti daerah', kind: 'local' }]);
    expect(next.complaintDeadlines.firstReplyWorkingDays).toBe(3);
    expect(next.opd.timeZone).toBe('WITA');
  });
});
