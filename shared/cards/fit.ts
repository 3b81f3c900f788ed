import type { FontWeight } from './fonts';

/** Font metrics the layout needs; the main process implements it from the bundled font files. */
export interface Measurer {
  /** Advance width of a string at font size 1 (kerning included). */
  advance(text: string, weight: FontWeight): number;
  /** Ascender and descender (positive) at font size 1. */
  ascent(weight: FontWeight): number;
  descent(weight: FontWeight): number;
  /** Characters of the text that no bundled font or emoji set can draw ('' when all can). */
  missing?(text: string, weight: FontWeight): string;
}

const SHY = '\u00ad';
const ZWJ = '\u200d';
const pictographic = /[\p{Extended_Pictographic}\u20e3\ufe0f]/u;

/**
 * Invisible formatting characters people paste from chat apps and Word: a
 * font draws them as a box or a visible mark. Zero-width space, word joiner,
 * BOM, direction marks and embeddings go; a zero-width joiner or non-joiner
 * stays only inside an emoji sequence (👩‍⚕️), where it picks the picture.
 * Soft hyphens stay: the wrapper breaks there and drops them.
 */
export function cleanText(text: string): string {
  const chars = [...text.replace(/[\u200b\u2060\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u180e\u061c]/g, '')];
  return chars
    .filter((c, i) => {
      if (c !== ZWJ && c !== '\u200c') return true;
      return c === ZWJ && pictographic.test(chars[i - 1] ?? '') && /\p{Extended_Pictographic}/u.test(chars[i + 1] ?? '');
    })
    .join('');
}

export interface FitStyle {
  weight: FontWeight;
  maxSize: number;
  minSize: number;
  /** Line box height as a multiple of the font size. */
  lineHeight: number;
  maxLines?: number;
}

export interface FitResult {
  size: number;
  lines: string[];
  /** Total height of the line boxes. */
  height: number;
  /** Widest line. */
  width: number;
  /** False when the text had to be cut (it did not fit even at minSize). */
  fits: boolean;
}

const VOWELS = new Set('aiueoAIUEOéÉ');
// Indonesian consonant digraphs that stay together (ng, ny, kh, sy).
const DIGRAPHS = new Set(['ng', 'ny', 'kh', 'sy']);

const isLetter = (c: string) => /\p{L}/u.test(c);

/**
 * Indonesian hyphenation points (indices where a "-" may go), by the
 * syllable rules of PUEBI: V-CV, VC-CV (digraphs stay together), and after a
 * hyphen already in the word. Returns ascending indices, never at the edges.
 */
export function hyphenPoints(word: string): number[] {
  const out: number[] = [];
  const lower = word.toLowerCase();
  for (let i = 2; i <= word.length - 2; i++) {
    const a = lower[i - 1];
    const b = lower[i];
    if (a === '-' || a === '/') {
      out.push(i);
      continue;
    }
    if (!isLetter(a) || !isLetter(b)) continue;
    const prevV = VOWELS.has(lower[i - 1]);
    const curV = VOWELS.has(b);
    const nextV = i + 1 < word.length && VOWELS.has(lower[i + 1]);
    // V-(ng|ny|kh|sy)V: break before the digraph ("me-nya-nyi", "pemba-ngun").
    if (prevV && i + 2 < word.length && DIGRAPHS.has(lower.slice(i, i + 2)) && VOWELS.has(lower[i + 2])) {
      out.push(i);
      continue;
    }
    // V-CV: break before a single consonant followed by a vowel.
    if (prevV && !curV && nextV) {
      out.push(i);
      continue;
    }
    // VC-CV: break between two consonants, unless they form a digraph.
    if (!prevV && !curV && nextV && i >= 2 && VOWELS.has(lower[i - 2]) && !DIGRAPHS.has(lower.slice(i - 1, i + 1))) {
      out.push(i);
      continue;
    }
    // "ng"/"ny" + consonant-vowel (e.g. "bang-sa"): break after the digraph.
    if (!prevV && !curV && nextV && i >= 3 && DIGRAPHS.has(lower.slice(i - 2, i)) && VOWELS.has(lower[i - 3])) {
      out.push(i);
    }
  }
  return [...new Set(out)].sort((x, y) => x - y).filter((i) => i >= 2 && i <= word.length - 2);
}

type Width = (s: string) => number;

const NBSP = '\u00a0';
const UNITS = 'ribu|rb|juta|jt|miliar|M|triliun|T|km|m|ha|ton|kg|persen|%|orang|jiwa|KK|unit|desa|WIB|WITA|WIT';

/**
 * Keeps a figure with its currency and unit on one line ("Rp 4,2 M",
 * "128 km", "08.00 WIB"): the spaces between them become no-break spaces.
 */
export function glueFigures(text: string): string {
  return text
    .replace(/\b(Rp|IDR|US\$)[ \t]+(?=\p{Nd})/gu, `$1${NBSP}`)
    .replace(new RegExp(`(\\p{Nd})[ \\t]+(?=(?:${UNITS})(?![\\p{L}\\p{Nd}]))`, 'gu'), `$1${NBSP}`);
}

