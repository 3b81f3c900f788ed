/**
 * Indonesia's three legal time zones. All dates in Redaksi are shown and
 * scheduled in the workspace's zone, never the PC's.
 */
export const TIME_ZONES = {
  WIB: 'Asia/Jakarta',
  WITA: 'Asia/Makassar',
  WIT: 'Asia/Jayapura',
} as const;
export type TimeZoneCode = keyof typeof TIME_ZONES;
export const TIME_ZONE_CODES = Object.keys(TIME_ZONES) as TimeZoneCode[];

const dayNames = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const;

interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();

/** Calendar fields of an instant as seen in the given zone. */
export function zonedParts(instant: Date | string, zone: TimeZoneCode): ZonedParts {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  let fmt = partFormatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: TIME_ZONES[zone],
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partFormatters.set(zone, fmt);
  }
  const parts = Object.fromEntries(fmt.formatToParts(date).map((p) => [p.type, p.value]));
  const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: weekdays.indexOf(String(parts.weekday)),
  };
}

/** "Kamis (25/8/2022)": the day-date form used in Indonesian government news. */
export function formatNewsDate(isoDate: string, lang: 'id' | 'en' = 'id'): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  // A calendar date has no zone: compute its weekday in UTC.
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${dayNames[lang][weekday]} (${d}/${m}/${y})`;
}

/** Date and time of an instant in the workspace zone, e.g. "24/11/2026 09.05 WIB". */
export function formatZonedDateTime(instant: Date | string, zone: TimeZoneCode): string {
  const p = zonedParts(instant, zone);
  const hh = String(p.hour).padStart(2, '0');
  const mm = String(p.minute).padStart(2, '0');
  return `${p.day}/${p.month}/${p.year} ${hh}.${mm} ${zone}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in the given zone. */
export function zonedDate(instant: Date | string, zone: TimeZoneCode): string {
  const p = zonedParts(instant, zone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
