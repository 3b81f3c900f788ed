import arabicBoldUrl from '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf?url';
import arabicRegularUrl from '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf?url';
import type opentype from 'opentype.js';
import { arabicShaper, type ArabicShaper } from '@shared/cards/arabic';
import { FONT_FAMILIES, FONT_WEIGHTS, type CardFont, type FontWeight } from '@shared/cards/fonts';
import { emojiNameCandidates, faceSet, type FaceSet } from '@shared/cards/glyphs';
import { api } from '@ui/api/client';

/**
 * The page's copy of what the export lays out with: the same bundled font
 * files (loaded once per family and parsed with opentype.js, like the main
 * process does), HarfBuzz for Arabic, and the emoji set's names. The parsers
 * are loaded on demand, so the app's first screen does not carry them.
 *
 * The font files are the page's own static files (hashed names under
 * assets/, built from the same files the main process reads): fetched as
 * binary, cached by the browser, never sent through the API as base64.
 */

// URLs only (a few bytes each); the files themselves are fetched when a card is first drawn in the page.
const FAMILY_URLS = import.meta.glob<string>('../../../assets/fonts/*/*.ttf', { query: '?url', import: 'default', eager: true });
const ARABIC_URLS: Record<'regular' | 'bold', string> = { regular: arabicRegularUrl, bold: arabicBoldUrl };

async function fontBytes(url: string | undefined, name: string): Promise<ArrayBuffer> {
  if (!url) throw new Error(`font file ${name} is not bundled`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`font file ${name}: HTTP ${res.status}`);
  return res.arrayBuffer();
}

interface ParsedFamily {
  faces: Record<FontWeight, opentype.Font>;
}

const families = new Map<CardFont, Promise<ParsedFamily>>();

function parsedFamily(font: CardFont): Promise<ParsedFamily> {
  let p = families.get(font);
  if (!p) {
    const files = FONT_FAMILIES[font].files;
    p = Promise.all([import('opentype.js'), Promise.all(FONT_WEIGHTS.map((w) => fontBytes(FAMILY_URLS[`../../../assets/fonts/${files[w]}`], files[w])))]).then(([mod, bytes]) => {
      const faces = {} as Record<FontWeight, opentype.Font>;
      FONT_WEIGHTS.forEach((w, i) => (faces[w] = mod.default.parse(bytes[i])));
      return { faces };
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
export function loadPageArabic(): Promise<boolean> {
  shaperLoad ??= (async () => {
    try {
      const [hb, regular, bold] = await Promise.all([import('harfbuzzjs'), fontBytes(ARABIC_URLS.regular, 'Noto Sans Arabic'), fontBytes(ARABIC_URLS.bold, 'Noto Sans Arabic Bold')]);
      shaper = arabicShaper(hb, { regular, bold });
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
