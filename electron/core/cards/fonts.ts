import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import opentype from 'opentype.js';
import type { Measurer } from '@shared/cards/fit';
import { FONT_FAMILIES, type CardFont, type FontWeight } from '@shared/cards/fonts';
import { assetPath } from '@core/assets';
import { arabicReady, isArabic, shapeArabic } from './arabic';

/** assets/fonts, found from this file both in the source tree (tests) and in dist/ (app). */
export function fontsDir(): string {
  return process.env.REDAKSI_FONTS_DIR ?? assetPath('fonts');
}

/** Twemoji graphics (CC-BY 4.0, via the @twemoji/svg package): one SVG per emoji, named by its code points. */
let emojiRoot: string | null | undefined;
export function emojiDir(): string | null {
  if (emojiRoot !== undefined) return emojiRoot;
  if (process.env.REDAKSI_EMOJI_DIR) return (emojiRoot = process.env.REDAKSI_EMOJI_DIR);
  try {
    const req = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'));
    emojiRoot = path.dirname(req.resolve('@twemoji/svg/package.json'));
  } catch {
    emojiRoot = null;
  }
  return emojiRoot;
}

const emojiFiles = new Map<string, string | null>();
/** The Twemoji file of one grapheme, or null when the set has none. */
export function emojiFile(cluster: string): string | null {
  let hit = emojiFiles.get(cluster);
  if (hit !== undefined) return hit;
  const dir = emojiDir();
  hit = null;
  if (dir) {
    const cps = [...cluster].map((c) => (c.codePointAt(0) as number).toString(16));
    // Twemoji names drop the emoji presentation selector except inside ZWJ sequences.
    for (const name of [cps.join('-'), cps.filter((c) => c !== 'fe0f').join('-')]) {
      const file = path.join(dir, `${name}.svg`);
      if (name && existsSync(file)) {
        hit = file;
        break;
      }
    }
  }
  if (emojiFiles.size > 5000) emojiFiles.clear();
  emojiFiles.set(cluster, hit);
  return hit;
}

/** Advance of an emoji, in em: the picture is one em square with a little room each side. */
export const EMOJI_ADVANCE = 1.16;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const maybeEmoji = /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3\ufe0f]/u;

export interface RunItem {
  x: number;
  glyph?: opentype.Glyph;
  /** Twemoji file for an emoji grapheme. */
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
 * shaped by HarfBuzz and reads right to left; a line that starts in Arabic
 * puts its runs right to left too. An emoji grapheme the font lacks comes
 * from the emoji set. Anything else the fonts lack is left out and reported.
 */
export function glyphRun(face: opentype.Font, text: string, weight: FontWeight = 'regular'): { items: RunItem[]; advance: number; missing: string } {
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
      const shaped = shapeArabic(run, weight);
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
      const file = emojiFile(segment);
      if (file) {
        pieces.push({ items: [{ x: 0, emoji: file }], advance: EMOJI_ADVANCE });
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

function advanceOf(face: opentype.Font, text: string, weight: FontWeight): number {
  return glyphRun(face, text, weight).advance;
}

const f2 = (v: number) => (Math.round(v * 100) / 100).toString();

/** SVG path data from path commands; we format numbers ourselves (opentype.js's toPathData yields NaN for some values). */
function commandsToD(cmds: opentype.PathCommand[]): string {
  let d = '';
  for (const c of cmds) {
    if (c.type === 'M' || c.type === 'L') d += `${c.type}${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'Q') d += `Q${f2(c.x1)} ${f2(c.y1)} ${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'C') d += `C${f2(c.x1)} ${f2(c.y1)} ${f2(c.x2)} ${f2(c.y2)} ${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'Z') d += 'Z';
  }
  return d;
}

const emojiMarkup = new Map<string, string>();
/** The drawing inside a Twemoji file (its viewBox is 0 0 36 36). */
function emojiInner(file: string): string {
  let v = emojiMarkup.get(file);
  if (v === undefined) {
    v = readFileSync(file, 'utf8')
      .replace(/^[\s\S]*?<svg[^>]*>/, '')
      .replace(/<\/svg>\s*$/, '');
    if (emojiMarkup.size > 500) emojiMarkup.clear();
    emojiMarkup.set(file, v);
  }
  return v;
}

/** A line of text with its left edge at x and baseline at y: glyph outlines as path data, emoji as SVG groups. */
export function lineDrawing(face: opentype.Font, text: string, x: number, y: number, size: number, weight: FontWeight = 'regular', fill = '#000000'): { d: string; emoji: string } {
  let d = '';
  let emoji = '';
  for (const it of glyphRun(face, text, weight).items) {
    if (it.glyph) d += commandsToD(it.glyph.getPath(x + it.x * size, y, size).commands);
    else if (it.arabic) {
      // HarfBuzz outlines are in font units with y up.
      const k = size / it.arabic.upem;
      if (it.arabic.d) emoji += `<path transform="translate(${f2(x + it.x * size)} ${f2(y - it.arabic.dy * size)}) scale(${k} ${-k})" d="${it.arabic.d}" fill="${fill}"/>`;
    }
    else if (it.emoji) {
      const left = x + (it.x + (EMOJI_ADVANCE - 1) / 2) * size;
      // Sit the picture on the baseline like a capital letter with a descender's worth below.
      const top = y - size * 0.84;
      emoji += `<g transform="translate(${f2(left)} ${f2(top)}) scale(${f2(size / 36)})">${emojiInner(it.emoji)}</g>`;
    }
  }
  return { d, emoji };
}

/** SVG path data of a line of text with its left edge at x and baseline at y. */
export function linePath(face: opentype.Font, text: string, x: number, y: number, size: number): string {
  return lineDrawing(face, text, x, y, size).d;
}

export interface LoadedFamily {
  faces: Record<FontWeight, opentype.Font>;
  measurer: Measurer;
}

const families = new Map<CardFont, LoadedFamily>();

/** Loads (once) a bundled family and gives its measurer. Never touches system fonts. */
export function loadFamily(font: CardFont): LoadedFamily {
  const hit = families.get(font);
  if (hit) return hit;
  const dir = fontsDir();
  const info = FONT_FAMILIES[font];
  const faces = {} as Record<FontWeight, opentype.Font>;
  for (const [w, file] of Object.entries(info.files) as [FontWeight, string][]) {
    const buf = readFileSync(path.join(dir, ...file.split('/')));
    faces[w] = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }
  const advCache = new Map<string, number>();
  const measurer: Measurer = {
    advance(text, weight) {
      // Arabic measures differently once HarfBuzz has loaded.
      const key = `${arabicReady() ? 1 : 0}${weight}\u0000${text}`;
      let v = advCache.get(key);
      if (v === undefined) {
        v = advanceOf(faces[weight], text, weight);
        if (advCache.size > 50_000) advCache.clear();
        advCache.set(key, v);
      }
      return v;
    },
    missing: (text, w) => glyphRun(faces[w], text, w).missing,
    ascent: (w) => faces[w].ascender / faces[w].unitsPerEm,
    descent: (w) => -faces[w].descender / faces[w].unitsPerEm,
  };
  const loaded = { faces, measurer };
  families.set(font, loaded);
  return loaded;
}
