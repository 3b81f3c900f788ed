import { describe, expect, it } from 'vitest';
import { id, SECTIONS } from '@ui/i18n/catalog';
import { KEPT_WORDS, USE_INSTEAD } from '@ui/i18n/glossary';
import { CHANNEL_PRESETS } from '@shared/media/presets';
import { isCorrect } from '@core/posts/spell';

/**
 * No English on Indonesian screens outside the glossary. The word list is
 * the app's own Indonesian spelling check (LibreOffice id_ID Hunspell list,
 * its supplement and affix analysis): a word it does not know is English, a
 * name or a typo, and each one kept must be listed in renderer/i18n/glossary.ts
 * with its reason. This catches any English word, not only those on a
 * curated list of English UI words.
 */
const kept = new Set(Object.values(KEPT_WORDS).flat());

/** What is not prose: placeholders, addresses, identifiers, quoted labels of other programs. */
function prose(text: string): string {
  return text
    .replace(/"[^"]*"/g, ' ')
    .replace(/https?:\/\/\S*/g, ' ')
    .replace(/\S*[\p{L}\d][._/][\p{L}\d{]\S*/gu, ' ')
    .replace(/(^|\s)[./]\S+/g, ' ')
    .replace(/\{\w+\}/g, ' ');
}

function unknownWords(text: string): string[] {
  const out: string[] = [];
  for (const word of prose(text).match(/\p{L}[\p{L}\d'’-]*/gu) ?? []) {
    const w = word.replace(/['’-]+$/, '');
    if (w.length < 2 || /^\p{Lu}[\p{Lu}\d-]+$/u.test(w)) continue;
    const lower = w.toLowerCase();
    if (kept.has(lower) || isCorrect(w) || isCorrect(lower)) continue;
    // Hyphenated forms: each part Indonesian or kept ("Penulis-nya", "API-nya", "sp4n-lapor").
    if (w.includes('-') && w.split('-').every((p) => p === '' || kept.has(p.toLowerCase()) || isCorrect(p) || p === 'nya' || /^\p{Lu}+$/u.test(p))) continue;
    out.push(w);
  }
  return out;
}

describe('Indonesian catalogue: no English words outside the glossary', () => {
  const texts: [string, string][] = [...Object.entries(id), ...CHANNEL_PRESETS.map((p) => [`preset ${p.id}`, p.label] as [string, string])];

  it('knows every word of every Indonesian text, or finds it in the glossary', () => {
    const found = texts.flatMap(([key, text]) => unknownWords(text).map((w) => `${key}: ${w}`));
    expect(found).toEqual([]);
  });

  it('uses the chosen Indonesian term instead of the English one', () => {
    const found = texts.flatMap(([key, text]) =>
      Object.keys(USE_INSTEAD)
        .filter((en) => new RegExp(`(^|[^\\p{L}])${en}([^\\p{L}]|$)`, 'iu').test(prose(text)))
        .map((en) => `${key}: “${en}” → ${USE_INSTEAD[en]}`),
    );
    expect(found).toEqual([]);
  });

  it('fails on the words that started this check', () => {
    expect(unknownWords('Tambah koneksi Facebook Page')).toEqual(['Page']);
    expect(unknownWords('Application Password')).toEqual(['Application', 'Password']);
    expect(unknownWords('Slide 2 · thumbnail · feed')).toEqual(['Slide', 'thumbnail', 'feed']);
    expect(unknownWords('Instagram Story 9:16, {n} foto, lihat https://example.org/a_b dan "Authorize app"')).toEqual([]);
  });

  it('lists each glossary word once', () => {
    const all = Object.values(KEPT_WORDS).flat();
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(SECTIONS).length).toBeGreaterThan(5);
  });
});
