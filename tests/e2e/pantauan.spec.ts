import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { addDays, dateInZone, monthBounds } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { buildRollup, type RollupPublication } from '@shared/pantauan/build';
import { previousMonth, RANKING_RULE_ID } from '@shared/pantauan/ranking';
import { createZip } from '@core/files/zip';
import { readXlsx } from '../unit/pantauan/xlsx-read';
import { expect, test } from './fixtures';

/** One OPD's summaries as its own Redaksi writes them, built by the same pure builder. */
function opdDocs(opd: string, name: string, zone: TimeZoneCode, publishOn: (date: string) => boolean, now: Date, from: string, region = 'blora') {
  const pubs: RollupPublication[] = [];
  const today = dateInZone(now, zone);
  for (let d = from, i = 0; d <= today; d = addDays(d, 1), i++) {
    // 09:00 in the OPD's zone.
    const offset = { WIB: 7, WITA: 8, WIT: 9 }[zone];
    if (publishOn(d)) pubs.push({ id: `${opd}-${i}`, channel: 'website', publishedAt: new Date(Date.parse(`${d}T09:00:00Z`) - offset * 3_600_000).toISOString(), url: `https://${opd}.blorakab.go.id/berita/${i}`, category: 'Kegiatan', actorId: null });
  }
  return buildRollup({
    opd,
    name,
    kind: 'opd',
    region,
    zone,
    targets: { days: 'working', perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
    requiredFrom: from,
    now,
    publications: pubs,
    complaints: [],
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });
}

/** One OPD's summary file, as its own Redaksi exports it (pantauan.exportFile). */
function opdFile(opd: string, name: string, zone: TimeZoneCode, publishOn: (date: string) => boolean, now: Date, from: string) {
  const docs = opdDocs(opd, name, zone, publishOn, now, from);
  return JSON.stringify({ format: 'redaksi-pantauan', version: 1, opd, region: 'blora', exportedAt: now.toISOString(), docs });
}

test('Pantauan: Diskominfo imports OPD files, sorts by days with content, opens one OPD and downloads the monthly PDF', async ({ page, host }) => {
  const now = new Date();
  const month = previousMonth(dateInZone(now, 'WIB').slice(0, 7));
  const start = addDays(monthBounds(`${month}-01`).from, -40);
  const day = (d: string) => Number(d.slice(8));
  const zip = createZip({
    'dinkes.json': opdFile('dinkes', 'Dinas Kesehatan', 'WIB', () => true, now, start),
    'dpupr.json': opdFile('dpupr', 'Dinas Pekerjaan Umum dan Penataan Ruang', 'WITA', (d) => day(d) % 2 === 0, now, start),
    'disdik.json': opdFile('disdik', 'Dinas Pendidikan', 'WIT', (d) => day(d) % 5 === 0, now, start),
  });

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(host.launchUrl);
  // Diskominfo's PC: Pengaturan → Pantauan, monitoring on.
  await page.getByRole('navigation').getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Pantauan' }).click();
  const panel = page.locator('form.pantauan-settings');
  await panel.getByLabel('Wilayah (kabupaten/kota, huruf kecil, mis. blora)').fill('blora');
  await panel.getByLabel('Kode OPD di hub (kosong: dari nama singkat)').fill('diskominfo');
  await panel.getByLabel('Komputer ini adalah Pantauan Diskominfo (membaca ringkasan semua OPD)').check();
  await panel.getByRole('button', { name: 'Simpan pengaturan Pantauan' }).click();
  await expect(page.getByText('Pengaturan Pantauan disimpan.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Pantauan OPD', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Pantauan OPD', level: 1 })).toBeVisible();
  await expect(page.getByText('Peringkat diurutkan menurut persentase hari wajib')).toBeVisible();
  await page.getByLabel('Impor berkas ringkasan OPD (JSON/ZIP)').setInputFiles({ name: 'ringkasan-opd.zip', mimeType: 'application/zip', buffer: Buffer.from(zip) });
  await expect(page.getByText(/3 berkas diimpor/)).toBeVisible();
  // A damaged file gets a clear message, not a crash.
  await page.getByLabel('Impor berkas ringkasan OPD (JSON/ZIP)').setInputFiles({ name: 'rusak.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"redaksi-pantauan"') });
  await expect(page.getByText('Berkas rusak.json bukan JSON yang dapat dibaca.')).toBeVisible();

  await page.getByLabel('Tahun', { exact: true }).fill(month.slice(0, 4));
  await page.getByLabel('Bulan', { exact: true }).selectOption(month.slice(5));
  const table = page.locator('table.pantauan-ranking');
  const firstName = () => table.locator('tbody tr').first().locator('td').nth(1);
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await table.getByRole('button', { name: /Hari dengan konten/ }).click();
  await expect(firstName()).toContainText('Dinas Kesehatan');
  await table.getByRole('button', { name: /Hari dengan konten/ }).click();
  await expect(table.locator('tbody tr').last().locator('td').nth(1)).toContainText('Dinas Kesehatan');
  await page.screenshot({ path: 'test-results/screens/pantauan-ranking.png', fullPage: true });

  await table.getByRole('link', { name: 'Dinas Pekerjaan Umum dan Penataan Ruang' }).click();
  await expect(page.getByRole('heading', { name: 'Dinas Pekerjaan Umum dan Penataan Ruang', level: 1 })).toBeVisible();
  await expect(page.getByRole('img', { name: /hari/ })).toBeVisible();
  await expect(page.getByRole('link', { name: /https:\/\/dpupr\.blorakab\.go\.id\/berita\// }).first()).toBeVisible();
  await expect(page.getByText(/Dibanding bulan lalu/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/pantauan-opd.png', fullPage: true });
  await page.getByRole('link', { name: '← Kembali ke peringkat' }).click();

  await page.getByRole('button', { name: 'Unduh laporan PDF' }).click();
  const pdfLink = page.getByRole('link', { name: `Unduh laporan-keaktifan-opd-${month}.pdf` });
  const [download] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
  const pdfPath = (await download.path())!;
  expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
  const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
  expect(text).toContain('Laporan Keaktifan OPD');
  expect(text).toContain('Aturan peringkat');
  expect(text).toContain('Dinas Kesehatan');
  expect(text).toContain('Dinas Pendidikan');
  expect(text).toContain('Kelengkapan data');
  // Dinas Kesehatan published every day: every required day has content, 100 %.
  expect(text).toMatch(/1\s+Dinas Kesehatan\s+(\d+)\/\1\s+100%/);

  // The same report as XLSX, read back: sheets, the ranking's figures as numbers, one daily row per participant.
  await page.getByRole('button', { name: 'Unduh XLSX' }).click();
  const xlsxLink = page.getByRole('link', { name: `Unduh laporan-keaktifan-opd-${month}.xlsx` });
  const [xlsx] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
  const book = readXlsx(readFileSync((await xlsx.path())!));
  expect([...book.keys()]).toEqual(['Peringkat', 'Harian', 'Senyap', 'Kelengkapan', 'Aturan']);
  const ranking = book.get('Peringkat')!;
  expect(ranking.slice(1).map((r) => r[1].value)).toContain('Dinas Kesehatan');
  const dinkes = ranking.find((r) => r[1]?.value === 'Dinas Kesehatan')!;
  expect(dinkes[0]).toMatchObject({ type: 'n', value: '1' });
  expect(dinkes.find((c) => c.numFmt === '0.0%')).toMatchObject({ type: 'n', value: '1' });
  expect(book.get('Harian')!.length).toBe(2 + 4);
  expect(book.get('Aturan')!.flat().map((c) => c.value)).toContain(RANKING_RULE_ID);
});

/** A province's Pantauan PC whose replica already holds two regencies' rollups, replicated as the hub would (rollup-<kab> → rollup-<prov> → the PC). */
const provinceTest = test.extend<{ dataDir: string }>({
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-prov-'));
    const require = createRequire(import.meta.url);
    type Pouch = { bulkDocs(d: object[]): Promise<unknown>; close(): Promise<void>; destroy(): Promise<void> };
    type PouchCtor = { plugin(p: unknown): PouchCtor; replicate(a: Pouch, b: Pouch): Promise<{ ok: boolean }>; new (name: string, opts?: object): Pouch };
    const PouchDB = require('pouchdb') as PouchCtor;
    PouchDB.plugin(require('pouchdb-adapter-memory'));
    const now = new Date();
    const from = addDays(monthBounds(`${previousMonth(dateInZone(now, 'WIB').slice(0, 7))}-01`).from, -40);
    const blora = new PouchDB(`e2e-rollup-blora-${process.pid}`, { adapter: 'memory' });
    const rembang = new PouchDB(`e2e-rollup-rembang-${process.pid}`, { adapter: 'memory' });
    await blora.bulkDocs([
      ...opdDocs('dinkes-blora', 'Dinas Kesehatan Blora', 'WIB', () => true, now, from, 'blora'),
      ...opdDocs('disdik-blora', 'Dinas Pendidikan Blora', 'WIB', () => false, now, from, 'blora'),
    ]);
    await rembang.bulkDocs(opdDocs('dinkes-rembang', 'Dinas Kesehatan Rembang', 'WIB', () => true, now, from, 'rembang'));
    const hub = new PouchDB(`e2e-rollup-jateng-${process.pid}`, { adapter: 'memory' });
    for (const src of [blora, rembang]) await PouchDB.replicate(src, hub);
    const replica = new PouchDB(path.join(dir, 'rollup'));
    await PouchDB.replicate(hub, replica);
    await replica.close();
    await Promise.all([blora, rembang, hub].map((d) => d.destroy()));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
});

provinceTest('Pantauan at province level: regencies with their rate, one regency opened to its OPD ranking, its XLSX', async ({ page, host }) => {
  const month = previousMonth(dateInZone(new Date(), 'WIB').slice(0, 7));
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(host.launchUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Pantauan' }).click();
  const panel = page.locator('form.pantauan-settings');
  await panel.getByLabel('Wilayah (kabupaten/kota, huruf kecil, mis. blora)').fill('jateng');
  await panel.getByLabel('Kode OPD di hub (kosong: dari nama singkat)').fill('diskominfo-jateng');
  await panel.getByLabel('Komputer ini adalah Pantauan Diskominfo (membaca ringkasan semua OPD)').check();
  await panel.getByRole('button', { name: 'Simpan pengaturan Pantauan' }).click();
  await expect(page.getByText('Pengaturan Pantauan disimpan.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Pantauan OPD', exact: true }).click();
  await page.getByLabel('Tahun', { exact: true }).fill(month.slice(0, 4));
  await page.getByLabel('Bulan', { exact: true }).selectOption(month.slice(5));
  const regions = page.locator('table.pantauan-regions');
  await expect(regions).toBeVisible();
  // Rembang's one OPD published every day: 100 %; Blora's two, one every day and one never: half its required days.
  const rembang = regions.locator('tbody tr', { hasText: 'rembang' });
  await expect(rembang.locator('td').nth(1)).toHaveText(/^(\d+) dari \1 \(100%\)$/);
  await expect(rembang.locator('td').nth(2)).toHaveText('1');
  const blora = regions.locator('tbody tr', { hasText: 'blora' });
  await expect(blora.locator('td').nth(1)).toHaveText(/\(50%\)$/);
  await expect(blora.locator('td').nth(2)).toHaveText('2');
  await expect(blora.locator('td').nth(3)).toHaveText('1');
  await page.screenshot({ path: 'test-results/screens/pantauan-province.png', fullPage: true });

  await regions.getByRole('link', { name: 'blora', exact: true }).click();
  await expect(page.getByRole('heading', { name: `Peringkat OPD blora, ${month}` })).toBeVisible();
  const table = page.locator('table.pantauan-ranking');
  await expect(table.locator('tbody tr')).toHaveCount(2);
  await expect(table.locator('tbody tr').first().locator('td').nth(1)).toContainText('Dinas Kesehatan Blora');
  await expect(table.locator('tbody tr').last().locator('td').nth(1)).toContainText('Dinas Pendidikan Blora');

  // One OPD opened from its regency's ranking leads back there.
  await table.getByRole('link', { name: 'Dinas Pendidikan Blora' }).click();
  await expect(page.getByRole('heading', { name: 'Dinas Pendidikan Blora', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: '← Kembali ke peringkat blora' }).click();
  await expect(page.getByRole('heading', { name: `Peringkat OPD blora, ${month}` })).toBeVisible();

  await page.getByRole('button', { name: 'Unduh XLSX' }).click();
  const link = page.getByRole('link', { name: `Unduh laporan-keaktifan-opd-${month}-blora.xlsx` });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const book = readXlsx(readFileSync((await download.path())!));
  expect(book.get('Peringkat')!.slice(1).map((r) => r[1].value)).toEqual(['Dinas Kesehatan Blora', 'Dinas Pendidikan Blora']);

  await page.getByRole('link', { name: '← Semua kabupaten/kota' }).click();
  await expect(regions).toBeVisible();
});
