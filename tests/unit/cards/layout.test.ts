import { describe, expect, it } from 'vitest';
import { loadFamily } from '@core/cards/fonts';
import { CARD_SIZE_IDS, CARD_TEMPLATES, cardSize } from '@shared/cards/card';
import { checkLayout } from '@shared/cards/checks';
import { layoutSlide } from '@shared/cards/compose';
import { breakWord, fitText, hyphenPoints, wrapText } from '@shared/cards/fit';
import { CARD_FONTS } from '@shared/cards/fonts';
import { resolveLayout, type ResolvedText } from '@shared/cards/layout';
import { sampleBrand, sampleCard, sampleSlide, type Variant } from './samples';

const m = (await loadFamily('roboto')).measurer;
const families = Object.fromEntries(await Promise.all(CARD_FONTS.map(async (f) => [f, await loadFamily(f)] as const)));

function texts(template: (typeof CARD_TEMPLATES)[number], size: (typeof CARD_SIZE_IDS)[number], v: Variant, font: (typeof CARD_FONTS)[number] = 'roboto') {
  const card = { ...sampleCard([sampleSlide('sampul', v, 'a'), sampleSlide(template, v, 'b'), sampleSlide('penutup', v, 'c')]), font };
  const layout = resolveLayout(layoutSlide(card, 1, size, sampleBrand(v), families[font].measurer), families[font].measurer);
  return { layout, texts: layout.elements.filter((e): e is ResolvedText => e.kind === 'text') };
}

/** Ink extent of a text's lines (line box from ascender to descender). */
function extent(t: ResolvedText, font: (typeof CARD_FONTS)[number]) {
  const mm = families[font].measurer;
  return t.lines.map((l) => ({
    x0: l.x,
    x1: l.x + l.width,
    y0: l.y - mm.ascent(t.weight) * t.size,
    y1: l.y + mm.descent(t.weight) * t.size,
  }));
}

describe('every template at every size keeps text inside its frame', () => {
  for (const font of CARD_FONTS)
    for (const v of ['short', 'long', 'worst'] as Variant[])
      for (const t of CARD_TEMPLATES)
        for (const size of CARD_SIZE_IDS) {
          it(`${font} ${t} ${size} ${v}`, () => {
            const { width, height } = cardSize(size);
            const { texts: ts } = texts(t, size, v, font);
            expect(ts.length).toBeGreaterThan(0);
            for (const tx of ts) {
              for (const e of extent(tx, font)) {
                const tol = 1;
                // Horizontal: inside the frame it was given; vertical: inside the frame's line boxes.
                expect(e.x0, `${tx.field} left`).toBeGreaterThanOrEqual(tx.frame.x - tol);
                expect(e.x1, `${tx.field} right`).toBeLessThanOrEqual(tx.frame.x + tx.frame.w + tol);
                expect(e.x0).toBeGreaterThanOrEqual(0);
                expect(e.x1).toBeLessThanOrEqual(width);
                expect(e.y1).toBeLessThanOrEqual(height);
              }
              expect(tx.box.y, `${tx.field} top`).toBeGreaterThanOrEqual(tx.frame.y - 1);
              expect(tx.box.y + tx.box.h, `${tx.field} bottom`).toBeLessThanOrEqual(tx.frame.y + tx.frame.h + 1);
            }
            // No two texts collide (decorative quote marks and bullet numbers sit on shapes by design).
            const solid = ts.filter((x) => x.field !== 'quoteMark' && !/\.n$/.test(x.field));
            for (let i = 0; i < solid.length; i++)
              for (let j = i + 1; j < solid.length; j++) {
                const a = solid[i].box;
                const b = solid[j].box;
                const overlap = a.x < b.x + b.w - 1 && b.x < a.x + a.w - 1 && a.y < b.y + b.h - 1 && b.y < a.y + a.h - 1;
                expect(overlap, `${solid[i].field} overlaps ${solid[j].field}`).toBe(false);
              }
          });
        }
});

