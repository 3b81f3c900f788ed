import { describe, expect, it } from 'vitest';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import type { Channel } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { buildRollup, type RollupComplaint, type RollupPublication } from '@shared/pantauan/build';
import { parseRollupDoc, type DayDoc, type MonthDoc, type OpdDoc, type RollupDoc } from '@shared/pantauan/docs';
import { buildRanking, completeness, goneQuiet, membersOf, sortRanking } from '@shared/pantauan/ranking';
import type { Participant } from '@shared/pantauan/settings';

const holidays = new Set(HOLIDAYS_2026.map((h) => h.date));
const NOW = new Date('2026-06-10T05:00:00Z');
const targets = { days: 'working' as const, perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 };

let seq = 0;
function pub(publishedAt: string, channel: Channel = 'website'): RollupPublication {
  seq++;
  return { id: `p${seq}`, channel, publishedAt, url: `https://opd.example.go.id/berita/${seq}`, category: 'Kegiatan', actorId: 'm1' };
}

/** A complaint as stored, with personal fields that must never reach the rollup. */
function complaint(over: Partial<RollupComplaint> & { receivedAt: string }, n: number): RollupComplaint & Record<string, unknown> {
  return {
    status: 'diteruskan' as const,
    firstReplyAt: null,
    answeredAt: null,
    closedAt: null,
    deletedAt: null,
    verifiedAt: null,
    history: [],
    urgent: false,
    needsFieldCheck: false,
    deadlineChanges: [],
    reporterHandle: `Siti Pelapor ${n} 0812-5550-${1000 + n}`,
    text: `Jalan berlubang di depan rumah nomor ${n} rahasia-teks-${n}`,
    answerDraft: `draf jawaban rahasia ${n}`,
    ...over,
  };
}

function rollupOf(opd: string, zone: TimeZoneCode, pubs: RollupPublication[], complaints: RollupComplaint[] = [], requiredFrom = '2026-04-01'): RollupDoc[] {
  return buildRollup({
    opd,
    name: opd.toUpperCase(),
    kind: 'opd',
    zone,
    targets,
    requiredFrom,
    now: NOW,
    publications: pubs,
    complaints,
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });
}

// May 2026: 21 weekdays; 1, 14, 15, 27 and 28 May are holidays or cuti bersama on weekdays → 16 working days.
const MAY_WORKING = ['04', '05', '06', '07', '08', '11', '12', '13', '18', '19', '20', '21', '22', '25', '26', '29'].map((d) => `2026-05-${d}`);

function seed() {
  seq = 0;
  const a = rollupOf(
    'dinas-a',
    'WIB',
    MAY_WORKING.map((d) => pub(`${d}T02:00:00Z`)), // 09:00 WIB
    [
      complaint({ receivedAt: '2026-05-04T02:00:00Z', firstReplyAt: '2026-05-05T03:00:00Z', answeredAt: '2026-05-12T03:00:00Z', status: 'selesai', closedAt: '2026-05-12T03:00:00Z' }, 1),
      // First reply due 13 May (5 working days after 6 May), sent 20 May: late. Final due 1 June: open and overdue on 10 June.
      complaint({ receivedAt: '2026-05-06T02:00:00Z', firstReplyAt: '2026-05-20T03:00:00Z' }, 2),
      complaint({ receivedAt: '2026-05-29T02:00:00Z', status: 'ditolak' }, 3),
    ],
  );
  // WITA: 23:30 on Monday 4 May and 00:30 on Wednesday 6 May (still 5 May in WIB and UTC).
  const b = rollupOf('dinas-b', 'WITA', [pub('2026-05-04T15:30:00Z'), pub('2026-05-05T16:30:00Z', 'instagram')]);
  // WIT: every day of May at 00:30 (the day before in UTC), plus 00:30 on 1 June (31 May in UTC) that belongs to June.
  const cPubs: RollupPublication[] = [];
  for (let d = 1; d <= 31; d++) cPubs.push(pub(new Date(Date.UTC(2026, 4, d, 0, 30) - 9 * 3_600_000).toISOString(), 'facebook'));
  cPubs.push(pub('2026-05-31T15:30:00Z', 'facebook'));
  const c = rollupOf('dinas-c', 'WIT', cPubs);
  // Only on holidays (1 and 14 May): active days but no required day with content.
  const d = rollupOf('dinas-d', 'WIB', [pub('2026-05-01T03:00:00Z'), pub('2026-05-14T03:00:00Z')]);
  return [...a, ...b, ...c, ...d];
}

const participants: Participant[] = [{ slug: 'polres', name: 'Polres', kind: 'vertikal', days: 'every', minPerDay: 2 }];

function rankingOf(docs: RollupDoc[], month = '2026-05') {
  const members = membersOf(docs.filter((x): x is OpdDoc => x.type === 'opd'), participants, 'working', 'WIB');
  return buildRanking({
    month,
    members,
    days: docs.filter((x): x is DayDoc => x.type === 'day'),
    months: docs.filter((x): x is MonthDoc => x.type === 'month'),
    holidays,
    now: NOW,
  });
}

