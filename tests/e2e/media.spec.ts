import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import exifr from 'exifr';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { teamPath } from '../team-folder';

const FIX = teamPath('fixtures/photos');
const nav = (page: Page, name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
const SCREENS = 'test-results/screens';

async function openDesk(page: Page, url: string) {
  await page.goto(url);
  await nav(page, 'Media').click();
  await expect(page.getByRole('button', { name: 'Impor foto' })).toBeVisible();
}

/** Drops files on the window the way a browser does (a drop event carrying a DataTransfer). */
async function dropFiles(page: Page, files: { name: string; file: string; type: string }[]) {
  const payload = files.map((f) => ({ name: f.name, type: f.type, b64: readFileSync(f.file).toString('base64') }));
  const dt = await page.evaluateHandle((items) => {
    const d = new DataTransfer();
    for (const it of items) {
      const bin = atob(it.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      d.items.add(new File([bytes], it.name, { type: it.type }));
    }
    return d;
  }, payload);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: dt });
  await page.dispatchEvent('body', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('body', 'drop', { dataTransfer: dt });
}

test('drop a GPS photo, describe it, move the focal point, export three presets with no GPS', async ({ page, host }) => {
  mkdirSync(SCREENS, { recursive: true });
  await openDesk(page, host.launchUrl);
  await expect(page.getByText('Belum ada foto')).toBeVisible();

  await dropFiles(page, [{ name: 'DSCN0010.jpg', file: path.join(FIX, 'gps/DSCN0010.jpg'), type: 'image/jpeg' }]);
  await expect(page.getByText('DSCN0010.jpg diimpor.')).toBeVisible();
  const grid = page.getByTestId('photo-grid');
  await expect(grid.getByText('GPS')).toBeVisible();
  await expect(grid.getByText('Tanpa teks alt')).toBeVisible();

  // The same photo again, through the file dialog: reported as a duplicate.
  await page.getByTestId('photo-file-input').setInputFiles(path.join(FIX, 'gps/DSCN0010.jpg'));
  await expect(page.getByText('DSCN0010.jpg sudah ada di pustaka.')).toBeVisible();
  await expect(page.getByText('1 foto', { exact: true })).toBeVisible();

  await page.getByLabel('Keterangan foto', { exact: true }).fill('Petugas memeriksa saluran irigasi di Desa Jepon, Blora');
  await page.getByLabel('Kredit foto', { exact: true }).fill('Humas DPUPR');
  await page.getByLabel('Teks alternatif (wajib)').fill('Dua petugas berdiri di tepi saluran irigasi');
  // Saved as typed, like posts.
  await expect(page.getByRole('button', { name: 'Tersimpan' })).toBeVisible();
  await expect(grid.getByText('Tanpa teks alt')).toHaveCount(0);

  // Exactly three presets: Instagram portrait, X, website featured.
  const picker = page.getByRole('group', { name: 'Ukuran kanal' });
  for (const cb of await picker.getByRole('checkbox').all()) await cb.uncheck();
  await picker.getByLabel('Instagram potret 4:5').check();
  await picker.getByLabel('X 16:9').check();
  await picker.getByLabel('Website gambar utama 16:9').check();
  const previews = page.locator('.crop-preview');
  await expect(previews).toHaveCount(3);

  // Click near the left edge: the portrait crop moves to the left.
  const portraitImg = page.locator('.crop-preview[data-preset="ig-portrait"] img');
  const before = await portraitImg.evaluate((el) => (el as HTMLElement).style.left);
  const target = page.getByTestId('focal-target');
  const box = (await target.boundingBox())!;
  await target.click({ position: { x: box.width * 0.05, y: box.height * 0.5 } });
  await expect.poll(() => portraitImg.evaluate((el) => (el as HTMLElement).style.left)).not.toBe(before);
  expect(await portraitImg.evaluate((el) => parseFloat((el as HTMLElement).style.left))).toBeCloseTo(0, 5);
  await expect(page.getByRole('button', { name: 'Kembali ke otomatis' })).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/media-desk.png` });

  // The 640x480 source is smaller than X's 1600x900: a visible warning, and no upscaling.
  const xPreview = page.locator('.crop-preview[data-preset="x-post"]');
  await expect(xPreview.getByRole('note')).toContainText('Foto lebih kecil dari 1600×900: hasil 640×360');
  // One rendition opened in the viewer.
  await xPreview.getByRole('button', { name: 'Buat berkas' }).click();
  const viewer = page.getByRole('dialog');
  await expect(viewer).toBeVisible();
  await expect.poll(() => page.getByTestId('rendition-image').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(640);
  await expect.poll(() => page.getByTestId('rendition-image').evaluate((img) => (img as HTMLImageElement).naturalHeight)).toBe(360);
  await page.screenshot({ path: `${SCREENS}/media-rendition.png` });
  // The shared Dialog: opens on its close button, Tab stays inside.
  await expect(viewer.getByRole('button', { name: 'Tutup' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(viewer.getByRole('link', { name: 'Unduh' })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(viewer.getByRole('button', { name: 'Tutup' })).toBeFocused();
  await viewer.getByRole('button', { name: 'Tutup' }).click();
  // Focus is back on the button that made the file, and each size's button has its own name.
  await expect(xPreview.getByRole('button', { name: 'Buat berkas X 16:9' })).toBeFocused();

  await page.getByRole('button', { name: 'Ekspor 1 foto × 3 ukuran' }).click();
  await expect(page.getByTestId('batch-count')).toHaveText('3 dari 3 berkas');
  await expect(page.getByText(/Ekspor selesai: 3 berkas/).first()).toBeVisible();
  await page.screenshot({ path: `${SCREENS}/media-export.png` });

  const exportsDir = path.join(host.dataDir, 'exports');
  const folder = readdirSync(exportsDir).find((d) => d.startsWith('foto-'))!;
  const files = readdirSync(path.join(exportsDir, folder)).sort();
  expect(files).toHaveLength(3);
  const sizes: Record<string, [number, number]> = { 'ig-portrait': [1080, 1350], 'x-post': [1600, 900], 'web-featured': [1200, 675] };
  for (const f of files) {
    const presetId = Object.keys(sizes).find((k) => f.endsWith(`${k}.jpg`))!;
    expect(presetId).toBeTruthy();
    const bytes = readFileSync(path.join(exportsDir, folder, f));
    const m = await sharp(bytes).metadata();
    // The source is 640x480: the files keep the preset shape at the source's own resolution.
    const [w, h] = sizes[presetId];
    expect(Math.abs(m.width! / m.height! - w / h)).toBeLessThan(0.01);
    expect(m.width!).toBeLessThanOrEqual(w);
    const tags = await exifr.parse(bytes, { gps: true, tiff: true, exif: true, xmp: true }).catch(() => undefined);
    expect(tags?.latitude).toBeUndefined();
    expect(tags?.Make).toBeUndefined();
  }
  // The portrait crop hugs the left edge of the photo, as the focal point asked.
  const portrait = files.find((f) => f.endsWith('ig-portrait.jpg'))!;
  const left = await sharp(path.join(FIX, 'gps/DSCN0010.jpg')).rotate().extract({ left: 0, top: 0, width: 384, height: 480 }).resize(16, 20, { fit: 'fill' }).greyscale().raw().toBuffer();
  const got = await sharp(path.join(exportsDir, folder, portrait)).resize(16, 20, { fit: 'fill' }).greyscale().raw().toBuffer();
  let diff = 0;
  for (let i = 0; i < got.length; i++) diff += Math.abs(got[i] - left[i]);
  expect(diff / got.length).toBeLessThan(8);
});

test('batch progress advances and cancel stops it; bad files get clear messages', async ({ page, host }) => {
  mkdirSync(SCREENS, { recursive: true });
  await openDesk(page, host.launchUrl);
  const tmp = path.join(os.tmpdir(), `redaksi-media-e2e-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const fake = path.join(tmp, 'undangan.jpg');
  writeFileSync(fake, 'Ini surat undangan, bukan foto.\n');
  const empty = path.join(tmp, 'kosong.jpg');
  writeFileSync(empty, '');

  const photos = [
    ...readdirSync(path.join(FIX, 'orientation')).map((f) => path.join(FIX, 'orientation', f)),
    ...readdirSync(path.join(FIX, 'gps')).map((f) => path.join(FIX, 'gps', f)),
    path.join(FIX, 'camera/jolla.jpg'),
    path.join(FIX, 'camera/samplefilehub.heif'),
  ];
  // A file that disappears after it was chosen, while earlier files are still importing.
  const victim = path.join(tmp, 'hilang.jpg');
  writeFileSync(victim, readFileSync(path.join(FIX, 'camera/Pentax_K10D.jpg')));
  await page.getByTestId('photo-file-input').setInputFiles([...photos, fake, empty, victim]);
  rmSync(victim);
  await expect(page.getByText('undangan.jpg: Berkas ini bukan foto (mungkin berkas lain yang diganti namanya).')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('kosong.jpg: Berkas kosong (0 byte).')).toBeVisible();
  await expect(page.getByText('hilang.jpg: Berkas hilang atau dipindahkan saat sedang diimpor. Pilih lagi berkasnya.')).toBeVisible();
  await expect(page.getByText(`${photos.length} foto`, { exact: true })).toBeVisible();
  await expect(page.getByTestId('photo-grid').getByText('GPS')).toHaveCount(3);

  await page.getByRole('button', { name: 'Pilih semua' }).click();
  const picker = page.getByRole('group', { name: 'Ukuran kanal' });
  for (const cb of await picker.getByRole('checkbox').all()) await cb.check();
  await page.getByRole('button', { name: `Ekspor ${photos.length} foto × 12 ukuran` }).click();
  const count = page.getByTestId('batch-count');
  await expect(count).toHaveText(new RegExp(`^\\d+ dari ${photos.length * 12} berkas$`));
  await expect(page.getByText(/Sedang diproses: /)).toBeVisible();
  await expect(page.locator('.batch-status progress')).toHaveAttribute('max', String(photos.length * 12));
  await page.screenshot({ path: `${SCREENS}/media-batch.png` });
  await page.getByRole('button', { name: 'Batalkan', exact: true }).click();
  await expect(page.getByText(/Ekspor dibatalkan\. \d+ berkas sudah jadi\./).first()).toBeVisible({ timeout: 30_000 });
  const done = Number((await count.textContent())!.split(' ')[0]);
  expect(done).toBeLessThan(photos.length * 12);
  const exportsDir = path.join(host.dataDir, 'exports');
  const folder = readdirSync(exportsDir).find((d) => d.startsWith('foto-'))!;
  expect(existsSync(path.join(exportsDir, folder))).toBe(true);
  expect(readdirSync(path.join(exportsDir, folder)).length).toBeLessThan(photos.length * 12);
  await page.screenshot({ path: `${SCREENS}/media-cancelled.png` });
});

test('paste a photo from the clipboard', async ({ page, host }) => {
  await openDesk(page, host.launchUrl);
  const b64 = readFileSync(path.join(FIX, 'camera/Canon_40D.jpg')).toString('base64');
  await page.evaluate((data) => {
    const bin = atob(data);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'tempel.jpg', { type: 'image/jpeg' }));
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, b64);
  await expect(page.getByText('tempel.jpg diimpor.')).toBeVisible();
  await expect(page.getByText('1 foto', { exact: true })).toBeVisible();
  // Camera details read from EXIF are shown; the serial number never is.
  await expect(page.getByText(/Kamera: Canon/)).toBeVisible();
});

