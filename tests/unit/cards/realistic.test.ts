import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadArabic } from '@core/cards/arabic';
import { glyphRun, loadFamily } from '@core/cards/fonts';
import { renderSlide } from '@core/cards/render';
import { CARD_SIZE_IDS, CARD_TEMPLATES, type CardSizeId, type CardTemplate, type Slide } from '@shared/cards/card';
import { draftAltText } from '@shared/cards/alt-text';
import { checkContent, checkLayout } from '@shared/cards/checks';
import { layoutSlide } from '@shared/cards/compose';
import { cleanText, glueFigures } from '@shared/cards/fit';
import { resolveLayout, type ResolvedLayout, type ResolvedText } from '@shared/cards/layout';
import { STORY_SAFE_ZONE } from '@shared/cards/templates/common';
import { teamPath } from '../../team-folder';
import { agencyBrand, REGENCY_AGENCIES, sampleCard, sampleSlide } from './samples';

const PHOTO = teamPath('fixtures/photos/camera/Nikon_D70.jpg');

const roboto = await loadFamily('roboto');
const m = roboto.measurer;
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
  for (const a of REGENCY_AGENCIES)
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

/**
 * What people type beside the agency's own text: emoji (with a ZWJ family and a skin tone), an Arabic greeting,
 * soft hyphens in a long word, and invisible characters pasted from chat apps (zero-width space, word joiner, ZWNJ).
 */
const SHY = '\u00ad';
const GREETING = 'عيد مبارك';
const SCRIPT_TEXT = {
  short: `Selamat Idul Fitri 🤲🏽 ${GREETING}`,
  line: `Posyandu\u200b ramah anak 👨\u200d👩\u200d👧 di 16\u2060 kecamatan`,
  body: `Mohon maaf lahir dan batin 🙏 dari keluarga besar Pem${SHY}ber${SHY}da${SHY}ya${SHY}an Perempuan. ${GREETING} 🎉 Layanan tetap buka\u200c pada 2 April 2026.`,
};

function scriptSlide(t: CardTemplate): Slide {
  const s = slideOf(t);
  const has = (k: keyof Slide) => typeof s[k] === 'string' && (s[k] as string).length > 0;
  const v: Slide = { ...s };
  if (has('kicker')) v.kicker = 'Info 🎉';
  if (has('title')) v.title = SCRIPT_TEXT.line;
  if (has('label')) v.label = SCRIPT_TEXT.short;
  // An agenda's note is short beside its date, time, place and contact (a longer one is named as too long at 1:1 and 1200×630).
  if (has('body')) v.body = t === 'agenda' ? `Bawa KTP dan KK asli 🪪 Gratis\u200b, tanpa pungutan. ${GREETING}` : SCRIPT_TEXT.body;
  if (has('speakerName')) v.speakerName = 'Selamat Idul Fitri 1447 H';
  if (has('credit')) v.credit = `Prokopim Blora 📷`;
  if (s.items.length) v.items = s.items.map((it, i) => (i === 0 ? { ...it, label: 'posyandu ramah anak 👶' } : i === 1 ? { ...it, label: GREETING } : it));
  if (s.points.length) v.points = s.points.map((p, i) => (i === 0 ? SCRIPT_TEXT.short : i === 1 ? `Pem${SHY}ber${SHY}da${SHY}ya${SHY}an keluarga 👨\u200d👩\u200d👧` : p));
  return v;
}

