import type opentype from 'opentype.js';
import type { CardFontFiles } from '@shared/api/contracts/cards';
import { arabicShaper, type ArabicShaper } from '@shared/cards/arabic';
import { FONT_WEIGHTS, type CardFont, type FontWeight } from '@shared/cards/fonts';
import { emojiNameCandidates, faceSet, type FaceSet } from '@shared/cards/glyphs';
import { api } from '@ui/api/client';

/**
 * The page's copy of what the export lays out with: the same bundled font
 * files (fetched once per family from the main process and parsed with
 * opentype.js, like the main process does), HarfBuzz for Arabic (loaded
 * only when a card has Arabic), and the emoji set's names. The parsers are
 * loaded on demand, so the app's first screen does not carry them.
 */

const toBytes = (b64: string): ArrayBuffer => {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out.buffer;
};

interface ParsedFamily {
  faces: Record<FontWeight, opentype.Font>;
  arabic: CardFontFiles['arabic'];
}

const families = new Map<CardFont, Promise<ParsedFamily>>();

function parsedFamily(font: CardFont): Promise<ParsedFamily> {
  let p = families.get(font);
  if (!p) {
    p = Promise.all([import('opentype.js'), api.call('cards.fontFiles', { font })]).then(([mod, files]) => {
      const faces = {} as Record<FontWeight, opentype.Font>;
      for (const w of FONT_WEIGHTS) faces[w] = mod.default.parse(toBytes(files.faces[w]));
      return { faces, arabic: files.arabic };
    });
    // A failed load may be retried by the next editor.
    p.catch(() => families.delete(font));
    families.set(font, p);
  }
  return p;
}

let shaper: ArabicShaper | null = null;
let shaperLoad: Promise<boolean> | null = null;

/** Loads HarfBuzz and Noto Sans Arabic once; false when they cannot be had here (the preview then comes from the main process). */
export function loadPageArabic(font: CardFont): Promise<boolean> {
  shaperLoad ??= (async () => {
    try {
      const [hb, fam] = await Promise.all([import('harfbuzzjs'), parsedFamily(font)]);
      shaper = arabicShaper(hb, { regular: toBytes(fam.arabic.regular), bold: toBytes(fam.arabic.bold) });
      return true;
    } catch (e) {
      console.warn('HarfBuzz unavailable in the page', e);
      shaperLoad = null;
      return false;
    }
  })();
  return shaperLoad;
}

export const pageArabicReady = () => shaper !== null;

/** The family's faces with the page's script support, for layoutSlide/resolveLayout/drawLayout. */
export async function pageFaceSet(font: CardFont, emojiNames: ReadonlySet<string>): Promise<FaceSet> {
  const fam = await parsedFamily(font);
  const emojiHits = new Map<string, string | null>();
  return faceSet(fam.faces, {
    emojiName(cluster) {
      let hit = emojiHits.get(cluster);
      if (hit === undefined) {
        hit = emojiNameCandidates(cluster).find((n) => emojiNames.has(n)) ?? null;
        emojiHits.set(cluster, hit);
      }
      return hit;
    },
    shapeArabic: (text, weight) => (shaper ? shaper.shape(text, weight) : null),
    arabicReady: pageArabicReady,
  });
}

const emojiPictures = new Map<string, string>();
const emojiAsked = new Set<string>();

/** Emoji pictures already fetched (data: URLs by name). */
export const emojiPicture = (name: string) => emojiPictures.get(name);

/** Fetches the pictures not yet asked for; resolves true when any arrived. */
export async function fetchEmoji(names: string[]): Promise<boolean> {
  const ask = [...new Set(names)].filter((n) => !emojiAsked.has(n)).slice(0, 200);
  if (ask.length === 0) return false;
  for (const n of ask) emojiAsked.add(n);
  try {
    const r = await api.call('cards.emoji', { names: ask });
    for (const [n, v] of Object.entries(r.emoji)) emojiPictures.set(n, v);
    return Object.keys(r.emoji).length > 0;
  } catch {
    for (const n of ask) emojiAsked.delete(n);
    return false;
  }
}