describe('fitting reports what does not fit', () => {
  it('realistic long Indonesian text fits every portrait and square size without cutting', () => {
    for (const t of CARD_TEMPLATES)
      for (const size of ['ig-portrait', 'ig-square', 'ig-story'] as const) {
        const { layout } = texts(t, size, 'long');
        const tooLong = checkLayout(layout, 1, size).filter((i) => i.code === 'too_long');
        expect(tooLong, `${t} ${size}`).toEqual([]);
      }
  });
  it('realistic long text also fits next to a photo (cover, quote, photo caption)', () => {
    for (const t of ['sampul', 'kutipan', 'foto-keterangan'] as const)
      for (const size of ['ig-portrait', 'ig-square', 'ig-story'] as const) {
        const card = sampleCard([{ ...sampleSlide(t, 'long'), photoId: 'p1' }]);
        const layout = resolveLayout(layoutSlide(card, 0, size, sampleBrand('long'), m), m);
        expect(layout.elements.some((e) => e.kind === 'photo')).toBe(true);
        expect(checkLayout(layout, 0, size).filter((i) => i.code === 'too_long'), `${t} ${size}`).toEqual([]);
        // Every filled field is on the card.
        const fields = new Set(layout.elements.filter((e): e is ResolvedText => e.kind === 'text').map((e) => e.field));
        for (const f of ['kicker', 'title', 'body', 'speakerName', 'credit'] as const) if (card.slides[0][f].trim() && ({ sampul: ['kicker', 'title'], kutipan: ['body', 'speakerName'], 'foto-keterangan': ['title', 'body', 'credit'] } as Record<string, string[]>)[t].includes(f)) expect(fields.has(f), `${t} ${size} ${f}`).toBe(true);
      }
  });
  it('worst-case input is cut and named field by field', () => {
    const { layout } = texts('angka-kunci', 'ig-portrait', 'worst');
    const fields = checkLayout(layout, 1, 'ig-portrait').filter((i) => i.code === 'too_long').map((i) => i.field);
    expect(fields).toContain('body');
    const body = layout.elements.find((e) => e.kind === 'text' && e.field === 'body') as ResolvedText;
    expect(body.fits).toBe(false);
    expect(body.lines.at(-1)?.text.endsWith('...')).toBe(true);
  });
  it('shrinks before wrapping and stops at the minimum size', () => {
    const style = { weight: 'bold' as const, maxSize: 100, minSize: 40, lineHeight: 1.2 };
    const short = fitText('Blora', { w: 900, h: 200 }, style, m);
    expect(short).toMatchObject({ size: 100, fits: true, lines: ['Blora'] });
    const longer = fitText('Kabupaten Blora Jawa Tengah', { w: 900, h: 130 }, style, m);
    expect(longer.size).toBeLessThan(100);
    expect(longer.lines).toHaveLength(1);
    const tooMuch = fitText('kata '.repeat(200), { w: 300, h: 100 }, style, m);
    expect(tooMuch).toMatchObject({ size: 40, fits: false });
    expect(tooMuch.height).toBeLessThanOrEqual(100);
  });
});

describe('Indonesian word breaking', () => {
  const w = (s: string) => m.advance(s, 'regular') * 40;
  it('hyphenates by syllables and keeps ng/ny together', () => {
    const points = hyphenPoints('menyanyikan');
    const pieces = points.map((p, i) => 'menyanyikan'.slice(i === 0 ? 0 : points[i - 1], p));
    expect(pieces[0]).toBe('me');
    expect(points).not.toContain(3); // never "men-yanyikan"
    expect(hyphenPoints('pembangunan')).not.toContain(6); // "pemban-gunan" would split "ng"
    expect(hyphenPoints('pembangunan')).toContain(5); // "pemba-ngunan": the break goes before "ng"
    expect(hyphenPoints('pembangunan')).toContain(3); // "pem-bangunan"
  });
  it('breaks a word wider than the line into pieces that each fit, losing no letters', () => {
    const word = 'Pertanggungjawabannya';
    const pieces = breakWord(word, w('Pertang'), w);
    expect(pieces.length).toBeGreaterThan(1);
    for (const p of pieces) expect(w(p)).toBeLessThanOrEqual(w('Pertang') + 0.01);
    expect(pieces.map((p) => p.replace(/-$/, '')).join('')).toBe(word);
    expect(pieces.slice(0, -1).every((p) => p.endsWith('-'))).toBe(true);
  });
  it('cuts numbers and codes by character when there is no syllable', () => {
    const pieces = breakWord('1234567890123456', w('12345'), w);
    expect(pieces.join('')).toBe('1234567890123456');
    for (const p of pieces) expect(w(p)).toBeLessThanOrEqual(w('12345') + 0.01);
  });
  it('keeps explicit line breaks', () => {
    expect(wrapText('Satu\nDua', 10_000, w)).toEqual(['Satu', 'Dua']);
  });
});
