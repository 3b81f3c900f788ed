import type { Fix } from '@shared/posts/types';

/** A finding before the coach adds field, key, severity and absolute offsets. */
export interface RawFinding {
  ruleId: string;
  start: number;
  end: number;
  message?: string;
  fix?: Fix;
  suggestions?: string[];
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Word-boundary regex over a list of phrases (Unicode-aware, case-insensitive). */
export function phraseRe(phrases: readonly string[], flags = 'giu'): RegExp {
  const alt = [...phrases].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  return new RegExp(`(?<![\\p{L}\\p{N}-])(?:${alt})(?![\\p{L}\\p{N}]|-[\\p{L}])`, flags);
}
