import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FontWeight } from '@shared/cards/fonts';

/**
 * Arabic on cards (an Idul Fitri greeting, a verse on a Maulid card): shaped
 * by HarfBuzz (harfbuzzjs, WebAssembly) with Noto Sans Arabic (SIL OFL 1.1,
 * from @expo-google-fonts/noto-sans-arabic), so letters join and the run
 * reads right to left. HarfBuzz loads asynchronously: call loadArabic()
 * before laying out; until then Arabic counts as "cannot draw" and is named.
 */

type Hb = typeof import('harfbuzzjs');

interface ArabicFont {
  font: InstanceType<Hb['Font']>;
  upem: number;
  paths: Map<number, string>;
}

let hb: Hb | null = null;
let fonts: Record<'regular' | 'bold', ArabicFont> | null = null;
let loading: Promise<boolean> | null = null;

function fontFile(weight: 'regular' | 'bold'): string {
  const dir = process.env.REDAKSI_ARABIC_FONT_DIR;
  const name = weight === 'bold' ? '700Bold/NotoSansArabic_700Bold.ttf' : '400Regular/NotoSansArabic_400Regular.ttf';
  if (dir) return path.join(dir, name);
  const req = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'));
  return path.join(path.dirname(req.resolve('@expo-google-fonts/noto-sans-arabic/package.json')), name);
}

/** Loads HarfBuzz and the Arabic faces once; false when they cannot be had (Arabic is then reported, not drawn). */
export function loadArabic(): Promise<boolean> {
  loading ??= (async () => {
    try {
      const mod = await import('harfbuzzjs');
      const open = (w: 'regular' | 'bold'): ArabicFont => {
        const buf = readFileSync(fontFile(w));
        const face = new mod.Face(new mod.Blob(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)), 0);
        return { font: new mod.Font(face), upem: face.upem, paths: new Map() };
      };
      fonts = { regular: open('regular'), bold: open('bold') };
      hb = mod;
      return true;
    } catch {
      return false;
    }
  })();
  return loading;
}

/** True once HarfBuzz and the Arabic faces are loaded. */
export const arabicReady = () => hb !== null;

export const isArabic = (s: string) => /\p{Script=Arabic}/u.test(s);

export interface ShapedGlyph {
  /** Pen position and advance in em (font size 1), left to right. */
  x: number;
  y: number;
  /** Outline in font units, y up. */
  d: string;
  upem: number;
}

const shapeCache = new Map<string, { glyphs: ShapedGlyph[]; advance: number } | null>();

/** A run of Arabic text shaped and in visual (left-to-right) order; null when HarfBuzz is not loaded or a glyph is missing. */
export function shapeArabic(text: string, weight: FontWeight): { glyphs: ShapedGlyph[]; advance: number } | null {
  if (!hb || !fonts) return null;
  const key = `${weight}\u0000${text}`;
  const hit = shapeCache.get(key);
  if (hit !== undefined) return hit;
  const af = fonts[weight === 'bold' || weight === 'heavy' ? 'bold' : 'regular'];
  const buf = new hb.Buffer();
  buf.addText(text);
  buf.guessSegmentProperties();
  hb.shape(af.font, buf);
  const infos = buf.getGlyphInfos();
  const pos = buf.getGlyphPositions();
  const glyphs: ShapedGlyph[] = [];
  let x = 0;
  let ok = true;
  infos.forEach((g, i) => {
    if (g.codepoint === 0) ok = false;
    let d = af.paths.get(g.codepoint);
    if (d === undefined) {
      d = af.font.glyphToPath(g.codepoint);
      af.paths.set(g.codepoint, d);
    }
    glyphs.push({ x: x + pos[i].xOffset / af.upem, y: pos[i].yOffset / af.upem, d, upem: af.upem });
    x += pos[i].xAdvance / af.upem;
  });
  const v = ok ? { glyphs, advance: x } : null;
  if (shapeCache.size > 2000) shapeCache.clear();
  shapeCache.set(key, v);
  return v;
}
