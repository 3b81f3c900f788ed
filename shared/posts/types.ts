import type { PostTemplate } from '@shared/domain/post';
import type { NewsSettings } from './settings';

export type Severity = 'error' | 'warning' | 'info';
/** The post fields the coach reads; ranges are offsets into these strings. */
export type CoachField = 'title' | 'dateline' | 'lead' | 'bodyMd' | 'authorCredit';

export interface Fix {
  /** Indonesian button text, e.g. 'Ganti dengan "imbau"'. */
  label: string;
  /** Replaces field.slice(start, end). */
  replacement: string;
}

export interface Finding {
  /** Stable per post: rule + field + matched text (used for dismissal). */
  key: string;
  ruleId: string;
  severity: Severity;
  field: CoachField;
  start: number;
  end: number;
  /** The text at [start, end) when the finding was made. */
  text: string;
  message: string;
  fix?: Fix;
  /** Replacement choices (spelling) that are not safe enough for a one-click fix. */
  suggestions?: string[];
}

export interface RuleInfo {
  id: string;
  category: 'struktur' | 'kutipan' | 'ejaan' | 'sensitivitas' | 'ejaan_kamus';
  severity: Severity;
  title: string;
  /** Longer Indonesian explanation. */
  explanation: string;
  /** Where the rule comes from (document, article, page). */
  source: string;
}

export interface CoachContext {
  settings: NewsSettings;
  template: PostTemplate | null;
  /** Today in the workspace zone (YYYY-MM-DD), for the election period. */
  today: string;
}

export interface CoachPost {
  title: string;
  dateline: string;
  lead: string;
  bodyMd: string;
  authorCredit: string;
  template: PostTemplate | null;
  dismissedFindings: readonly string[];
}

export function findingKey(ruleId: string, field: CoachField, text: string): string {
  return `${ruleId}|${field}|${text.slice(0, 80)}`;
}
