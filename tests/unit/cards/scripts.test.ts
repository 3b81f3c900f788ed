import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadArabic } from '@core/cards/arabic';
import { glyphRun, loadFamily } from '@core/cards/fonts';
import { renderSlide } from '@core/cards/render';
import { CARD_SIZE_IDS } from '@shared/cards/card';
import { cleanText, fitText, wrapText } from '@shared/cards/fit';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

const family = (await loadFamily('roboto'));
const m = family.measurer;
const w40 = (s: string) => m.advance(s, 'regular') * 40;

describe('every script people type', () => {
  it('removes invisible formatting characters but keeps the joiners inside emoji sequences', () => {
    expect(cleanText('zero\u200bwidth word\u2060joiner \ufeffBOM \u200emark\u200f ZW\u200cNJ ZW\u200dJ')).toBe('zerowidth wordjoiner BOM mark ZWNJ ZWJ');
    expect(cleanText('tenaga kesehatan 👩\u200d⚕\ufe0f')).toBe('tenaga kesehatan 👩\u200d⚕\ufe0f');
  });

  it('breaks at a soft hyphen with a visible hyphen, and draws no hyphen where it does not break', () => {
    const word = 'Keluarga\u00adBerencana';
    const narrow = wrapText(`Program ${word}`, w40('Program Keluarga-'), w40);
    expect(narrow).toEqual(['Program Keluarga-', 'Berencana']);
    const wide = wrapText(`Program ${word}`, 10_000, w40);
    expect(wide).toEqual(['Program KeluargaBerencana']);
    // Measuring ignores the soft hyphen too.
    const fit = fitText(`Program ${word}`, { w: 10_000, h: 100 }, { weight: 'regular', maxSize: 40, minSize: 20, lineHeight: 1.2 }, m);
    expect(fit.lines).toEqual(['Program KeluargaBerencana']);
    expect(fit.width).toBeCloseTo(w40('Program KeluargaBerencana'), 3);
  });

  it('draws emoji from the bundled Twemoji set, never as a box', () => {
    const run = glyphRun(family.faces.bold, 'siswi divaksin 💉🎉 👩\u200d⚕\ufe0f 🇮🇩 1\ufe0f\u20e3 ❤\ufe0f');
    expect(run.missing).toBe('');
    // Picture names of the set (its files are <name>.svg).
    expect(run.items.filter((i) => i.emoji).map((i) => i.emoji)).toEqual(['1f489', '1f389', '1f469-200d-2695-fe0f', '1f1ee-1f1e9', '31-20e3', '2764']);
  });

  it('renders emoji in colour at every size, the same bytes every time, with no warning', async () => {
    const brand = agencyBrand(REGENCY_AGENCIES[0]);
    const slide = { ...sampleSlide('angka-kunci', 'long'), label: 'siswi divaksin 💉🎉', body: 'Selamat\u200b Hari Kesehatan Nasional\u2060 🇮🇩' };
    for (const sizeId of CARD_SIZE_IDS) {
      const a = await renderSlide({ card: sampleCard([slide]), index: 0, sizeId, brand, opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
      const b = await renderSlide({ card: sampleCard([slide]), index: 0, sizeId, brand, opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
      expect(a.png.equals(b.png)).toBe(true);
      expect(a.issues.filter((i) => i.code === 'undrawable')).toEqual([]);
      // The label line holds the red of the party popper / syringe: colour, not just ink and paper.
      const label = a.layout.elements.find((e) => e.kind === 'text' && e.field === 'label');
      expect(label).toBeDefined();
      const box = (label as { box: { x: number; y: number; w: number; h: number } }).box;
      const { data, info } = await sharp(a.png).extract({ left: Math.round(box.x), top: Math.round(box.y), width: Math.round(box.w), height: Math.max(1, Math.round(box.h)) }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      let coloured = 0;
      for (let i = 0; i < info.width * info.height; i++) {
        const [r, g, bl] = [data[i * 3], data[i * 3 + 1], data[i * 3 + 2]];
        if (Math.max(r, g, bl) - Math.min(r, g, bl) > 80) coloured++;
      }
      expect(coloured, sizeId).toBeGreaterThan(50);
    }
  });

  it('shapes Arabic with the bundled Arabic font and lays the run right to left', async () => {
    expect(await loadArabic()).toBe(true);
    const greeting = 'عيد مبارك';
    const run = glyphRun(family.faces.regular, greeting);
    expect(run.missing).toBe('');
    const ar = run.items.filter((i) => i.arabic);
    expect(ar.length).toBeGreaterThanOrEqual(8);
    // Visual order: the first letter (ع) is drawn rightmost, in its initial (joined) form, not the isolated one.
    const isolated = glyphRun(family.faces.regular, 'ع').items[0].arabic?.d;
    const initial = glyphRun(family.faces.regular, 'عي').items.at(-1)?.arabic?.d;
    expect(initial).not.toBe(isolated);
    expect(ar.at(-1)?.arabic?.d).toBe(initial);
    // In a Latin line the Arabic run stays a unit after the Latin words.
    const mixed = glyphRun(family.faces.regular, `Selamat ${greeting}`);
    expect(mixed.items[0].glyph).toBeDefined();
    expect(mixed.items.at(-1)?.arabic).toBeDefined();

    const slide = { ...sampleSlide('kutipan', 'long'), body: 'عيد مبارك، تقبل الله منا ومنكم', speakerName: 'Selamat Idul Fitri 1447 H' };
    const a = await renderSlide({ card: sampleCard([slide]), index: 0, sizeId: 'ig-square', brand: agencyBrand(REGENCY_AGENCIES[0]), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
    const b = await renderSlide({ card: sampleCard([slide]), index: 0, sizeId: 'ig-square', brand: agencyBrand(REGENCY_AGENCIES[0]), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
    expect(a.issues.filter((i) => i.code === 'undrawable')).toEqual([]);
    expect(a.png.equals(b.png)).toBe(true);
    const body = a.layout.elements.find((e) => e.kind === 'text' && e.field === 'body') as { box: { x: number; y: number; w: number; h: number } };
    const ink = await sharp(a.png).extract({ left: Math.round(body.box.x), top: Math.round(body.box.y), width: Math.round(body.box.w), height: Math.round(body.box.h) }).stats();
    expect(ink.channels[0].min).toBeLessThan(80);
  });

  it('names what it cannot draw instead of drawing a box', async () => {
    const slide = { ...sampleSlide('kutipan', 'long'), body: 'Selamat hari raya 𝄞 𓀀' };
    const r = await renderSlide({ card: sampleCard([slide]), index: 0, sizeId: 'ig-square', brand: agencyBrand(REGENCY_AGENCIES[0]), opdLogoId: null, pemdaLogoId: null, resolveImage: async () => null });
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'undrawable', field: 'body', params: { field: 'body', chars: '𝄞𓀀' } }));
  });
});
