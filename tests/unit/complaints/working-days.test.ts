import { describe, expect, it } from 'vitest';
import { addDays, isWorkingDay } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { workingDaysBetween } from '@shared/complaints/deadlines';

/** The day-by-day definition the closed form must equal. */
function slow(from: string, to: string, hol: ReadonlySet<string>): number {
  if (from === to) return 0;
  let n = 0;
  if (to > from) for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) n += isWorkingDay(d, hol) ? 1 : 0;
  else for (let d = to; d < from; d = addDays(d, 1)) n -= isWorkingDay(d, hol) ? 1 : 0;
  return n;
}

describe('workingDaysBetween (closed form)', () => {
  it('equals the day-by-day count for every pair of dates across 2026 holidays and weekends', () => {
    const hol = new Set([...HOLIDAYS_2026.map((h) => h.date), '2027-01-01', '2027-01-05']);
    const start = '2026-03-10';
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 320; j += 7) {
        const a = addDays(start, i * 11);
        const b = addDays('2026-01-01', j + i);
        expect(workingDaysBetween(a, b, hol)).toBe(slow(a, b, hol));
      }
    }
  });
});