describe('every script people type, every template at every size, with the longest agency name', () => {
  const a = REGENCY_AGENCIES[0];
  const brand = agencyBrand(a);
  const logos: Record<string, string> = {};
  const resolveImage = async (id: string) => (logos[id] ? { file: logos[id], focal: null } : id === 'p1' ? { file: PHOTO, focal: { x: 0.3, y: 0.4 } } : null);
  beforeAll(async () => {
    expect(await loadArabic()).toBe(true);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-cards-scripts-'));
    logos.pemda = path.join(dir, 'pemda.png');
    logos.opd = path.join(dir, 'opd.png');
    await sharp({ create: { width: 400, height: 400, channels: 4, background: '#c8102e' } }).png().toFile(logos.pemda);
    await sharp({ create: { width: 600, height: 300, channels: 4, background: '#1b7a3a' } }).png().toFile(logos.opd);
  });
  afterAll(() => rmSync(path.dirname(logos.pemda), { recursive: true, force: true }));
  for (const t of CARD_TEMPLATES)
    for (const size of CARD_SIZE_IDS)
      it(`${t} ${size}`, async () => {
        const slide = { ...scriptSlide(t), ...(t === 'sampul' || t === 'kutipan' || t === 'foto-keterangan' ? { photoId: 'p1' } : {}) };
        const card = sampleCard([sampleSlide('sampul', 'long', 'a'), slide, sampleSlide('penutup', 'long', 'c')]);
        const input = { card, index: 1, sizeId: size, brand, opdLogoId: 'opd', pemdaLogoId: 'pemda', resolveImage };
        const r = await renderSlide(input);
        // Nothing cut and nothing undrawable (no box for an emoji, an Arabic letter or an invisible character).
        expect(r.issues.filter((i) => i.severity === 'error' || i.code === 'undrawable' || i.code === 'logo_unreadable')).toEqual([]);
        const ts = textsOf(r.layout);
        for (const x of ts) {
          for (const ln of x.lines) {
            // No tofu: every character of every drawn line has a glyph, an emoji picture or shaped Arabic outlines.
            expect(glyphRun(roboto.faces[x.weight], ln.text, x.weight).missing, `${x.field}: ${ln.text}`).toBe('');
            // Invisible characters are gone and a soft hyphen is never drawn as such.
            expect(ln.text, x.field).not.toMatch(/[\u00ad\u200b\u200c\u2060\ufeff]/);
            expect(ln.x, `${x.field} left`).toBeGreaterThanOrEqual(x.frame.x - 1);
            expect(ln.x + ln.width, `${x.field} right`).toBeLessThanOrEqual(x.frame.x + x.frame.w + 1);
          }
          // A hyphen appears only at the end of a line broken inside a word (at a soft hyphen or a syllable); the
          // words are otherwise whole.
          const source = plain(cleanText(x.text).replace(/\u00ad/g, ''));
          const drawn = x.lines.map((ln, i) => (i < x.lines.length - 1 && ln.text.endsWith('-') && !source.includes(plain(ln.text.trim())) ? ln.text.slice(0, -1) : ln.text)).join('');
          expect(drawn.replace(/\s+/g, ''), x.field).toBe(source.replace(/\s+/g, ''));
          // No figure is split across lines.
          for (const w of glueFigures(x.text).split(/[ \t\n]+/).filter((w) => /\d/.test(w)))
            expect(x.lines.some((ln) => plain(ln.text).includes(plain(cleanText(w).replace(/\u00ad/g, '')))), `${x.field}: "${w}"`).toBe(true);
          if (size === 'ig-story') {
            expect(x.box.y, `${x.field} under the profile bar`).toBeGreaterThanOrEqual(STORY_SAFE_ZONE);
            expect(x.box.y + x.box.h, `${x.field} under the reply box`).toBeLessThanOrEqual(1920 - STORY_SAFE_ZONE);
          }
        }
        // The emoji, the Arabic greeting and the full agency name all reach the card.
        const all = ts.map((x) => x.text).join('\n');
        if (size !== 'fb-link' && t !== 'foto-keterangan') expect(ts.find((x) => x.field === 'opdName')?.text).toBe(a.name);
        expect(all).toMatch(/\p{Extended_Pictographic}/u);
        if (t !== 'sampul' && t !== 'foto-keterangan') expect(all, 'Arabic').toContain(GREETING);
        // Deterministic bytes: the same card renders to the same file.
        const again = await renderSlide(input);
        expect(again.png.equals(r.png)).toBe(true);
      });
});
