import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, startOfMonth, startOfWeek, endOfMonth, endOfWeek, format } from 'date-fns';
import { TIME_ZONES, zonedDate, zonedParts, type TimeZoneCode } from '@shared/domain/time-zone';

/**
 * Calendar math in the OPD's zone (WIB/WITA/WIT), whatever the PC's zone:
 * every instant is converted with @date-fns/tz, never with the host's
 * local time.
 */

/** The UTC instant (ISO) of a wall-clock date and time in the workspace zone. */
export function zonedInstant(date: string, time: string, zone: TimeZoneCode): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, 0, TIME_ZONES[zone]).getTime()).toISOString();
}

/** "HH:mm" of an instant in the zone. */
export function zonedTime(instant: string | Date, zone: TimeZoneCode): string {
  const p = zonedParts(instant, zone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** Move an instant to another calendar day, keeping its wall-clock time in the zone (drag on the calendar). */
export function moveToDay(instant: string, newDate: string, zone: TimeZoneCode): string {
  return zonedInstant(newDate, zonedTime(instant, zone), zone);
}

export type CalendarView = 'week' | 'month';

function tzDay(date: string, zone: TimeZoneCode): TZDate {
  const [y, m, d] = date.split('-').map(Number);
  return new TZDate(y, m - 1, d, 12, 0, 0, TIME_ZONES[zone]);
}

/** The days (YYYY-MM-DD) a week or month view shows around `anchor`; weeks start on Monday (Senin). */
export function calendarDays(view: CalendarView, anchor: string, zone: TimeZoneCode): string[] {
  const a = tzDay(anchor, zone);
  const start = view === 'week' ? startOfWeek(a, { weekStartsOn: 1 }) : startOfWeek(startOfMonth(a), { weekStartsOn: 1 });
  const end = view === 'week' ? endOfWeek(a, { weekStartsOn: 1 }) : endOfWeek(endOfMonth(a), { weekStartsOn: 1 });
  const out: string[] = [];
  for (let d = start; d.getTime() <= end.getTime(); d = addDays(d, 1)) out.push(format(d, 'yyyy-MM-dd'));
  return out;
}

/** The anchor one view step away (previous/next week or month). */
export function shiftAnchor(view: CalendarView, anchor: string, step: number, zone: TimeZoneCode): string {
  const a = tzDay(anchor, zone);
  return format(view === 'week' ? addDays(a, 7 * step) : addMonths(a, step), 'yyyy-MM-dd');
}

export interface CalendarEntry {
  /** The instant it goes (or went) out. */
  at: string;
}

/** Group entries by their calendar day in the zone. */
export function groupByDay<T extends CalendarEntry>(entries: T[], zone: TimeZoneCode): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const e of [...entries].sort((a, b) => a.at.localeCompare(b.at))) {
    const d = zonedDate(e.at, zone);
    const list = m.get(d);
    if (list) list.push(e);
    else m.set(d, [e]);
  }
  return m;
}

/** Days of the view from today on that have nothing scheduled or published: the gaps the regent's daily target cares about. */
export function emptyDays(days: string[], byDay: Map<string, unknown[]>, today: string): string[] {
  return days.filter((d) => d >= today && !(byDay.get(d)?.length));
}

/** Posting slots of the day, in the OPD's zone: on the hour from 08:00 to 20:00. */
export const SLOT_HOURS = { first: 8, last: 20 } as const;

/**
 * The next free posting slot after `now` in the OPD's zone: the first whole
 * hour at least `leadMinutes` ahead (within the day's slots, else tomorrow
 * morning) in which nothing is scheduled yet. Pure.
 */
export function nextFreeSlot(now: Date, zone: TimeZoneCode, taken: readonly string[], leadMinutes = 5): { date: string; time: string; at: string } {
  const busy = new Set(taken.map((t) => `${zonedDate(t, zone)} ${String(zonedParts(t, zone).hour).padStart(2, '0')}`));
  const earliest = now.getTime() + leadMinutes * 60_000;
  let day = zonedDate(now, zone);
  for (let d = 0; d < 60; d++) {
    for (let h = SLOT_HOURS.first; h <= SLOT_HOURS.last; h++) {
      const time = `${String(h).padStart(2, '0')}:00`;
      const at = zonedInstant(day, time, zone);
      if (Date.parse(at) < earliest) continue;
      if (busy.has(`${day} ${String(h).padStart(2, '0')}`)) continue;
      return { date: day, time, at };
    }
    day = format(addDays(tzDay(day, zone), 1), 'yyyy-MM-dd');
  }
  const at = zonedInstant(day, `${String(SLOT_HOURS.first).padStart(2, '0')}:00`, zone);
  return { date: day, time: `${String(SLOT_HOURS.first).padStart(2, '0')}:00`, at };
}
