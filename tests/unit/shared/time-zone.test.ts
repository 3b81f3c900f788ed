import { describe, expect, it } from 'vitest';
import { formatNewsDate, formatZonedDateTime, zonedDate } from '@shared/domain/time-zone';

describe('time zones', () => {
  it('formats the news day-date form', () => {
    expect(formatNewsDate('2022-08-25')).toBe('Kamis (25/8/2022)');
    expect(formatNewsDate('2022-04-06')).toBe('Rabu (6/4/2022)');
    expect(formatNewsDate('2022-08-25', 'en')).toBe('Thursday (25/8/2022)');
  });

  it('uses the workspace zone, not the PC zone', () => {
    // 17:30 UTC is already the next day in WIB (UTC+7), WITA (+8) and WIT (+9).
    const instant = '2026-11-23T17:30:00.000Z';
    expect(zonedDate(instant, 'WIB')).toBe('2026-11-24');
    expect(formatZonedDateTime(instant, 'WIB')).toBe('24/11/2026 00.30 WIB');
    expect(formatZonedDateTime(instant, 'WITA')).toBe('24/11/2026 01.30 WITA');
    expect(formatZonedDateTime(instant, 'WIT')).toBe('24/11/2026 02.30 WIT');
    expect(zonedDate('2026-11-23T16:59:00.000Z', 'WIB')).toBe('2026-11-23');
  });
});
