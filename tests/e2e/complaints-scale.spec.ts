import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Complaint } from '@shared/complaints/complaint';
import type { Workspace } from '@shared/domain/workspace';
import { cloneRecords } from '../scale-seed';
import { expect, hostCall, startHost, stopHost, test } from './fixtures';

const N = 3_000;

test('Aduan with 3,000 open reports: a page drawn only where in view, read as a list of 3.001, reached by keyboard, no serious axe finding', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  // One report made by the app, then copied: a long, valid list without 3,000 API writes.
  let host = await startHost(dataDir);
  let madeId: string;
  try {
    const ws = await hostCall<Workspace>(host, 'settings.get', {});
    const next = await hostCall<Workspace>(host, 'settings.update', { baseRev: ws.rev, team: [{ name: 'Admin Medsos', role: 'penulis' }] });
    await hostCall(host, 'session.signIn', { memberId: next.team[0].id });
    const made = await hostCall<{ complaint: Complaint }>(host, 'complaints.create', {
      input: {
        channel: 'instagram_comment',
        link: 'https://www.instagram.com/p/XYZ/',
        reporterHandle: '@warga_cepu',
        text: 'Lampu PJU di Jl. Diponegoro mati sejak seminggu, warga khawatir karena jalan gelap pada malam hari.',
        receivedAt: new Date(Date.now() - 3_600_000).toISOString(),
        topic: 'PJU mati di jalan kabupaten',
        bidang: 'Bidang Penerangan Jalan Umum',
      },
    });
    madeId = made.complaint.id;
  } finally {
    await stopHost(host);
  }
  const made = JSON.parse(readFileSync(path.join(dataDir, 'store', 'complaints', `${madeId}.json`), 'utf8')) as Complaint;
  // Newest first: report i was received i minutes before the one the app made.
  cloneRecords(dataDir, 'complaints', made, N, (i) => ({ topic: `PJU mati nomor ${i}`, receivedAt: new Date(Date.parse(made.receivedAt) - (i + 1) * 60_000).toISOString() }));

  host = await startHost(dataDir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(host.launchUrl);
    const started = Date.now();
    await page.getByRole('navigation').getByRole('link', { name: 'Aduan', exact: true }).click();
    const list = page.getByRole('list', { name: 'Aduan' });
    const rows = list.getByRole('listitem');
    await expect(rows.first()).toBeVisible();
    const firstRowsMs = Date.now() - started;
    const pager = page.getByRole('navigation', { name: 'Halaman aduan' });
    await expect(pager).toContainText('1–50 dari 3.001 aduan');
    // Only the rows in view (and a few either side) are in the DOM; each says where it stands in all 3.001.
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(2);
    expect(drawn).toBeLessThan(25);
    await expect(rows.first()).toHaveAttribute('aria-setsize', '3001');
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');

    // Scrolling reaches the page's last row (most urgent first: the order is the deadlines', not the copies').
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: el.parentElement!.scrollHeight }));
    await expect(rows.last()).toHaveAttribute('aria-posinset', '50');
    await expect(rows.last()).toBeInViewport();
    expect(await rows.count()).toBeLessThan(25);
    await list.evaluate((el) => el.parentElement!.scrollTo({ top: 0 }));

    // Tab walks the rows (one link each) past those drawn at first; the focused row is kept drawn.
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
    await rows.first().getByRole('link').focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('Tab');
    await expect(list.locator('li:focus-within')).toHaveAttribute('aria-posinset', '31');
    await expect(page.locator(':focus')).toHaveAccessibleName(/^PJU mati/);
    await expect(page.locator(':focus')).toBeInViewport();

    // Keyboard paging: to the last page with Tab and Enter.
    await pager.getByRole('button', { name: /Berikutnya/ }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(pager).toContainText('3.001–3.001 dari 3.001 aduan');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toHaveAttribute('aria-posinset', '3001');
    await pager.getByRole('button', { name: /Pertama/ }).click();
    await expect(pager).toContainText('1–50 dari 3.001 aduan');

    // The virtualised list and its page pass axe (WCAG 2.1 A/AA): no serious or critical finding.
    const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const found = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
    expect(found).toEqual([]);
    await page.screenshot({ path: 'test-results/screens/complaints-3000.png' });
    console.log(`complaints-scale: first rows ${firstRowsMs} ms, ${drawn} of 50 rows in the DOM`);
  } finally {
    await stopHost(host);
  }
});
