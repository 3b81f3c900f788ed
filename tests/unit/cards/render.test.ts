import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { linePath, loadFamily } from '@core/cards/fonts';
import { renderSlide } from '@core/cards/render';
import { CARD_SIZES, CARD_TEMPLATES } from '@shared/cards/card';
import { CARD_FONTS, FONT_WEIGHTS } from '@shared/cards/fonts';
import { sampleBrand, sampleCard, sampleSlide } from './samples';
import { teamPath } from '../../team-folder';

const PHOTO = teamPath('fixtures/photos/camera/Nikon_D70.jpg');
const resolver = async (id: string) => (id === 'p1' ? { file: PHOTO, focal: { x: 0.2, y: 0.5 } } : null);

describe('card rendering', () => {
  it('gives identical pixels for two renders of the same card, at every size', async () => {
    const card = sampleCard([{ ...sampleSlide('foto-keterangan', 'long'), photoId: 'p1' }]);
    for (const size of CARD_SIZES) {
      const a = await renderSlide({ card, index: 0, sizeId: size.id, brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: resolver });
      const b = await renderSlide({ card, index: 0, sizeId: size.id, brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: resolver });
      expect(a.png.equals(b.png)).toBe(true);
      const meta = await sharp(a.png).metadata();
      expect([meta.width, meta.height]).toEqual([size.width, size.height]);
      expect(a.photoShare).toBeGreaterThan(0.4);
    }
  });

  it('honours the focal point of the photo', async () => {
    const card = sampleCard([{ ...sampleSlide('foto-keterangan', 'short'), photoId: 'p1' }]);
    const render = (x: number) => renderSlide({ card, index: 0, sizeId: 'fb-link', brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => ({ file: PHOTO, focal: { x, y: 0.5 } }) });
    const left = await render(0);
    const right = await render(1);
    expect(left.png.equals(right.png)).toBe(false);
  });

  it('changes pixels when the text changes (no cached stale image)', async () => {
    const a = await renderSlide({ card: sampleCard([sampleSlide('angka-kunci', 'long')]), index: 0, sizeId: 'ig-portrait', brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: resolver });
    const b = await renderSlide({ card: sampleCard([{ ...sampleSlide('angka-kunci', 'long'), number: '48.216' }]), index: 0, sizeId: 'ig-portrait', brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: resolver });
    expect(a.png.equals(b.png)).toBe(false);
  });

  it('draws every bundled face as valid outlines (no broken glyph data)', async () => {
    const text = 'Pembangunan 2026: “Rp 4,2 M” – 96% warga… ÀÉéñ @#&/()';
    for (const f of CARD_FONTS)
      for (const w of FONT_WEIGHTS) {
        const d = linePath((await loadFamily(f)).faces[w], text, 10, 100, 40);
        expect(d.length).toBeGreaterThan(100);
        expect(d, `${f} ${w}`).not.toMatch(/NaN|undefined|Infinity/);
      }
  });

  it('renders every template (smoke: sizes and non-blank output)', async () => {
    for (const t of CARD_TEMPLATES) {
      const r = await renderSlide({ card: sampleCard([sampleSlide(t, 'long')]), index: 0, sizeId: 'ig-square', brand: sampleBrand(), opdLogoId: null, pemdaLogoId: null, resolveImage: resolver });
      const stats = await sharp(r.png).stats();
      // Text and shapes make the image far from one flat colour.
      expect(Math.max(...stats.channels.map((c) => c.stdev)), t).toBeGreaterThan(10);
    }
  });
});
