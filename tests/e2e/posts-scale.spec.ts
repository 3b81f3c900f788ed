import { seedPosts } from '../scale-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('Tulisan pages through 10k posts, fifty at a time, to the last page; searches; opens a post', async ({ page, dataDir }) => {
  test.setTimeout(120_000);
  seedPosts(dataDir, 10_000);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.launchUrl);
    const started = Date.now();
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    const rows = page.locator('.post-row');
    // Newest first.
    await expect(rows.first()).toContainText('Kegiatan nomor 9999');
    const firstRowsMs = Date.now() - started;
    const pager = page.getByRole('navigation', { name: 'Halaman tulisan' });
    await expect(pager).toContainText('1–50 dari 10.000 tulisan');
    await expect(rows).toHaveCount(50);
    await expect(page.getByRole('tab', { name: /Semua/ })).toContainText('10.000');

    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await expect(pager).toContainText('51–100 dari 10.000 tulisan');
    await expect(rows.first()).toContainText('Kegiatan nomor 9949');
    await pager.getByRole('button', { name: /Sebelumnya/ }).click();
    await expect(pager).toContainText('1–50 dari 10.000 tulisan');

    // The last page, reached with the keyboard.
    await pager.getByRole('button', { name: /Berikutnya/ }).focus();
    await page.keyboard.press('Tab');
    await expect(pager.getByRole('button', { name: /Terakhir/ })).toBeFocused();
    const lastAt = Date.now();
    await page.keyboard.press('Enter');
    await expect(pager).toContainText('9.951–10.000 dari 10.000 tulisan');
    await expect(rows.last()).toContainText('Kegiatan nomor 0');
    const lastPageMs = Date.now() - lastAt;
    await expect(rows).toHaveCount(50);
    await expect(pager.getByRole('button', { name: /Terakhir/ })).toBeDisabled();
    await page.screenshot({ path: 'test-results/screens/posts-last-page.png' });

    // A search runs in the main process and starts again at its first page.
    const searchAt = Date.now();
    await page.getByRole('searchbox').fill('nomor 1234');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText('Kegiatan nomor 1234');
    const searchMs = Date.now() - searchAt;
    await expect(pager).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screens/posts-search.png' });

    // The found post opens in the editor.
    await rows.first().getByRole('link', { name: 'Kegiatan nomor 1234' }).click();
    await expect(page.getByLabel('Judul', { exact: true })).toHaveValue('Kegiatan nomor 1234');
    console.log(`posts-scale: first rows ${firstRowsMs} ms, last page ${lastPageMs} ms, search ${searchMs} ms`);
  } finally {
    await stopHost(host);
  }
});
