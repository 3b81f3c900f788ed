import { dateInZone, dayNumber, endOfZonedDay, fromDayNumber, weekdayOfDay } from '../activity/calendar';
import type { TimeZoneCode } from '../domain/time-zone';
import { TERMINAL_STATUSES, type Complaint, type ComplaintDeadlines } from './complaint';

const numericHolidays = new WeakMap<ReadonlySet<string>, Set<number>>();
function holidayDays(holidays: ReadonlySet<string>): Set<number> {
  let set = numericHolidays.get(holidays);
  if (!set) numericHolidays.set(holidays, (set = new Set([...holidays].map(dayNumber))));
  return set;
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
  const hol = holidayDays(holidays);
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (a === b) return 0;
  const sign = b > a ? 1 : -1;
  let n = 0;
  for (let d = a; d !== b; ) {
    d += sign;
    if (workingDay(d, hol)) n += sign;
  }
  return n;
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
  firstReply: DeadlineState;
  final: DeadlineState;
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

/**
 * Both deadlines of a report at `now`. A refused or out-of-authority report
 * stops both clocks; the final answer counts as done when it was answered.
 */
export function complaintDeadlines(
  c: Pick<Complaint, 'receivedAt' | 'status' | 'firstReplyAt' | 'answeredAt' | 'closedAt'>,
  rules: ComplaintDeadlines,
  zone: TimeZoneCode,
  holidays: ReadonlySet<string>,
  now: Date,
): ComplaintDeadlineState {
  const stopped = TERMINAL_STATUSES.includes(c.status);
  const firstDone = c.firstReplyAt ?? c.answeredAt;
  return {
    firstReply: state(deadlineAt(c.receivedAt, rules.firstReplyWorkingDays, zone, holidays), firstDone, stopped, now, zone, holidays),
    final: state(deadlineAt(c.receivedAt, rules.finalAnswerWorkingDays, zone, holidays), c.answeredAt, stopped, now, zone, holidays),
  };
}
