import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type opentype from 'opentype.js';
import { opentypeLib } from '@core/files/lazy-libs';
import { lineDrawing } from '@shared/cards/draw';
import { emojiNameCandidates, faceSet, glyphRun as sharedGlyphRun, type FaceSet, type ScriptSupport } from '@shared/cards/glyphs';
import { FONT_FAMILIES, type CardFont, type FontWeight } from '@shared/cards/fonts';
import { assetPath } from '@core/assets';
import { arabicReady, shapeArabic } from './arabic';

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
    for (const name of emojiNameCandidates(cluster)) {
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

/** The node host's script support: emoji pictures from the files of the set, Arabic from HarfBuzz. */
export const nodeScripts: ScriptSupport = {
  emojiName(cluster) {
    const file = emojiFile(cluster);
    return file ? path.basename(file, '.svg') : null;
  },
  shapeArabic,
  arabicReady,
};

/** Glyphs, emoji and shaped Arabic of a string (see glyphRun in shared/cards/glyphs), with this host's scripts. */
export function glyphRun(face: opentype.Font, text: string, weight: FontWeight = 'regular') {
  return sharedGlyphRun(face, text, weight, nodeScripts);
}

let names: string[] | null = null;
/** Names of every picture of the bundled emoji set. */
export function emojiNames(): string[] {
  if (names) return names;
  const dir = emojiDir();
  names = dir ? readdirSync(dir).filter((f) => f.endsWith('.svg')).map((f) => f.slice(0, -4)).sort() : [];
  return names;
}

/** A whole emoji picture file (an SVG of the bundled set), by name; '' when there is none. */
export function emojiSvg(name: string): string {
  const dir = emojiDir();
  if (!dir || !/^[0-9a-f-]+$/.test(name)) return '';
  try {
    return readFileSync(path.join(dir, `${name}.svg`), 'utf8');
  } catch {
    return '';
  }
}

const emojiMarkup = new Map<string, string>();
/** The drawing inside a Twemoji file (its viewBox is 0 0 36 36), by picture name. */
export function emojiInner(name: string): string {
  let v = emojiMarkup.get(name);
  if (v === undefined) {
    const dir = emojiDir();
    v = dir
      ? readFileSync(path.join(dir, `${name}.svg`), 'utf8')
          .replace(/^[\s\S]*?<svg[^>]*>/, '')
          .replace(/<\/svg>\s*$/, '')
      : '';
    if (emojiMarkup.size > 500) emojiMarkup.clear();
    emojiMarkup.set(name, v);
  }
  return v;
}

/** SVG path data of a line of text with its left edge at x and baseline at y. */
export function linePath(face: opentype.Font, text: string, x: number, y: number, size: number): string {
  return lineDrawing(face, nodeScripts, text, x, y, size).d;
}

export type LoadedFamily = FaceSet;

const families = new Map<CardFont, LoadedFamily>();

/** Raw bytes of a bundled family's files, per weight (the page parses the same files for its live preview). */
export function familyFiles(font: CardFont): Record<FontWeight, Buffer> {
  const dir = fontsDir();
  const out = {} as Record<FontWeight, Buffer>;
  for (const [w, file] of Object.entries(FONT_FAMILIES[font].files) as [FontWeight, string][]) out[w] = readFileSync(path.join(dir, ...file.split('/')));
  return out;
}

/** Loads (once) a bundled family and gives its faces and measurer. Never touches system fonts. */
export async function loadFamily(font: CardFont): Promise<LoadedFamily> {
  const hit = families.get(font);
  if (hit) return hit;
  const opentype = await opentypeLib();
  const faces = {} as Record<FontWeight, opentype.Font>;
  for (const [w, buf] of Object.entries(familyFiles(font)) as [FontWeight, Buffer][]) faces[w] = opentype.parse(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const loaded = faceSet(faces, nodeScripts);
  families.set(font, loaded);
  return loaded;
}
