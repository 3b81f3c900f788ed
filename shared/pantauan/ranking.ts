import { addDays, dateInZone, isWorkingDay, monthBounds, ZONE_OFFSET_HOURS } from '@shared/activity/calendar';
import { workingDaysBetween } from '@shared/complaints/deadlines';
import { CHANNELS, type Channel } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import type { DayDoc, MonthDoc, OpdDoc } from './docs';
import type { Participant, ParticipantKind, RequiredDayMode } from './settings';

/**
 * The monthly ranking of a regency's OPDs (Pantauan, issue 14), computed
 * from rollup documents only. One rule for everyone, stated in words below
 * (RANKING_RULE_ID) for the screen and the report.
 */
export const RANKING_RULE_ID =
  'Peringkat diurutkan menurut persentase hari wajib yang ada kontennya (hari dengan konten ÷ hari wajib). ' +
  'Hari wajib adalah hari kerja Senin–Jumat di luar libur nasional dan cuti bersama (bagi peserta yang targetnya setiap hari: semua hari), ' +
  'sejak OPD mulai memakai Redaksi sampai kemarin menurut zona waktu OPD (WIB, WITA atau WIT); hari ini belum dinilai. ' +
  'Satu hari dihitung ada konten bila sedikitnya satu konten tayang di kanal mana pun pada tanggal itu di zona waktu OPD (atau sebanyak target harian peserta). ' +
  'Bila sama, yang lebih tinggi adalah yang rentetan hari aktifnya di bulan itu lebih panjang, lalu yang kontennya lebih banyak, ' +
  'lalu yang balasan awal aduannya lebih banyak tepat waktu, lalu jawaban akhir aduan tepat waktu. ' +
  'Yang dihitung hanya konten yang benar-benar tayang, bukan draf.';

export const QUIET_RULE_ID =
  'Senyap: OPD yang tidak menayangkan apa pun selama 2 hari kerja atau lebih sampai kemarin (hari ini belum dinilai), menurut data sinkron terakhir.';

export interface Member {
  opd: string;
  name: string;
  kind: ParticipantKind;
  /** Regency ('' unknown): on a province's Pantauan, OPDs are grouped by it. */
  region: string;
  zone: TimeZoneCode;
  days: RequiredDayMode;
  minPerDay: number;
  /** null: listed as a participant but no summary has arrived yet. */
  profile: OpdDoc | null;
}

/** Everyone Diskominfo follows: every OPD whose profile is in the rollup, plus every listed participant (with its own target). */
export function membersOf(profiles: readonly OpdDoc[], participants: readonly Participant[], defaultDays: RequiredDayMode, defaultZone: TimeZoneCode): Member[] {
  const byOpd = new Map<string, Member>();
  for (const p of profiles) {
    byOpd.set(p.opd, { opd: p.opd, name: p.name, kind: p.kind, region: p.region, zone: p.zone, days: defaultDays, minPerDay: 1, profile: p });
  }
  for (const q of participants) {
    const m = byOpd.get(q.slug);
    byOpd.set(q.slug, {
      opd: q.slug,
      name: q.name || m?.name || q.slug,
      kind: q.kind,
      region: m?.region ?? '',
      zone: m?.zone ?? defaultZone,
      days: q.days,
      minPerDay: q.minPerDay,
      profile: m?.profile ?? null,
    });
  }
  return [...byOpd.values()].sort((a, b) => a.name.localeCompare(b.name, 'id') || a.opd.localeCompare(b.opd));
}

export interface RateFigure {
  done: number;
  onTime: number;
  /** onTime / done in percent; null when nothing was done. */
  rate: number | null;
}

export interface RankingRow {
  rank: number;
  opd: string;
  name: string;
  kind: ParticipantKind;
  region: string;
  zone: TimeZoneCode;
  /** Required days of the month judged so far. */
  requiredDays: number;
  /** Required days with content. */
  contentDays: number;
  /** contentDays / requiredDays in percent, or null with no required day yet. */
  percent: number | null;
  /** Every day of the month with content (weekends and holidays too). */
  activeDays: number;
  /** Longest run of days with content inside the month (days off without content neither break nor extend it). */
  streak: number;
  perChannel: Record<Channel, number>;
  total: number;
  received: number;
  firstReply: RateFigure;
  final: RateFigure;
  overdue: number;
  /** Last publication inside the month (OPD zone, with offset), or null. */
  lastPublishedAt: string | null;
  /** When the OPD's summaries were last written; null = never arrived. */
  lastSyncAt: string | null;
}

export interface RankingInput {
  month: string;
  members: readonly Member[];
  /** Day summaries of the month (any OPD; others are ignored). */
  days: readonly DayDoc[];
  months: readonly MonthDoc[];
  /** The regency's calendar (national holidays and cuti bersama): one rule for everyone. */
  holidays: ReadonlySet<string>;
  now: Date;
}

