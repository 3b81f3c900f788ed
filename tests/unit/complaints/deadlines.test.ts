import { describe, expect, it } from 'vitest';
import { addWorkingDays, complaintDeadlines, deadlineAt, workingDaysBetween } from '@shared/complaints/deadlines';
import { HOLIDAYS_2026 } from '@shared/activity/targets';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';

const hol = new Set(HOLIDAYS_2026.map((h) => h.date));
const none = new Set<string>();

describe('working-day deadlines', () => {
  it('skips the weekend', () => {
    // Thu 2026-11-19 + 5 working days → Thu 2026-11-26.
    expect(addWorkingDays('2026-11-19', 5, none)).toBe('2026-11-26');
    // Fri + 1 → Mon.
    expect(addWorkingDays('2026-11-20', 1, none)).toBe('2026-11-23');
    // Received on a Saturday: the first working day is Monday.
    expect(addWorkingDays('2026-11-21', 1, none)).toBe('2026-11-23');
  });
  it('skips holidays and cuti bersama (Idulfitri 2026)', () => {
    // Thu 2026-03-19 is Nyepi; 20 cuti, 21–22 Idulfitri (weekend), 23–24 cuti. Wed 18 + 1 → Wed 25.
    expect(addWorkingDays('2026-03-18', 1, hol)).toBe('2026-03-25');
    // 25 (1), 26 (2), 27 (3), 30 (4), 31 (5).
    expect(addWorkingDays('2026-03-17', 5, hol)).toBe('2026-03-31');
    expect(addWorkingDays('2026-03-17', 5, none)).toBe('2026-03-24');
  });
  it('ends at 23:59:59.999 in the workspace zone', () => {
    // Received Mon 2026-11-23 10:00 WIB; +5 → Mon 2026-11-30 end of day WIB = 16:59:59.999Z.
    expect(deadlineAt('2026-11-23T03:00:00.000Z', 5, 'WIB', none).toISOString()).toBe('2026-11-30T16:59:59.999Z');
    expect(deadlineAt('2026-11-23T03:00:00.000Z', 5, 'WIT', none).toISOString()).toBe('2026-11-30T14:59:59.999Z');
  });
  it('receipt late in the evening counts on the zone date', () => {
    // 2026-11-20T17:30Z is Sat 00:30 WIB → first working day is Mon 23, +1 → Mon 23.
    expect(deadlineAt('2026-11-20T17:30:00.000Z', 1, 'WIB', none).toISOString()).toBe('2026-11-23T16:59:59.999Z');
    // …but still Friday in UTC-minded code; in WIB the Friday is gone.
  });
  it('counts working days between dates both ways', () => {
    expect(workingDaysBetween('2026-11-19', '2026-11-26', none)).toBe(5);
    expect(workingDaysBetween('2026-11-26', '2026-11-19', none)).toBe(-5);
    expect(workingDaysBetween('2026-11-26', '2026-11-26', none)).toBe(0);
  });
  it('flags overdue only while open, and late once answered after the deadline', () => {
    const rules = { ...DEFAULT_COMPLAINT_DEADLINES, firstReplyWorkingDays: 1, finalAnswerWorkingDays: 3, verificationWorkingDays: 1 };
    const base = { receivedAt: '2026-11-23T03:00:00.000Z', status: 'diteruskan' as const, firstReplyAt: null, answeredAt: null, closedAt: null };
    const before = complaintDeadlines(base, rules, 'WIB', none, new Date('2026-11-24T10:00:00.000Z'));
    expect(before.firstReply.overdue).toBe(false);
    expect(before.firstReply.workingDaysLeft).toBe(0);
    const after = complaintDeadlines(base, rules, 'WIB', none, new Date('2026-11-24T17:00:00.000Z'));
    expect(after.firstReply.overdue).toBe(true);
    expect(after.final.overdue).toBe(false);
    const answered = complaintDeadlines(
      { ...base, status: 'dijawab', answeredAt: '2026-11-27T02:00:00.000Z' },
      rules,
      'WIB',
      none,
      new Date('2026-12-10T00:00:00.000Z'),
    );
    expect(answered.final.overdue).toBe(false);
    expect(answered.final.late).toBe(true);
    expect(answered.firstReply.late).toBe(true);
    const refused = complaintDeadlines({ ...base, status: 'ditolak' }, rules, 'WIB', none, new Date('2026-12-10T00:00:00.000Z'));
    expect(refused.final.overdue).toBe(false);
  });
});
