import { describe, expect, it } from 'vitest';
import { id, SECTIONS } from '@ui/i18n/catalog';
import { KEPT_WORDS, USE_INSTEAD } from '@ui/i18n/glossary';
import { CHANNEL_PRESETS } from '@shared/media/presets';
import { prose, unknownWords } from '../../language-check';

/**
 * No English on Indonesian screens outside the glossary. The word list is
 * the app's own Indonesian spelling check (LibreOffice id_ID Hunspell list,
 * its supplement and affix analysis): a word it does not know is English, a
 * name or a typo, and each one kept must be listed in renderer/i18n/glossary.ts
 * with its reason. This catches any English word, not only those on a
 * curated list of English UI words.
 */
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
