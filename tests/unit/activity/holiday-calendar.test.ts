import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, correctComputedHolidays, missingNextYearSkb, skbYearSchema, type SkbYear } from '@shared/activity/holiday-calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { addWorkingDays } from '@shared/complaints/deadlines';
import { computedHolidays } from '@core/activity/holiday-source';

const calendar = (imported: SkbYear[] = []) =>
  buildHolidayCalendar({ years: [2026, 2027], imported, computed: computedHolidays, workspace: HOLIDAYS_2026 });

describe('national holidays beyond the bundled SKB year', () => {
  it('names 27 Rajab Isra Mikraj, never Maulid (date-holidays mislabels it)', () => {
    const y2027 = computedHolidays(2027);
    expect(y2027.find((h) => h.date === '2027-01-05')?.name).toBe('Isra Mikraj Nabi Muhammad SAW');
    expect(y2027.filter((h) => h.name.startsWith('Maulid')).map((h) => h.date)).toEqual(['2027-08-14']);
    // Easter Sunday is a national holiday (Keppres 8/2024); the library leaves it out.
    expect(y2027.find((h) => h.date === '2027-03-28')?.name).toMatch(/Kebangkitan/);
    expect(y2027.every((h) => h.kind === 'national')).toBe(true);
  });

  it('a year with an SKB list uses it whole: 2026 Idulfitri is 21–22 March, not the computed 20–21', () => {
    const cal = calendar();
    const march = cal.holidays.filter((h) => h.date.startsWith('2026-03-2')).map((h) => `${h.date} ${h.kind}`);
    expect(march).toEqual(['2026-03-20 cuti_bersama', '2026-03-21 national', '2026-03-22 national', '2026-03-23 cuti_bersama', '2026-03-24 cuti_bersama']);
    expect(cal.years).toEqual([
      { year: 2026, kind: 'skb_bundled', source: expect.stringContaining('1497') },
      { year: 2027, kind: 'computed', source: 'date-holidays' },
    ]);
  });

  it('an imported SKB list replaces the computed year, cuti bersama included', () => {
    const imported = skbYearSchema.parse({
      year: 2027,
      source: 'Contoh SKB (uji)',
      holidays: [
        { date: '2027-01-01', name: 'Tahun Baru 2027 Masehi', kind: 'national' },
        { date: '2027-01-04', name: 'Cuti bersama (uji)', kind: 'cuti_bersama' },
      ],
    });
    const cal = calendar([imported]);
    expect(cal.years[1]).toEqual({ year: 2027, kind: 'skb_imported', source: 'Contoh SKB (uji)' });
    expect(cal.holidays.filter((h) => h.date.startsWith('2027-')).map((h) => h.date)).toEqual(['2027-01-01', '2027-01-04']);
  });

  it('refuses an SKB file whose dates fall outside its year', () => {
    const r = skbYearSchema.safeParse({ year: 2027, source: 'x x x', holidays: [{ date: '2026-12-31', name: 'a', kind: 'national' }] });
    expect(r.success).toBe(false);
  });

  it('warns from 1 November when next year has no SKB list', () => {
    const years = calendar().years;
    expect(missingNextYearSkb('2026-10-31', years)).toBeNull();
    expect(missingNextYearSkb('2026-11-01', years)).toBe(2027);
    expect(missingNextYearSkb('2025-11-01', [{ year: 2026, kind: 'skb_bundled', source: 's' }])).toBeNull();
  });

  it('tolerates a library entry outside the year (Islamic dates drifting)', () => {
    expect(correctComputedHolidays(2027, [{ date: '2026-12-31 00:00:00', name: 'x', rule: '27 Rajab', type: 'public' }])).toEqual([]);
  });
});

/**
 * Verification (3), first reply (5) and final answer (14 working days) for
 * a report received on every working day of December 2026 and January
 * 2027. Holidays: 24 Dec (cuti bersama Natal) and 25 Dec 2026 (SKB 2026);
 * 1 Jan and 5 Jan 2027 (Isra Mikraj, 27 Rajab 1448) from date-holidays, no
 * 2027 SKB list being available. Dates counted by hand on a calendar, e.g.
 * Wed 23/12: 28, 29, 30, 31 Dec, (1 Jan holiday, 2–3 weekend) 4 Jan = 5th
 * working day; 6, 7, 8, 11, 12, 13, 14, 15, 18 Jan = 14th.
 */
