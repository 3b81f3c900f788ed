import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { addDays, dateInZone, monthBounds } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { buildRollup, type RollupPublication } from '@shared/pantauan/build';
import { previousMonth } from '@shared/pantauan/ranking';
import { createZip } from '@core/files/zip';
import { expect, test } from './fixtures';

/** One OPD's summary file, as its own Redaksi exports it (pantauan.exportFile), built by the same pure builder. */
function opdFile(opd: string, name: string, zone: TimeZoneCode, publishOn: (date: string) => boolean, now: Date, from: string) {
  const pubs: RollupPublication[] = [];
  const today = dateInZone(now, zone);
  for (let d = from, i = 0; d <= today; d = addDays(d, 1), i++) {
    // 09:00 in the OPD's zone.
    const offset = { WIB: 7, WITA: 8, WIT: 9 }[zone];
    if (publishOn(d)) pubs.push({ id: `${opd}-${i}`, channel: 'website', publishedAt: new Date(Date.parse(`${d}T09:00:00Z`) - offset * 3_600_000).toISOString(), url: `https://${opd}.blorakab.go.id/berita/${i}`, category: 'Kegiatan', actorId: null });
  }
  const docs = buildRollup({
    opd,
    name,
    kind: 'opd',
    zone,
    targets: { days: 'working', perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
    requiredFrom: from,
    now,
    publications: pubs,
    complaints: [],
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });
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

  await page.getByLabel('Bulan').fill(month);
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
});
