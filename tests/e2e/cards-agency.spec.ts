import { readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { expect, hostCall, test, type Host } from './fixtures';

const LONGEST = 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana Kabupaten Blora';

/** A Pemda logo as SVG, with a script and an external reference a careless export can carry. */
const PEMDA_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 120" width="100" height="120">
<script>alert(1)</script>
<path d="M50 2 L96 20 L88 90 L50 118 L12 90 L4 20 Z" fill="#0b6b3a"/>
<circle cx="50" cy="55" r="26" fill="#f2c500"/>
<image xlink:href="http://127.0.0.1:9/track.png" width="5" height="5"/>
</svg>`;

/** Seeds through the documented automation API (Bearer token), as IT staff would. */
const apiCall = (host: Host, method: string, input: unknown) => hostCall<Record<string, unknown>>(host, method, input);

test('an agency with the longest official name and two logos (one SVG) exports an Instagram carousel as JPEG without a fix', async ({ page, host }) => {
  test.setTimeout(180_000);
  const ws = await apiCall(host, 'settings.get', {});
  await apiCall(host, 'settings.update', { baseRev: ws.rev, opd: { fullName: LONGEST, website: 'https://dp3ap2kb.blorakab.go.id' }, brand: { footer: 'dp3ap2kb.blorakab.go.id · @dp3ap2kbblora', handles: { instagram: 'dp3ap2kbblora', x: 'dp3ap2kbblora' } } });

  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(host.launchUrl);

  // Both logos through the brand kit, as a person would: an SVG Pemda logo and a PNG OPD logo.
  await page.getByRole('navigation').getByRole('link', { name: 'Pengaturan', exact: true }).click();
  await page.getByRole('navigation', { name: 'Bagian pengaturan' }).getByRole('link', { name: 'Kit merek' }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Kit merek kartu info' }) });
  await form.getByLabel('Logo Pemda: Unggah logo (SVG/PNG/JPEG)').setInputFiles({ name: 'logo-pemkab-blora.svg', mimeType: 'image/svg+xml', buffer: Buffer.from(PEMDA_SVG) });
  await expect(page.getByText('Logo tersimpan.').first()).toBeVisible();
  const opdPng = await sharp({ create: { width: 800, height: 800, channels: 4, background: '#c2185b' } }).png().toBuffer();
  await form.getByLabel('Logo OPD: Unggah logo (SVG/PNG/JPEG)').setInputFiles({ name: 'logo-dp3ap2kb.png', mimeType: 'image/png', buffer: opdPng });
  await expect(form.locator('img.cards-logo-img')).toHaveCount(2);
  // A damaged logo is refused with a message naming the file.
  await form.getByLabel('Logo OPD: Unggah logo (SVG/PNG/JPEG)').setInputFiles({ name: 'logo-rusak.png', mimeType: 'image/png', buffer: opdPng.subarray(0, 60) });
  await expect(page.getByText(/Logo “logo-rusak\.png” rusak/)).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/cards-agency-brand-kit.png' });

  // A carousel: cover, a big rupiah figure, closing.
  await page.getByRole('navigation').getByRole('link', { name: 'Media', exact: true }).click();
  await page.getByRole('link', { name: 'Kartu info' }).click();
  await page.getByRole('button', { name: /Sampul korsel/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Dana desa 2026 untuk 271 desa');
  await page.getByLabel('Label kecil di atas').fill('Info DP3AP2KB 💰');
  await page.getByRole('button', { name: /Jadikan korsel/ }).click();
  await page.getByLabel('Tambah halaman').selectOption('angka-kunci');
  await page.getByLabel('Angka', { exact: true }).fill('Rp12.345.678.900');
  await page.getByLabel('Keterangan angka').fill('dana desa tersalurkan ke 271 desa');
  await page.getByLabel('Sumber data').fill('BPKAD Kabupaten Blora, 2026');
  await page.getByRole('button', { name: /^Halaman 3: Penutup/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Ikuti informasi resmi kami');
  await page.getByRole('checkbox', { name: /Story 9:16/ }).check();

  // No fix needed: the header holds the whole name, the figure is whole.
  await expect(page.getByText('Tersimpan', { exact: true })).toBeVisible();
  await expect(page.locator('[data-code="too_long"]')).toHaveCount(0);
  const preview = page.getByTestId('card-preview-ig-portrait');
  // Drawn in the page from the export's layout code.
  await expect(preview).toHaveAttribute('data-live', 'page');
  // The header holds the whole official name, wrapped, beside the two logos (both drawn as image layers).
  for (const slide of [1, 2, 3]) {
    await page.getByRole('button', { name: new RegExp(`^Halaman ${slide}:`) }).click();
    const texts = JSON.parse((await preview.getAttribute('data-layout'))!) as [string, number, [string, number, number][]][];
    const name = texts.find(([field]) => field === 'opdName');
    expect(name?.[2].map(([t]) => t).join(' '), `slide ${slide}`).toBe(LONGEST);
    // Logos are the drawing's own image layers (an emoji is an image inside its glyph group).
    await expect(preview.locator(':scope > image')).toHaveCount(2);
  }
  await page.screenshot({ path: 'test-results/screens/cards-agency-editor.png', fullPage: true });

  await page.getByRole('button', { name: 'Ekspor gambar dan keterangan' }).click();
  const list = page.getByTestId('cards-export-list');
  await expect(list.getByRole('link')).toHaveCount(7);
  const exportsDir = path.join(host.dataDir, 'exports');
  const folder = readdirSync(exportsDir).find((d) => d.startsWith('kartu-'))!;
  const images = readdirSync(path.join(exportsDir, folder)).filter((f) => /\.(png|jpg)$/.test(f)).sort();
  expect(images).toHaveLength(6);
  for (const f of images) {
    expect(f).toMatch(/\.jpg$/);
    const meta = await sharp(path.join(exportsDir, folder, f)).metadata();
    expect(meta.format).toBe('jpeg');
    expect([[1080, 1350], [1080, 1920]]).toContainEqual([meta.width, meta.height]);
  }
});

test('a Capaian card drawn as a bar chart from the numbers typed in', async ({ page, host }) => {
  test.setTimeout(120_000);
  const ws = await apiCall(host, 'settings.get', {});
  await apiCall(host, 'settings.update', { baseRev: ws.rev, opd: { fullName: LONGEST, website: 'https://dp3ap2kb.blorakab.go.id' } });
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(host.launchUrl);
  await page.getByRole('navigation').getByRole('link', { name: 'Media', exact: true }).click();
  await page.getByRole('link', { name: 'Kartu info' }).click();
  await page.getByRole('button', { name: /^Capaian/ }).click();
  await page.getByLabel('Judul', { exact: true }).fill('Capaian program KB 2025');
  const rows: [string, string][] = [
    ['1.250', 'akseptor KB baru'],
    ['980', 'peserta KB aktif pria'],
    ['2.310', 'balita ditimbang'],
  ];
  for (const [i, [value, label]] of rows.entries()) {
    if (i > 0 || (await page.getByLabel(`Angka ${i + 1}`, { exact: true }).count()) === 0) await page.getByRole('button', { name: /Tambah angka/ }).click();
    await page.getByLabel(`Angka ${i + 1}`, { exact: true }).fill(value);
    await page.getByLabel(`Keterangan ${i + 1}`, { exact: true }).fill(label);
  }
  await page.getByLabel('Sumber data').fill('DP3AP2KB Kabupaten Blora, 2025');
  await page.getByLabel('Tampilan angka').selectOption('bar');
  await expect(page.getByText('Tersimpan', { exact: true })).toBeVisible();
  await expect(page.locator('[data-code="chart_values"]')).toHaveCount(0);
  const preview = page.getByTestId('card-preview-ig-portrait');
  // Drawn in the page from the export's layout code.
  await expect(preview).toHaveAttribute('data-live', 'page');
  await expect(page.getByText('Memperbarui…')).toHaveCount(0);
  await preview.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screens/cards-chart.png' });
  // Three bars of one colour on one baseline, their heights in the ratio of the figures typed (1.250 : 980 : 2.310).
  const rects = await preview.locator('rect').evaluateAll((els) =>
    els.map((e) => ({ x: Number(e.getAttribute('x')), y: Number(e.getAttribute('y')), w: Number(e.getAttribute('width')), h: Number(e.getAttribute('height')), fill: e.getAttribute('fill') })),
  );
  const byFill = new Map<string, typeof rects>();
  for (const r of rects) byFill.set(r.fill ?? '', [...(byFill.get(r.fill ?? '') ?? []), r]);
  const bars = [...byFill.values()].find((g) => g.length === 3 && g.every((r) => Math.abs(r.y + r.h - (g[0].y + g[0].h)) < 1 && Math.abs(r.w - g[0].w) < 1));
  expect(bars, JSON.stringify(rects)).toBeDefined();
  const heights = bars!.sort((a, b) => a.x - b.x).map((r) => r.h);
  expect(heights[0] / heights[2]).toBeCloseTo(1250 / 2310, 2);
  expect(heights[1] / heights[2]).toBeCloseTo(980 / 2310, 2);
  // The bars are in the brand's colours.
  const colors = ((await apiCall(host, 'settings.get', {})) as unknown as { opd: { colors: { primary: string; secondary: string } } }).opd.colors;
  expect([colors.primary, colors.secondary].map((c) => c.toLowerCase())).toContain(bars![0].fill?.toLowerCase());

  // A value that is not a number is named, and the card falls back to the list.
  await page.getByLabel('Angka 2', { exact: true }).fill('banyak');
  await expect(page.locator('[data-code="chart_values"]')).toBeVisible();
  await page.getByLabel('Angka 2', { exact: true }).fill('980');
  await expect(page.locator('[data-code="chart_values"]')).toHaveCount(0);

  await page.getByRole('button', { name: 'Ekspor gambar dan keterangan' }).click();
  await expect(page.getByTestId('cards-export-list').getByRole('link')).toHaveCount(2);
  const card = ((await apiCall(host, 'cards.list', {})) as unknown as { items: { id: string }[] }).items[0];
  const saved = (await apiCall(host, 'cards.get', { id: card.id })) as unknown as { slides: { chart: string; items: { value: string }[] }[] };
  expect(saved.slides[0].chart).toBe('bar');
  expect(saved.slides[0].items.map((x) => x.value)).toEqual(['1.250', '980', '2.310']);
});