test('what is typed on a photo stays when switching photos (no conflict with its own save); selection follows the search; batch as one ZIP', async ({ page, host }) => {
  mkdirSync(SCREENS, { recursive: true });
  const conflicts: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 409) conflicts.push(r.url());
  });
  await openDesk(page, host.launchUrl);
  await page.getByTestId('photo-file-input').setInputFiles([path.join(FIX, 'camera/Canon_40D.jpg'), path.join(FIX, 'camera/Nikon_D70.jpg')]);
  await expect(page.getByText('2 foto', { exact: true })).toBeVisible();
  const grid = page.getByTestId('photo-grid');
  const tile = (name: string) => grid.getByTitle(name);
  const alt = page.getByLabel('Teks alternatif (wajib)');

  // Type on A and leave at once (before the autosave pause), then come back.
  await tile('Canon_40D.jpg').click();
  await alt.fill('Kepala dinas meresmikan puskesmas');
  await tile('Nikon_D70.jpg').click();
  await expect(alt).toHaveValue('');
  await tile('Canon_40D.jpg').click();
  await expect(alt).toHaveValue('Kepala dinas meresmikan puskesmas');
  await expect(grid.locator('.photo-cell', { has: page.getByTitle('Canon_40D.jpg') }).getByText('Tanpa teks alt')).toHaveCount(0);

  // Change it again: saved, no conflict.
  await alt.fill('Kepala dinas meresmikan puskesmas baru di Kecamatan Cepu');
  await page.getByLabel('Keterangan foto', { exact: true }).fill('Peresmian puskesmas Cepu');
  await expect(page.getByTestId('photo-save-state')).toHaveText('Tersimpan');
  await tile('Nikon_D70.jpg').click();
  await tile('Canon_40D.jpg').click();
  await expect(alt).toHaveValue('Kepala dinas meresmikan puskesmas baru di Kecamatan Cepu');
  await expect(page.getByText('Foto ini diubah di tempat lain')).toHaveCount(0);
  expect(conflicts).toEqual([]);
  // Kept on the server too.
  await page.reload();
  await nav(page, 'Media').click();
  await tile('Canon_40D.jpg').click();
  await expect(alt).toHaveValue('Kepala dinas meresmikan puskesmas baru di Kecamatan Cepu');

  // Select all, then search: the selection is what is shown.
  await page.getByRole('button', { name: 'Pilih semua' }).click();
  await expect(page.getByText('2 dipilih')).toBeVisible();
  await page.getByRole('searchbox', { name: 'Cari keterangan, tag, nama berkas' }).fill('puskesmas');
  await expect(page.getByText('1 foto', { exact: true })).toBeVisible();
  await expect(page.getByText('1 dipilih')).toBeVisible();
  const picker = page.getByRole('group', { name: 'Ukuran kanal' });
  for (const cb of await picker.getByRole('checkbox').all()) await cb.uncheck();
  await picker.getByLabel('Instagram potret 4:5').check();
  await picker.getByLabel('X 16:9').check();
  await page.getByRole('button', { name: 'Ekspor 1 foto × 2 ukuran' }).click();

  // The batch as one ZIP download.
  const zipLink = page.getByTestId('batch-zip');
  await expect(zipLink).toHaveText('Unduh semua (2 berkas) sebagai ZIP');
  // The browser has no folder dialog: the ZIP is the way out (the desktop app offers "Simpan ke folder…").
  await expect(page.getByTestId('batch-save-folder')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), zipLink.click()]);
  const saved = path.join(os.tmpdir(), `redaksi-zip-${process.pid}.zip`);
  await download.saveAs(saved);
  const { unzipSync } = await import('fflate');
  const entries = Object.keys(unzipSync(readFileSync(saved))).sort();
  rmSync(saved);
  expect(entries).toHaveLength(2);
  expect(entries.some((n) => n.endsWith('ig-portrait.jpg'))).toBe(true);
  expect(entries.some((n) => n.endsWith('x-post.jpg'))).toBe(true);
  await page.screenshot({ path: `${SCREENS}/media-zip.png` });
});

