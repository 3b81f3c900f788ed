import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { arabicShaper, type ArabicFontBytes, type ArabicShaper } from '@shared/cards/arabic';
import type { FontWeight } from '@shared/cards/fonts';
import type { ShapedRun } from '@shared/cards/glyphs';

/**
 * Arabic on cards (an Idul Fitri greeting, a verse on a Maulid card): shaped
 * by HarfBuzz with Noto Sans Arabic (SIL OFL 1.1, from
 * @expo-google-fonts/noto-sans-arabic), see shared/cards/arabic.ts.
 * HarfBuzz loads asynchronously: call loadArabic() before laying out; until
 * then Arabic counts as "cannot draw" and is named.
 */

let shaper: ArabicShaper | null = null;
let loading: Promise<boolean> | null = null;

const ARABIC_FILES = { regular: '400Regular/NotoSansArabic_400Regular.ttf', bold: '700Bold/NotoSansArabic_700Bold.ttf' } as const;

function fontFile(weight: 'regular' | 'bold'): string {
  const dir = process.env.REDAKSI_ARABIC_FONT_DIR;
  if (dir) return path.join(dir, ARABIC_FILES[weight]);
  const req = createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js'));
  return path.join(path.dirname(req.resolve('@expo-google-fonts/noto-sans-arabic/package.json')), ARABIC_FILES[weight]);
}

/** The two Arabic font files (the page shapes with the same files). */
export function arabicFontFiles(): Record<'regular' | 'bold', Buffer> {
  return { regular: readFileSync(fontFile('regular')), bold: readFileSync(fontFile('bold')) };
}

const arrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** Loads HarfBuzz and the Arabic faces once; false when they cannot be had (Arabic is then reported, not drawn). */
export function loadArabic(): Promise<boolean> {
  loading ??= (async () => {
    try {
      const mod = await import('harfbuzzjs');
      const files = arabicFontFiles();
      const bytes: ArabicFontBytes = { regular: arrayBuffer(files.regular), bold: arrayBuffer(files.bold) };
      shaper = arabicShaper(mod, bytes);
      return true;
    } catch {
      return false;
    }
  })();
  return loading;
}

/** True once HarfBuzz and the Arabic faces are loaded. */
export const arabicReady = () => shaper !== null;

/** A run of Arabic text shaped and in visual (left-to-right) order; null when HarfBuzz is not loaded or a glyph is missing. */
export function shapeArabic(text: string, weight: FontWeight): ShapedRun | null {
  return shaper ? shaper.shape(text, weight) : null;
}
