/**
 * Evaluation of the writing coach and the paste splitter on the real
 * articles of ../shared/corpus (issue 17): false alarms per 1,000 words,
 * recall of the hand-labelled errors, recall of programmatically injected
 * errors, and splitter accuracy. Used by tests/unit/news/corpus.test.ts and
 * `npm run bench`. The texts are read from the team folder, never copied.
 */
import { readFileSync } from 'node:fs';
import { checkWords, isCorrect } from '@core/posts/spell';
import { runCoach, spellWords } from '@shared/posts/coach';
import { splitPastedArticle, type PastedArticle } from '@shared/posts/paste';
import { DEFAULT_NEWS_SETTINGS } from '@shared/posts/settings';
import type { CoachField, Finding } from '@shared/posts/types';
import { teamPath } from '../team-folder';
import { LABELS, type ArticleLabels, type ErrorLabel } from './labels';

/** Rules that measure (word and sentence counts): facts, neither alarms nor labelled errors. */
const MEASURES = new Set(['lead.length', 'lead.sentences', 'sentence.long', 'paragraph.long', 'body.length', 'title.long']);
const FIELDS: CoachField[] = ['title', 'dateline', 'lead', 'bodyMd', 'authorCredit'];

export interface Article {
  file: string;
  /** Title and body as a reader pastes them (the file without its SOURCE/PUBLISHER header). */
  pasted: string;
  title: string;
  words: number;
}

export function loadArticles(): Article[] {
  return LABELS.map((l) => {
    const lines = readFileSync(teamPath(`corpus/articles/${l.file}`), 'utf8').split('\n');
    const pasted = lines.slice(3).join('\n');
    return { file: l.file, pasted, title: lines[3].trim(), words: lines.slice(5).join('\n').split(/\s+/).filter(Boolean).length };
  });
}

type PostFields = Pick<PastedArticle, 'title' | 'dateline' | 'lead' | 'bodyMd' | 'authorCredit'>;

/** The coach as the app runs it: real Hunspell speller with the workspace dictionary (only the OPD's dateline here). */
export function review(a: PostFields, dictionary: readonly string[] = ['BLORA']): Finding[] {
  const misspelled = new Map(checkWords(spellWords(a), dictionary, 200).map((m) => [m.word, m.suggestions]));
  return runCoach({ ...a, template: null, dismissedFindings: [] }, { settings: DEFAULT_NEWS_SETTINGS, template: null, today: '2026-01-01' }, { misspelled }).findings;
}

/** Global ranges: the fields joined in order, so a label can be found whatever field the splitter put it in. */
function layout(a: PostFields): { text: string; base: Record<CoachField, number> } {
  let text = '';
  const base = {} as Record<CoachField, number>;
  for (const f of FIELDS) {
    base[f] = text.length;
    text += a[f] + '\n\u0000\n';
  }
  return { text, base };
}

function rulesOf(l: ErrorLabel): string[] {
  return Array.isArray(l.rule) ? l.rule : [l.rule];
}

function locate(text: string, span: string, n: number): [number, number] | null {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(span, at + 1);
    if (at < 0) return null;
  }
  return [at, at + span.length];
}

export interface ArticleScore {
  file: string;
  words: number;
  findings: number;
  falseAlarms: Finding[];
  spellFalseAlarms: number;
  labels: number;
  found: number;
  missed: ErrorLabel[];
}

export function scoreArticle(art: Article, labels: ArticleLabels): ArticleScore {
  const split = splitPastedArticle(art.pasted);
  const findings = review(split);
  const { text, base } = layout(split);
  const used = new Set<Finding>();
  let found = 0;
  let required = 0;
  const missed: ErrorLabel[] = [];
  for (const l of labels.errors) {
    const rules = rulesOf(l);
    let hit: Finding | undefined;
    if (l.span === undefined) {
      hit = findings.find((f) => !used.has(f) && rules.includes(f.ruleId));
    } else {
      const r = locate(text, l.span, l.n ?? 0);
      if (r) {
        hit = findings.find((f) => {
          if (used.has(f) || !rules.includes(f.ruleId)) return false;
          const s = base[f.field] + f.start;
          const e = Math.max(base[f.field] + f.end, s + 1);
          return s < r[1] && e > r[0];
        });
      }
    }
    if (!l.optional) required++;
    if (hit) {
      used.add(hit);
      // A repeated finding over the same label (one per word of a run) is no false alarm either.
      for (const f of findings) if (f.ruleId === hit.ruleId && f.field === hit.field && f.start === hit.start) used.add(f);
      if (!l.optional) found++;
    } else if (!l.optional) missed.push(l);
  }
  const alarms = findings.filter((f) => !MEASURES.has(f.ruleId));
  const falseAlarms = alarms.filter((f) => !used.has(f));
  return {
    file: art.file,
    words: art.words,
    findings: alarms.length,
    falseAlarms,
    spellFalseAlarms: falseAlarms.filter((f) => f.ruleId === 'spell.unknown').length,
    labels: required,
    found,
    missed,
  };
}

