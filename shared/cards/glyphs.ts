import type opentype from 'opentype.js';
import type { Measurer } from './fit';
import type { FontWeight } from './fonts';

/**
 * Glyph runs and font metrics from parsed font files, with no file or
 * network access: the main process (export) and the page (live preview)
 * load the same bundled fonts and call this same code, so a card lays out
 * identically in both. What differs per host comes in through ScriptSupport:
 * which emoji pictures exist and how Arabic is shaped.
 */

/** A shaped glyph of an Arabic run: pen position in em (font size 1), outline in font units with y up. */
export interface ShapedGlyph {
  x: number;
  y: number;
  d: string;
  upem: number;
}

export interface ShapedRun {
  glyphs: ShapedGlyph[];
  advance: number;
}

export interface ScriptSupport {
  /** The emoji set's picture name of a grapheme (code points in hex joined by "-"), or null when the set has none. */
  emojiName(cluster: string): string | null;
  /** A run of Arabic shaped in visual order; null when the shaper is not loaded or a glyph is missing. */
  shapeArabic(text: string, weight: FontWeight): ShapedRun | null;
  /** True once the Arabic shaper is loaded (Arabic measures differently from then on). */
  arabicReady(): boolean;
}

export const isArabic = (s: string) => /\p{Script=Arabic}/u.test(s);

/** Twemoji names drop the emoji presentation selector except inside ZWJ sequences: the candidates in the order to try. */
export function emojiNameCandidates(cluster: string): string[] {
  const cps = [...cluster].map((c) => (c.codePointAt(0) as number).toString(16));
  return [cps.join('-'), cps.filter((c) => c !== 'fe0f').join('-')].filter((n, i, a) => n && a.indexOf(n) === i);
}

/** Advance of an emoji, in em: the picture is one em square with a little room each side. */
export const EMOJI_ADVANCE = 1.16;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const maybeEmoji = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3\ufe0f]/u;

export interface RunItem {
  x: number;
  glyph?: opentype.Glyph;
  /** Emoji picture name for an emoji grapheme. */
  emoji?: string;
  /** A shaped Arabic glyph: outline in font units (y up), offset in em. */
  arabic?: { d: string; upem: number; dy: number };
}

interface Piece {
  items: RunItem[];
  advance: number;
}

/**
 * Glyphs, emoji and shaped Arabic of a string with their pen positions at
 * font size 1, left to right as drawn. Latin text is mapped character by
 * character with pair kerning (opentype.js's GSUB shaping throws on some
 * lookups of these fonts, and Latin needs no shaping). A run of Arabic is
 * shaped by the host's shaper and reads right to left; a line that starts in
 * Arabic puts its runs right to left too. An emoji grapheme the font lacks
 * comes from the emoji set. Anything else the fonts lack is left out and reported.
 */
export function glyphRun(face: opentype.Font, text: string, weight: FontWeight, scripts: ScriptSupport): { items: RunItem[]; advance: number; missing: string } {
  const scale = 1 / face.unitsPerEm;
  const pieces: Piece[] = [];
  let missing = '';
  let latin: Piece | null = null;
  let prev: opentype.Glyph | null = null;
  const segs = [...graphemes.segment(text)].map((g) => g.segment);
  for (let i = 0; i < segs.length; i++) {
    const segment = segs[i];
    if (isArabic(segment)) {
      // The Arabic run goes on through spaces and punctuation that lead to more Arabic.
      let j = i + 1;
      for (;;) {
        let k = j;
        while (k < segs.length && !isArabic(segs[k]) && /^[\s\p{P}]$/u.test(segs[k])) k++;
        if (k < segs.length && isArabic(segs[k])) j = k + 1;
        else break;
      }
      const run = segs.slice(i, j).join('');
      const shaped = scripts.shapeArabic(run, weight);
      if (shaped) {
        pieces.push({ items: shaped.glyphs.map((g) => ({ x: g.x, arabic: { d: g.d, upem: g.upem, dy: g.y } })), advance: shaped.advance });
        latin = null;
        prev = null;
      } else for (const ch of run.replace(/\s/g, '')) if (!missing.includes(ch)) missing += ch;
      i = j - 1;
      continue;
    }
    const first = face.charToGlyph(segment);
    const simple = [...segment].length === 1 && first.index !== 0;
    if (!simple && maybeEmoji.test(segment)) {
      const name = scripts.emojiName(segment);
      if (name) {
        pieces.push({ items: [{ x: 0, emoji: name }], advance: EMOJI_ADVANCE });
        latin = null;
        prev = null;
        continue;
      }
    }
    for (const ch of segment) {
      const glyph = face.charToGlyph(ch);
      if (glyph.index === 0) {
        // Variation selectors and joiners are not drawn on their own.
        if (!/[\ufe00-\ufe0f\u200c\u200d]/u.test(ch) && !missing.includes(ch)) missing += ch;
        continue;
      }
      if (!latin) {
        latin = { items: [], advance: 0 };
        pieces.push(latin);
      }
      if (prev) {
        // Some kerning lookups answer undefined for a pair; treat that as no kerning.
        const k = face.getKerningValue(prev, glyph);
        if (Number.isFinite(k)) latin.advance += k * scale;
      }
      latin.items.push({ glyph, x: latin.advance });
      latin.advance += (glyph.advanceWidth ?? 0) * scale;
      prev = glyph;
    }
  }
  // Base direction from the first strong letter: a line that starts in Arabic reads right to left.
  const firstStrong = /\p{L}/u.exec(text)?.[0] ?? '';
  const ordered = isArabic(firstStrong) ? [...pieces].reverse() : pieces;
  const items: RunItem[] = [];
  let x = 0;
  for (const p of ordered) {
    for (const it of p.items) items.push({ ...it, x: x + it.x });
    x += p.advance;
  }
  return { items, advance: x, missing };
}

/** The four weights of one bundled family, parsed, with the host's script support: all layout and drawing needs. */
export interface FaceSet {
  faces: Record<FontWeight, opentype.Font>;
  scripts: ScriptSupport;
  measurer: Measurer;
}

/** Metrics of a family from its parsed faces (advances cached; the cache knows whether Arabic could be shaped). */
export function faceSet(faces: Record<FontWeight, opentype.Font>, scripts: ScriptSupport): FaceSet {
  const advCache = new Map<string, number>();
  const measurer: Measurer = {
    advance(text, weight) {
      const key = `${scripts.arabicReady() ? 1 : 0}${weight}\u0000${text}`;
      let v = advCache.get(key);
      if (v === undefined) {
        v = glyphRun(faces[weight], text, weight, scripts).advance;
        if (advCache.size > 50_000) advCache.clear();
        advCache.set(key, v);
      }
      return v;
    },
    missing: (text, w) => glyphRun(faces[w], text, w, scripts).missing,
    ascent: (w) => faces[w].ascender / faces[w].unitsPerEm,
    descent: (w) => -faces[w].descender / faces[w].unitsPerEm,
  };
  return { faces, scripts, measurer };
}
