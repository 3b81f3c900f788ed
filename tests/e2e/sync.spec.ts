import type { Page } from '@playwright/test';
import { closedPort, seedOpd, startTestHubProcess, type TestHub } from '../unit/sync/hub/hub-server';
import { expect, test } from './fixtures';

/**
 * Pengaturan → Sinkron in Chromium over the HTTP host, against a hub the spec
 * starts itself: express-pouchdb on 127.0.0.1 (ephemeral port) with the OPD
 * set up by the same provisioning as `npm run hub:setup`.
 */
let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHubProcess();
  await seedOpd(hub, 'dinas-kominfo', [{ name: 'budi', role: 'editor', password: 'Sandi-Budi-88' }]);
});
test.afterAll(async () => hub?.close());

const testResult = (page: Page) => page.getByTestId('hub-test-result');

test('sets up the hub on a PC: precise messages from Tes koneksi, then sign in and out', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Sinkron' }).click();
  await expect(page.getByRole('heading', { name: 'Sinkron', level: 2 })).toBeVisible();
  await expect(page.getByTestId('sync-state')).toHaveText('Mati (hub belum diatur)');
  // No hub, no engine: the sidebar stays quiet.
  await expect(page.locator('.sync-line')).toHaveCount(0);

  // Nothing listens there.
  await page.getByLabel('Alamat hub').fill(`http://127.0.0.1:${await closedPort()}`);
  await page.getByLabel('Slug OPD').fill('dinas-kominfo');
  await page.getByLabel('Nama pengguna').fill('budi');
  await page.getByLabel('Kata sandi', { exact: true }).fill('Sandi-Budi-88');
  await page.getByRole('button', { name: 'Tes koneksi' }).click();
  await expect(testResult(page)).toContainText('Hub menolak sambungan: tidak ada server sinkron yang berjalan di alamat dan port itu.');

  // The right hub, the wrong password.
  await page.getByLabel('Alamat hub').fill(hub.url);
  await page.getByLabel('Kata sandi', { exact: true }).fill('salah');
  await page.getByRole('button', { name: 'Tes koneksi' }).click();
  await expect(testResult(page)).toContainText('Nama pengguna atau kata sandi hub salah.');
  await page.getByRole('heading', { name: 'Akun hub' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/sync-test-failed.png' });

  // An OPD the hub does not have.
  await page.getByLabel('Slug OPD').fill('dinas-sosial');
  await page.getByLabel('Kata sandi', { exact: true }).fill('Sandi-Budi-88');
  await page.getByRole('button', { name: 'Tes koneksi' }).click();
  await expect(testResult(page)).toContainText('Basis data OPD ini belum ada di hub.');
  await expect(testResult(page)).toContainText('opd-dinas-sosial');

  await page.getByLabel('Slug OPD').fill('dinas-kominfo');
  await page.getByRole('button', { name: 'Tes koneksi' }).click();
  await expect(testResult(page)).toContainText('Tersambung ke PouchDB Server');
  await expect(testResult(page)).toContainText('sebagai budi. Basis data yang bisa dibuka: opd-dinas-kominfo, aduan-dinas-kominfo.');

  await page.getByRole('button', { name: 'Simpan hub' }).click();
  await expect(page.getByText('Hub disimpan. Masuk lagi dengan akun hub Anda.')).toBeVisible();
  await page.getByLabel('Kata sandi', { exact: true }).fill('Sandi-Budi-88');
  await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  await expect(page.getByTestId('hub-account-state')).toContainText('Masuk ke hub sebagai budi. Peran di hub: opd-dinas-kominfo-editor');
  await expect(page.getByLabel('Kata sandi', { exact: true })).toHaveAttribute('placeholder', /tersimpan/);
  await expect(page.getByText('Kata sandi hanya diingat selama Redaksi terbuka.')).toBeVisible();
  await expect(page.getByText('Tidak ada konflik.')).toBeVisible();
  // Signed in, the sync engine runs: the page and the sidebar line say the workspace is in sync.
  await expect(page.getByTestId('sync-state')).toHaveText('Tersinkron', { timeout: 20_000 });
  await expect(page.locator('.sync-line')).toContainText('Tersinkron');
  await page.screenshot({ path: 'test-results/screens/sync-page.png' });

  // Reload: the account is still there, and the saved password still tests fine.
  await page.reload();
  await expect(page.getByLabel('Alamat hub')).toHaveValue(hub.url);
  await page.getByRole('button', { name: 'Tes koneksi' }).click();
  await expect(testResult(page)).toContainText('Tersambung ke PouchDB Server');

  await page.getByRole('button', { name: 'Keluar', exact: true }).click();
  await expect(page.getByTestId('hub-account-state')).toHaveText('Belum masuk ke hub.');
});
