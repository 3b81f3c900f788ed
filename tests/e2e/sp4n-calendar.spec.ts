import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComplaintView } from '@shared/api/contracts/complaints';
import { apiCall, seedPublications } from './activity-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('an aduan forwarded by the regent shows its same-day first-reply target first', async ({ page, dataDir }) => {
  const host = await startHost(dataDir);
  try {
    const now = Date.now();
    // An ordinary report from three days ago, and one the regent forwarded a minute ago.
    await apiCall<ComplaintView>(host, 'complaints.create', {
      input: { channel: 'lapor', text: 'Lampu jalan di Desa Sido mati.', topic: 'PJU mati', receivedAt: new Date(now - 3 * 86_400_000).toISOString() },
    });
    const regent = await apiCall<ComplaintView>(host, 'complaints.create', {
      input: { channel: 'whatsapp', text: 'Banjir di Jalan Gatot Subroto, mohon segera ditangani.', topic: 'Banjir Gatsu', forwardedBy: 'Bupati Blora', receivedAt: new Date(now - 60_000).toISOString() },
    });
    expect(regent.complaint.urgent).toBe(true);

    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Aduan', exact: true }).click();
    const rows = page.locator('.complaint-list > li');
    await expect(rows).toHaveCount(2);
    const first = rows.first();
    await expect(first.getByRole('link', { name: 'Banjir Gatsu' })).toBeVisible();
    await expect(first.getByTestId('complaint-next')).toContainText('Mendesak (diteruskan Bupati)');
    await expect(first.getByTestId('complaint-next')).toContainText('tenggat hari ini');
    await expect(first.getByTestId('complaint-next')).toContainText('Balasan awal:');
    await expect(page.getByText(/^Lewat tenggat: aduan terbuka yang salah satu tenggatnya/)).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/aduan-regent-first.png' });

    await first.getByRole('link', { name: 'Banjir Gatsu' }).click();
    const cards = page.locator('.complaint-deadlines > [data-testid^="deadline-"]');
    await expect(cards).toHaveCount(3);
    await expect(cards.first()).toHaveAttribute('data-testid', 'deadline-firstReply');
    await expect(cards.first()).toContainText('Balasan awal');
    await expect(cards.first()).toContainText('tenggat hari ini');
    await expect(cards.last()).toHaveAttribute('data-testid', 'deadline-final');
    await page.screenshot({ path: 'test-results/screens/aduan-regent-detail.png' });
  } finally {
    await stopHost(host);
  }
});

test('Laporan marks Idulfitri as a holiday', async ({ page }) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-e2e-holidays-'));
  // Publishing history from February 2026: March is judged, with no content on 21 March (Idulfitri 1447 H).
  seedPublications(dataDir, [
    { date: '2026-02-27', channels: ['website'] },
    { date: '2026-03-02', channels: ['website'] },
  ]);
  const host = await startHost(dataDir);
  try {
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Laporan', exact: true }).click();
    await page.getByLabel('Tahun', { exact: true }).fill('2026');
    await page.getByLabel('Bulan', { exact: true }).selectOption('03');
    const holidays = page.getByTestId('activity-holidays');
    await expect(holidays.locator('li[data-date="2026-03-21"]')).toContainText('Idulfitri 1447 H');
    await expect(holidays.locator('li[data-date="2026-03-19"]')).toContainText('Nyepi');
    // The missed-day list says which missed days were holidays.
    await expect(page.locator('.activity-missed li', { hasText: '(21/3/2026)' })).toContainText('libur: Idulfitri 1447 H');
    await holidays.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/laporan-idulfitri.png' });
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
