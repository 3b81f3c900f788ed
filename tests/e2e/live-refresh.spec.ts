/**
 * The renderer's data layer (issue 11): what a screen shows follows the
 * store's change events (app.changes), so a record written elsewhere — by the
 * team's hub, another window, the outbox — appears without a reload or a
 * timer. Here the "elsewhere" is a direct API call beside the open page.
 */
import { expect, hostCall, test } from './fixtures';

test('posts written beside the open page appear on Tulisan without reloading', async ({ page, host }) => {
  const ws = await hostCall<{ rev: number }>(host, 'settings.get', {});
  await hostCall(host, 'settings.update', { baseRev: ws.rev, setup: { status: 'done', step: 'firstPost', confirmed: [] } });
  await page.goto(host.launchUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Tulisan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tulisan', level: 1 })).toBeVisible();
  let reloads = 0;
  page.on('framenavigated', (f) => f === page.mainFrame() && f.url().includes('token=') && reloads++);

  await hostCall(host, 'posts.create', { content: { title: 'Datang dari komputer lain' } });
  await expect(page.getByRole('link', { name: 'Datang dari komputer lain' })).toBeVisible({ timeout: 5_000 });

  await hostCall(host, 'posts.create', { content: { title: 'Kabar kedua tanpa muat ulang' } });
  await expect(page.getByRole('link', { name: 'Kabar kedua tanpa muat ulang' })).toBeVisible({ timeout: 5_000 });
  expect(reloads).toBe(0);
});
