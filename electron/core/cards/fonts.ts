import { readFileSync } from 'node:fs';
import path from 'node:path';
import opentype from 'opentype.js';
import type { Measurer } from '../../../shared/cards/fit';
import { FONT_FAMILIES, type CardFont, type FontWeight } from '../../../shared/cards/fonts';
import { assetPath } from '../assets';

/** assets/fonts, found from this file both in the source tree (tests) and in dist/ (app). */
export function fontsDir(): string {
  return process.env.REDAKSI_FONTS_DIR ?? assetPath('fonts');
}

/**
 * Glyphs of a string with their pen positions at font size 1. We map
 * characters and apply pair kerning ourselves: opentype.js's GSUB shaping
 * throws on some lookups of these fonts, and Latin text needs no shaping.
 */
export function glyphRun(face: opentype.Font, text: string): { glyph: opentype.Glyph; x: number }[] {
  const scale = 1 / face.unitsPerEm;
  const out: { glyph: opentype.Glyph; x: number }[] = [];
  let x = 0;
  let prev: opentype.Glyph | null = null;
  for (const ch of text) {
    const glyph = face.charToGlyph(ch);
    if (prev) {
      // Some kerning lookups answer undefined for a pair; treat that as no kerning.
      const k = face.getKerningValue(prev, glyph);
      if (Number.isFinite(k)) x += k * scale;
    }
    out.push({ glyph, x });
    x += (glyph.advanceWidth ?? 0) * scale;
    prev = glyph;
  }
  return out;
}

function advanceOf(face: opentype.Font, text: string): number {
  const run = glyphRun(face, text);
  if (run.length === 0) return 0;
  const last = run[run.length - 1];
  return last.x + (last.glyph.advanceWidth ?? 0) / face.unitsPerEm;
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

/** SVG path data of a line of text with its left edge at x and baseline at y. */
export function linePath(face: opentype.Font, text: string, x: number, y: number, size: number): string {
  let d = '';
  for (const g of glyphRun(face, text)) d += commandsToD(g.glyph.getPath(x + g.x * size, y, size).commands);
  return d;
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
      const key = `${weight}\u0000${text}`;
      let v = advCache.get(key);
      if (v === undefined) {
        v = advanceOf(faces[weight], text);
        if (advCache.size > 50_000) advCache.clear();
        advCache.set(key, v);
      }
      return v;
    },
    ascent: (w) => faces[w].ascender / faces[w].unitsPerEm,
    descent: (w) => -faces[w].descender / faces[w].unitsPerEm,
  };
  const loaded = { faces, measurer };
  families.set(font, loaded);
  return loaded;
}
