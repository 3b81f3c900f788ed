import type { Page } from '@playwright/test';
import sharp from 'sharp';
import type { Workspace } from '@shared/domain/workspace';
import { apiCall } from './activity-seed';
import { expect, test } from './fixtures';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name, exact: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screens/setup-${name}.png` });

test('a new admin is guided from a fresh data folder to the first post, can stop halfway and loses nothing typed', async ({ page, host }) => {
  test.setTimeout(120_000);
  // The reminder hour has passed whatever time the test runs: it must still not shout before setup is done.
  const ws0 = await apiCall<Workspace>(host, 'settings.get', {});
  expect(ws0.setup?.status).toBe('new');
  await apiCall(host, 'settings.update', { baseRev: ws0.rev, targets: { ...ws0.targets, reminderHour: 0 } });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(host.launchUrl);

  // First launch opens the guide by itself.
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  await expect(page).toHaveURL(/#\/settings\/setup$/);
  const steps = page.getByRole('navigation', { name: 'Langkah penyiapan' });
  await expect(steps.getByRole('button', { name: /Profil OPD/ })).toHaveAttribute('aria-current', 'step');
  await shot(page, '1-profile');

  // Step 1: a missing name is said in words, next to the form.
  await page.getByLabel('Nama lengkap OPD').fill('');
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Isi Nama lengkap OPD dulu.' })).toBeVisible();
  await expect(page.getByLabel('Nama lengkap OPD')).toBeFocused();

  // Typed but not saved, then the app is closed: the text is still there.
  await page.getByLabel('Nama lengkap OPD').fill('Dinas Kesehatan Kabupaten Blora');
  await page.getByLabel('Nama singkat', { exact: true }).fill('Dinkes Blora');
  await page.reload();
  await expect(page.getByLabel('Nama lengkap OPD')).toHaveValue('Dinas Kesehatan Kabupaten Blora');
  await expect(page.getByLabel('Nama singkat', { exact: true })).toHaveValue('Dinkes Blora');
  await expect(page.getByText('Isian yang belum disimpan tetap ada di langkah ini.')).toBeVisible();
  await page.getByLabel('Kota dateline bawaan').fill('blora');
  await expect(page.getByLabel('Kota dateline bawaan')).toHaveValue('BLORA');
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  // Step 2: logo and colours.
  await expect(page.getByRole('heading', { name: 'Logo dan warna', level: 2 })).toBeFocused();
  const png = await sharp({ create: { width: 200, height: 200, channels: 4, background: { r: 11, g: 92, b: 171, alpha: 1 } } }).png().toBuffer();
  await page.getByLabel('Pilih berkas logo').setInputFiles({ name: 'logo-dinkes.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByRole('img', { name: 'Logo Dinkes Blora' })).toBeVisible();
  await expect(steps.getByRole('button', { name: /Logo dan warna/ })).toContainText('selesai');
  await shot(page, '2-brand');
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  // Step 3: the admin's own profile with a PIN, and a colleague who reviews.
  await expect(page.getByRole('heading', { name: 'Tim dan PIN', level: 2 })).toBeVisible();
  await page.getByLabel('Nama Anda').fill('Rina Admin');
  await page.getByLabel('PIN (4–8 angka)').fill('2468');
  await page.getByLabel('Ulangi PIN').fill('2469');
  await page.getByRole('button', { name: 'Tambah rekan' }).click();
  await page.getByLabel('Nama rekan 1').fill('Budi Kabid');
  await page.getByLabel('Peran rekan 1').selectOption({ label: 'Editor' });
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Kedua PIN tidak sama.' })).toBeVisible();
  await page.getByLabel('Ulangi PIN').fill('2468');
  await shot(page, '3-team');
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();
  await expect(page.getByRole('heading', { name: 'Target harian', level: 2 })).toBeVisible();
  await expect(page.getByTestId('active-profile')).toHaveText('Rina Admin');
  const session = await apiCall<{ members: { name: string; role: string; hasPin: boolean }[] }>(host, 'session.get', {});
  expect(session.members).toEqual([
    expect.objectContaining({ name: 'Rina Admin', role: 'admin', hasPin: true }),
    expect.objectContaining({ name: 'Budi Kabid', role: 'editor', hasPin: false }),
  ]);

  // Step 4 typed, then "continue later": Beranda shows where the guide stands and no red alarm.
  await page.getByLabel('Target harian Instagram').fill('2');
  await page.getByLabel('Hari kerja (Senin–Jumat, di luar libur)').check();
  await shot(page, '4-targets');
  await page.getByRole('button', { name: 'Lanjutkan nanti' }).click();
  await expect(page.getByRole('heading', { name: 'Siapkan Redaksi untuk OPD Anda' })).toBeVisible();
  await expect(page.getByText('3 dari 6 langkah selesai.')).toBeVisible();
  await expect(page.getByText('Belum ada konten hari ini')).toHaveCount(0);
  await shot(page, 'beranda-pending');
  await page.getByRole('link', { name: 'Lanjutkan: Target harian' }).click();
  await expect(page.getByLabel('Target harian Instagram')).toHaveValue('2');
  await expect(page.getByLabel('Hari kerja (Senin–Jumat, di luar libur)')).toBeChecked();
  await page.getByRole('button', { name: 'Simpan dan lanjut' }).click();

  // Step 5: connections, with the form from Antrean; skipped for now.
  await expect(page.getByRole('heading', { name: 'Kanal dan koneksi', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tambah koneksi WordPress' })).toBeVisible();
  await shot(page, '5-channels');
  await page.getByRole('button', { name: 'Lewati langkah ini' }).click();

  // Step 6: the coach in one sentence per panel, then a template opens the editor.
  await expect(page.getByRole('heading', { name: 'Berita pertama', level: 2 })).toBeVisible();
  await expect(page.getByText(/^Pelatih: menandai judul/)).toBeVisible();
  await shot(page, '6-first-post');
  await page.getByRole('button', { name: /^Berita kegiatan/ }).click();
  await expect(page).toHaveURL(/#\/posts\/[A-Za-z0-9_-]+$/);
  await expect(page.getByLabel('Judul', { exact: true })).toHaveValue(/Siapa melakukan apa/);
  await expect(page.getByLabel('Kota (dateline)')).toHaveValue('BLORA');

  const ws = await apiCall<Workspace>(host, 'settings.get', {});
  expect(ws.setup).toEqual({ status: 'done', step: 'firstPost', confirmed: ['profile', 'brand', 'team', 'targets', 'firstPost'] });
  expect(ws.opd).toMatchObject({ fullName: 'Dinas Kesehatan Kabupaten Blora', shortName: 'Dinkes Blora', dateline: 'BLORA' });
  expect(ws.targets).toMatchObject({ days: 'working', perChannel: { instagram: 2 } });

  // Done: Beranda is the dashboard again (the reminder is back), and the guide is one click away in Pengaturan.
  await nav(page, 'Beranda').click();
  await expect(page.getByRole('heading', { name: 'Siapkan Redaksi untuk OPD Anda' })).toHaveCount(0);
  await nav(page, 'Pengaturan').click();
  // The connections are in Pengaturan → Koneksi too, not only under Antrean.
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Koneksi' }).click();
  await expect(page.getByRole('button', { name: 'Tambah koneksi WordPress' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Profil OPD' }).click();
  await page.getByRole('link', { name: 'Buka panduan penyiapan' }).click();
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  await expect(steps.getByRole('button', { name: /Berita pertama/ })).toContainText('selesai');
});

test('skipping the whole guide keeps Beranda as before and never reopens it', async ({ page, host }) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(host.launchUrl);
  await expect(page.getByRole('heading', { name: 'Panduan penyiapan', level: 1 })).toBeVisible();
  await shot(page, '1-profile-1920');
  // Nothing scrolls sideways at either size.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Lewati penyiapan' }).click();
  await expect(page).toHaveURL(/#\/home$/);
  await expect(page.getByRole('heading', { name: 'Siapkan Redaksi untuk OPD Anda' })).toHaveCount(0);
  await expect(page.getByText(/Langkah pertama: lengkapi profil OPD/)).toBeVisible();
  await page.reload();
  await expect(page).toHaveURL(/#\/home$/);
  expect((await apiCall<Workspace>(host, 'settings.get', {})).setup?.status).toBe('skipped');
});
