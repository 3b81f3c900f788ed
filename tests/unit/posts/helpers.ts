import { runCoach } from '@shared/posts/coach';
import { DEFAULT_NEWS_SETTINGS, type NewsSettings } from '@shared/posts/settings';
import type { CoachPost, Finding } from '@shared/posts/types';

/** A post that passes every structure rule, to test one rule at a time. */
export const GOOD: CoachPost = {
  title: 'Bupati Blora Resmikan Gedung Baru UDD PMI',
  dateline: 'BLORA',
  lead: 'Bupati Blora Arief Rohman meresmikan gedung baru Unit Donor Darah Palang Merah Indonesia di Jalan Pemuda, Kamis (16/5/2024). Gedung ini menjadi pusat pelayanan donor darah bagi warga kabupaten dan tempat pelatihan relawan.',
  bodyMd: 'Gedung dua lantai itu dibangun dengan anggaran daerah.\n\n“Kami ingin pelayanan darah makin cepat dan aman bagi warga,” ujar Arief.',
  authorCredit: 'Tim Humas',
  template: null,
  dismissedFindings: [],
};

export function coach(post: Partial<CoachPost>, opts: { settings?: Partial<NewsSettings>; today?: string; misspelled?: Map<string, string[]> } = {}): Finding[] {
  const p = { ...GOOD, ...post };
  return runCoach(p, { settings: { ...DEFAULT_NEWS_SETTINGS, ...opts.settings }, template: p.template, today: opts.today ?? '2024-05-16' }, { misspelled: opts.misspelled }).findings;
}

export const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);
export const only = (fs: Finding[], rule: string) => fs.filter((f) => f.ruleId === rule);