export interface SplitScore {
  file: string;
  ok: boolean;
  wrong: string[];
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

export function scoreSplit(art: Article, labels: ArticleLabels): SplitScore {
  const s = splitPastedArticle(art.pasted);
  const want = labels.split;
  const wrong: string[] = [];
  if (norm(s.title) !== norm(art.title)) wrong.push(`title: ${s.title.slice(0, 60)}`);
  if (s.dateline.toUpperCase() !== want.dateline) wrong.push(`dateline: ${s.dateline}`);
  if (!norm(s.lead).startsWith(want.leadStart)) wrong.push(`lead: ${s.lead.slice(0, 60)}`);
  const last = norm(s.paragraphs.at(-1) ?? '');
  if (!last.endsWith(want.bodyEnd)) wrong.push(`body: …${last.slice(-60)}`);
  const credit = `${s.authorCredit} ${s.editorCredit}`;
  if (want.credit && !credit.toLowerCase().includes(want.credit.toLowerCase())) wrong.push(`credit: ${credit}`);
  // No credit text is left in the body.
  if (/^(Penulis|Editor|Reporter|Rilis|Laporan)\b/imu.test(s.bodyMd)) wrong.push('credit left in body');
  return { file: art.file, ok: wrong.length === 0, wrong };
}

/**
 * Known errors injected into the real texts, one at a time, each a general
 * transformation of the first place it applies (so every article gets the
 * ones its text allows). Flagged = a finding of one of the rules overlaps
 * the changed range.
 */
interface Injection {
  kind: string;
  rules: string[];
  apply(body: string): { body: string; start: number; end: number } | null;
}

function replaceFirst(re: RegExp, body: string, to: (m: RegExpExecArray) => string): { body: string; start: number; end: number } | null {
  const m = re.exec(body);
  if (!m) return null;
  const rep = to(m);
  return { body: body.slice(0, m.index) + rep + body.slice(m.index + m[0].length), start: m.index, end: m.index + Math.max(rep.length, 1) };
}

const STANDARD_TO_NONSTANDARD: Record<string, string> = {
  Februari: 'Pebruari', November: 'Nopember', miliar: 'milyar', masjid: 'mesjid', kualitas: 'kwalitas', tampak: 'nampak',
  mengimbau: 'menghimbau', izin: 'ijin', risiko: 'resiko', praktik: 'praktek', analisis: 'analisa', sistem: 'sistim', jadwal: 'jadual',
  Jumat: "Jum'at", silakan: 'silahkan', aktivitas: 'aktifitas', provinsi: 'propinsi', objek: 'obyek', zaman: 'jaman', teknis: 'tehnis',
};

export const INJECTIONS: Injection[] = [
  {
    kind: 'typo (swapped letters)',
    rules: ['spell.unknown'],
    apply(body) {
      const cands = [...body.matchAll(/(?<![\p{L}-])\p{Ll}{8,}(?![\p{L}-])/gu)].filter((m) => isCorrect(m[0]) && m[0][2] !== m[0][3]);
      const m = cands[2] ?? cands[0];
      if (!m) return null;
      const w = m[0];
      const typo = w.slice(0, 2) + w[3] + w[2] + w.slice(4);
      return { body: body.slice(0, m.index) + typo + body.slice(m.index + w.length), start: m.index, end: m.index + w.length };
    },
  },
  { kind: 'repeated word', rules: ['eyd.repeated'], apply: (b) => replaceFirst(/(?<=\s)yang(?= )/u, b, () => 'yang yang') },
  { kind: 'no space after comma', rules: ['eyd.commaSpace'], apply: (b) => replaceFirst(/(?<=\p{Ll}), (?=\p{Ll})/u, b, () => ',') },
  { kind: 'double space', rules: ['eyd.doubleSpace'], apply: (b) => replaceFirst(/(?<=\p{L}) dan (?=\p{L})/u, b, () => '  dan ') },
  { kind: 'lower-case jabatan before a name', rules: ['eyd.jabatan'], apply: (b) => replaceFirst(/(?<=[\p{Ll},] )(Bupati|Camat|Kepala Desa|Gubernur|Lurah)(?= \p{Lu}\p{Ll})/u, b, (m) => m[0].toLowerCase()) },
  {
    kind: 'non-standard form',
    rules: ['eyd.nonstandard'],
    apply: (b) => replaceFirst(new RegExp(`(?<![\\p{L}])(${Object.keys(STANDARD_TO_NONSTANDARD).join('|')})(?![\\p{L}])`, 'u'), b, (m) => STANDARD_TO_NONSTANDARD[m[1]]),
  },
  { kind: '"di" joined to a place word', rules: ['eyd.diPlace'], apply: (b) => replaceFirst(/(?<![\p{L}])di (dalam|luar|atas|bawah|depan|belakang|samping|sekitar|seluruh|sela|tempat|hadapan)(?![\p{L}])/u, b, (m) => `di${m[1]}`) },
  { kind: 'prefix di- written apart', rules: ['eyd.diVerb'], apply: (b) => replaceFirst(/(?<![\p{L}])di(\p{Ll}{3,}kan)(?![\p{L}])/u, b, (m) => `di ${m[1]}`) },
  { kind: '"Rp." with a space', rules: ['eyd.rupiah'], apply: (b) => replaceFirst(/(?<![\p{L}])Rp ?(?=\d)/u, b, () => 'Rp. ') },
  { kind: 'missing final full stop', rules: ['eyd.finalStop'], apply: (b) => replaceFirst(/\.(?=\n\n|$)(?![\s\S]*\.(?:\n\n|$))/u, b, () => '') },
  { kind: '"di" before a time word', rules: ['eyd.pada'], apply: (b) => replaceFirst(/(?<![\p{L}])pada (?=(?:hari|tahun|saat|masa|waktu|tanggal|bulan)(?![\p{L}]))/u, b, () => 'di ') },
  { kind: 'no space after a closing quote', rules: ['eyd.quoteSpace'], apply: (b) => replaceFirst(/(?<=[,.]["”]) (?=\p{Ll})/u, b, () => '') },
];

export interface InjectionScore {
  total: number;
  flagged: number;
  missed: string[];
}

export function scoreInjections(arts: Article[]): InjectionScore {
  let total = 0;
  let flagged = 0;
  const missed: string[] = [];
  for (const art of arts) {
    const split = splitPastedArticle(art.pasted);
    for (const inj of INJECTIONS) {
      const r = inj.apply(split.bodyMd);
      if (!r) continue;
      total++;
      const found = review({ ...split, bodyMd: r.body }).some(
        (f) => f.field === 'bodyMd' && inj.rules.includes(f.ruleId) && f.start <= r.end && Math.max(f.end, f.start + 1) >= r.start,
      );
      if (found) flagged++;
      else missed.push(`${art.file}: ${inj.kind}`);
    }
  }
  return { total, flagged, missed };
}

export interface CorpusFigures {
  articles: number;
  words: number;
  findings: number;
  falseAlarms: number;
  falseAlarmsPer1000: number;
  spellFalseAlarmsPer1000: number;
  /** The four articles with the fewest labelled errors per word. */
  cleanestFalseAlarmsPer1000: number;
  labels: number;
  found: number;
  injected: InjectionScore;
  splitOk: number;
  perArticle: ArticleScore[];
  splits: SplitScore[];
}

export function evaluateCorpus(): CorpusFigures {
  const arts = loadArticles();
  const per = arts.map((a, i) => scoreArticle(a, LABELS[i]));
  const splits = arts.map((a, i) => scoreSplit(a, LABELS[i]));
  const words = per.reduce((s, p) => s + p.words, 0);
  const fa = per.reduce((s, p) => s + p.falseAlarms.length, 0);
  const cleanest = [...per].sort((a, b) => a.labels / a.words - b.labels / b.words).slice(0, 4);
  const cw = cleanest.reduce((s, p) => s + p.words, 0);
  return {
    articles: arts.length,
    words,
    findings: per.reduce((s, p) => s + p.findings, 0),
    falseAlarms: fa,
    falseAlarmsPer1000: (fa / words) * 1000,
    spellFalseAlarmsPer1000: (per.reduce((s, p) => s + p.spellFalseAlarms, 0) / words) * 1000,
    cleanestFalseAlarmsPer1000: (cleanest.reduce((s, p) => s + p.falseAlarms.length, 0) / cw) * 1000,
    labels: per.reduce((s, p) => s + p.labels, 0),
    found: per.reduce((s, p) => s + p.found, 0),
    injected: scoreInjections(arts),
    splitOk: splits.filter((s) => s.ok).length,
    perArticle: per,
    splits,
  };
}

