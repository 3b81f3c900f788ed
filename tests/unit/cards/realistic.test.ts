import { describe, expect, it } from 'vitest';
import { loadFamily } from '@core/cards/fonts';
import { CARD_SIZE_IDS, CARD_TEMPLATES, type CardSizeId, type CardTemplate, type Slide } from '@shared/cards/card';
import { draftAltText } from '@shared/cards/alt-text';
import { checkContent, checkLayout } from '@shared/cards/checks';
import { layoutSlide } from '@shared/cards/compose';
import { glueFigures } from '@shared/cards/fit';
import { resolveLayout, type ResolvedLayout, type ResolvedText } from '@shared/cards/layout';
import { STORY_SAFE_ZONE } from '@shared/cards/templates/common';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

const m = loadFamily('roboto').measurer;
type Brand = ReturnType<typeof agencyBrand>;

/** A realistic slide with big rupiah figures where the template shows numbers. */
function slideOf(t: CardTemplate): Slide {
  const s = sampleSlide(t, 'long', 'b');
  if (t === 'angka-kunci') return { ...s, kicker: 'Dana desa 2026', number: 'Rp12.345.678.900', label: 'dana desa tersalurkan ke 271 desa', source: 'BPKAD Kab. Blora, 2026' };
  if (t === 'capaian') return { ...s, items: s.items.map((it, i) => (i === 4 ? { ...it, value: 'Rp 4.215.000.000' } : it)) };
  return s;
}

function lay(t: CardTemplate, size: CardSizeId, brand: Brand, slide = slideOf(t)): ResolvedLayout {
  const card = sampleCard([sampleSlide('sampul', 'long', 'a'), slide, sampleSlide('penutup', 'long', 'c')]);
  return resolveLayout(layoutSlide(card, 1, size, brand, m), m);
}
const textsOf = (l: ResolvedLayout) => l.elements.filter((e): e is ResolvedText => e.kind === 'text');
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('real agency names, every template at every size', () => {
  for (const a of REGENCY_AGENCIES.slice(0, 3))
    for (const t of CARD_TEMPLATES)
      for (const size of CARD_SIZE_IDS)
        it(`${a.short}: ${t} ${size}`, () => {
          const l = lay(t, size, agencyBrand(a));
          const issues = checkLayout(l, 1, size);
          // Nothing is cut: the header, the footer and the realistic content all fit.
          expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
          // Short labels are never drawn below the readable size.
          expect(issues.filter((i) => i.code === 'too_small')).toEqual([]);
          const ts = textsOf(l);
          // The full official name is in the header of every portrait, square and story card.
          if (size !== 'fb-link' && t !== 'foto-keterangan') expect(ts.find((x) => x.field === 'opdName')?.text).toBe(a.name);
          for (const x of ts) {
            // No figure is split across lines: every word with a digit is whole on one line.
            for (const w of glueFigures(x.text).split(/[ \t\n]+/).filter((w) => /\d/.test(w)))
              expect(
                x.lines.some((ln) => plain(ln.text).includes(plain(w))),
                `${x.field}: "${plain(w)}" in ${JSON.stringify(x.lines.map((ln) => ln.text))}`,
              ).toBe(true);
            for (const ln of x.lines) {
              expect(ln.x, `${x.field} left`).toBeGreaterThanOrEqual(x.frame.x - 1);
              expect(ln.x + ln.width, `${x.field} right`).toBeLessThanOrEqual(x.frame.x + x.frame.w + 1);
            }
          }
          if (size === 'ig-story') {
            // Instagram's profile bar and reply box cover the top and bottom 250 px of a story.
            for (const x of ts) {
              expect(x.box.y, `${x.field} under the profile bar`).toBeGreaterThanOrEqual(STORY_SAFE_ZONE);
              expect(x.box.y + x.box.h, `${x.field} under the reply box`).toBeLessThanOrEqual(1920 - STORY_SAFE_ZONE);
            }
            for (const e of l.elements)
              if (e.kind === 'logo' || e.kind === 'icon') {
                expect(e.box.y, `${e.kind} top`).toBeGreaterThanOrEqual(STORY_SAFE_ZONE);
                expect(e.box.y + e.box.h, `${e.kind} bottom`).toBeLessThanOrEqual(1920 - STORY_SAFE_ZONE);
              }
          }
        });
});

