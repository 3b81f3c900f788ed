import { describe, expect, it } from 'vitest';
import { countByDay, currentStreak, longestStreak, targetMet } from '@shared/activity/streak';
import { DEFAULT_TARGETS, HOLIDAYS_2026, targetsSchema, type Targets } from '@shared/activity/targets';
import { dateRange } from '@shared/activity/calendar';
import { workspaceSchema } from '@shared/domain/workspace';

const every: Targets = { ...DEFAULT_TARGETS, days: 'every', holidays: [] };
const working: Targets = { ...DEFAULT_TARGETS, days: 'working', holidays: HOLIDAYS_2026 };

describe('countByDay across zones', () => {
  // 2026-11-24T16:30Z is 23:30 WIB (24th) but 00:30 WITA and 01:30 WIT (25th).
  const late = [{ channel: 'website' as const, publishedAt: '2026-11-24T16:30:00.000Z' }];
  it('puts an instant on the workspace-zone date, not UTC or the PC', () => {
    expect([...countByDay(late, 'WIB').keys()]).toEqual(['2026-11-24']);
    expect([...countByDay(late, 'WITA').keys()]).toEqual(['2026-11-25']);
    expect([...countByDay(late, 'WIT').keys()]).toEqual(['2026-11-25']);
  });
  it('changes the streak with the zone', () => {
    const items = [
      { channel: 'website' as const, publishedAt: '2026-11-23T05:00:00.000Z' }, // 23rd everywhere
      ...late,
    ];
    // WIB: 23rd and 24th have content → today (24th) streak 2.
    expect(currentStreak(countByDay(items, 'WIB'), '2026-11-24', every).current).toBe(2);
    // WITA: content on 23rd and 25th, nothing on the 24th → streak broken when today is the 25th.
    expect(currentStreak(countByDay(items, 'WITA'), '2026-11-25', every).current).toBe(1);
  });
});

describe('currentStreak', () => {
  const at = (d: string, channel: 'website' | 'instagram' = 'website') => ({ channel, publishedAt: `${d}T03:00:00.000Z` });
  it('does not break on today while the day is still open', () => {
    const c = countByDay([at('2026-11-21'), at('2026-11-22'), at('2026-11-23')], 'WIB');
    expect(currentStreak(c, '2026-11-24', every)).toEqual({ current: 3, todayHasContent: false, since: '2026-11-21' });
  });
  it('breaks on a missed day in every-day mode', () => {
    const c = countByDay([at('2026-11-20'), at('2026-11-22'), at('2026-11-23')], 'WIB');
    expect(currentStreak(c, '2026-11-23', every).current).toBe(2);
  });
  it('skips weekends and holidays in working-days mode', () => {
    // Fri 2026-08-14, (Sat 15, Sun 16 weekend, Mon 17 Aug holiday), Tue 18 Aug.
    const c = countByDay([at('2026-08-13'), at('2026-08-14'), at('2026-08-18')], 'WIB');
    expect(currentStreak(c, '2026-08-18', working)).toEqual({ current: 3, todayHasContent: true, since: '2026-08-13' });
    // The same days in every-day mode: the empty weekend breaks it.
    expect(currentStreak(c, '2026-08-18', { ...working, days: 'every' }).current).toBe(1);
  });
  it('a weekend day with content extends the run', () => {
    const c = countByDay([at('2026-11-20'), at('2026-11-21'), at('2026-11-23')], 'WIB');
    // Fri 20, Sat 21 (content), Sun 22 (no content, not required), Mon 23.
    expect(currentStreak(c, '2026-11-23', working).current).toBe(3);
  });
  it('counts days that only have manually marked publications like any other', () => {
    // Publications from "Tandai sudah tayang" are ordinary publications; there is no draft input at all.
    const manual = [{ channel: 'instagram' as const, publishedAt: '2026-11-22T10:00:00.000Z', source: 'manual' }];
    const c = countByDay(manual, 'WIB');
    expect(currentStreak(c, '2026-11-23', every)).toEqual({ current: 1, todayHasContent: false, since: '2026-11-22' });
  });
  it('longest streak in a range', () => {
    const days = dateRange('2026-11-01', '2026-11-10');
    const c = countByDay(['2026-11-01', '2026-11-02', '2026-11-04', '2026-11-05', '2026-11-06'].map((d) => at(d)), 'WIB');
    expect(longestStreak(c, days, every)).toBe(3);
  });
});

describe('targets', () => {
  it('a day meets the target only when each tracked channel reaches its minimum', () => {
    const t = { perChannel: { ...DEFAULT_TARGETS.perChannel, website: 1, facebook: 1, instagram: 2 } };
    const row = { website: 1, facebook: 1, instagram: 1, x: 0, whatsapp: 0, other: 0 };
    expect(targetMet(row, t)).toBe(false);
    expect(targetMet({ ...row, instagram: 2 }, t)).toBe(true);
  });
  it('older workspace files without targets still parse, with the 2026 holidays', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const ws = workspaceSchema.parse({
      id: 'workspace',
      createdAt: at,
      updatedAt: at,
      rev: 3,
      opd: { fullName: '', shortName: '', logoMediaId: null, colors: { primary: '#000000', secondary: '#000000', text: '#000000' }, dateline: 'BLORA', timeZone: 'WIB', website: '' },
      team: [],
      language: 'id',
    });
    expect(ws.targets.perChannel.website).toBe(1);
    expect(ws.targets.holidays).toHaveLength(25);
    expect(ws.complaintDeadlines).toEqual({ firstReplyWorkingDays: 5, verificationWorkingDays: 3, urgentFirstReplyWorkingDays: 0, fieldCheckWorkingDays: 60, finalAnswerWorkingDays: 14 });
    expect(targetsSchema.parse({}).days).toBe('every');
  });
  it('ships 17 national holidays and 8 cuti bersama for 2026', () => {
    expect(HOLIDAYS_2026.filter((h) => h.kind === 'national')).toHaveLength(17);
    expect(HOLIDAYS_2026.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(8);
    expect(new Set(HOLIDAYS_2026.map((h) => h.date)).size).toBe(25);
  });
});

describe('dateInZone', () => {
  it('agrees with the Intl-based zonedDate for every zone across day boundaries', async () => {
    const { zonedDate } = await import('@shared/domain/time-zone');
    const { dateInZone } = await import('@shared/activity/calendar');
    for (let ms = Date.parse('2026-12-31T12:00:00Z'); ms < Date.parse('2027-01-01T20:00:00Z'); ms += 17 * 60_000) {
      for (const z of ['WIB', 'WITA', 'WIT'] as const) expect(dateInZone(new Date(ms), z)).toBe(zonedDate(new Date(ms), z));
    }
  });
});
