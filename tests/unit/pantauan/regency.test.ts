import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { addDays } from '@shared/activity/calendar';
import { HOLIDAYS_2026 } from '@shared/activity/holidays';
import { DEFAULT_COMPLAINT_DEADLINES } from '@shared/complaints/complaint';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { buildRollup, type RollupComplaint, type RollupPublication } from '@shared/pantauan/build';
import type { DayDoc, MonthDoc, OpdDoc, RollupDoc } from '@shared/pantauan/docs';
import { buildRanking, membersOf, QUIET_RULE_ID, RANKING_RULE_ID } from '@shared/pantauan/ranking';
import { rankingCsv } from '@core/pantauan/report';
import { rankingXlsx } from '@core/pantauan/xlsx';
import { cellAt, columnName, readXlsx, serialToIso } from './xlsx-read';

const ZONES: TimeZoneCode[] = ['WIB', 'WITA', 'WIT'];
const OFFSET = { WIB: 7, WITA: 8, WIT: 9 };
const NOW = new Date('2026-04-15T05:00:00.000Z');
const holidays = new Set(HOLIDAYS_2026.map((h) => h.date));

/** An instant at hh:mm on `date` in `zone`. */
const at = (date: string, hh: number, mm: number, zone: TimeZoneCode) => new Date(Date.parse(`${date}T${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}:00Z`) - OFFSET[zone] * 3_600_000).toISOString();

type Pattern = 'late' | 'early' | 'mwf' | 'none';
/** 40 OPDs: 10 publish every day at 23:30, 10 every day at 00:30, 10 on Mon/Wed/Fri at 09:00, 10 never in March; zones rotate. */
const patternOf = (i: number): Pattern => (['late', 'early', 'mwf', 'none'] as const)[Math.floor(i / 10)];

function seedOpd(i: number): RollupDoc[] {
  const zone = ZONES[i % 3];
  const pattern = patternOf(i);
  const pubs: RollupPublication[] = [];
  let n = 0;
  // A whole year up to today (15 April), plus the same pattern every month.
  for (let d = '2025-04-16'; d <= '2026-04-14'; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    const inMarch = d.startsWith('2026-03');
    let instant: string | null = null;
    if (pattern === 'late') instant = at(d, 23, 30, zone);
    else if (pattern === 'early') instant = at(d, 0, 30, zone);
    else if (pattern === 'mwf' && (wd === 1 || wd === 3 || wd === 5)) instant = at(d, 9, 0, zone);
    else if (pattern === 'none' && !inMarch) instant = at(d, 9, 0, zone);
    if (instant) pubs.push({ id: `o${i}-${n++}`, channel: n % 2 ? 'website' : 'instagram', publishedAt: instant, url: '', category: '', actorId: null });
  }
  // Four reports on Monday 2 March, 09:00: three first replies the next day, one on 20 March (due 9 March: late);
  // two final answers on 10 March (due 27 March: on time), two still open on 15 April (overdue).
  const complaints: RollupComplaint[] = [0, 1, 2, 3].map((k) => {
    const received = at('2026-03-02', 9, 0, zone);
    const reply = k === 3 ? at('2026-03-20', 10, 0, zone) : at('2026-03-03', 10, 0, zone);
    const final = k < 2 ? at('2026-03-10', 10, 0, zone) : null;
    return { receivedAt: received, status: final ? 'selesai' : 'diteruskan', firstReplyAt: reply, answeredAt: final, closedAt: final, deletedAt: null, verifiedAt: null, history: [], urgent: false, needsFieldCheck: false, deadlineChanges: [] };
  });
  return buildRollup({
    opd: `opd-${String(i).padStart(2, '0')}`,
    name: `Dinas ${String(i).padStart(2, '0')}`,
    kind: 'opd',
    zone,
    targets: { days: 'working', perChannel: { website: 1, facebook: 0, instagram: 0, x: 0, whatsapp: 0, other: 0 }, holidays: HOLIDAYS_2026 },
    requiredFrom: '2025-04-16',
    now: NOW,
    publications: pubs,
    complaints,
    complaintRules: DEFAULT_COMPLAINT_DEADLINES,
    authors: null,
  });
}