describe('the header fits any official name', () => {
  const a = REGENCY_AGENCIES[0];
  it('wraps the longest name to at most three lines at no less than the readable size', () => {
    for (const size of ['ig-portrait', 'ig-square', 'ig-story'] as const) {
      const name = textsOf(lay('angka-kunci', size, agencyBrand(a))).find((x) => x.field === 'opdName') as ResolvedText;
      expect(name.lines.length).toBeGreaterThan(1);
      expect(name.lines.length).toBeLessThanOrEqual(3);
      expect(name.size).toBeGreaterThanOrEqual(27);
      expect(name.lines.map((l) => l.text).join(' ')).toBe(a.name);
    }
  });
  it('uses the brand kit short name where the full name cannot fit, and names the field when there is none', () => {
    const huge = `${a.name} dan Urusan Pemerintahan Lain yang Ditugaskan oleh Bupati Blora Provinsi Jawa Tengah Republik Indonesia`;
    const withShort = lay('angka-kunci', 'ig-portrait', agencyBrand(a, { name: huge, shortName: 'DP3AP2KB Blora' }));
    expect(textsOf(withShort).find((x) => x.field === 'opdName')?.text).toBe('DP3AP2KB Blora');
    expect(checkLayout(withShort, 1, 'ig-portrait').filter((i) => i.severity === 'error')).toEqual([]);
    const without = lay('angka-kunci', 'ig-portrait', agencyBrand(a, { name: huge }));
    expect(checkLayout(without, 1, 'ig-portrait')).toContainEqual(expect.objectContaining({ code: 'too_long', field: 'opdName', severity: 'error' }));
  });
  it('shows the short name on landscape cards, where only one line fits', () => {
    const l = lay('kutipan', 'fb-link', agencyBrand(a, { shortName: 'DP3AP2KB Blora' }));
    expect(textsOf(l).find((x) => x.field === 'opdName')?.text).toBe('DP3AP2KB Blora');
  });
});

describe('key figures are one unit', () => {
  const a = REGENCY_AGENCIES[0];
  it('draws a big rupiah figure whole on one line at every size, shrinking it to fit', () => {
    for (const size of CARD_SIZE_IDS) {
      const n = textsOf(lay('angka-kunci', size, agencyBrand(a))).find((x) => x.field === 'number') as ResolvedText;
      expect(n.lines.map((l) => l.text), size).toEqual(['Rp12.345.678.900']);
      expect(n.fits).toBe(true);
    }
  });
  it('offers the short form when a figure cannot be drawn whole', () => {
    const slide = { ...slideOf('angka-kunci'), number: 'Rp123.456.789.012.345,67' };
    const l = lay('angka-kunci', 'fb-link', agencyBrand(a), slide);
    const issue = checkLayout(l, 1, 'fb-link').find((i) => i.field === 'number');
    expect(issue?.params.short).toBe('Rp123 triliun');
  });
  it('gives siblings one type size (Capaian values and labels, Poin-poin points)', () => {
    for (const size of CARD_SIZE_IDS) {
      const cap = textsOf(lay('capaian', size, agencyBrand(a)));
      for (const g of ['value', 'label']) expect(new Set(cap.filter((x) => x.field.endsWith(`.${g}`)).map((x) => x.size)).size, `${size} ${g}`).toBe(1);
      const pts = textsOf(lay('poin-poin', size, agencyBrand(a))).filter((x) => /^points\.\d+$/.test(x.field));
      expect(new Set(pts.map((x) => x.size)).size, size).toBe(1);
    }
  });
});

describe('the small things a new user hits', () => {
  const a = REGENCY_AGENCIES[0];
  it('the default palette passes its own contrast check on every template, size and theme', () => {
    for (const t of CARD_TEMPLATES)
      for (const size of CARD_SIZE_IDS)
        for (const theme of ['light', 'brand'] as const) {
          const l = lay(t, size, agencyBrand(a), { ...slideOf(t), theme });
          expect(checkLayout(l, 1, size).filter((i) => i.code === 'contrast'), `${t} ${size} ${theme}`).toEqual([]);
        }
  });
  it('checks that a source is really named, also for statistics in points', () => {
    const card = (s: Slide) => sampleCard([s]);
    const ak = slideOf('angka-kunci');
    expect(checkContent(card({ ...ak, source: 'Sumber:' }), a.name).map((i) => i.code)).toContain('missing_source');
    expect(checkContent(card({ ...ak, source: 'BPS Kabupaten Blora, 2025' }), a.name).map((i) => i.code)).not.toContain('missing_source');
    const pp = slideOf('poin-poin');
    expect(checkContent(card({ ...pp, points: ['Bantuan Rp150.000 per bulan', 'Untuk 92% desa'], source: '' }), a.name).map((i) => i.code)).toContain('missing_source');
    expect(checkContent(card({ ...pp, points: ['Pas foto 3x4', 'Fotokopi KTP'], source: '' }), a.name).map((i) => i.code)).not.toContain('missing_source');
  });
  it('drafts clean alt text: the OPD name once, no doubled full stop after a quote', () => {
    const q = { ...sampleSlide('kutipan', 'long'), body: 'Kami ingin warga dilayani cepat.' };
    expect(draftAltText(q, a.name, 1)).toBe('Kutipan Arief Rohman, Bupati Blora. "Kami ingin warga dilayani cepat."');
    expect(draftAltText(sampleSlide('sampul', 'long'), a.name, 0)).toContain(a.name);
    expect(draftAltText(sampleSlide('angka-kunci', 'long'), a.name, 1)).not.toContain(a.name);
  });
});