test('a crop rectangle with zoom for Instagram is remembered with the photo and used by the export', async ({ page, host }) => {
  mkdirSync(SCREENS, { recursive: true });
  await openDesk(page, host.launchUrl);
  await page.getByTestId('photo-file-input').setInputFiles(path.join(FIX, 'camera/jolla.jpg'));
  await expect(page.getByText('jolla.jpg diimpor.')).toBeVisible({ timeout: 30_000 });
  const picker = page.getByRole('group', { name: 'Ukuran kanal' });
  for (const cb of await picker.getByRole('checkbox').all()) await cb.uncheck();
  await picker.getByLabel('Instagram potret 4:5').check();

  // Zoom the 4:5 cut to 2x, then click its upper-left part to centre it there.
  await page.getByLabel('Perbesaran potongan Instagram potret 4:5').fill('2');
  await expect(page.getByText('Perbesar 2,0×')).toBeVisible();
  const box = page.getByRole('button', { name: /Potongan Instagram potret 4:5/ });
  const b = (await box.boundingBox())!;
  await box.click({ position: { x: b.width * 0.25, y: b.height * 0.25 } });
  await expect(page.getByTestId('photo-save-state')).toHaveText('Tersimpan');
  await expect(page.locator('.crop-preview[data-preset="ig-portrait"] figcaption')).toContainText('979×1224');
  await page.screenshot({ path: `${SCREENS}/media-crop.png` });

  // Remembered: after a reload the crop is still there.
  await page.reload();
  await nav(page, 'Media').click();
  await page.getByTestId('photo-grid').getByTitle('jolla.jpg').click();
  await expect(page.getByText('Perbesar 2,0×')).toBeVisible();
  await page.getByRole('button', { name: 'Ekspor 1 foto × 1 ukuran' }).click();
  await expect(page.getByText(/Ekspor selesai: 1 berkas/).first()).toBeVisible({ timeout: 30_000 });
  const exportsDir = path.join(host.dataDir, 'exports');
  const folder = readdirSync(exportsDir).find((d) => d.startsWith('foto-') && !d.endsWith('.zip'))!;
  const file = readdirSync(path.join(exportsDir, folder))[0];
  const m = await sharp(path.join(exportsDir, folder, file)).metadata();
  expect([m.width, m.height]).toEqual([979, 1224]);
  await page.getByRole('button', { name: 'Potongan otomatis' }).click();
  await expect(page.locator('.crop-preview[data-preset="ig-portrait"] figcaption')).toContainText('1080×1350');
});
