import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { addDays, dateRange, monthBounds } from '@shared/activity/calendar';
import { copyFileSync } from 'node:fs';
import { ninetyDays, seedPublications } from './activity-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('Laporan: the monthly report, its PDF and CSV hold the right numbers', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-activity-'));
  const { today, days } = ninetyDays();
  const pubs = seedPublications(dataDir, days);
  // What the current month (WIB) must show, counted here from the seed itself.
  const { from, to } = monthBounds(today);
  const inMonth = days.filter((d) => d.date >= from && d.date <= to);
  const total = inMonth.reduce((n, d) => n + d.channels.length, 0);
  const website = inMonth.filter((d) => d.channels.includes('website')).length;
  const instagram = inMonth.filter((d) => d.channels.includes('instagram')).length;
  // Every day counts under the default target; days before today without content are missed (today is still open).
  const missed = dateRange(from, addDays(today, -1)).filter((d) => !inMonth.some((x) => x.date === d)).length;
  expect(pubs.length).toBeGreaterThan(total);
  const host = await startHost(dataDir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Laporan', exact: true }).click();
    await expect(page.getByTestId('activity-total')).toHaveText(String(total));
    await expect(page.getByTestId('activity-missed')).toHaveText(String(missed));
    await expect(page.getByRole('img', { name: 'Konten per hari per kanal' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/activity-report.png' });
    await page.locator('main').evaluate((m) => m.scrollTo(0, m.scrollHeight));
    await page.screenshot({ path: 'test-results/screens/activity-report-bottom.png' });

    // PDF through the download link, read back as text.
    await page.getByRole('button', { name: 'Ekspor PDF' }).click();
    const pdfLink = page.getByRole('link', { name: /^Unduh laporan-aktivitas-.*\.pdf$/ });
    const [pdfDownload] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    const pdfPath = (await pdfDownload.path())!;
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Laporan Aktivitas Publikasi');
    expect(text).toMatch(new RegExp(`Total konten tayang\\s+${total}\\b`));
    expect(text).toMatch(new RegExp(`Website\\s+${website}\\b`));
    expect(text).toMatch(new RegExp(`Instagram\\s+${instagram}\\b`));
    expect(text).toMatch(new RegExp(`Hari wajib tanpa konten\\s+${missed}\\b`));
    expect(text).toContain('Konten per hari per kanal');
    copyFileSync(pdfPath, 'test-results/screens/activity-report.pdf');

    // CSV: one row per day plus a total row.
    await page.getByRole('button', { name: 'Ekspor CSV' }).click();
    const csvLink = page.getByRole('link', { name: /^Unduh laporan-aktivitas-.*\.csv$/ });
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
    const rows = Papa.parse<Record<string, string>>(readFileSync((await csvDownload.path())!, 'utf8').replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const dayCount = Number(to.slice(8));
    expect(rows).toHaveLength(dayCount + 1);
    expect(rows.at(-1)).toMatchObject({ tanggal: 'TOTAL', Website: String(website), Instagram: String(instagram), total: String(total) });
    for (const d of inMonth) expect(rows.find((r) => r.tanggal === d.date)?.total).toBe(String(d.channels.length));
    expect(rows.find((r) => r.tanggal === today)?.total).toBe('0');

    // A chart as PNG.
    await page.getByRole('button', { name: 'Simpan PNG' }).first().click();
    const pngLink = page.getByRole('link', { name: /^Unduh grafik-.*\.png$/ });
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), pngLink.click()]);
    expect(readFileSync((await pngDownload.path())!).subarray(1, 4).toString()).toBe('PNG');

    // A custom range: longer than two years is said beside the dates, in Indonesian, and nothing is asked.
    const dmy = (iso: string) => `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    await page.getByRole('radio', { name: 'Rentang tanggal' }).check();
    await page.getByRole('textbox', { name: 'Dari', exact: true }).fill(dmy(addDays(today, -731)));
    await expect(page.getByRole('alert').filter({ hasText: 'Rentang terlalu panjang' })).toContainText('paling lama dua tahun (731 hari)');
    await expect(page.getByTestId('activity-total')).toHaveCount(0);
    // Two years, the longest allowed: the day-by-day table is paged through the API and drawn where in view.
    await page.getByRole('textbox', { name: 'Dari', exact: true }).fill(dmy(addDays(today, -730)));
    await expect(page.getByTestId('activity-total')).toHaveText(String(days.filter((d) => d.date >= addDays(today, -730) && d.date <= today).reduce((n, d) => n + d.channels.length, 0)));
    const table = page.getByRole('table', { name: 'Rincian harian' });
    await expect(table).toHaveAttribute('aria-rowcount', '732');
    const dayPager = page.getByRole('navigation', { name: 'Halaman: Rincian harian' });
    await expect(dayPager).toContainText('1–100 dari 731 hari');
    const dayRows = table.locator('tbody tr[aria-rowindex]');
    const drawnDays = await dayRows.count();
    expect(drawnDays).toBeLessThan(40);
    console.log(`activity: day-by-day table ${drawnDays} of 100 rows in the DOM`);
    // Text rows have nothing to focus: the box itself takes the focus, and the keyboard scrolls it to the page's last day.
    await page.getByRole('group', { name: 'Rincian harian' }).focus();
    await page.keyboard.press('End');
    await expect(table.locator('tr[aria-rowindex="101"]')).toBeInViewport();
    await dayPager.getByRole('button', { name: /Terakhir/ }).click();
    await expect(dayPager).toContainText('701–731 dari 731 hari');
    await table.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await expect(table.locator('tr[aria-rowindex="732"]')).toContainText(`(${Number(today.slice(8))}/${Number(today.slice(5, 7))}/${today.slice(0, 4)})`);
    await page.screenshot({ path: 'test-results/screens/activity-two-years.png' });
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
