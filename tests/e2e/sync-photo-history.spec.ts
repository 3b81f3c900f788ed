import { readFileSync } from 'node:fs';
import type { HandlerContext } from '@core/deps';
import { importPhoto } from '@core/media/import';
import { Store } from '@core/store/store';
import { teamPath } from '../team-folder';
import { expect, startHost, stopHost, test } from './fixtures';

/**
 * The photo desk's details show what team sync overwrote (issue 13): two PCs
 * edited the photo's texts at once, the later edit won, and the values it
 * replaced are in the record's history. Seeded in the data folder as the
 * engine leaves it (the merge itself is tested in tests/integration/sync/photos.test.ts).
 */
test('a photo whose texts were overwritten by a later edit on another PC shows the old values, newest first', async ({ page, dataDir }) => {
  const store = await Store.open(dataDir);
  const ctx: HandlerContext = { store, dataDir: store.dataDir, version: 'e2e', transport: 'http', services: {}, log: () => undefined };
  const { photo } = await importPhoto(ctx, 'DSCN0010.jpg', readFileSync(teamPath('fixtures/photos/gps/DSCN0010.jpg')));
  await store.collections.media.put({
    ...photo,
    caption: 'Petugas memeriksa saluran irigasi di Desa Jepon',
    credit: 'Humas DPUPR',
    altText: 'Dua petugas berdiri di tepi saluran irigasi',
    history: [
      { at: '2026-11-20T02:15:00.000Z', values: { caption: 'Saluran irigasi Jepon', tags: ['irigasi', 'Jepon'] } },
      { at: '2026-11-21T03:30:00.000Z', values: { caption: '', credit: 'Humas' } },
    ],
    rev: photo.rev + 1,
  });
  const host = await startHost(dataDir);
  try {
    await page.goto(host.launchUrl);
    await page.getByRole('navigation').getByRole('link', { name: 'Media', exact: true }).click();
    await page.getByTestId('photo-grid').getByRole('button', { name: /Dua petugas berdiri/ }).click();
    await expect(page.getByLabel('Keterangan foto', { exact: true })).toHaveValue('Petugas memeriksa saluran irigasi di Desa Jepon');
    const history = page.getByTestId('photo-history');
    await history.getByText('Riwayat teks foto (2)').click();
    await expect(history).toContainText('Suntingan yang terakhir berlaku; nilai lama tersimpan di sini.');
    const entries = history.getByRole('listitem');
    await expect(entries).toHaveCount(2);
    // Newest first, in the OPD's time zone (WIB).
    await expect(entries.nth(0)).toContainText('21/11/2026 10.30');
    await expect(entries.nth(0).getByRole('definition')).toHaveText(['(kosong)', 'Humas']);
    await expect(entries.nth(1)).toContainText('20/11/2026 09.15');
    await expect(entries.nth(1)).toContainText('Saluran irigasi Jepon');
    await expect(entries.nth(1)).toContainText('irigasi, Jepon');
    await history.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'test-results/screens/sync-photo-history.png', fullPage: true });
  } finally {
    await stopHost(host);
  }
});
