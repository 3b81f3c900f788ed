import { dateInZone, dayNumber, endOfZonedDay, fromDayNumber, weekdayOfDay } from '../activity/calendar';
import type { TimeZoneCode } from '../domain/time-zone';
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
