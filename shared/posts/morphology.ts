/**
 * A small Indonesian affix analysis for the speller: the roots a word may be
 * built from by the productive affixes of EYD V ("Penulisan Kata — Kata
 * Berimbuhan") and KBBI: di-, ter-, se-, ber-, meN- and peN- with their
 * nasal forms (mem-/men-/meng-/meny-, the melted k/p/t/s), ke-…-an, peN-…-an,
 * and the bound forms antar-, pasca-, eks-, non-, pra- (written together).
 * The caller accepts the word when one of the roots is in the dictionary.
 * Deliberately strict, so typos stay typos: ber- before "kerja"/"ternak" is
 * "be-", meN-/peN- must take the nasal that fits the root, peN- and ke- need
 * -an, and per-…-an is not guessed (perkarangan ≠ pekarangan).
 */

const CLITIC = /^(.{3,}?)(nya|lah|kah|pun|ku|mu)$/u;
const BOUND = ['antar', 'pasca', 'non', 'pra', 'swa', 'nir', 'multi', 'pasca', 'purna', 'sub', 'supra'];
const BE_ROOTS = new Set(['kerja', 'ternak', 'serta', 'pergi']);

interface Layer {
  root: string;
  /** Suffixes the prefix allows ('' = none). */
  suffixes: readonly string[];
  /** ber-/per-/peN- may sit inside a confix (ke-ber-…-an, pem-ber-…-an, di-per-…-kan). */
  inner: boolean;
}

const VERB = ['', 'kan', 'i'] as const;

/** Roots behind one prefix (or prefix + melted first letter). */
function prefixLayers(w: string): Layer[] {
  const out: Layer[] = [];
  let inner = false;
  let noun = false;
  const add = (root: string, suffixes: readonly string[]) => {
    // peN- makes nouns: never around a -kan verb (pemberikan is not pemberian).
    if (root.length >= 3 && !(noun && /(kan|i)$/u.test(root) && suffixes.length === 2 && root.endsWith('kan'))) out.push({ root, suffixes, inner });
  };
  if (w.startsWith('diper')) add(w.slice(5), VERB);
  if (w.startsWith('di')) add(w.slice(2), VERB);
  if (w.startsWith('ter')) add(w.slice(3), VERB);
  if (w.startsWith('se')) add(w.slice(2), ['', 'nya']);
  if (w.startsWith('ke')) add(w.slice(2), ['an']);
  inner = true;
  if (w.startsWith('ber')) {
    const r = w.slice(3);
    if (!BE_ROOTS.has(r.replace(/(kan|an)$/u, '')) && !r.startsWith('r')) add(r, ['', 'an', 'kan']);
  }
  if (w.startsWith('be') && (w[2] === 'r' || BE_ROOTS.has(w.slice(2).replace(/(kan|an)$/u, '')))) add(w.slice(2), ['', 'an', 'kan']);
  if (w.startsWith('memper')) add(w.slice(6), VERB);
  if (w.startsWith('per')) add(w.slice(3), ['kan', 'i']);
  for (const [p, suff] of [['me', VERB], ['pe', ['', 'an']]] as const) {
    if (!w.startsWith(p)) continue;
    inner = p === 'pe';
    noun = p === 'pe';
    const r = w.slice(2);
    if (/^(l|m|n[^g]|r|w|y|ny|ng)/u.test(r) && !/^(ng[aeiou]|ny[aeiou])/u.test(r)) add(r, suff);
    if (/^ny[aeiou]/u.test(r)) add('s' + r.slice(2), suff);
    if (/^ng/u.test(r)) {
      const x = r.slice(2);
      if (/^([aeiou]|g|h|kh)/u.test(x)) add(x, suff);
      if (/^[aeiou]/u.test(x)) add('k' + x, suff);
      if (x.startsWith('e')) add(x.slice(1), suff); // menge-/penge- before one-syllable roots
    }
    if (/^m/u.test(r) && !/^m[aeiou]/u.test(r.slice(0, 0))) {
      const x = r.slice(1);
      if (/^[bfv]/u.test(x)) add(x, suff);
      if (/^[aeiou]/u.test(x)) add('p' + x, suff);
    }
    if (/^n[^gy]/u.test(r)) {
      const x = r.slice(1);
      if (/^([cdjz]|sy)/u.test(x)) add(x, suff);
      if (/^[aeiou]/u.test(x)) add('t' + x, suff);
    }
  }
  inner = false;
  noun = false;
  for (const b of BOUND) if (w.startsWith(b)) add(w.slice(b.length), ['']);
  return out;
}

function stripSuffix(root: string, suffixes: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of suffixes) {
    if (s === '') out.push(root);
    else if (root.endsWith(s) && root.length - s.length >= 3) out.push(root.slice(0, -s.length));
  }
  return out;
}

/**
 * Candidate roots of a lower-case word (two affix layers deep, clitics
 * stripped): "kebencanaan" → "bencana", "terimunisasi" → "imunisasi",
 * "pemberdayaan" → "berdaya" → "daya". Empty for a word with no affix.
 */
export function affixStems(word: string): string[] {
  const w = word.toLowerCase();
  const out = new Set<string>();
  const bases = [w];
  const c = CLITIC.exec(w);
  if (c) {
    out.add(c[1]);
    bases.push(c[1]);
  }
  for (const base of bases) {
    for (const l of prefixLayers(base)) {
      for (const s of l.suffixes) {
        for (const r of stripSuffix(l.root, [s])) {
          out.add(r);
          // A second layer only inside a suffix: keberhasilan, pemberdayaan, diperbaiki.
          if (s === '') continue;
          for (const l2 of prefixLayers(r)) if (l2.inner) for (const r2 of stripSuffix(l2.root, [''])) out.add(r2);
        }
      }
    }
  }
  out.delete(w);
  return [...out];
}

/** Damerau-Levenshtein distance (optimal string alignment). */
export function damerau(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Capitalised but not ALL CAPS: a name unless a list knows it. */
export function isNameLike(w: string): boolean {
  return /^\p{Lu}/u.test(w) && w !== w.toUpperCase();
}

/**
 * Order a speller's suggestions: a joined preposition split first
 * ("diantaranya" → "di antaranya"), then the closest spellings (at most two
 * edits, same first letter first). A guess farther away changes the meaning
 * (balita → barita, dirujuk → dibujuk) and is dropped.
 */
export function rankSuggestions(word: string, raw: readonly string[], known: (w: string) => boolean): string[] {
  const lower = word.toLowerCase();
  const out: string[] = [];
  const prep = /^(di|ke)(\p{L}{3,})$/u.exec(lower);
  if (prep && known(prep[2])) out.push(`${word.slice(0, 2)} ${word.slice(2)}`);
  const scored = raw
    // "Cina" is never offered (Keppres 12/2014), e.g. for "China".
    .filter((s) => (!s.includes(' ') || s.replace(/ /g, '') === lower) && s.toLowerCase() !== 'cina')
    .map((s) => ({ s, d: damerau(lower, s.toLowerCase()) }))
    .filter((x) => x.d <= 2 && (x.d === 1 || x.s[0].toLowerCase() === lower[0]))
    .sort((a, b) => a.d - b.d || Number(b.s[0].toLowerCase() === lower[0]) - Number(a.s[0].toLowerCase() === lower[0]));
  for (const { s } of scored) if (!out.includes(s)) out.push(s);
  return out.slice(0, 3);
}
