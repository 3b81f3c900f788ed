import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import nspell from 'nspell';
import { assetPath } from '../assets';

/**
 * Indonesian spelling with Hunspell data (LibreOffice id_ID, LGPL-3, shipped
 * in assets/dictionaries) and the nspell engine. Loaded once, on first use.
 * Results are cached: the same words are checked on every keystroke.
 */
type Speller = ReturnType<typeof nspell>;

let speller: Speller | null = null;
const correctCache = new Map<string, boolean>();
const suggestCache = new Map<string, string[]>();

function findDictionaryDir(): string {
  return assetPath('dictionaries');
}

export function loadSpeller(): Speller {
  if (!speller) {
    const dir = findDictionaryDir();
    speller = nspell(readFileSync(path.join(dir, 'id_ID.aff')), readFileSync(path.join(dir, 'id_ID.dic')));
    const extra = path.join(dir, 'redaksi-id-extra.txt');
    if (existsSync(extra)) {
      for (const line of readFileSync(extra, 'utf8').split(/\r?\n/)) if (line && !line.startsWith('#')) speller.add(line.trim());
    }
  }
  return speller;
}

export function isCorrect(word: string): boolean {
  let ok = correctCache.get(word);
  if (ok === undefined) {
    const sp = loadSpeller();
    ok = sp.correct(word) || sp.correct(word.toLowerCase());
    if (correctCache.size > 200_000) correctCache.clear();
    correctCache.set(word, ok);
  }
  return ok;
}

export function suggestions(word: string): string[] {
  let s = suggestCache.get(word);
  if (!s) {
    s = loadSpeller().suggest(word).slice(0, 3);
    if (suggestCache.size > 20_000) suggestCache.clear();
    suggestCache.set(word, s);
  }
  return s;
}

/**
 * Misspelled words among `words`, skipping the workspace dictionary
 * (compared case-insensitively). Suggestions only for the first few: nspell's
 * suggest is the slow part.
 */
export function checkWords(words: readonly string[], dictionary: readonly string[], maxSuggest = 40): { word: string; suggestions: string[] }[] {
  const own = new Set(dictionary.map((w) => w.toLowerCase()));
  const out: { word: string; suggestions: string[] }[] = [];
  const seen = new Set<string>();
  for (const w of words) {
    if (seen.has(w) || !/\p{L}/u.test(w) || /\d/.test(w)) continue;
    seen.add(w);
    if (own.has(w.toLowerCase()) || isCorrect(w)) continue;
    // Clitics (-nya, -lah, -kah, -pun, -ku, -mu) attach to any word: check the stem.
    const stem = /^(.{3,}?)(nya|lah|kah|pun|ku|mu)$/iu.exec(w);
    if (stem && (own.has(stem[1].toLowerCase()) || isCorrect(stem[1]))) continue;
    // Hyphenated reduplication "masing-masing" and compounds: check the parts.
    if (w.includes('-') && w.split('-').every((p) => p && (own.has(p.toLowerCase()) || isCorrect(p)))) continue;
    out.push({ word: w, suggestions: out.length < maxSuggest ? suggestions(w) : [] });
  }
  return out;
}
