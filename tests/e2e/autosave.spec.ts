import type { Page } from '@playwright/test';
import { expect, hostCall, test } from './fixtures';

interface PostRecord {
  id: string;
  rev: number;
  title: string;
  lead: string;
}

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const postId = (page: Page) => /#\/posts\/([^/?]+)/.exec(page.url())![1];

test('the shared autosave: time of the last save, another PC’s edit of another field is merged, the same field is a conflict the person settles', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  const title = page.getByLabel('Judul', { exact: true });
  const lead = page.getByLabel('Teras berita (lead)');
  await title.fill('Judul saya');
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  // "Tersimpan 10.42": the time in the OPD's zone beside the word.
  await expect(page.locator('.save-state time')).toHaveText(/^\d{2}\.\d{2}$/);
  const id = postId(page);

  // Another PC changes the lead: the next save here is no conflict, goes on top of it, and shows their lead.
  let stored = await hostCall<PostRecord>(host, 'posts.get', { id });
  await hostCall<PostRecord>(host, 'posts.update', { id, baseRev: stored.rev, patch: { lead: 'Teras dari PC lain.' } });
  await title.fill('Judul saya, diperbaiki');
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await expect(lead).toHaveValue('Teras dari PC lain.');
  await expect(page.getByRole('alert').filter({ hasText: 'diubah di jendela atau PC lain' })).toHaveCount(0);
  stored = await hostCall<PostRecord>(host, 'posts.get', { id });
  expect(stored).toMatchObject({ title: 'Judul saya, diperbaiki', lead: 'Teras dari PC lain.' });

  // Both change the title (the other PC first): a conflict, shown with the two choices; what was typed stays.
  await hostCall<PostRecord>(host, 'posts.update', { id, baseRev: stored.rev, patch: { title: 'Judul versi PC lain' } });
  await title.fill('Judul versi saya');
  const notice = page.getByRole('alert').filter({ hasText: 'Tulisan ini diubah di jendela atau PC lain' });
  await expect(notice).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Bentrok: diubah di tempat lain');
  await expect(title).toHaveValue('Judul versi saya');
  await notice.getByRole('button', { name: 'Pakai versi saya' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await expect(notice).toHaveCount(0);
  expect((await hostCall<PostRecord>(host, 'posts.get', { id })).title).toBe('Judul versi saya');
});
