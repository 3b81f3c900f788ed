import { RULES } from './rules/catalog';
import type { CoachField, Finding, Severity } from './types';

/**
 * How the coach panel orders and groups findings (issue 17): errors first,
 * the same finding repeated (ten "Rp " spacings, one misspelling five times)
 * is one item with "Perbaiki semua", and structure notes (lead length,
 * paragraph and sentence length, what the lead lacks) are folded apart, so a
 * first-time writer faces a short list.
 */
export interface FindingGroup {
  key: string;
  ruleId: string;
  severity: Severity;
  findings: Finding[];
}

const SEVERITY: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const FIELD: Record<CoachField, number> = { title: 0, dateline: 1, lead: 2, bodyMd: 3, authorCredit: 4 };

/** Structure notes folded under "Catatan": advice on length and shape, not mistakes. */
export function isNote(f: Pick<Finding, 'ruleId' | 'severity'>): boolean {
  return f.severity === 'info' && RULES[f.ruleId]?.category === 'struktur';
}

function groupKey(f: Finding): string {
  // Same rule and same words (any case) is the same point; spacing and punctuation findings of one rule are one point.
  const words = f.text.toLowerCase().replace(/\s+/g, ' ').trim();
  return /\p{L}/u.test(words) && f.text.length <= 40 ? `${f.ruleId}|${words}|${f.fix?.replacement.toLowerCase() ?? ''}` : f.ruleId;
}

export function groupFindings(findings: readonly Finding[]): { main: FindingGroup[]; notes: FindingGroup[] } {
  const byKey = new Map<string, FindingGroup>();
  const sorted = [...findings].sort((a, b) => FIELD[a.field] - FIELD[b.field] || a.start - b.start);
  for (const f of sorted) {
    const k = (isNote(f) ? 'note:' : '') + groupKey(f);
    const g = byKey.get(k);
    if (g) g.findings.push(f);
    else byKey.set(k, { key: k, ruleId: f.ruleId, severity: f.severity, findings: [f] });
  }
  const groups = [...byKey.values()];
  // Stable: within a severity, groups keep the order of their first finding in the text.
  const ordered = groups.map((g, i) => ({ g, i })).sort((a, b) => SEVERITY[a.g.severity] - SEVERITY[b.g.severity] || a.i - b.i).map((x) => x.g);
  return { main: ordered.filter((g) => !isNote(g.findings[0])), notes: ordered.filter((g) => isNote(g.findings[0])) };
}

/**
 * Apply several findings' fixes to one field's text at once, from the end so
 * earlier offsets stay valid. Findings whose text changed or that overlap an
 * already applied fix are skipped. Returns the new text and how many applied.
 */
export function applyFixes(fieldText: string, fs: readonly Pick<Finding, 'start' | 'end' | 'text' | 'fix'>[]): { text: string; applied: number } {
  let text = fieldText;
  let applied = 0;
  let limit = Infinity;
  for (const f of [...fs].sort((a, b) => b.start - a.start)) {
    if (!f.fix || f.end > limit || fieldText.slice(f.start, f.end) !== f.text) continue;
    text = text.slice(0, f.start) + f.fix.replacement + text.slice(f.end);
    limit = f.start;
    applied++;
  }
  return { text, applied };
}