/** Splits one word that is wider than maxWidth into pieces that each fit (hyphenated where possible). */
export function breakWord(word: string, maxWidth: number, width: Width): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > 0 && width(rest) > maxWidth) {
    // Where the writer put soft hyphens, only those are break points.
    const points = rest.includes(SHY) ? [...rest].flatMap((c, i) => (c === SHY && i > 0 ? [i + 1] : [])).filter((i) => i < rest.length) : hyphenPoints(rest);
    let cut = -1;
    for (const p of points) {
      const head = rest.slice(0, p).replace(/\u00ad$/, '');
      const piece = head.endsWith('-') || head.endsWith('/') ? head : `${head}-`;
      if (width(piece) <= maxWidth) cut = p;
      else break;
    }
    if (cut > 0) {
      const head = rest.slice(0, cut).replace(/\u00ad$/, '');
      pieces.push(head.endsWith('-') || head.endsWith('/') ? head : `${head}-`);
      rest = rest.slice(cut);
      continue;
    }
    // No syllable break fits (numbers, codes, very narrow boxes): cut by grapheme.
    const chars = [...rest];
    let n = 1;
    while (n < chars.length && width(chars.slice(0, n + 1).join('')) <= maxWidth) n++;
    pieces.push(chars.slice(0, n).join(''));
    rest = chars.slice(n).join('');
  }
  if (rest) pieces.push(rest);
  return pieces;
}

const hasDigit = (w: string) => /\p{Nd}/u.test(w);

/**
 * A word with digits in it (a figure, a date, a phone number) is one unit: it
 * may only break after a dash or slash it already has, never inside the
 * digits. Returns null when a piece is still too wide at this size.
 */
function breakFigure(word: string, maxWidth: number, width: Width): string[] | null {
  const parts = word.split(/(?<=[-–/])/);
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    if (width(p) > maxWidth) return null;
    if (cur && width(cur + p) > maxWidth) {
      out.push(cur);
      cur = p;
    } else cur += p;
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Greedy word wrap; explicit newlines start new lines; long words are
 * hyphenated. With `strict`, figures are never cut inside (null when one does
 * not fit the width at this size, so the caller shrinks the type instead).
 */
export function wrapText(text: string, maxWidth: number, width: Width, strict: true): string[] | null;
export function wrapText(text: string, maxWidth: number, width: Width, strict?: false): string[];
export function wrapText(text: string, maxWidth: number, width: Width, strict = false): string[] | null {
  const lines: string[] = [];
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = para.split(/[ \t]+/).filter(Boolean);
    if (words.length === 0) {
      if (lines.length > 0) lines.push('');
      continue;
    }
    let cur = '';
    for (let w of words) {
      const candidate = cur ? `${cur} ${w}` : w;
      if (width(candidate) <= maxWidth) {
        cur = candidate;
        continue;
      }
      // A soft hyphen lets the start of the word end this line ("Keluarga Beren-" / "cana").
      if (cur && w.includes(SHY)) {
        const cuts = [...w].flatMap((c, i) => (c === SHY ? [i] : [])).reverse();
        const at = cuts.find((i) => width(`${cur} ${w.slice(0, i)}-`) <= maxWidth);
        if (at !== undefined) {
          lines.push(`${cur} ${w.slice(0, at)}-`);
          cur = '';
          w = w.slice(at + 1);
          if (width(w) <= maxWidth) {
            cur = w;
            continue;
          }
        }
      }
      if (cur) lines.push(cur);
      if (width(w) <= maxWidth) {
        cur = w;
        continue;
      }
      const pieces = hasDigit(w) && strict ? breakFigure(w, maxWidth, width) : breakWord(w, maxWidth, width);
      if (!pieces) return null;
      lines.push(...pieces.slice(0, -1));
      cur = pieces[pieces.length - 1] ?? '';
    }
    if (cur) lines.push(cur);
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // Soft hyphens not used for a break are not drawn.
  return lines.map((l) => l.replaceAll(SHY, ''));
}

function ellipsise(line: string, maxWidth: number, width: Width): string {
  let s = line.trimEnd();
  while (s.length > 0 && width(`${s}...`) > maxWidth) s = [...s].slice(0, -1).join('').trimEnd();
  return `${s}...`;
}

/**
 * Fits text into a box: the largest size from maxSize down to minSize at
 * which the wrapped text fits; if none, minSize with the text cut (and
 * fits=false, so the editor can say which field is too long). The result
 * never exceeds the box.
 */
export function fitText(text: string, box: { w: number; h: number }, style: FitStyle, m: Measurer): FitResult {
  const cache = new Map<string, number>();
  const unit = (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = m.advance(s.replaceAll(SHY, ''), style.weight);
      cache.set(s, v);
    }
    return v;
  };
  const clean = glueFigures(cleanText(text).trim());
  if (!clean) return { size: style.maxSize, lines: [], height: 0, width: 0, fits: true };
  const maxLines = style.maxLines ?? Infinity;
  const step = Math.max(1, Math.round(style.maxSize * 0.03));
  for (let size = style.maxSize; size >= style.minSize; size = size === style.minSize ? -1 : Math.max(style.minSize, size - step)) {
    const w: Width = (s) => unit(s) * size;
    const lh = size * style.lineHeight;
    const lines = wrapText(clean, box.w, w, true);
    if (lines && lines.length <= maxLines && lines.length * lh <= box.h + 0.01) {
      return { size, lines, height: lines.length * lh, width: Math.max(...lines.map(w)), fits: true };
    }
  }
  const size = style.minSize;
  const w: Width = (s) => unit(s) * size;
  const lh = size * style.lineHeight;
  const all = wrapText(clean, box.w, w);
  const room = Math.max(0, Math.min(maxLines, Math.floor((box.h + 0.01) / lh)));
  const lines = all.slice(0, room);
  if (lines.length > 0) lines[lines.length - 1] = ellipsise(lines[lines.length - 1], box.w, w);
  return { size, lines, height: lines.length * lh, width: lines.length ? Math.max(...lines.map(w)) : 0, fits: false };
}
