import { CHANNELS, type Channel } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { addDays, dateInZone, isWorkingDay } from './calendar';
import type { Targets } from './targets';

/** The minimum a publication must carry to be counted (a Publication fits). */
export interface CountedItem {
  channel: Channel;
  publishedAt: string;
}

export type DayCounts = Map<string, Record<Channel, number>>;

export function emptyChannelCounts(): Record<Channel, number> {
  return Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
}

/** Items per workspace-zone date and channel. Only real publications go in here, never drafts. */
// Stored publications are immutable objects, so each one's date per zone is computed once.
const dateCache: Record<TimeZoneCode, WeakMap<CountedItem, string>> = { WIB: new WeakMap(), WITA: new WeakMap(), WIT: new WeakMap() };

export function itemDate(it: CountedItem, zone: TimeZoneCode): string {
  let d = dateCache[zone].get(it);
  if (d === undefined) {
    d = dateInZone(it.publishedAt, zone);
    dateCache[zone].set(it, d);
  }
  return d;
}

export function countByDay(items: readonly CountedItem[], zone: TimeZoneCode): DayCounts {
  const out: DayCounts = new Map();
  for (const it of items) {
    const d = itemDate(it, zone);
    let row = out.get(d);
    if (!row) out.set(d, (row = emptyChannelCounts()));
    row[it.channel]++;
  }
  return out;
}

export function totalOf(row: Record<Channel, number> | undefined): number {
  if (!row) return 0;
  let n = 0;
  for (const c of CHANNELS) n += row[c];
  return n;
}

export function holidaySet(targets: Pick<Targets, 'holidays'>): Set<string> {
  return new Set(targets.holidays.map((h) => h.date));
}

/**
 * Does the target apply on this date? 'every' day always; 'working' only
 * Mon–Fri minus holidays. Days before `requiredFrom` (the date the
 * workspace was created) are never required: nobody could publish with
 * the app before it existed.
 */
export function isRequiredDay(date: string, targets: Pick<Targets, 'days'>, holidays: ReadonlySet<string>, requiredFrom?: string): boolean {
  if (requiredFrom && date < requiredFrom) return false;
  return targets.days === 'every' || isWorkingDay(date, holidays);
}

/** Channels the target tracks (minimum above zero). */
export function trackedChannels(targets: Pick<Targets, 'perChannel'>): Channel[] {
  return CHANNELS.filter((c) => targets.perChannel[c] > 0);
}

/** Every tracked channel reached its minimum that day. With no tracked channel, one item of any kind is enough. */
export function targetMet(row: Record<Channel, number> | undefined, targets: Pick<Targets, 'perChannel'>): boolean {
  const tracked = trackedChannels(targets);
  if (!tracked.length) return totalOf(row) > 0;
  return tracked.every((c) => (row?.[c] ?? 0) >= targets.perChannel[c]);
}

export interface StreakResult {
  /** Consecutive days with content, ending today (or yesterday while today is still open). */
  current: number;
  /** Whether today already has content. */
  todayHasContent: boolean;
  /** The date the current streak started, or null. */
  since: string | null;
}

/**
 * The current run of days with content. A required day without content
 * breaks it; a day the target does not apply to (weekend or holiday in
 * working-days mode) neither breaks nor extends it unless it had content.
 * Today never breaks the streak: the day is still open.
 */
export function currentStreak(
  counts: DayCounts,
  today: string,
  targets: Pick<Targets, 'days' | 'holidays'>,
  maxDays = 3660,
  requiredFrom?: string,
): StreakResult {
  const holidays = holidaySet(targets);
  const todayHasContent = totalOf(counts.get(today)) > 0;
  let current = todayHasContent ? 1 : 0;
  let since: string | null = todayHasContent ? today : null;
  let d = addDays(today, -1);
  for (let i = 0; i < maxDays; i++, d = addDays(d, -1)) {
    const has = totalOf(counts.get(d)) > 0;
    if (has) {
      current++;
      since = d;
    } else if (isRequiredDay(d, targets, holidays, requiredFrom)) {
      break;
    } else if (requiredFrom && d < requiredFrom) {
      break;
    }
  }
  return { current, todayHasContent, since };
}

/** Longest run of days with content inside [from, to], with the same skipping rules. */
export function longestStreak(counts: DayCounts, days: readonly string[], targets: Pick<Targets, 'days' | 'holidays'>, requiredFrom?: string): number {
  const holidays = holidaySet(targets);
  let best = 0;
  let run = 0;
  for (const d of days) {
    if (totalOf(counts.get(d)) > 0) {
      run++;
      if (run > best) best = run;
    } else if (isRequiredDay(d, targets, holidays, requiredFrom)) {
      run = 0;
    }
  }
  return best;
}
