/**
 * Kartu info benchmarks (`npx tsx tests/bench/run.ts cards`):
 *  - one 1080x1350 card (layout, glyph outlines, rasterising, PNG), median of 30;
 *  - a 10-slide carousel at 1080x1350 (cover, 8 content slides, closing), median of 5;
 *  - layout + checks only (what the editor runs on each keystroke), median of 200.
 * Inputs are generated from fixed Indonesian sample texts; the photo is generated with sharp.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { loadFamily } from '../../electron/core/cards/fonts';
import { renderSlide } from '../../electron/core/cards/render';
import { DEFAULT_BRAND } from '../../shared/cards/brand';
import { slideSchema, type CardContent, type CardTemplate } from '../../shared/cards/card';
import { checkLayout } from '../../shared/cards/checks';
import { layoutSlide, templateBrand } from '../../shared/cards/compose';
import { resolveLayout } from '../../shared/cards/layout';
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
    const brand = templateBrand({ brand: { ...DEFAULT_BRAND, handles: { ...DEFAULT_BRAND.handles, instagram: 'kominfoblora' } }, opdName: 'Dinas Komunikasi dan Informatika', website: 'blorakab.go.id', opdLogo: false });
    const resolveImage = async (id: string) => (id === 'photo' ? { file: photo, focal: { x: 0.5, y: 0.4 } } : null);
    const one = card(['angka-kunci']);
    loadFamily('roboto');
    await renderSlide({ card: one, index: 0, sizeId: 'ig-portrait', brand, opdLogoId: null, pemdaLogoId: null, resolveImage });
    const singles: number[] = [];
    for (let i = 0; i < 30; i++) {
      // Vary the number so no cache can answer.
      const c = { ...one, slides: [{ ...one.slides[0], number: String(48_215 + i) }] };
      const t0 = performance.now();
      await renderSlide({ card: c, index: 0, sizeId: 'ig-portrait', brand, opdLogoId: null, pemdaLogoId: null, resolveImage });
      singles.push(performance.now() - t0);
    }
    report('cards_one_card_1080x1350_median', median(singles), 'ms');
    report('cards_one_card_1080x1350_p95', percentile(singles, 95), 'ms');

    const carousel = card(['sampul', 'angka-kunci', 'capaian', 'kutipan', 'poin-poin', 'agenda', 'foto-keterangan', 'angka-kunci', 'capaian', 'penutup']);
    const runs: number[] = [];
    for (let r = 0; r < 5; r++) {
      const c = { ...carousel, slides: carousel.slides.map((s) => ({ ...s, kicker: `${s.kicker} ${r}` })) };
      const t0 = performance.now();
      for (let i = 0; i < c.slides.length; i++) await renderSlide({ card: c, index: i, sizeId: 'ig-portrait', brand, opdLogoId: null, pemdaLogoId: null, resolveImage });
      runs.push(performance.now() - t0);
    }
    report('cards_carousel_10_slides_1080x1350_median', median(runs), 'ms');

    const m = loadFamily('roboto').measurer;
    const lay: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = { ...one, slides: [{ ...one.slides[0], label: `${one.slides[0].label} ${i}` }] };
      const t0 = performance.now();
      checkLayout(resolveLayout(layoutSlide(c, 0, 'ig-portrait', brand, m), m), 0, 'ig-portrait');
      lay.push(performance.now() - t0);
    }
    report('cards_layout_and_checks_per_keystroke_median', median(lay), 'ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
