import { dateInZone, dayNumber, endOfZonedDay, fromDayNumber, weekdayOfDay } from '@shared/activity/calendar';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { DEADLINE_KINDS, TERMINAL_STATUSES, type Complaint, type ComplaintDeadlines, type DeadlineKind } from './complaint';

/**
 * The one definition of "lewat tenggat" used by Aduan, Beranda and Laporan:
 * an open report with at least one deadline (verification, first reply or
 * final answer) past and not met.
 */
export const OVERDUE_DEFINITION_ID =
  'Lewat tenggat: aduan terbuka yang salah satu tenggatnya (verifikasi, balasan awal, atau jawaban akhir) sudah lewat dan belum dipenuhi.';

const numericHolidays = new WeakMap<ReadonlySet<string>, Set<number>>();
function holidayDays(holidays: ReadonlySet<string>): Set<number> {
  let set = numericHolidays.get(holidays);
  if (!set) numericHolidays.set(holidays, (set = new Set([...holidays].map(dayNumber))));
  return set;
}

/** Holidays that fall on a weekday, as sorted day numbers (weekend holidays change no count). */
const weekdayHolidayCache = new WeakMap<ReadonlySet<string>, number[]>();
function weekdayHolidays(holidays: ReadonlySet<string>): number[] {
  let list = weekdayHolidayCache.get(holidays);
  if (!list) {
    list = [...holidayDays(holidays)].filter((n) => weekdayOfDay(n) !== 0 && weekdayOfDay(n) !== 6).sort((a, b) => a - b);
    weekdayHolidayCache.set(holidays, list);
  }
  return list;
}

/** Index of the first element >= n in a sorted array. */
function lowerBound(xs: readonly number[], n: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Monday–Friday days among day numbers [0, n): whole weeks plus the weekdays of the partial week (day 0 was a Thursday). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  const rest = n - weeks * 7;
  let partial = 0;
  for (let k = 0; k < rest; k++) {
    const w = weekdayOfDay(k);
    if (w !== 0 && w !== 6) partial++;
  }
  return weeks * 5 + partial;
}

/** Working days among day numbers [a, b) (a <= b). */
function workingDaysIn(a: number, b: number, holidays: ReadonlySet<string>): number {
  const hol = weekdayHolidays(holidays);
  return weekdaysBefore(b) - weekdaysBefore(a) - (lowerBound(hol, b) - lowerBound(hol, a));
}

function workingDay(n: number, holidays: Set<number>): boolean {
  const w = weekdayOfDay(n);
  return w !== 0 && w !== 6 && !holidays.has(n);
}

/**
 * The date `n` working days after `start`: the day of receipt does not
 * count, weekends and holidays are skipped. A report received on a Friday
 * with n = 1 is due the following Monday (or later after a holiday).
 */
export function addWorkingDays(start: string, n: number, holidays: ReadonlySet<string>): string {
  const hol = holidayDays(holidays);
  let d = dayNumber(start);
  let left = n;
  while (left > 0) {
    d++;
    if (workingDay(d, hol)) left--;
  }
  return fromDayNumber(d);
}

/** The deadline instant: end of the n-th working day after receipt, in the workspace zone. */
export function deadlineAt(receivedAt: string, n: number, zone: TimeZoneCode, holidays: ReadonlySet<string>): Date {
  return endOfZonedDay(addWorkingDays(dateInZone(receivedAt, zone), n, holidays), zone);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is earlier. */
export function workingDaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  // Counted in closed form: reports years old are listed on every screen refresh.
  if (b >= a) return workingDaysIn(a + 1, b + 1, holidays);
  return 0 - workingDaysIn(b, a, holidays);
}

export interface DeadlineState {
  due: string;
  /** Done (reply sent or answer given) at this instant, or null. */
  doneAt: string | null;
  overdue: boolean;
  /** Done, but after the deadline. */
  late: boolean;
  /** Working days left until the due date (negative once past), counted in the zone. */
  workingDaysLeft: number;
}

export interface ComplaintDeadlineState {
  verification: DeadlineState;
  firstReply: DeadlineState;
  final: DeadlineState;
  /** Open deadlines (not met, report not closed), nearest first. */
  open: { kind: DeadlineKind; state: DeadlineState }[];
  /** Any open deadline is past: the one definition of overdue. */
  overdue: boolean;
}

