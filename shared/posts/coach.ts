import { RULES } from './rules/catalog';
import { blockRules, type BlockContext } from './rules/block';
import { bodyLengthRule, datelineRules, firstMentionRules, leadRules, titleRules } from './rules/fields';
import { escapeRe, type RawFinding } from './rules/raw';
import { inElectionPeriod } from './settings';
import { blocks, maskMarkdown, wordCount } from './text';
import { PLACEHOLDER_RE } from './templates';
import { findingKey, type CoachContext, type CoachField, type CoachPost, type Finding } from './types';

/**
 * The writing coach: runs every rule over a post and returns findings with
 * exact ranges. Paragraph results are cached by their text, so a keystroke
 * re-checks only the paragraph being edited (GUIDE §6 target: < 30 ms per
 * keystroke on a 5,000-word article).
 */
export interface CoachOptions {
  /** Words the speller rejected, exactly as written (case matters: "jawa" is wrong where "Jawa" is right). */
  misspelled?: ReadonlyMap<string, readonly string[]>;
  /** Include dismissed findings (marked) instead of dropping them. */
  includeDismissed?: boolean;
}

export interface CoachResult {
  findings: Finding[];
  dismissed: Finding[];
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;
const FIELD_ORDER: Record<CoachField, number> = { title: 0, dateline: 1, lead: 2, bodyMd: 3, authorCredit: 4 };

const cache = new Map<string, RawFinding[]>();
const CACHE_MAX = 20_000;

function cachedBlock(masked: string, bctx: BlockContext, sig: string): RawFinding[] {
  const k = sig + '\u0000' + masked;
  let r = cache.get(k);
  if (!r) {
    if (cache.size > CACHE_MAX) cache.clear();
    r = blockRules(masked, bctx);
    cache.set(k, r);
  }
  return r;
}

let electionMemo: { names: readonly string[]; re: RegExp | null } | null = null;
function electionRe(names: readonly string[]): RegExp | null {
  if (electionMemo && electionMemo.names === names) return electionMemo.re;
  const clean = names.map((n) => n.trim()).filter(Boolean);
  const re = clean.length
    ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${clean.sort((a, b) => b.length - a.length).map(escapeRe).join('|')})(?![\\p{L}\\p{N}])`, 'giu')
    : null;
  electionMemo = { names, re };
  return re;
}

/** The paragraph leaves one quotation open and the next paragraph opens again: a multi-paragraph quote. */
function quoteContinues(text: string, next: string): boolean {
  const opens = (text.match(/“/g) ?? []).length;
  const closes = (text.match(/”/g) ?? []).length;
  const straight = (text.match(/"/g) ?? []).length;
  const curlyOpenLeft = opens === closes + 1 && straight % 2 === 0 && /^\s*“/.test(next);
  const straightOpenLeft = opens === closes && straight % 2 === 1 && /^\s*"/.test(next);
  return curlyOpenLeft || straightOpenLeft;
}

export function runCoach(post: CoachPost, ctx: CoachContext, opts: CoachOptions = {}): CoachResult {
  const active = inElectionPeriod(ctx.settings.election, ctx.today);
  const bctx: BlockContext = { electionActive: active, electionRe: active ? electionRe(ctx.settings.election.names) : null };
  const sig = active ? 'E:' + ctx.settings.election.names.join('|') : 'N';
  const raw: { field: CoachField; f: RawFinding }[] = [];
  const add = (field: CoachField, list: RawFinding[], offset = 0) => {
    for (const f of list) raw.push({ field, f: offset ? { ...f, start: f.start + offset, end: f.end + offset } : f });
  };

  for (const field of ['title', 'lead', 'bodyMd'] as const) {
    for (const m of post[field].matchAll(PLACEHOLDER_RE)) {
      raw.push({ field, f: { ruleId: 'template.placeholder', start: m.index, end: m.index + m[0].length, message: `Ganti teks panduan ${m[0]}.` } });
    }
  }
  add('title', titleRules(post.title, ctx.settings));
  add('title', cachedBlock(post.title, bctx, sig).filter((f) => !f.ruleId.startsWith('sentence.') && !f.ruleId.startsWith('paragraph.') && f.ruleId !== 'eyd.finalStop'));
  add('dateline', datelineRules(post.dateline));
  add('lead', leadRules(post.lead));
  add('lead', cachedBlock(maskMarkdown(post.lead), bctx, sig).filter((f) => f.ruleId !== 'paragraph.long'));

  const maskedBody = maskMarkdown(post.bodyMd);
  const bodyBlocks = blocks(maskedBody);
  bodyBlocks.forEach((b, i) => {
    const text = maskedBody.slice(b.start, b.end);
    const next = bodyBlocks[i + 1];
    const found = cachedBlock(text, bctx, sig);
    // A quote running over several paragraphs opens each of them and closes only in the last (news convention).
    const continues = next !== undefined && quoteContinues(text, maskedBody.slice(next.start, next.end));
    add('bodyMd', continues ? found.filter((f) => f.ruleId !== 'quote.unbalanced') : found, b.start);
  });
  add('bodyMd', firstMentionRules(maskMarkdown(post.lead), maskedBody));
  add('bodyMd', bodyLengthRule(post.template, wordCount(post.lead) + wordCount(maskedBody)));

  if (opts.misspelled && opts.misspelled.size) {
    for (const [field, text] of [['title', post.title], ['lead', maskMarkdown(post.lead)], ['bodyMd', maskedBody]] as const) {
      for (const w of spellCandidates(text)) {
        const sugg = opts.misspelled.get(w.text);
        if (!sugg) continue;
        raw.push({
          field,
          f: {
            ruleId: 'spell.unknown',
            start: w.start,
            end: w.end,
            message: sugg.length ? `"${w.text}" tidak dikenal kamus. Mungkin: ${sugg.slice(0, 3).join(', ')}.` : `"${w.text}" tidak dikenal kamus.`,
            // A speller's guess is not a safe one-click fix: offered as choices.
            suggestions: sugg.slice(0, 3),
          },
        });
      }
    }
  }

  // A word another rule already explains (non-standard, foreign) is not also a spelling finding.
  const covered = raw.filter((r) => r.f.ruleId !== 'spell.unknown' && r.f.end > r.f.start);
  for (let i = raw.length - 1; i >= 0; i--) {
    const r = raw[i];
    if (r.f.ruleId === 'spell.unknown' && covered.some((c) => c.field === r.field && c.f.start <= r.f.start && c.f.end >= r.f.end && c.f.end - c.f.start < 80)) raw.splice(i, 1);
  }

  // "Cina" is one point to make once per post, not an alarm per mention.
  const firstCina = raw.findIndex((r) => r.f.ruleId === 'sens.tionghoa');
  if (firstCina >= 0) {
    const n = raw.filter((r) => r.f.ruleId === 'sens.tionghoa').length;
    for (let i = raw.length - 1; i > firstCina; i--) if (raw[i].f.ruleId === 'sens.tionghoa') raw.splice(i, 1);
    if (n > 1) raw[firstCina] = { ...raw[firstCina], f: { ...raw[firstCina].f, message: `${raw[firstCina].f.message} Disebut ${n} kali di tulisan ini.` } };
  }

  // Fixes that touch the same text clash ("Rp sepuluh" + "Rpsepuluh"): only the first (by severity, then the wider fix, then rule) stays one click.
  const withFix = raw
    .filter((r) => r.f.fix)
    .sort(
      (a, b) =>
        SEVERITY_ORDER[RULES[a.f.ruleId].severity] - SEVERITY_ORDER[RULES[b.f.ruleId].severity] ||
        b.f.end - b.f.start - (a.f.end - a.f.start) ||
        a.f.ruleId.localeCompare(b.f.ruleId),
    );
  const taken: { field: CoachField; start: number; end: number }[] = [];
  for (const r of withFix) {
    const s = r.f.start;
    const e = Math.max(r.f.end, s + 1);
    if (taken.some((t) => t.field === r.field && t.start <= e && s <= t.end)) {
      const i = raw.indexOf(r);
      const { fix: _dropped, ...rest } = r.f;
      raw[i] = { field: r.field, f: rest };
    } else taken.push({ field: r.field, start: s, end: e });
  }

  const source: Record<CoachField, string> = { title: post.title, dateline: post.dateline, lead: post.lead, bodyMd: post.bodyMd, authorCredit: post.authorCredit };
  const dismissedSet = new Set(post.dismissedFindings);
  const findings: Finding[] = [];
  const dismissed: Finding[] = [];
  for (const { field, f } of raw) {
    const info = RULES[f.ruleId];
    const text = source[field].slice(f.start, f.end);
    const finding: Finding = {
      key: findingKey(f.ruleId, field, text),
      ruleId: f.ruleId,
      severity: info.severity,
      field,
      start: f.start,
      end: f.end,
      text,
      message: f.message ?? info.title,
      ...(f.fix ? { fix: f.fix } : {}),
      ...(f.suggestions ? { suggestions: f.suggestions } : {}),
    };
    (dismissedSet.has(finding.key) ? dismissed : findings).push(finding);
  }
  const order = (a: Finding, b: Finding) =>
    FIELD_ORDER[a.field] - FIELD_ORDER[b.field] || a.start - b.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.ruleId.localeCompare(b.ruleId);
  findings.sort(order);
  dismissed.sort(order);
  return { findings, dismissed };
}

/** Apply a finding's fix to its field text; null when the text there changed meanwhile. */
export function applyFix(fieldText: string, f: Pick<Finding, 'start' | 'end' | 'text' | 'fix'>): string | null {
  if (!f.fix || fieldText.slice(f.start, f.end) !== f.text) return null;
  return fieldText.slice(0, f.start) + f.fix.replacement + fieldText.slice(f.end);
}

export interface SpellCandidate {
  text: string;
  start: number;
  end: number;
}

const WORD_RE = /[\p{L}]+(?:[-'’][\p{L}]+)*/gu;

/**
 * Words the speller should see: letters only, not ALL-CAPS acronyms, not
 * glued to a dot on either side ("beritasampit.co.id", "S.Sos", "M.Si" are
 * addresses and degrees), not camelCase brands ("BuletinNews"). Capitalised
 * words, also inside a run of names, are sent too: the speller checks them
 * case-aware and treats the unknown ones as names.
 */
export function spellCandidates(text: string): SpellCandidate[] {
  const out: SpellCandidate[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const w = m[0];
    const start = m.index;
    const end = start + w.length;
    if (w.length < 2 || w === w.toUpperCase()) continue;
    if (/\p{Ll}\p{Lu}/u.test(w)) continue;
    if ((text[start - 1] === '.' && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '')) || (text[end] === '.' && /[\p{L}\p{N}]/u.test(text[end + 1] ?? ''))) continue;
    if (text[start - 1] === '@' || text[start - 1] === '#') continue;
    out.push({ text: w, start, end });
  }
  return out;
}

/** Unique words of a post for the speller, as written. */
export function spellWords(post: Pick<CoachPost, 'title' | 'lead' | 'bodyMd'>): string[] {
  const set = new Set<string>();
  for (const t of [post.title, maskMarkdown(post.lead), maskMarkdown(post.bodyMd)]) for (const w of spellCandidates(t)) set.add(w.text);
  return [...set];
}