const EXPECTED: [string, string, string, string][] = [
  ['2026-12-01', '2026-12-04', '2026-12-08', '2026-12-21'],
  ['2026-12-02', '2026-12-07', '2026-12-09', '2026-12-22'],
  ['2026-12-03', '2026-12-08', '2026-12-10', '2026-12-23'],
  ['2026-12-04', '2026-12-09', '2026-12-11', '2026-12-28'],
  ['2026-12-07', '2026-12-10', '2026-12-14', '2026-12-29'],
  ['2026-12-08', '2026-12-11', '2026-12-15', '2026-12-30'],
  ['2026-12-09', '2026-12-14', '2026-12-16', '2026-12-31'],
  ['2026-12-10', '2026-12-15', '2026-12-17', '2027-01-04'],
  ['2026-12-11', '2026-12-16', '2026-12-18', '2027-01-06'],
  ['2026-12-14', '2026-12-17', '2026-12-21', '2027-01-07'],
  ['2026-12-15', '2026-12-18', '2026-12-22', '2027-01-08'],
  ['2026-12-16', '2026-12-21', '2026-12-23', '2027-01-11'],
  ['2026-12-17', '2026-12-22', '2026-12-28', '2027-01-12'],
  ['2026-12-18', '2026-12-23', '2026-12-29', '2027-01-13'],
  ['2026-12-21', '2026-12-28', '2026-12-30', '2027-01-14'],
  ['2026-12-22', '2026-12-29', '2026-12-31', '2027-01-15'],
  ['2026-12-23', '2026-12-30', '2027-01-04', '2027-01-18'],
  ['2026-12-28', '2026-12-31', '2027-01-06', '2027-01-19'],
  ['2026-12-29', '2027-01-04', '2027-01-07', '2027-01-20'],
  ['2026-12-30', '2027-01-06', '2027-01-08', '2027-01-21'],
  ['2026-12-31', '2027-01-07', '2027-01-11', '2027-01-22'],
  ['2027-01-04', '2027-01-08', '2027-01-12', '2027-01-25'],
  ['2027-01-06', '2027-01-11', '2027-01-13', '2027-01-26'],
  ['2027-01-07', '2027-01-12', '2027-01-14', '2027-01-27'],
  ['2027-01-08', '2027-01-13', '2027-01-15', '2027-01-28'],
  ['2027-01-11', '2027-01-14', '2027-01-18', '2027-01-29'],
  ['2027-01-12', '2027-01-15', '2027-01-19', '2027-02-01'],
  ['2027-01-13', '2027-01-18', '2027-01-20', '2027-02-02'],
  ['2027-01-14', '2027-01-19', '2027-01-21', '2027-02-03'],
  ['2027-01-15', '2027-01-20', '2027-01-22', '2027-02-04'],
  ['2027-01-18', '2027-01-21', '2027-01-25', '2027-02-05'],
  ['2027-01-19', '2027-01-22', '2027-01-26', '2027-02-08'],
  ['2027-01-20', '2027-01-25', '2027-01-27', '2027-02-09'],
  ['2027-01-21', '2027-01-26', '2027-01-28', '2027-02-10'],
  ['2027-01-22', '2027-01-27', '2027-01-29', '2027-02-11'],
  ['2027-01-25', '2027-01-28', '2027-02-01', '2027-02-12'],
  ['2027-01-26', '2027-01-29', '2027-02-02', '2027-02-15'],
  ['2027-01-27', '2027-02-01', '2027-02-03', '2027-02-16'],
  ['2027-01-28', '2027-02-02', '2027-02-04', '2027-02-17'],
  ['2027-01-29', '2027-02-03', '2027-02-05', '2027-02-18'],
];

describe('deadlines across the turn of the year (Dec 2026 – Jan 2027)', () => {
  const set = new Set(calendar().holidays.map((h) => h.date));
  it('covers every working day of the two months', () => {
    expect(EXPECTED).toHaveLength(40);
  });
  it.each(EXPECTED)('received %s: verification %s, first reply %s, final %s', (received, verification, first, final) => {
    expect(addWorkingDays(received, 3, set)).toBe(verification);
    expect(addWorkingDays(received, 5, set)).toBe(first);
    expect(addWorkingDays(received, 14, set)).toBe(final);
  });
});
