import { seedPosts } from '../scale-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('Tulisan pages through 10k posts, fifty at a time', async ({ page, dataDir }) => {
  seedPosts(dataDir, 10_000);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
    const pager = page.getByRole('navigation', { name: 'Halaman tulisan' });
    await expect(pager).toContainText('1–50 dari 10000 tulisan');
    await expect(page.locator('.post-row')).toHaveCount(50);
    // Newest first.
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 9999');
    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await expect(pager).toContainText('51–100 dari 10000 tulisan');
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 9949');
    await pager.getByRole('button', { name: /Sebelumnya/ }).click();
    await expect(pager).toContainText('1–50 dari 10000 tulisan');
    // A search starts again at its first page.
    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await page.getByRole('searchbox').fill('nomor 123');
    await expect(page.locator('.post-row').first()).toContainText('Kegiatan nomor 123');
    await page.screenshot({ path: 'test-results/screens/posts-paged.png' });
  } finally {
    await stopHost(host);
  }
});
