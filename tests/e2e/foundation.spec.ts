import type { Page } from '@playwright/test';
import type { Workspace } from '@shared/domain/workspace';
import { expect, hostCall, startHost, stopHost, test } from './fixtures';

const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });

test('writes a post, autosaves it, and finds it again after the host restarts', async ({ page, host, dataDir }) => {
  await page.goto(host.launchUrl);
  // The token leaves the address bar once the page has it.
  await expect(page).not.toHaveURL(/token=/);
  await nav(page, 'Tulisan').click();
  await expect(page.getByText('Belum ada tulisan')).toBeVisible();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();

  await page.getByLabel('Judul', { exact: true }).fill('Bupati Blora Resmikan Gedung UDD PMI');
  await page.getByLabel('Teras berita (lead)').fill('Bupati Blora Arief Rohman meresmikan gedung baru UDD PMI, Kamis (16/5/2024).');
  await page.getByLabel('Isi berita').pressSequentially('Gedung ini melayani donor darah.', { delay: 5 });
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await page.screenshot({ path: 'test-results/screens/editor.png' });

  await stopHost(host);
  const again = await startHost(dataDir);
  try {
    await page.goto(again.launchUrl);
    await nav(page, 'Tulisan').click();
    await page.getByRole('link', { name: 'Bupati Blora Resmikan Gedung UDD PMI' }).click();
    await expect(page.getByRole('textbox', { name: 'Isi berita' })).toHaveText('Gedung ini melayani donor darah.');
    await expect(page.getByLabel('Kota (dateline)')).toHaveValue('BLORA');
  } finally {
    await stopHost(again);
  }
});

