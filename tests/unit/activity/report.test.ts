import { describe, expect, it } from 'vitest';
import { buildActivityReport, reviewDurations, type ReportPublication } from '@shared/activity/report';
import { DEFAULT_TARGETS } from '@shared/activity/targets';

/**
 * Hand-checked fixture: 1–7 November 2026 in WITA (UTC+8), target on working
 * days, website and Instagram one each. Expected values were worked out on
 * paper from the instants below; see the comments per publication.
 */
const pubs: ReportPublication[] = [
  { id: 'p1', channel: 'website', publishedAt: '2026-11-02T01:00:00.000Z', category: 'Kesehatan', postId: null, actorId: 'a1' }, // Mon 2, 09:00
  { id: 'p2', channel: 'instagram', publishedAt: '2026-11-02T02:00:00.000Z', category: 'Kesehatan', postId: 'post1', actorId: null }, // Mon 2 → author of post1 (a2)
  { id: 'p3', channel: 'website', publishedAt: '2026-11-03T15:30:00.000Z', category: 'Pendidikan', postId: null, actorId: 'a1' }, // Tue 3, 23:30
  { id: 'p4', channel: 'website', publishedAt: '2026-11-03T16:30:00.000Z', category: '', postId: null, actorId: null }, // Wed 4, 00:30
  { id: 'p5', channel: 'facebook', publishedAt: '2026-11-06T00:00:00.000Z', category: 'Pendidikan', postId: null, actorId: 'ghost' }, // Fri 6
  { id: 'p6', channel: 'instagram', publishedAt: '2026-10-31T16:30:00.000Z', category: 'Kesehatan', postId: null, actorId: 'a2' }, // Sun 1, 00:30
  { id: 'p7', channel: 'website', publishedAt: '2026-11-07T16:30:00.000Z', category: 'Kesehatan', postId: null, actorId: 'a1' }, // Sun 8: outside
];

describe('activity report against a hand-checked fixture', () => {
  const r = buildActivityReport({
    from: '2026-11-01',
    to: '2026-11-07',
    zone: 'WITA',
    targets: { ...DEFAULT_TARGETS, days: 'working', holidays: [], perChannel: { ...DEFAULT_TARGETS.perChannel, facebook: 0 } },
    publications: pubs,
    postAuthors: new Map([['post1', 'a2']]),
    team: new Map([
      ['a1', 'Ani'],
      ['a2', 'Budi'],
    ]),
    reviewHours: [3, 96],
  });

  it('counts per day in the workspace zone', () => {
    expect(r.days.map((d) => d.total)).toEqual([1, 2, 1, 1, 0, 1, 0]);
    expect(r.days.map((d) => d.required)).toEqual([false, true, true, true, true, true, false]);
    expect(r.days.map((d) => d.targetMet)).toEqual([false, true, false, false, false, false, false]);
    expect(r.total).toBe(6);
    expect(r.perChannel).toEqual({ website: 3, facebook: 1, instagram: 2, x: 0, whatsapp: 0, other: 0 });
  });
  it('groups by category and author (unknown last)', () => {
    expect(r.byCategory).toEqual([
      { name: 'Kesehatan', count: 3 },
      { name: 'Pendidikan', count: 2 },
      { name: '', count: 1 },
    ]);
    expect(r.byAuthor).toEqual([
      { name: 'Ani', count: 2 },
      { name: 'Budi', count: 2 },
      { name: '', count: 2 },
    ]);
  });
  it('finds missed and under-target days and the longest run', () => {
    expect(r.activeDays).toBe(5);
    expect(r.requiredDays).toBe(5);
    expect(r.missedDays).toEqual(['2026-11-05']);
    expect(r.underTargetDays).toEqual(['2026-11-03', '2026-11-04', '2026-11-06']);
    expect(r.longestStreak).toBe(4);
    expect(r.avgReviewHours).toBe(49.5);
  });
  it('does not judge today or later days of an open period', () => {
    const open = buildActivityReport({
      from: '2026-11-01',
      to: '2026-11-07',
      zone: 'WITA',
      targets: { ...DEFAULT_TARGETS, days: 'working', holidays: [] },
      publications: pubs,
      postAuthors: new Map(),
      team: new Map(),
      reviewHours: null,
      today: '2026-11-05',
    });
    // Thu 5 (today, empty) and Fri 6 are still open: nothing missed, and only Mon 2–Wed 4 are judged.
    expect(open.missedDays).toEqual([]);
    expect(open.requiredDays).toBe(3);
    // Facebook keeps its default minimum of 1 here, so Monday 2 is under target too.
    expect(open.underTargetDays).toEqual(['2026-11-02', '2026-11-03', '2026-11-04']);
    expect(open.total).toBe(6);
    expect(open.avgReviewHours).toBe(null);
  });

  it('pairs review submissions with approvals inside the range', () => {
    const from = Date.parse('2026-11-01T00:00:00+08:00');
    const to = Date.parse('2026-11-07T23:59:59.999+08:00');
    const hours = reviewDurations(
      [
        { entityId: 'post1', type: 'approved', at: '2026-11-02T03:00:00.000Z' },
        { entityId: 'post1', type: 'submitted', at: '2026-11-02T00:00:00.000Z' },
        { entityId: 'post2', type: 'submitted', at: '2026-10-30T00:00:00.000Z' },
        { entityId: 'post2', type: 'approved', at: '2026-11-03T00:00:00.000Z' },
        { entityId: 'post3', type: 'submitted', at: '2026-11-05T00:00:00.000Z' },
        { entityId: 'post4', type: 'submitted', at: '2026-11-07T00:00:00.000Z' },
        { entityId: 'post4', type: 'approved', at: '2026-11-09T00:00:00.000Z' },
      ],
      from,
      to,
    );
    expect(hours).toEqual([3, 96]);
  });
});