const rate = (done: number, onTime: number): RateFigure => ({ done, onTime, rate: done ? (onTime / done) * 100 : null });

/** Days of the month for one member: required or not, judged or not, with its content count. */
function monthDays(month: string, m: Member, holidays: ReadonlySet<string>, today: string): { date: string; required: boolean; judged: boolean }[] {
  const { from, to } = monthBounds(`${month}-01`);
  const start = m.profile?.requiredFrom ?? from;
  const out = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const required = d >= start && (m.days === 'every' || isWorkingDay(d, holidays));
    out.push({ date: d, required, judged: d < today });
  }
  return out;
}

export function buildRanking(input: RankingInput): RankingRow[] {
  const dayBy = new Map<string, DayDoc>();
  for (const d of input.days) if (d.date.startsWith(input.month)) dayBy.set(`${d.opd}|${d.date}`, d);
  const monthBy = new Map<string, MonthDoc>();
  for (const m of input.months) if (m.month === input.month) monthBy.set(m.opd, m);
  // The latest day with content in the month, and that day's latest time: the last publication of the month.
  const lastBy = new Map<string, DayDoc>();
  for (const d of dayBy.values()) {
    if (d.total === 0) continue;
    const prev = lastBy.get(d.opd);
    if (!prev || d.date > prev.date) lastBy.set(d.opd, d);
  }

  const rows: RankingRow[] = input.members.map((m) => {
    const today = dateInZone(input.now, m.zone);
    const perChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
    let total = 0;
    let requiredDays = 0;
    let contentDays = 0;
    let activeDays = 0;
    let streak = 0;
    let run = 0;
    for (const day of monthDays(input.month, m, input.holidays, today)) {
      if (day.date > today) break;
      const doc = dayBy.get(`${m.opd}|${day.date}`);
      const n = doc?.total ?? 0;
      if (doc) for (const c of CHANNELS) perChannel[c] += doc.counts[c];
      total += n;
      const has = n >= m.minPerDay;
      if (n > 0) activeDays++;
      if (day.required && day.judged) {
        requiredDays++;
        if (has) contentDays++;
      }
      if (has) {
        run++;
        if (run > streak) streak = run;
      } else if (day.required && day.judged) {
        run = 0;
      }
    }
    const mf = monthBy.get(m.opd);
    const lastDay = lastBy.get(m.opd);
    const last = lastDay ? (lastDay.lastTime ? `${lastDay.date}T${lastDay.lastTime}:00+${String(ZONE_OFFSET_HOURS[lastDay.zone]).padStart(2, '0')}:00` : lastDay.date) : null;
    return {
      rank: 0,
      opd: m.opd,
      name: m.name,
      kind: m.kind,
      region: m.region,
      zone: m.zone,
      requiredDays,
      contentDays,
      percent: requiredDays ? (contentDays / requiredDays) * 100 : null,
      activeDays,
      streak,
      perChannel,
      total,
      received: mf?.received ?? 0,
      firstReply: rate(mf?.firstReplyDone ?? 0, mf?.firstReplyOnTime ?? 0),
      final: rate(mf?.finalDone ?? 0, mf?.finalOnTime ?? 0),
      overdue: mf?.overdue ?? 0,
      lastPublishedAt: last,
      lastSyncAt: m.profile?.generatedAt ?? null,
    };
  });
  rows.sort((a, b) => compareByRule(a, b) || a.name.localeCompare(b.name, 'id') || a.opd.localeCompare(b.opd));
  rows.forEach((r, i) => {
    r.rank = i > 0 && compareByRule(rows[i - 1], r) === 0 ? rows[i - 1].rank : i + 1;
  });
  return rows;
}

/** Missing figures rank below any figure (−1 < 0 %). */
const num = (v: number | null) => (v === null ? -1 : v);

/** The ranking rule as a comparator (negative: a ranks higher). */
export function compareByRule(a: RankingRow, b: RankingRow): number {
  return (
    num(b.percent) - num(a.percent) ||
    b.streak - a.streak ||
    b.total - a.total ||
    num(b.firstReply.rate) - num(a.firstReply.rate) ||
    num(b.final.rate) - num(a.final.rate)
  );
}

export const SORT_KEYS = ['rank', 'name', 'days', 'streak', 'total', 'firstReply', 'final', 'last'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** The table sorted by one column; ties keep the ranking's order. */
export function sortRanking(rows: readonly RankingRow[], key: SortKey, dir: 'asc' | 'desc'): RankingRow[] {
  const value = (r: RankingRow): number | string => {
    switch (key) {
      case 'rank':
        return r.rank;
      case 'name':
        return r.name.toLocaleLowerCase('id');
      case 'days':
        return num(r.percent) * 1000 + r.contentDays;
      case 'streak':
        return r.streak;
      case 'total':
        return r.total;
      case 'firstReply':
        return num(r.firstReply.rate);
      case 'final':
        return num(r.final.rate);
      case 'last':
        return r.lastPublishedAt ? Date.parse(r.lastPublishedAt.length === 10 ? `${r.lastPublishedAt}T00:00:00Z` : r.lastPublishedAt) : -1;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, v: value(r) }))
    .sort((a, b) => {
      const c = typeof a.v === 'string' ? a.v.localeCompare(b.v as string, 'id') : (a.v as number) - (b.v as number);
      return c * sign || a.i - b.i;
    })
    .map((x) => x.r);
}