test('the last keystrokes are saved when the tab closes right after typing', async ({ browser, host }) => {
  const page = await browser.newPage();
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Ditutup cepat');
  await page.close({ runBeforeUnload: true });

  const res = await fetch(`${host.url}api/posts.list`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  await expect
    .poll(async () => {
      const r = await fetch(`${host.url}api/posts.list`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return ((await r.json()) as { value: { items: { title: string }[] } }).value.items.map((p) => p.title);
    })
    .toEqual(['Ditutup cepat']);
  expect(res.status).toBe(200);
});

test('moves a post to the trash and restores it', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Tulisan').click();
  await page.getByRole('button', { name: /Tulisan baru/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Rapat Koordinasi Stunting');
  await expect(page.getByTestId('save-state')).toHaveText('Tersimpan');
  await page.getByRole('link', { name: /Semua tulisan/ }).click();

  await page.getByRole('button', { name: 'Pindahkan ke tempat sampah: Rapat Koordinasi Stunting' }).click();
  await expect(page.getByText('Dipindahkan ke tempat sampah.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rapat Koordinasi Stunting' })).toHaveCount(0);

  await page.getByRole('tab', { name: /Tempat sampah/ }).click();
  await expect(page.getByText('Rapat Koordinasi Stunting')).toBeVisible();
  await page.getByRole('button', { name: 'Pulihkan' }).click();
  await expect(page.getByText('Tempat sampah kosong.')).toBeVisible();
  await page.getByRole('tab', { name: /Semua/ }).click();
  await expect(page.getByRole('link', { name: 'Rapat Koordinasi Stunting' })).toBeVisible();
});

test('switches the interface language to English and back', async ({ page, host }) => {
  await page.goto(host.launchUrl);
  await nav(page, 'Pengaturan').click();
  await page.getByLabel('English').check();
  await expect(nav(page, 'Settings')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.screenshot({ path: 'test-results/screens/settings-en.png', fullPage: true });
  await page.reload();
  await expect(nav(page, 'Posts')).toBeVisible();
  await page.getByLabel('Bahasa Indonesia').check();
  await expect(nav(page, 'Pengaturan')).toBeVisible();
});

test('a request without the token is refused, and the page says how to get in', async ({ page, host }) => {
  const res = await page.request.post(`${host.url}api/posts.list`, { data: {} });
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe('unauthorized');
  await page.goto(host.url); // no token in the URL
  await expect(page.getByRole('alert')).toContainText('Sesi tidak sah');
});

test('saves the OPD profile and team, and restores a backup from Settings', async ({ page, host }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);
  await nav(page, 'Pengaturan').click();
  const section = (name: string) => page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name, exact: true });
  // Pengaturan opens on Profil OPD; each section has its own save and fits the office screen.
  await expect(section('Profil OPD')).toHaveAttribute('aria-current', 'page');
  await page.getByLabel('Nama lengkap OPD').fill('Dinas Kesehatan Kabupaten Blora');
  await page.getByLabel('Nama singkat', { exact: true }).fill('Dinkes Blora');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect(page.getByText('Pengaturan tersimpan.').first()).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/settings-profil.png' });
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(768 * 1.5);

  await section('Tim').click();
  await expect(page).toHaveURL(/#\/settings\/tim$/);
  await page.getByRole('button', { name: /Tambah anggota/ }).click();
  await page.getByLabel('Nama', { exact: true }).fill('Arsanto Hestu Trihatmojo');
  await page.getByRole('button', { name: 'Simpan tim' }).click();
  await expect.poll(async () => (await hostCall<Workspace>(host, 'settings.get', {})).team.map((m) => m.name)).toEqual(['Arsanto Hestu Trihatmojo']);
  expect((await hostCall<Workspace>(host, 'settings.get', {})).opd.shortName).toBe('Dinkes Blora');

  await section('Data dan cadangan').click();
  await page.getByRole('button', { name: 'Cadangkan sekarang' }).click();
  await expect(page.getByText('Cadangan dibuat.')).toBeVisible();
  await expect(page.getByTestId('backup-usage')).toContainText('dari batas 2,0 GB');
  await expect(page.getByRole('listitem').filter({ hasText: 'manual' })).toContainText(/KB baru dari/);
  // Retention by count and by size, set here and applied at once.
  await page.getByLabel('Jumlah cadangan terbaru yang disimpan').fill('0');
  await page.getByRole('button', { name: 'Simpan aturan cadangan' }).click();
  await expect(page.getByText('Isi bilangan bulat antara 1 dan 100.')).toBeVisible();
  await page.getByLabel('Jumlah cadangan terbaru yang disimpan').fill('3');
  await page.getByLabel('Batas ukuran semua cadangan (GB)').fill('1,5');
  await page.getByRole('button', { name: 'Simpan aturan cadangan' }).click();
  await expect(page.getByText('Aturan cadangan disimpan dan langsung diterapkan.')).toBeVisible();
  await expect(page.getByTestId('backup-usage')).toContainText('dari batas 1,5 GB');
  await page.screenshot({ path: 'test-results/screens/settings-data.png', fullPage: true });
  expect((await hostCall<Workspace>(host, 'settings.get', {})).backups).toEqual({ keepRecent: 3, maxBytes: 1.5 * 1024 ** 3 });

  await section('Profil OPD').click();
  await page.getByLabel('Nama singkat', { exact: true }).fill('Salah Ketik');
  await page.getByRole('button', { name: 'Simpan profil' }).click();
  await expect.poll(async () => (await hostCall<Workspace>(host, 'settings.get', {})).opd.shortName).toBe('Salah Ketik');
  await section('Data dan cadangan').click();
  page.once('dialog', (d) => d.accept());
  await page.getByRole('listitem').filter({ hasText: 'manual' }).getByRole('button', { name: 'Pulihkan' }).click();
  await expect(page.getByText(/Data dipulihkan dari cadangan/).first()).toBeVisible();
  await section('Profil OPD').click();
  await expect(page.getByLabel('Nama singkat', { exact: true })).toHaveValue('Dinkes Blora');
  await nav(page, 'Beranda').click();
  await expect(page.getByRole('heading', { name: 'Dinkes Blora' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/home.png' });
});