describe('Pantauan rules', () => {
  it('ranks by required days with content, then streak, in each OPD’s own zone (hand-computed May 2026)', () => {
    const rows = rankingOf(seed());
    const by = Object.fromEntries(rows.map((r) => [r.opd, r]));
    expect(rows.map((r) => [r.rank, r.opd])).toEqual([
      [1, 'dinas-c'],
      [2, 'dinas-a'],
      [3, 'dinas-b'],
      [4, 'dinas-d'],
      [5, 'polres'],
    ]);
    expect(by['dinas-a']).toMatchObject({ requiredDays: 16, contentDays: 16, percent: 100, streak: 16, activeDays: 16, total: 16 });
    expect(by['dinas-c']).toMatchObject({ requiredDays: 16, contentDays: 16, percent: 100, streak: 31, activeDays: 31, total: 31 });
    expect(by['dinas-c'].perChannel.facebook).toBe(31);
    // 4 May (23:30 WITA) and 6 May (00:30 WITA): 5 May is empty, so the longest run is 1.
    expect(by['dinas-b']).toMatchObject({ requiredDays: 16, contentDays: 2, percent: 12.5, streak: 1, total: 2 });
    expect(by['dinas-b'].lastPublishedAt).toBe('2026-05-06T00:30:00+08:00');
    expect(by['dinas-d']).toMatchObject({ contentDays: 0, percent: 0, activeDays: 2, streak: 1 });
    // Polres: every day counts, two items a day, nothing arrived yet.
    expect(by.polres).toMatchObject({ requiredDays: 31, contentDays: 0, percent: 0, lastSyncAt: null });
    expect(by['dinas-a']).toMatchObject({ received: 3, overdue: 1 });
    expect(by['dinas-a'].firstReply).toEqual({ done: 2, onTime: 1, rate: 50 });
    expect(by['dinas-a'].final).toEqual({ done: 1, onTime: 1, rate: 100 });
  });

  it('puts 00:30 WIT on 1 June in June, and today is not judged yet', () => {
    const rows = rankingOf(seed(), '2026-06');
    const c = rows.find((r) => r.opd === 'dinas-c')!;
    expect(c.total).toBe(1);
    // June 1 (Pancasila) is a holiday; 2–9 June are 6 working days judged (10 June is today, WIT).
    expect(c.requiredDays).toBe(6);
    expect(c.contentDays).toBe(0);
  });

  it('sorts by one column, ties kept in rank order', () => {
    const rows = rankingOf(seed());
    expect(sortRanking(rows, 'days', 'desc').map((r) => r.opd)).toEqual(['dinas-c', 'dinas-a', 'dinas-b', 'dinas-d', 'polres']);
    expect(sortRanking(rows, 'days', 'asc').map((r) => r.opd).slice(0, 2)).toEqual(['dinas-d', 'polres']);
    expect(sortRanking(rows, 'name', 'asc').map((r) => r.opd)).toEqual(['dinas-a', 'dinas-b', 'dinas-c', 'dinas-d', 'polres']);
    expect(sortRanking(rows, 'streak', 'desc')[0].opd).toBe('dinas-c');
  });

  it('lists OPDs quiet for 2+ working days as of today, and who never synced', () => {
    const docs = seed();
    const members = membersOf(docs.filter((x): x is OpdDoc => x.type === 'opd'), participants, 'working', 'WIB');
    const quiet = goneQuiet(members, holidays, NOW);
    // Today 10 June. A's last item 29 May: 1, 2–9 June → 1 June is a holiday, so 2,3,4,5,8,9 = 6 working days.
    expect(quiet.find((q) => q.opd === 'dinas-a')).toMatchObject({ lastDate: '2026-05-29', silentWorkingDays: 6 });
    // C published on 1 June (WIT): 2–9 June = 6.
    expect(quiet.find((q) => q.opd === 'dinas-c')).toMatchObject({ lastDate: '2026-06-01', silentWorkingDays: 6 });
    expect(quiet.some((q) => q.opd === 'polres')).toBe(false);
    // Quiet on a Monday after one silent Friday: not yet (1 working day).
    const monday = new Date('2026-05-11T05:00:00Z');
    const a = members.filter((m) => m.opd === 'dinas-a').map((m) => ({ ...m, profile: { ...m.profile!, lastPublishedAt: '2026-05-07T09:00:00+07:00' } }));
    expect(goneQuiet(a, holidays, monday)).toEqual([]);
    expect(goneQuiet(a, holidays, new Date('2026-05-12T05:00:00Z'))[0].silentWorkingDays).toBe(2);
    const comp = completeness(members, NOW);
    expect(comp[0]).toMatchObject({ opd: 'polres', lastSyncAt: null, daysSince: null });
  });

  it('writes only allow-listed, valid documents with deterministic ids, and no personal text', () => {
    const docs = seed();
    for (const d of docs) expect(parseRollupDoc(d)).toEqual({ ok: true, doc: d });
    expect(seed().map((d) => d._id).sort()).toEqual(docs.map((d) => d._id).sort());
    const json = JSON.stringify(docs);
    for (const needle of ['Siti Pelapor', '0812-5550', 'rahasia', 'Jalan berlubang', 'draf jawaban']) expect(json).not.toContain(needle);
    const dayIds = new Set(docs.filter((d) => d.type === 'day' && d.opd === 'dinas-a').map((d) => d._id));
    // From 1 April to today (10 June WIB): 30 + 31 + 10 days.
    expect(dayIds.size).toBe(71);
  });

  it('refuses a document with an extra field or an id that does not match', () => {
    const day = seed().find((d) => d.type === 'day')!;
    expect(parseRollupDoc({ ...day, reporter: 'Siti' })).toMatchObject({ ok: false });
    expect(parseRollupDoc({ ...day, _id: 'day:2020-01-01:other' })).toMatchObject({ ok: false });
    expect(parseRollupDoc({ _id: 'x', type: 'complaint', text: 'a' })).toMatchObject({ ok: false });
  });
});
