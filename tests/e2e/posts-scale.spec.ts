import { seedPosts } from '../scale-seed';
import { expect, startHost, stopHost, test } from './fixtures';

test('Tulisan pages through 10k posts, a hundred at a time with only the rows in view drawn, to the last page; searches; opens a post', async ({ page, dataDir }) => {
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
    await expect(pager).toContainText('1–100 dari 10.000 tulisan');
    await expect(page.getByRole('tab', { name: /Semua/ })).toContainText('10.000');
    // Virtualised: a page of 100 posts, but only the rows in view (and a few either side) are in the DOM,
    // each saying where it stands in the whole list.
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(40);
    const list = page.getByRole('list', { name: 'Tulisan' });
    await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-posinset', '1');
    await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', '10000');

    // Scrolling the list reaches the last row of the page; still only a screenful is drawn.
    const box = page.getByTestId('posts-list');
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const lastOfPage = list.getByRole('listitem').filter({ hasText: 'Kegiatan nomor 9900' });
    await expect(lastOfPage).toBeVisible();
    await expect(lastOfPage).toHaveAttribute('aria-posinset', '100');
    expect(await rows.count()).toBeLessThan(40);
    await box.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(rows.first()).toContainText('Kegiatan nomor 9999');

    // The keyboard walks the rows past those drawn at first: each row drawn as the focus reaches it.
    await list.getByRole('link', { name: 'Kegiatan nomor 9999' }).focus();
    for (let i = 0; i < 2 * 45; i++) await page.keyboard.press('Tab');
    await expect(page.locator(':focus')).toHaveAccessibleName('Kegiatan nomor 9954');
    await expect(list.getByRole('link', { name: 'Kegiatan nomor 9954' })).toBeInViewport();

    await pager.getByRole('button', { name: /Berikutnya/ }).click();
    await expect(pager).toContainText('101–200 dari 10.000 tulisan');
    // Another page starts at its top.
    await expect(rows.first()).toContainText('Kegiatan nomor 9899');
    await expect(rows.first()).toHaveAttribute('aria-posinset', '101');
    await pager.getByRole('button', { name: /Sebelumnya/ }).click();
    await expect(pager).toContainText('1–100 dari 10.000 tulisan');

    // The last page, reached with the keyboard.
    await pager.getByRole('button', { name: /Berikutnya/ }).focus();
    await page.keyboard.press('Tab');
    await expect(pager.getByRole('button', { name: /Terakhir/ })).toBeFocused();
    const lastAt = Date.now();
    await page.keyboard.press('Enter');
    await expect(pager).toContainText('9.901–10.000 dari 10.000 tulisan');
    await expect(rows.first().getByRole('link', { name: 'Kegiatan nomor 99', exact: true })).toBeVisible();
    const lastPageMs = Date.now() - lastAt;
    await box.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(rows.last()).toContainText('Kegiatan nomor 0');
    await expect(rows.last()).toHaveAttribute('aria-posinset', '10000');
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
    console.log(`posts-scale: first rows ${firstRowsMs} ms (${drawn} of 100 rows in the DOM), last page ${lastPageMs} ms, search ${searchMs} ms`);
  } finally {
    await stopHost(host);
  }
});
