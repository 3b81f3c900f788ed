import { describe, expect, it } from 'vitest';
import { formatDateInput, formatTimeInput, parseDateInput, parseTimeInput } from '@shared/domain/date-input';

describe('dates and times as typed in Indonesia', () => {
  it('reads a date day first, or ISO, and refuses impossible days', () => {
    expect(parseDateInput('27/11/2026')).toBe('2026-11-27');
    expect(parseDateInput(' 1-2-2027 ')).toBe('2027-02-01');
    expect(parseDateInput('17.08.2026')).toBe('2026-08-17');
    expect(parseDateInput('2026-12-31')).toBe('2026-12-31');
    expect(parseDateInput('29/02/2026')).toBeNull();
    expect(parseDateInput('29/02/2028')).toBe('2028-02-29');
    expect(parseDateInput('31/04/2026')).toBeNull();
    expect(parseDateInput('11/27/2026')).toBeNull();
    expect(parseDateInput('besok')).toBeNull();
    expect(formatDateInput('2026-11-27')).toBe('27/11/2026');
    expect(formatDateInput('')).toBe('');
  });

  it('reads a 24-hour time with a dot or a colon and writes it with a dot in Indonesian', () => {
    expect(parseTimeInput('14.00')).toBe('14:00');
    expect(parseTimeInput('14:30')).toBe('14:30');
    expect(parseTimeInput('0930')).toBe('09:30');
    expect(parseTimeInput('9')).toBe('09:00');
    expect(parseTimeInput('24.00')).toBeNull();
    expect(parseTimeInput('12.60')).toBeNull();
    expect(parseTimeInput('02:00 PM')).toBeNull();
    expect(formatTimeInput('14:00')).toBe('14.00');
    expect(formatTimeInput('14:00', 'en')).toBe('14:00');
  });
});