export interface QuietRow {
  opd: string;
  name: string;
  zone: TimeZoneCode;
  /** Date (OPD zone) of the last publication, or null when none. */
  lastDate: string | null;
  /** Working days with nothing, up to yesterday. */
  silentWorkingDays: number;
  lastSyncAt: string | null;
}

/**
 * OPDs with nothing published for `minDays` (2) or more working days as of
 * today: counted over the working days after the last publication up to
 * yesterday (today is still open), in each OPD's zone. An OPD that never
 * published counts from its start. Members whose summaries never arrived
 * are not "quiet": they are in the completeness list.
 */
export function goneQuiet(members: readonly Member[], holidays: ReadonlySet<string>, now: Date, minDays = 2): QuietRow[] {
  const out: QuietRow[] = [];
  for (const m of members) {
    if (!m.profile) continue;
    const today = dateInZone(now, m.zone);
    const lastDate = m.profile.lastPublishedAt ? m.profile.lastPublishedAt.slice(0, 10) : null;
    const after = lastDate ?? addDays(m.profile.requiredFrom, -1);
    const yesterday = addDays(today, -1);
    const silent = yesterday > after ? workingDaysBetween(after, yesterday, holidays) : 0;
    if (silent >= minDays) out.push({ opd: m.opd, name: m.name, zone: m.zone, lastDate, silentWorkingDays: silent, lastSyncAt: m.profile.generatedAt });
  }
  return out.sort((a, b) => b.silentWorkingDays - a.silentWorkingDays || a.name.localeCompare(b.name, 'id'));
}

export interface CompletenessRow {
  opd: string;
  name: string;
  kind: ParticipantKind;
  lastSyncAt: string | null;
  /** Whole days since the last summary (OPD zone); null = never. */
  daysSince: number | null;
}

/** How fresh each member's data is: never-synced first, then the oldest. */
export function completeness(members: readonly Member[], now: Date): CompletenessRow[] {
  return members
    .map((m) => {
      const at = m.profile?.generatedAt ?? null;
      const daysSince = at ? Math.max(0, Math.floor((now.getTime() - Date.parse(at)) / 86_400_000)) : null;
      return { opd: m.opd, name: m.name, kind: m.kind, lastSyncAt: at, daysSince };
    })
    .sort((a, b) => (b.daysSince ?? Infinity) - (a.daysSince ?? Infinity) || a.name.localeCompare(b.name, 'id'));
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export interface RegionRow {
  /** The regency's slug ('' = participants whose regency is not known). */
  region: string;
  /** Participants of the regency (OPDs, instansi vertikal, BUMD). */
  opds: number;
  /** Required days with content over required days, summed over the regency's participants. */
  contentDays: number;
  requiredDays: number;
  /** contentDays / requiredDays in percent, or null with no required day yet. */
  percent: number | null;
  /** Items published in the month. */
  total: number;
  /** Participants that have gone quiet today (QUIET_RULE_ID). */
  quiet: number;
  /** Participants whose summaries never arrived. */
  neverSynced: number;
}

/**
 * A province's view one level up (issue 14 item 3): one row per regency,
 * from the same ranking rows. The regency's rate pools its participants'
 * days (Σ days with content ÷ Σ required days), so a regency is not judged
 * by its smallest agency. Sorted by that rate, then by name.
 */
export function regionSummary(rows: readonly RankingRow[], quiet: readonly QuietRow[]): RegionRow[] {
  const quietOpds = new Set(quiet.map((q) => q.opd));
  const by = new Map<string, RegionRow>();
  for (const r of rows) {
    let g = by.get(r.region);
    if (!g) by.set(r.region, (g = { region: r.region, opds: 0, contentDays: 0, requiredDays: 0, percent: null, total: 0, quiet: 0, neverSynced: 0 }));
    g.opds++;
    g.contentDays += r.contentDays;
    g.requiredDays += r.requiredDays;
    g.total += r.total;
    if (quietOpds.has(r.opd)) g.quiet++;
    if (r.lastSyncAt === null) g.neverSynced++;
  }
  const out = [...by.values()];
  for (const g of out) g.percent = g.requiredDays ? (g.contentDays / g.requiredDays) * 100 : null;
  return out.sort((a, b) => num(b.percent) - num(a.percent) || (a.region === '' ? 1 : 0) - (b.region === '' ? 1 : 0) || a.region.localeCompare(b.region));
}
