/**
 * Text helpers for the coach: Markdown masking (same length, so offsets stay
 * valid), sentence splitting aware of Indonesian abbreviations, word count.
 */

/** Stands in for Markdown emphasis markers (* _ ~) in masked text. */
export const MASK_EMPHASIS = '\u2063';
/** Stands in for other Markdown syntax (link targets, brackets, block markers, code). */
export const MASK = '\u2064';

/**
 * Replace Markdown syntax that is not prose with invisible mask characters,
 * keeping offsets. Mask characters are neither letters nor spaces, so word
 * and spacing rules see neither the syntax nor phantom double spaces.
 */
export function maskMarkdown(s: string): string {
  const m = (x: string) => MASK.repeat(x.length);
  return s
    .replace(/`[^`\n]*`/g, m)
    .replace(/!\[[^\]\n]*\]\([^)\n]*\)/g, m)
    .replace(/\]\(([^)\n]*)\)/g, m)
    .replace(/<?https?:\/\/[^\s>]+>?/g, m)
    .replace(/^(\s*)(#{1,6}\s|>\s?|[-*+]\s|\d+[.)]\s)/gm, (x, lead: string) => lead + MASK.repeat(x.length - lead.length))
    .replace(/[[\]]/g, MASK)
    .replace(/[*_~]/g, MASK_EMPHASIS);
}

// Abbreviations whose period does not end a sentence.
const ABBREV = new Set([
  'dr', 'drs', 'dra', 'ir', 'h', 'hj', 'prof', 'st', 'no', 'rp', 'dll', 'dsb', 'dst', 'jl', 'jln', 'kab', 'kec', 'kel',
  'tel', 'telp', 'hlm', 'sdr', 'sdri', 'bpk', 'ibu', 'kom', 'pd', 'si', 'sh', 'se', 'mm', 'mh', 'mpd', 'ip', 'kes', 'ak',
  'sos', 'ag', 'sp', 'pt', 'cv', 'tbk', 'a.md', 'amd', 'm', 's', 'k', 'yth', 'moh', 'muh', 'nomor', 'kh', 'tgl',
  // Military and police ranks ("Mayjend. TNI …").
  'jend', 'jenderal', 'mayjen', 'mayjend', 'brigjen', 'brigjend', 'letjen', 'letjend', 'kol', 'letkol', 'mayor', 'kapt', 'lettu', 'letda',
  'irjen', 'kombes', 'akbp', 'kompol', 'akp', 'iptu', 'ipda', 'aiptu', 'bripka', 'brigpol', 'serka', 'sertu', 'laksma', 'marsma', 'laksda', 'marsda',
]);

export interface Span {
  start: number;
  end: number;
}

/** Sentence spans in a block of prose (offsets into s). */
export function sentences(s: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const re = /[.!?]+["”’)\u2063]*(?=\s+["“‘(\u2063\u2064]*[\p{Lu}\d]|\s*$)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.' && m[0].length === 1) {
      const before = /([\p{L}.]+)$/u.exec(s.slice(start, m.index));
      const word = before ? before[1].toLowerCase() : '';
      // "S.Kom." / "Ir." / single initials "A." do not end a sentence.
      if (word && (ABBREV.has(word.replace(/\./g, '')) || /^\p{L}$/u.test(word) || word.includes('.'))) continue;
    }
    if (s.slice(start, end).trim()) out.push(trimSpan(s, start, end));
    start = end;
  }
  if (s.slice(start).trim()) out.push(trimSpan(s, start, s.length));
  return out;
}

function trimSpan(s: string, start: number, end: number): Span {
  while (start < end && /\s/.test(s[start])) start++;
  while (end > start && /\s/.test(s[end - 1])) end--;
  return { start, end };
}

const WORD_RE = /[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu;

export function wordCount(s: string): number {
  const m = s.match(WORD_RE);
  return m ? m.length : 0;
}

/** Blocks (paragraphs) separated by blank lines; each non-empty block with its offset. */
export function blocks(s: string): Span[] {
  const out: Span[] = [];
  const re = /\n[ \t]*\n+/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s))) {
    if (s.slice(start, m.index).trim()) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (s.slice(start).trim()) out.push({ start, end: s.length });
  return out;
}

/** Keep the case pattern of `original` on `replacement` (ijin → izin, Ijin → Izin, IJIN → IZIN). */
export function matchCase(original: string, replacement: string): string {
  if (original.length > 1 && original === original.toUpperCase()) return replacement.toUpperCase();
  if (original[0] && original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase()) {
    return replacement[0].toUpperCase() + replacement.slice(1);
  }
  return replacement;
}

