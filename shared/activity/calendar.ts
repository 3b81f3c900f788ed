import type { TimeZoneCode } from '@shared/domain/time-zone';

/**
 * Calendar-date helpers over YYYY-MM-DD strings. A calendar date has no
 * zone, so the arithmetic runs in UTC; instants are mapped to dates with the
 * workspace zone (zonedDate in shared/domain/time-zone.ts).
 */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (UTC) of a YYYY-MM-DD date: loops over many days use these integers. */
export function dayNumber(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function fromDayNumber(n: number): string {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}

/** Weekday of a day number: 1970-01-01 was a Thursday. */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Inclusive list of dates from `from` to `to` (empty when from > to). */
export function dateRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function daysBetween(from: string, to: string): number {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Math.round((b - a) / 86_400_000);
}

/**
 * UTC offsets of Indonesia's zones. Indonesia keeps no daylight saving time,
 * so the offset is fixed; this turns "end of a date in WITA" into an instant
 * without a time-zone database.
 */
export const ZONE_OFFSET_HOURS: Record<TimeZoneCode, number> = { WIB: 7, WITA: 8, WIT: 9 };

/** The instant a zoned wall-clock time happens. */
export function zonedInstant(date: string, zone: TimeZoneCode, hh = 0, mm = 0, ss = 0, ms = 0): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, hh - ZONE_OFFSET_HOURS[zone], mm, ss, ms));
}

/**
 * The calendar date of an instant in an Indonesian zone. Same result as
 * zonedDate() in domain/time-zone.ts, without Intl: with a fixed offset it is
 * plain arithmetic, and reports call it for every publication.
 */
export function dateInZone(instant: Date | string, zone: TimeZoneCode): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + ZONE_OFFSET_HOURS[zone] * 3_600_000).toISOString().slice(0, 10);
}

/** Last millisecond of a date in the zone. */
export function endOfZonedDay(date: string, zone: TimeZoneCode): Date {
  return zonedInstant(date, zone, 23, 59, 59, 999);
}

export function isWeekend(date: string): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** A working day: Monday–Friday and not in the holiday set. */
export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  return !isWeekend(date) && !holidays.has(date);
}

/** First and last date of the month that holds `date`. */
export function monthBounds(date: string): { from: string; to: string } {
  const [y, m] = date.split('-').map(Number);
  const from = `${y}-${String(m).padStart(2, '0')}-01`;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from, to: `${y}-${String(m).padStart(2, '0')}-${String(last).padStart(2, '0')}` };
}

/** An instant as ISO 8601 with the zone's offset ("2026-12-23T09:15:00+07:00"): readable in the OPD's time and still exact. */
export function isoInZone(instant: Date | string, zone: TimeZoneCode): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  const h = ZONE_OFFSET_HOURS[zone];
  return `${new Date(ms + h * 3_600_000).toISOString().slice(0, 19)}+${String(h).padStart(2, '0')}:00`;
}
