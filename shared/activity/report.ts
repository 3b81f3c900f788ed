import { CHANNELS, type Channel } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { dateRange } from './calendar';
import { countByDay, holidaySet, isRequiredDay, itemDate, longestStreak, targetMet, totalOf } from './streak';
import type { Targets } from './targets';

export interface ReportPublication {
  id: string;
  channel: Channel;
  publishedAt: string;
  category: string;
  postId: string | null;
  actorId: string | null;
}

export interface ReportInput {
  from: string;
  to: string;
  zone: TimeZoneCode;
  targets: Pick<Targets, 'days' | 'holidays' | 'perChannel'>;
  publications: readonly ReportPublication[];
  /** Author of each post (post id → team member id), used when the publication names no actor. */
  postAuthors: ReadonlyMap<string, string | null>;
  /** Team member id → display name. */
  team: ReadonlyMap<string, string>;
  /** First date the workspace existed: earlier days are not required (no one could publish with the app). */
  requiredFrom?: string;
  /** The current date in the zone: later days are not judged yet, and today is still open. Omit for a closed period. */
  today?: string;
  /** Hours from submission to approval for reviews approved in the range; null = no review records available. */
  reviewHours: readonly number[] | null;
}

export interface ReportDay {
  date: string;
  total: number;
  perChannel: Record<Channel, number>;
  required: boolean;
  targetMet: boolean;
  /** Today or later: not counted as missed yet. */
  open: boolean;
  /** Name of the holiday or cuti bersama on this date, or null. */
  holiday: string | null;
  /** Before the workspace existed: shown, never judged. */
  beforeStart: boolean;
}

export interface NamedCount {
  name: string;
  count: number;
}

export interface ActivityReport {
  from: string;
  to: string;
  zone: TimeZoneCode;
  total: number;
  days: ReportDay[];
  perChannel: Record<Channel, number>;
  byCategory: NamedCount[];
  byAuthor: NamedCount[];
  /** Days with at least one item. */
  activeDays: number;
  /** Past days the target applies to (today and later are still open). */
  requiredDays: number;
  /** Required days with nothing published. */
  missedDays: string[];
  /** Required days that had content but missed a channel minimum. */
  underTargetDays: string[];
  longestStreak: number;
  /** Mean hours from "submitted for review" to "approved"; null when not available. */
  avgReviewHours: number | null;
  reviewCount: number;
}

/** The per-day lists of a report: every day, required days without content, under a channel minimum, holidays. */
export const DAY_LISTS = ['days', 'missed', 'under', 'holidays'] as const;
export type DayList = (typeof DAY_LISTS)[number];

/** The days of one list, in date order (the same rules as `missedDays` and `underTargetDays`). */
export function dayList(days: readonly ReportDay[], list: DayList): ReportDay[] {
  switch (list) {
    case 'days':
      return [...days];
    case 'missed':
      return days.filter((d) => d.required && !d.open && d.total === 0);
    case 'under':
      return days.filter((d) => d.required && !d.open && d.total > 0 && !d.targetMet);
    case 'holidays':
      return days.filter((d) => d.holiday !== null);
  }
}

/** Unknown names sort last; ties by name so the fixture output is stable. */
function ranked(m: Map<string, number>): NamedCount[] {
  return [...m.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => Number(!a.name) - Number(!b.name) || b.count - a.count || a.name.localeCompare(b.name));
}

export const UNKNOWN_AUTHOR = '';
export const UNCATEGORISED = '';

/** The activity report over [from, to] (workspace-zone dates, inclusive). Counts publications only. */
export function buildActivityReport(input: ReportInput): ActivityReport {
  const inRange = input.publications.filter((p) => {
    const d = itemDate(p, input.zone);
    return d >= input.from && d <= input.to;
  });
  const counts = countByDay(inRange, input.zone);
  const holidays = holidaySet(input.targets);
  const holidayNames = new Map(input.targets.holidays.map((h) => [h.date, h.name] as const));
  const dates = dateRange(input.from, input.to);
  const days: ReportDay[] = dates.map((date) => {
    const row = counts.get(date);
    const perChannel = Object.fromEntries(CHANNELS.map((c) => [c, row?.[c] ?? 0])) as Record<Channel, number>;
    const required = isRequiredDay(date, input.targets, holidays, input.requiredFrom);
    const open = input.today !== undefined && date >= input.today;
    const beforeStart = input.requiredFrom !== undefined && date < input.requiredFrom;
    return { date, total: totalOf(row), perChannel, required, targetMet: targetMet(row, input.targets), open, holiday: holidayNames.get(date) ?? null, beforeStart };
  });
  const perChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  const byCategory = new Map<string, number>();
  const byAuthor = new Map<string, number>();
  for (const p of inRange) {
    perChannel[p.channel]++;
    const cat = p.category.trim() || UNCATEGORISED;
    byCategory.set(cat, (byCategory.get(cat) ?? 0) + 1);
    const authorId = p.actorId ?? (p.postId ? (input.postAuthors.get(p.postId) ?? null) : null);
    const name = (authorId && input.team.get(authorId)) || UNKNOWN_AUTHOR;
    byAuthor.set(name, (byAuthor.get(name) ?? 0) + 1);
  }
  const reviews = input.reviewHours;
  return {
    from: input.from,
    to: input.to,
    zone: input.zone,
    total: inRange.length,
    days,
    perChannel,
    byCategory: ranked(byCategory),
    byAuthor: ranked(byAuthor),
    activeDays: days.filter((d) => d.total > 0).length,
    requiredDays: days.filter((d) => d.required && !d.open).length,
    missedDays: dayList(days, 'missed').map((d) => d.date),
    underTargetDays: dayList(days, 'under').map((d) => d.date),
    longestStreak: longestStreak(counts, dates, input.targets, input.requiredFrom),
    avgReviewHours: reviews && reviews.length ? reviews.reduce((a, b) => a + b, 0) / reviews.length : null,
    reviewCount: reviews ? reviews.length : 0,
  };
}

/**
 * Review durations from audit-like records: each "submitted" of an entity
 * paired with its next "approved". Returns hours for approvals inside [fromMs, toMs].
 */
export function reviewDurations(
  events: readonly { entityId: string; type: 'submitted' | 'approved'; at: string }[],
  fromMs: number,
  toMs: number,
): number[] {
  const sorted = [...events].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const open = new Map<string, number>();
  const out: number[] = [];
  for (const e of sorted) {
    const t = Date.parse(e.at);
    if (e.type === 'submitted') {
      if (!open.has(e.entityId)) open.set(e.entityId, t);
    } else {
      const s = open.get(e.entityId);
      if (s !== undefined) {
        open.delete(e.entityId);
        if (t >= fromMs && t <= toMs) out.push((t - s) / 3_600_000);
      }
    }
  }
  return out;
}