function state(due: Date, doneAt: string | null, stopped: boolean, now: Date, zone: TimeZoneCode, holidays: ReadonlySet<string>): DeadlineState {
  const late = doneAt !== null && Date.parse(doneAt) > due.getTime();
  return {
    due: due.toISOString(),
    doneAt,
    overdue: doneAt === null && !stopped && now.getTime() > due.getTime(),
    late,
    workingDaysLeft: workingDaysBetween(dateInZone(now, zone), dateInZone(due, zone), holidays),
  };
}

type DeadlineFields = Pick<Complaint, 'receivedAt' | 'status' | 'firstReplyAt' | 'answeredAt' | 'closedAt'> &
  Partial<Pick<Complaint, 'verifiedAt' | 'history' | 'urgent' | 'needsFieldCheck' | 'deadlineChanges'>>;

/** Working days allowed for each clock of this report (urgent and field-check reports differ). */
export function allowedWorkingDays(c: Pick<DeadlineFields, 'urgent' | 'needsFieldCheck'>, rules: ComplaintDeadlines): Record<DeadlineKind, number> {
  const urgentFirst = Math.min(rules.urgentFirstReplyWorkingDays ?? 0, rules.firstReplyWorkingDays);
  return {
    verification: c.urgent ? Math.min(rules.verificationWorkingDays ?? 3, urgentFirst) : (rules.verificationWorkingDays ?? 3),
    firstReply: c.urgent ? urgentFirst : rules.firstReplyWorkingDays,
    final: c.needsFieldCheck ? (rules.fieldCheckWorkingDays ?? 60) : rules.finalAnswerWorkingDays,
  };
}

/** When verification was done: recorded explicitly, or implied by the first move out of "baru". */
export function verifiedAtOf(c: Pick<DeadlineFields, 'verifiedAt' | 'history'>): string | null {
  if (c.verifiedAt) return c.verifiedAt;
  return c.history?.find((h) => h.from === 'baru')?.at ?? null;
}

/**
 * The three deadlines of a report at `now`: verification (3 working days),
 * first reply (5; the same day for a report forwarded by the regent) and
 * final answer (14, or 60 with a field check). A recorded postponement or
 * extension replaces that deadline's date. A refused or out-of-authority
 * report stops every clock.
 */
export function complaintDeadlines(
  c: DeadlineFields,
  rules: ComplaintDeadlines,
  zone: TimeZoneCode,
  holidays: ReadonlySet<string>,
  now: Date,
): ComplaintDeadlineState {
  const stopped = TERMINAL_STATUSES.includes(c.status);
  const days = allowedWorkingDays(c, rules);
  const dueOf = (kind: DeadlineKind): Date => {
    const change = [...(c.deadlineChanges ?? [])].reverse().find((x) => x.target === kind);
    return change ? endOfZonedDay(change.newDue, zone) : deadlineAt(c.receivedAt, days[kind], zone, holidays);
  };
  const firstDone = c.firstReplyAt ?? c.answeredAt;
  const verification = state(dueOf('verification'), verifiedAtOf(c) ?? firstDone, stopped, now, zone, holidays);
  const firstReply = state(dueOf('firstReply'), firstDone, stopped, now, zone, holidays);
  const final = state(dueOf('final'), c.answeredAt, stopped, now, zone, holidays);
  const all = { verification, firstReply, final };
  // Due the same day: a report from the regent shows the reply the regent waits for first.
  const tieOrder: readonly DeadlineKind[] = c.urgent ? ['firstReply', 'verification', 'final'] : DEADLINE_KINDS;
  const open = stopped
    ? []
    : DEADLINE_KINDS.filter((k) => all[k].doneAt === null)
        .map((kind) => ({ kind, state: all[kind] }))
        .sort((a, b) => (a.state.due < b.state.due ? -1 : a.state.due > b.state.due ? 1 : tieOrder.indexOf(a.kind) - tieOrder.indexOf(b.kind)));
  return { ...all, open, overdue: open.some((o) => o.state.overdue) };
}
