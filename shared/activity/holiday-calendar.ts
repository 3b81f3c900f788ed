import { z } from 'zod';
import { HOLIDAYS_2026, HOLIDAYS_2026_SOURCE } from './holidays';
import { holidaySchema, type Holiday } from './targets-schema';

/**
 * One year's official list (SKB 3 Menteri: Menag, Menaker, MenPANRB): the
 * national holidays and cuti bersama of that year, with the decree cited.
 * Bundled years live in shared/activity/holidays*.ts; later years are
 * imported in Pengaturan → Target as a JSON file of this shape.
 */
export const skbYearSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    source: z.string().trim().min(3).max(300).regex(/^[^\r\n]*$/, 'must be one line'),
    holidays: z.array(holidaySchema).min(1).max(60),
  })
  .superRefine((v, ctx) => {
    v.holidays.forEach((h, i) => {
      if (!h.date.startsWith(`${v.year}-`)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'date'], message: 'date_outside_year' });
    });
  });
export type SkbYear = z.infer<typeof skbYearSchema>;

/** SKB lists shipped with the app. 2027: not bundled, see README of this folder's tests (not verifiable when written). */
export const BUNDLED_SKB: readonly SkbYear[] = [{ year: 2026, source: HOLIDAYS_2026_SOURCE, holidays: HOLIDAYS_2026 }];

/** Where a year's national holidays come from. */
export type YearSourceKind = 'skb_bundled' | 'skb_imported' | 'computed';

export interface YearSource {
  year: number;
  kind: YearSourceKind;
  /** The decree cited, or the library the dates were computed with. */
  source: string;
}

export interface CalendarHoliday extends Holiday {
  /** 'computed': from the astronomical/tabular rules, not yet confirmed by an SKB. */
  origin: 'skb' | 'computed' | 'workspace';
}

/** A holiday as the date-holidays library gives it (only what is read). */
export interface ComputedHolidayRaw {
  date: string;
  name: string;
  rule?: string;
  type?: string;
}

/**
 * Names of the official list for the rules date-holidays uses for Indonesia.
 * The library mislabels 27 Rajab (Isra Mikraj) as "Maulid Nabi Muhammad"
 * (seen for 2026–2028 in date-holidays 3.37), so names are taken from the
 * rule, never from the library's label.
 */
const NAME_BY_RULE: [RegExp, string][] = [
  [/^27 Rajab$/, 'Isra Mikraj Nabi Muhammad SAW'],
  [/^12 Rabi al-awwal$/, 'Maulid Nabi Muhammad SAW'],
  [/^1 Shawwal$/, 'Idulfitri'],
  [/^2 Shawwal$/, 'Idulfitri (hari kedua)'],
  [/^10 Dhu al-Hijjah$/, 'Iduladha'],
  [/^1 Muharram$/, '1 Muharam Tahun Baru Islam'],
  [/^01-01$/, 'Tahun Baru Masehi'],
  [/^chinese 01-0-01$/, 'Tahun Baru Imlek'],
  [/^easter -2$/, 'Wafat Yesus Kristus'],
  [/^easter 39$/, 'Kenaikan Yesus Kristus'],
  [/^05-01$/, 'Hari Buruh Internasional'],
  [/^06-01$/, 'Hari Lahir Pancasila'],
  [/^08-17$/, 'Proklamasi Kemerdekaan RI'],
  [/^12-25$/, 'Kelahiran Yesus Kristus'],
];

/**
 * Turns date-holidays' Indonesian list for one year into national holidays
 * with official names. Observances are dropped; Easter Sunday (Kebangkitan
 * Yesus Kristus, a national holiday since Keppres 8/2024) is added because
 * the library does not list it. Nyepi and Waisak are only in the library as
 * fixed dates for the years its authors entered; no guess is made beyond.
 */
export function correctComputedHolidays(year: number, raw: readonly ComputedHolidayRaw[]): Holiday[] {
  const out = new Map<string, Holiday>();
  const add = (date: string, name: string) => {
    if (!date.startsWith(`${year}-`)) return;
    const prev = out.get(date);
    out.set(date, { date, name: prev ? `${prev.name}; ${name}` : name, kind: 'national' });
  };
  for (const h of raw) {
    if (h.type && h.type !== 'public') continue;
    const date = h.date.slice(0, 10);
    const rule = (h.rule ?? '').trim();
    const named = NAME_BY_RULE.find(([re]) => re.test(rule))?.[1];
    if (named) add(date, named);
    else if (/nyepi/i.test(h.name)) add(date, 'Hari Suci Nyepi');
    else if (/waisak/i.test(h.name)) add(date, 'Hari Raya Waisak');
    else add(date, h.name);
    if (rule === 'easter -2') {
      const [y, m, d] = date.split('-').map(Number);
      add(new Date(Date.UTC(y, m - 1, d + 2)).toISOString().slice(0, 10), 'Kebangkitan Yesus Kristus (Paskah)');
    }
  }
  return [...out.values()].sort((a, b) => a.date.localeCompare(b.date));
}

export interface HolidayCalendar {
  holidays: CalendarHoliday[];
  years: YearSource[];
}

/**
 * The holidays of the years asked for: the year's SKB list when there is
 * one (imported first, then bundled), otherwise the computed national
 * holidays; then the workspace's own days (regional holidays, corrections)
 * on top. Pure: the computed lists are passed in.
 */
export function buildHolidayCalendar(input: {
  years: readonly number[];
  imported: readonly SkbYear[];
  computed: (year: number) => Holiday[];
  workspace: readonly Holiday[];
  bundled?: readonly SkbYear[];
  computedSource?: string;
}): HolidayCalendar {
  const bundled = input.bundled ?? BUNDLED_SKB;
  const byDate = new Map<string, CalendarHoliday>();
  const years: YearSource[] = [];
  for (const year of input.years) {
    const imported = input.imported.find((s) => s.year === year);
    const skb = imported ?? bundled.find((s) => s.year === year);
    if (skb) {
      years.push({ year, kind: imported ? 'skb_imported' : 'skb_bundled', source: skb.source });
      for (const h of skb.holidays) byDate.set(h.date, { ...h, origin: 'skb' });
    } else {
      years.push({ year, kind: 'computed', source: input.computedSource ?? 'date-holidays' });
      for (const h of input.computed(year)) byDate.set(h.date, { ...h, origin: 'computed' });
    }
  }
  for (const h of input.workspace) {
    const prev = byDate.get(h.date);
    // An official day keeps its kind; a workspace entry on the same date only renames it.
    byDate.set(h.date, prev && prev.origin !== 'workspace' ? { ...prev, name: h.name || prev.name } : { ...h, origin: 'workspace' });
  }
  return { holidays: [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date)), years };
}

/** From 1 November, Beranda asks for next year's SKB list when it has none. */
export function missingNextYearSkb(today: string, years: readonly YearSource[]): number | null {
  const year = Number(today.slice(0, 4));
  if (today.slice(5) < '11-01') return null;
  const next = years.find((y) => y.year === year + 1);
  return next && next.kind !== 'computed' ? null : year + 1;
}
