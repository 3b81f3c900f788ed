import { KEPT_WORDS } from '@ui/i18n/glossary';
import { isCorrect } from '@core/posts/spell';

/**
 * "Is this Indonesian?" for tests: the app's own Indonesian spelling check
 * (LibreOffice id_ID Hunspell list, its supplement and affix analysis) plus
 * the glossary's kept words. A word it does not know is English, a name or a
 * typo. Used on the catalogue (tests/unit/renderer/glossary.test.ts) and on
 * the visible text of screens (tests/e2e/firstweek-walkthrough.spec.ts).
 */
const kept = new Set(Object.values(KEPT_WORDS).flat());

/** What is not prose: placeholders, addresses, identifiers, quoted labels of other programs. */
export function prose(text: string): string {
  return text
    .replace(/"[^"]*"/g, ' ')
    .replace(/https?:\/\/\S*/g, ' ')
    .replace(/\S*[\p{L}\d][._/][\p{L}\d{]\S*/gu, ' ')
    .replace(/(^|\s)[./]\S+/g, ' ')
    .replace(/\{\w+\}/g, ' ');
}

export function unknownWords(text: string, extra: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  for (const word of prose(text).match(/\p{L}[\p{L}\d'’-]*/gu) ?? []) {
    const w = word.replace(/['’-]+$/, '');
    if (w.length < 2 || /^\p{Lu}[\p{Lu}\d-]+$/u.test(w)) continue;
    const lower = w.toLowerCase();
    if (kept.has(lower) || extra.has(lower) || isCorrect(w) || isCorrect(lower)) continue;
    // Hyphenated forms: each part Indonesian or kept ("Penulis-nya", "API-nya", "sp4n-lapor").
    if (w.includes('-') && w.split('-').every((p) => p === '' || kept.has(p.toLowerCase()) || isCorrect(p) || p === 'nya' || /^\p{Lu}+$/u.test(p))) continue;
    out.push(w);
  }
  return out;
}
