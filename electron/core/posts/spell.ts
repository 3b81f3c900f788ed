import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nspell from 'nspell';
import { affixStems, damerau, isNameLike, rankSuggestions } from '@shared/posts/morphology';
import { assetPath } from '@core/assets';

/**
 * Indonesian spelling with Hunspell data (LibreOffice id_ID, LGPL-3, shipped
 * in assets/dictionaries) and the nspell engine, plus a supplement of
 * standard forms (assets/dictionaries/redaksi-id-extra.txt), an affix
 * analysis that accepts productive forms of known roots (di-, ter-, meN-,
 * peN-…-an, ke-…-an, se-, antar-, pasca-…), and the place names of
 * idn-area-data (regulation-based list of provinces, regencies, districts
 * and villages; code MIT, data ODbL) so that a place is never a spelling
 * error. Loaded once, on first use; results are cached per word.
 *
 * Case matters: a lower-case word is checked as written ("jawa" is wrong
 * where "Jawa" is right). A capitalised word the lists do not know is most
 * often a name; it is reported only when it is one letter away from a
 * common lower-case word ("Kecematan", "Difinitif"), and otherwise returned
 * as a name the writer can add to the workspace dictionary in one click.
 */
type Speller = ReturnType<typeof nspell>;

let speller: Speller | null = null;
let places: Set<string> | null = null;
const correctCache = new Map<string, boolean>();
const suggestCache = new Map<string, string[]>();

export function loadSpeller(): Speller {
  if (!speller) {
    const dir = assetPath('dictionaries');
    speller = nspell(readFileSync(path.join(dir, 'id_ID.aff')), readFileSync(path.join(dir, 'id_ID.dic')));
    const extra = path.join(dir, 'redaksi-id-extra.txt');
    if (existsSync(extra)) {
      for (const line of readFileSync(extra, 'utf8').split(/\r?\n/)) {
        const t = line.trim();
        if (t && !t.startsWith('#')) speller.add(t);
      }
    }
  }
  return speller;
}

/** Lower-case words of every place name in idn-area-data (e.g. "kalibawang", "sofifi"), loaded once. */
export function placeWords(): ReadonlySet<string> {
  if (!places) {
    places = new Set();
    try {
      const dir = path.join(path.dirname(createRequire(typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js')).resolve('idn-area-data/package.json')), 'data');
      for (const file of ['provinces.csv', 'regencies.csv', 'districts.csv', 'villages.csv']) {
        const text = readFileSync(path.join(dir, file), 'utf8');
        for (const line of text.split('\n').slice(1)) {
          const name = line.slice(line.lastIndexOf(',') + 1).trim().replace(/^"|"$/g, '');
          for (const w of name.toLowerCase().split(/[^\p{L}'’-]+/u)) if (w.length > 2) places.add(w);
        }
      }
    } catch {
      // The gazetteer is an aid: without it, unknown capitalised words are still treated as names.
    }
  }
  return places;
}

function dictCorrect(word: string): boolean {
  const sp = loadSpeller();
  return sp.correct(word) || (/^\p{Lu}/u.test(word) && sp.correct(word.toLowerCase()));
}

/** In the dictionary, or an affixed / clitic / reduplicated form of a word that is. */
export function isCorrect(word: string): boolean {
  let ok = correctCache.get(word);
  if (ok === undefined) {
    ok = dictCorrect(word);
    if (!ok) {
      const lower = /^\p{Lu}\p{Ll}*$/u.test(word) ? word.toLowerCase() : word;
      ok = affixStems(lower).some((stem) => dictCorrect(stem));
    }
    // se-/antar-/pasca-/non- before a capital ("se-Kabupaten", "non-ASN") and reduplication ("masing-masing").
    const bound = /^(se|antar|pasca|non|pra|eks)-(\p{Lu}.*)$/u.exec(word);
    if (!ok && bound) ok = true;
    if (!ok && word.includes('-')) ok = word.split('-').every((p) => p.length > 0 && (isCorrect(p) || /^\p{Lu}+$/u.test(p)));
    if (correctCache.size > 200_000) correctCache.clear();
    correctCache.set(word, ok);
  }
  return ok;
}

export function suggestions(word: string): string[] {
  let s = suggestCache.get(word);
  if (!s) {
    const sp = loadSpeller();
    // nspell only proposes words of its list; one edit away there may be an affixed form of a known root ("dirujuk").
    s = rankSuggestions(word, [...sp.suggest(word), ...oneEditAway(word)], (w) => isCorrect(w));
    if (suggestCache.size > 20_000) suggestCache.clear();
    suggestCache.set(word, s);
  }
  return s;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Known words one deletion, transposition or substitution away (lower-case words of 4–20 letters). */
function oneEditAway(word: string): string[] {
  if (!/^\p{Ll}{4,20}$/u.test(word)) return [];
  const out = new Set<string>();
  const consider = (w: string) => {
    if (w !== word && !out.has(w) && isCorrect(w)) out.add(w);
  };
  for (let i = 0; i < word.length; i++) {
    consider(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
    for (const c of LETTERS) if (c !== word[i]) consider(word.slice(0, i) + c + word.slice(i + 1));
  }
  return [...out];
}

/** A capitalised unknown word one edit from a common lower-case word of 8+ letters: a typo, not a name. */
const nearCache = new Map<string, string | null>();

function nearCommonWord(word: string): string | null {
  const lower = word.toLowerCase();
  if (lower.length < 8 || placeWords().has(lower)) return null;
  let near = nearCache.get(lower);
  if (near === undefined) {
    near = null;
    for (const s of loadSpeller().suggest(lower)) {
      // A different last letter is more often another name or an acronym (Lantamal) than a typo.
      if (s === s.toLowerCase() && s.length >= 8 && damerau(lower, s) === 1 && s.slice(-2) === lower.slice(-2)) {
        near = s;
        break;
      }
    }
    if (nearCache.size > 20_000) nearCache.clear();
    nearCache.set(lower, near);
  }
  return near;
}

export interface SpellResult {
  word: string;
  suggestions: string[];
}

/**
 * Misspelled words among `words`, skipping the workspace dictionary
 * (compared case-insensitively). Suggestions only for the first few: nspell's
 * suggest is the slow part. `names` are the capitalised words not known to
 * any list and taken for names (for "add all names of this post").
 */
export function checkSpelling(words: readonly string[], dictionary: readonly string[], maxSuggest = 40): { misspelled: SpellResult[]; names: string[] } {
  const own = new Set(dictionary.map((w) => w.toLowerCase()));
  const misspelled: SpellResult[] = [];
  const names: string[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w) || !/\p{L}/u.test(w) || /\d/.test(w)) continue;
    seen.add(w);
    if (own.has(w.toLowerCase()) || isCorrect(w)) continue;
    if (isNameLike(w)) {
      const near = nearCommonWord(w);
      if (near) misspelled.push({ word: w, suggestions: [near[0].toUpperCase() + near.slice(1)] });
      else if (!placeWords().has(w.toLowerCase())) names.push(w);
      continue;
    }
    misspelled.push({ word: w, suggestions: misspelled.length < maxSuggest ? suggestions(w) : [] });
  }
  return { misspelled, names };
}

/** Misspelled words only (see checkSpelling). */
export function checkWords(words: readonly string[], dictionary: readonly string[], maxSuggest = 40): SpellResult[] {
  return checkSpelling(words, dictionary, maxSuggest).misspelled;
}