describe('Pantauan over a regency: 40 OPDs, one year, three zones', () => {
  const docs = Array.from({ length: 40 }, (_, i) => seedOpd(i)).flat();
  const of = <T extends RollupDoc>(t: T['type']) => docs.filter((d): d is T => d.type === t);
  const members = membersOf(of<OpdDoc>('opd'), [], 'working', 'WIB');
  const rows = buildRanking({ month: '2026-03', members, days: of<DayDoc>('day'), months: of<MonthDoc>('month'), holidays, now: NOW });

  it('holds a year of day summaries per OPD', () => {
    expect(of<DayDoc>('day')).toHaveLength(40 * 365);
  });

  it('ranks March 2026 as counted by hand', () => {
    // March 2026: 22 weekdays; 18, 19, 20, 23 and 24 March are Nyepi, Idulfitri and cuti bersama → 17 working days.
    // Mon/Wed/Fri working days: Mondays 2, 9, 16, 30; Wednesdays 4, 11, 25; Fridays 6, 13, 27 → 10.
    for (const r of rows) {
      const i = Number(r.opd.slice(4));
      const expected = {
        late: { contentDays: 17, streak: 31, total: 31, rank: 1 },
        early: { contentDays: 17, streak: 31, total: 31, rank: 1 },
        // Longest run: 18, 20, 23 and 25 March: 19, 21, 22 and 24 are days off without content (neither break nor extend), 26 is a working day without.
        mwf: { contentDays: 10, streak: 4, total: 13, rank: 21 },
        none: { contentDays: 0, streak: 0, total: 0, rank: 31 },
      }[patternOf(i)];
      expect({ opd: r.opd, requiredDays: r.requiredDays, contentDays: r.contentDays, streak: r.streak, total: r.total, rank: r.rank }).toEqual({ opd: r.opd, requiredDays: 17, ...expected });
      // Reports: 4 received; first reply 3 of 4 on time (75 %); final answer 2 of 2 on time; 2 overdue on 15 April.
      expect([r.received, r.firstReply, r.final, r.overdue]).toEqual([4, { done: 4, onTime: 3, rate: 75 }, { done: 2, onTime: 2, rate: 100 }, 2]);
    }
    // Mon/Wed/Fri in March 2026 is 13 days (holidays included: 18, 20 and 23 March), hence 13 items.
    expect(rows.filter((r) => r.rank === 21)).toHaveLength(10);
  });

  it('writes the report CSV one row per OPD, safe from formula injection', () => {
    const view = {
      month: '2026-03',
      region: 'blora',
      regionFilter: '',
      regions: [],
      rows: rows.map((r, i) => (i === 0 ? { ...r, name: '=HYPERLINK("http://x","klik")' } : r)),
      quiet: [],
      completeness: [],
      rule: RANKING_RULE_ID,
      quietRule: QUIET_RULE_ID,
      holidays: {},
      generatedAt: NOW.toISOString(),
      tookMs: 0,
    };
    const parsed = Papa.parse<Record<string, string>>(rankingCsv(view).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(parsed).toHaveLength(40);
    expect(parsed[0].nama).toBe('\'=HYPERLINK("http://x","klik")');
    expect(parsed[0]).toMatchObject({ hari_dengan_konten: '17', hari_wajib: '17', persen: '100' });
  });

  it('writes the report XLSX: ranking, daily, completeness and rule sheets; numbers, dates, and a hostile name kept as text', async () => {
    const hostile = '=HYPERLINK("http://x","klik")';
    const shown = rows.map((r, i) => (i === 0 ? { ...r, name: hostile } : r));
    const view = {
      month: '2026-03',
      region: 'blora',
      regionFilter: '',
      regions: [],
      rows: shown,
      quiet: [],
      completeness: shown.map((r) => ({ opd: r.opd, name: r.name, kind: r.kind, lastSyncAt: r.lastSyncAt, daysSince: 0 })),
      rule: RANKING_RULE_ID,
      quietRule: QUIET_RULE_ID,
      holidays: { '2026-03-19': 'Hari Suci Nyepi' },
      generatedAt: NOW.toISOString(),
      tookMs: 0,
    };
    const march = of<DayDoc>('day').filter((d) => d.date.startsWith('2026-03'));
    const book = readXlsx(await rankingXlsx(view, march, 'WIB', '2026-04-15'));
    expect([...book.keys()]).toEqual(['Peringkat', 'Harian', 'Senyap', 'Kelengkapan', 'Aturan']);
    // No cell of any sheet is a formula.
    for (const sheet of book.values()) for (const row of sheet) for (const c of row ?? []) expect(c.formula, c.ref).toBe(false);

    const rank = book.get('Peringkat')!;
    expect(rank).toHaveLength(41);
    const head = rank[0].map((c) => c.value);
    const col = (name: string) => columnName(head.indexOf(name));
    // The hostile name is a shared string starting with the apostrophe guard, never a formula.
    expect(cellAt(rank, 'B2')).toMatchObject({ type: 's', value: `'${hostile}`, formula: false });
    const first = shown[0];
    expect(cellAt(rank, 'A2')).toMatchObject({ type: 'n', value: String(first.rank) });
    expect(cellAt(rank, `${col('Hari dengan konten')}2`)).toMatchObject({ type: 'n', value: '17' });
    expect(cellAt(rank, `${col('Hari wajib')}2`)).toMatchObject({ type: 'n', value: '17' });
    expect(cellAt(rank, `${col('Persentase')}2`)).toMatchObject({ type: 'n', value: '1', numFmt: '0.0%' });
    expect(cellAt(rank, `${col('Total konten')}2`)).toMatchObject({ type: 'n', value: String(first.total) });
    // Last publication: the OPD's own wall clock as an Excel date-time.
    const last = cellAt(rank, `${col('Terakhir tayang (waktu OPD)')}2`)!;
    expect(last.type).toBe('n');
    expect(last.numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(serialToIso(last.value)).toBe(`${first.lastPublishedAt!.slice(0, 10)} ${first.lastPublishedAt!.slice(11, 16)}`);
    // Every row's figures equal the ranking's.
    for (let i = 0; i < shown.length; i++) {
      expect(Number(cellAt(rank, `${col('Hari dengan konten')}${i + 2}`)!.value)).toBe(shown[i].contentDays);
      expect(Number(cellAt(rank, `${col('Rentetan terpanjang (hari)')}${i + 2}`)!.value)).toBe(shown[i].streak);
    }

    // Daily sheet: one column per day of March as a date, one row per OPD with its items per day.
    const daily = book.get('Harian')!;
    const dateHead = cellAt(daily, 'C1')!;
    expect(dateHead).toMatchObject({ type: 'n', numFmt: 'yyyy-mm-dd' });
    expect(serialToIso(dateHead.value)).toBe('2026-03-01 00:00');
    expect(serialToIso(cellAt(daily, 'AG1')!.value)).toBe('2026-03-31 00:00');
    expect(cellAt(daily, 'U2')).toMatchObject({ type: 's', value: 'Hari Suci Nyepi' });
    for (let i = 0; i < shown.length; i++) {
      const r = shown[i];
      const at = (col: number) => cellAt(daily, `${columnName(col)}${i + 3}`);
      expect(at(0)?.value).toBe(i === 0 ? `'${hostile}` : r.name);
      const perDay = Array.from({ length: 31 }, (_, k) => Number(at(2 + k)?.value));
      const expected = Array.from({ length: 31 }, (_, k) => march.find((d) => d.opd === r.opd && d.date === `2026-03-${String(k + 1).padStart(2, '0')}`)?.total ?? 0);
      expect(perDay).toEqual(expected);
      expect(Number(at(33)?.value)).toBe(r.total);
    }

    const complete = book.get('Kelengkapan')!;
    expect(complete).toHaveLength(41);
    expect(cellAt(complete, 'C2')).toMatchObject({ type: 'n', numFmt: 'yyyy-mm-dd hh:mm' });
    expect(cellAt(complete, 'D2')).toMatchObject({ type: 'n', value: '0' });

    const rule = book.get('Aturan')!;
    expect(rule.flat().map((c) => c.value)).toContain(RANKING_RULE_ID);
    expect(rule.flat().map((c) => c.value)).toContain('Maret 2026');
  });
});
