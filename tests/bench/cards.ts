/**
 * Kartu info benchmarks (`npx tsx tests/bench/run.ts cards`), with a 6,000 px
 * Pemda logo and a 6,000 px OPD logo in the header:
 *  - one 1080x1350 card (layout, glyph outlines, rasterising, PNG), median of 30 (target < 150 ms);
 *  - a 10-slide carousel at 1080x1350 (cover, 8 content slides, closing), median of 5;
 *  - the same carousel exported: rendered and written as files, median of 5 (target < 1.5 s);
 *  - the first render after a brand-kit change (the one time a logo is decoded);
 *  - layout + checks only (what the editor runs on each keystroke), median of 200;
 *  - layout + drawing of the live preview per keystroke (what the page runs), median and p95.
 * Inputs are generated from fixed Indonesian sample texts; the photo is generated with sharp.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadFamily } from '@core/cards/fonts';
import { renderSlide } from '@core/cards/render';
import { DEFAULT_BRAND } from '@shared/cards/brand';
import { slideSchema, type CardContent, type CardTemplate } from '@shared/cards/card';
import { checkLayout } from '@shared/cards/checks';
import { layoutSlide, templateBrand } from '@shared/cards/compose';
import { drawLayout } from '@shared/cards/draw';
import { resolveLayout } from '@shared/cards/layout';
import { median, percentile, report } from './stats';

const TEXT: Record<CardTemplate, object> = {
  'angka-kunci': { kicker: 'Bantuan pangan 2026', number: '48.215', label: 'keluarga penerima manfaat menerima beras cadangan pemerintah', body: 'Penyaluran tahap kedua dilakukan serentak di 16 kecamatan se-Kabupaten Blora.', source: 'Dinas Ketahanan Pangan' },
  capaian: { title: 'Capaian pembangunan 2025', source: 'DPUPR', items: [{ value: '128 km', label: 'jalan diperbaiki', icon: 'road' }, { value: '42', label: 'jembatan', icon: 'home' }, { value: '3.150', label: 'rumah direhab', icon: 'people' }, { value: '96%', label: 'desa berlistrik', icon: 'chart' }] },
  kutipan: { body: 'Kami ingin setiap warga bisa mengurus dokumen kependudukan tanpa antre lama dan tanpa biaya.', speakerName: 'Arief Rohman', speakerTitle: 'Bupati Blora', photoId: 'photo' },
  'poin-poin': { title: 'Syarat pendaftaran beasiswa', points: ['Fotokopi KTP dan KK', 'Rapor dua semester terakhir', 'Surat keterangan tidak mampu', 'Pas foto 3x4'] },
  agenda: { kicker: 'Pengumuman', title: 'Pelayanan adminduk keliling', date: 'Kamis (27/11/2025)', time: '08.00–14.00 WIB', place: 'Pendopo Kecamatan Randublatung', contact: 'WA 0812-3456-7890' },
  'foto-keterangan': { title: 'Panen raya padi di Desa Kedungringin', body: 'Produktivitas padi naik menjadi 6,8 ton per hektare.', credit: 'Prokopim', photoId: 'photo' },
  sampul: { kicker: 'Info Blora', title: 'Lima hal tentang program Blora Sehat 2026', label: 'Geser untuk selengkapnya', theme: 'brand' },
  penutup: { title: 'Ikuti informasi resmi kami', theme: 'brand' },
};

function card(templates: CardTemplate[]): CardContent {
  return {
    name: 'Bench',
    slides: templates.map((t, i) => slideSchema.parse({ id: `s${i}`, template: t, ...TEXT[t] })),
    sizes: ['ig-portrait'],
    colors: { primary: '#0b5cab', secondary: '#f2a900', text: '#1c2430', onPrimary: '#ffffff' },
    font: 'roboto',
    postId: null,
    captions: {},
  };
}

export async function cardsBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-cards-'));
  try {
    const photo = path.join(dir, 'photo.jpg');
    const noise = Buffer.alloc(2000 * 1500 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    writeFileSync(photo, await sharp(noise, { raw: { width: 2000, height: 1500, channels: 3 } }).jpeg({ quality: 85 }).toBuffer());
    // Large logos as OPDs really have them (a scan or a print master): 6,000 px, with detail so PNG cannot cheat.
    const logo = path.join(dir, 'logo-6000.png');
    const side = 6000;
    const px = Buffer.alloc(side * side * 4);
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const o = (y * side + x) * 4;
        const inside = (x - 3000) ** 2 + (y - 3000) ** 2 < 2900 ** 2;
        px[o] = inside ? 11 + ((x >> 6) & 31) : 0;
        px[o + 1] = inside ? 92 : 0;
        px[o + 2] = inside ? 171 - ((y >> 6) & 31) : 0;
        px[o + 3] = inside ? 255 : 0;
      }
    writeFileSync(logo, await sharp(px, { raw: { width: side, height: side, channels: 4 } }).png({ compressionLevel: 1 }).toBuffer());
    const brand = templateBrand({ brand: { ...DEFAULT_BRAND, pemdaLogoMediaId: 'logo', handles: { ...DEFAULT_BRAND.handles, instagram: 'dp3ap2kbblora' } }, opdName: 'Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana Kabupaten Blora', website: 'dp3ap2kb.blorakab.go.id', opdLogo: true });
    const resolveImage = async (id: string) => (id === 'photo' ? { file: photo, focal: { x: 0.5, y: 0.4 } } : id === 'logo' ? { file: logo, focal: null } : null);
    const one = card(['angka-kunci']);
    await loadFamily('roboto');
    const tFirst = performance.now();
    await renderSlide({ card: one, index: 0, sizeId: 'ig-portrait', brand, opdLogoId: 'logo', pemdaLogoId: 'logo', resolveImage });
    report('cards_first_card_after_brand_kit_change_6000px_logos', performance.now() - tFirst, 'ms');
    const singles: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Vary the number so no cache can answer.
      const c = { ...one, slides: [{ ...one.slides[0], number: String(48_215 + i) }] };
      const t0 = performance.now();
      await renderSlide({ card: c, index: 0, sizeId: 'ig-portrait', brand, opdLogoId: 'logo', pemdaLogoId: 'logo', resolveImage });
      singles.push(performance.now() - t0);
    }
    report('cards_one_card_1080x1350_median', median(singles), 'ms');
    report('cards_one_card_1080x1350_p95', percentile(singles, 95), 'ms');

    const carousel = card(['sampul', 'angka-kunci', 'capaian', 'kutipan', 'poin-poin', 'agenda', 'foto-keterangan', 'angka-kunci', 'capaian', 'penutup']);
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const c = { ...carousel, slides: carousel.slides.map((s) => ({ ...s, kicker: `${s.kicker} ${r}` })) };
      const t0 = performance.now();
      for (let i = 0; i < c.slides.length; i++) await renderSlide({ card: c, index: i, sizeId: 'ig-portrait', brand, opdLogoId: 'logo', pemdaLogoId: 'logo', resolveImage });
      runs.push(performance.now() - t0);
    }
    report('cards_carousel_10_slides_1080x1350_median', median(runs), 'ms');

    // Export as the handler does it: render, then write each file.
    const out = path.join(dir, 'export');
    mkdirSync(out, { recursive: true });
    const exports: number[] = [];
    for (let r = 0; r < 5; r++) {
      const c = { ...carousel, slides: carousel.slides.map((s) => ({ ...s, kicker: `${s.kicker} e${r}` })) };
      const t0 = performance.now();
      for (let i = 0; i < c.slides.length; i++) {
        // Instagram sizes are exported as JPEG, encoded straight from the raster.
        const res = await renderSlide({ card: c, index: i, sizeId: 'ig-portrait', brand, opdLogoId: 'logo', pemdaLogoId: 'logo', resolveImage, jpeg: true });
        await writeFile(path.join(out, `${r}-${i}.jpg`), res.jpeg as Buffer);
      }
      exports.push(performance.now() - t0);
    }
    report('cards_export_10_slides_1080x1350_6000px_logos_median', median(exports), 'ms');

    const m = (await loadFamily('roboto')).measurer;
    const lay: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = { ...one, slides: [{ ...one.slides[0], label: `${one.slides[0].label} ${i}` }] };
      const t0 = performance.now();
      checkLayout(resolveLayout(layoutSlide(c, 0, 'ig-portrait', brand, m), m), 0, 'ig-portrait');
      lay.push(performance.now() - t0);
    }
    report('cards_layout_and_checks_per_keystroke_median', median(lay), 'ms');

    // What the editor's live preview does in the page on each keystroke (same shared code, here under Node):
    // lay the slide out and build its drawing, typing a label one character at a time.
    const fs = await loadFamily('roboto');
    const typed = 'siswi divaksin 💉🎉 di 16 kecamatan se-Kabupaten Blora, tahap kedua 2026';
    const keys: number[] = [];
    const cpu0 = process.cpuUsage();
    for (let r = 0; r < 3; r++)
      for (let i = 1; i <= [...typed].length; i++) {
        const c = { ...one, slides: [{ ...one.slides[0], label: `${[...typed].slice(0, i).join('')}${r ? ` ${r}` : ''}` }] };
        const t0 = performance.now();
        drawLayout(resolveLayout(layoutSlide(c, 0, 'ig-portrait', brand, fs.measurer), fs.measurer), fs, { photo: () => null, logo: () => null });
        keys.push(performance.now() - t0);
      }
    const cpu = process.cpuUsage(cpu0);
    report('cards_preview_layout_and_draw_per_keystroke_median', median(keys), 'ms');
    report('cards_preview_layout_and_draw_per_keystroke_p95', percentile(keys, 95), 'ms');
    report('cards_preview_layout_and_draw_per_keystroke_cpu_mean', (cpu.user + cpu.system) / 1000 / keys.length, 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
