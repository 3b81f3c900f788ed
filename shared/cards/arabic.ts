import type { FontWeight } from './fonts';
import type { ShapedGlyph, ShapedRun } from './glyphs';

/**
 * Arabic shaping with HarfBuzz (harfbuzzjs, WebAssembly) and Noto Sans
 * Arabic: letters join and the run reads right to left. The host loads the
 * HarfBuzz module and the two font files (the main process from disk, the
 * page from the same files fetched once); the shaping itself is this code in
 * both, so a preview shapes exactly like the export.
 */

type Hb = typeof import('harfbuzzjs');

export type ArabicFontBytes = Record<'regular' | 'bold', ArrayBuffer>;

export interface ArabicShaper {
  shape(text: string, weight: FontWeight): ShapedRun | null;
}

export function arabicShaper(hb: Hb, files: ArabicFontBytes): ArabicShaper {
  const open = (w: 'regular' | 'bold') => {
    const face = new hb.Face(new hb.Blob(files[w]), 0);
    return { font: new hb.Font(face), upem: face.upem, paths: new Map<number, string>() };
  };
  const fonts = { regular: open('regular'), bold: open('bold') };
  const cache = new Map<string, ShapedRun | null>();
  return {
    shape(text, weight) {
      const key = `${weight}\u0000${text}`;
      const hit = cache.get(key);
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
      if (cache.size > 2000) cache.clear();
      cache.set(key, v);
      return v;
    },
  };
}
