import type { Cell, SheetData } from 'write-excel-file/node';
import { xlsxWriter } from '@core/files/lazy-libs';
import type { RankingView } from '@shared/api/contracts/pantauan';
import { addDays, monthBounds, ZONE_OFFSET_HOURS } from '@shared/activity/calendar';
import { csvSafeCell } from '@shared/files/csv-safe';
import { CHANNELS } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import type { DayDoc } from '@shared/pantauan/docs';
import type { ParticipantKind } from '@shared/pantauan/settings';
import { CHANNEL_LABEL } from '@core/activity/labels';
import { monthLabel } from './report';

/**
 * "Laporan keaktifan OPD" as an XLSX workbook (write-excel-file: small,
 * maintained, its only dependency is fflate, which Redaksi already ships).
 * Sheets: on a province's report first Kabupaten-kota (one row per
 * regency), then Peringkat (the ranking), Harian (per OPD, items per day of the
 * month), Senyap, Kelengkapan (who has not synced since when) and Aturan
 * (the rule used).
 *
 * Numbers are written as numbers and dates as Excel dates. Text cells go
 * through the same formula guard as the CSV (csvSafeCell): an OPD name
 * arrives from another PC, so "=HYPERLINK(…)" is stored as the string
 * "'=HYPERLINK(…)" in a shared-string cell, never as a formula, and stays
 * inert even when someone later saves the sheet as CSV.
 */
const KIND_LABEL: Record<ParticipantKind, string> = { opd: 'OPD', vertikal: 'Instansi vertikal', bumd: 'BUMD' };
const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';

const text = (v: string | null | undefined): Cell => (v === null || v === undefined || v === '' ? null : { value: String(csvSafeCell(v)), type: String });
const num = (v: number | null | undefined, format?: string): Cell => (v === null || v === undefined || !Number.isFinite(v) ? null : { value: v, type: Number, ...(format ? { format } : {}) });
const head = (labels: string[]): Cell[] => labels.map((l) => ({ value: l, type: String, fontWeight: 'bold', wrap: true }));

/** A calendar date (YYYY-MM-DD) as an Excel date (no time of day, no zone shift). */
function dateCell(d: string | null | undefined): Cell {
  if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d.slice(0, 10))) return null;
  return { value: new Date(`${d.slice(0, 10)}T00:00:00.000Z`), type: Date, format: DATE };
}

/** An instant as the wall clock of `zone` (Excel has no zones: the zone is in its own column or header). */
function zonedCell(iso: string | null | undefined, zone: TimeZoneCode): Cell {
  if (!iso) return null;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return null;
  return { value: new Date(t + ZONE_OFFSET_HOURS[zone] * 3_600_000), type: Date, format: DATE_TIME };
}

/** "2026-05-04T19:30:00+07:00" (already OPD local) or "2026-05-04" → that wall clock as an Excel date. */
function localCell(local: string | null): Cell {
  if (!local) return null;
  if (local.length === 10) return dateCell(local);
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(local);
  return m ? { value: new Date(`${m[1]}T${m[2]}:00.000Z`), type: Date, format: DATE_TIME } : null;
}

function rankingSheet(v: RankingView): SheetData {
  const rows: SheetData = [
    head([
      'Peringkat',
      'OPD / peserta',
      'Jenis',
      'Wilayah',
      'Zona',
      'Hari dengan konten',
      'Hari wajib',
      'Persentase',
      'Rentetan terpanjang (hari)',
      ...CHANNELS.map((c) => `Kanal ${CHANNEL_LABEL[c]}`),
      'Total konten',
      'Aduan diterima',
      'Balasan awal tepat waktu',
      'Balasan awal selesai',
      'Jawaban akhir tepat waktu',
      'Jawaban akhir selesai',
      'Aduan lewat tenggat',
      'Terakhir tayang (waktu OPD)',
      'Sinkron terakhir',
    ]),
  ];
  for (const r of v.rows) {
    rows.push([
      num(r.rank),
      text(r.name),
      text(KIND_LABEL[r.kind]),
      text(r.region),
      text(r.zone),
      num(r.contentDays),
      num(r.requiredDays),
      num(r.requiredDays ? r.contentDays / r.requiredDays : null, '0.0%'),
      num(r.streak),
      ...CHANNELS.map((c) => num(r.perChannel[c])),
      num(r.total),
      num(r.received),
      num(r.firstReply.onTime),
      num(r.firstReply.done),
      num(r.final.onTime),
      num(r.final.done),
      num(r.overdue),
      localCell(r.lastPublishedAt),
      r.lastSyncAt ? zonedCell(r.lastSyncAt, r.zone) : text('belum pernah'),
    ]);
  }
  return rows;
}

/** One row per participant, one column per day of the month: items published that day (blank: not yet, or no summary arrived). */
function dailySheet(v: RankingView, days: readonly DayDoc[], today: string): SheetData {
  const { from, to } = monthBounds(`${v.month}-01`);
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const byKey = new Map<string, DayDoc>();
  for (const d of days) byKey.set(`${d.opd}|${d.date}`, d);
  const rows: SheetData = [
    [...head(['OPD / peserta', 'Wilayah']), ...dates.map((d) => ({ ...(dateCell(d) as object), fontWeight: 'bold' }) as Cell), ...head(['Total'])],
    [text('Libur / cuti bersama'), null, ...dates.map((d) => text(v.holidays[d] ?? null)), null],
  ];
  for (const r of v.rows) {
    const cells: Cell[] = dates.map((d) => {
      const doc = byKey.get(`${r.opd}|${d}`);
      if (doc) return num(doc.total);
      // No summary for a past day of a member whose data has arrived: nothing published that day.
      return d < today && r.lastSyncAt ? num(0) : null;
    });
    rows.push([text(r.name), text(r.region), ...cells, num(r.total)]);
  }
  return rows;
}

/** A province's report: one row per regency (pooled rate, participants, quiet, never synced). */
function regionsSheet(v: RankingView): SheetData {
  return [
    head(['Kabupaten/kota', 'Peserta', 'Hari dengan konten', 'Hari wajib', 'Persentase', 'Konten', 'Senyap hari ini', 'Belum pernah sinkron']),
    ...v.regions.map((g) => [
      text(g.region || '(wilayah belum diketahui)'),
      num(g.opds),
      num(g.contentDays),
      num(g.requiredDays),
      num(g.requiredDays ? g.contentDays / g.requiredDays : null, '0.0%'),
      num(g.total),
      num(g.quiet),
      num(g.neverSynced),
    ]),
  ];
}

function quietSheet(v: RankingView): SheetData {
  return [
    head(['OPD / peserta', 'Zona', 'Tayang terakhir', 'Hari kerja tanpa konten', 'Data terakhir']),
    ...v.quiet.map((q) => [text(q.name), text(q.zone), q.lastDate ? dateCell(q.lastDate) : text('belum pernah'), num(q.silentWorkingDays), zonedCell(q.lastSyncAt, q.zone)]),
  ];
}

function completenessSheet(v: RankingView, zone: TimeZoneCode): SheetData {
  return [
    head(['OPD / peserta', 'Jenis', `Sinkron terakhir (${zone})`, 'Hari sejak sinkron']),
    ...v.completeness.map((c) => [text(c.name), text(KIND_LABEL[c.kind]), c.lastSyncAt ? zonedCell(c.lastSyncAt, zone) : text('belum pernah'), num(c.daysSince)]),
  ];
}

function ruleSheet(v: RankingView, zone: TimeZoneCode, title: string): SheetData {
  return [
    [{ value: title, type: String, fontWeight: 'bold' }],
    [text('Bulan'), text(monthLabel(v.month))],
    [text('Wilayah'), text(v.regionFilter ? `${v.regionFilter} (${v.region})` : v.region || '-')],
    [text('Peserta'), num(v.rows.length)],
    [text(`Dibuat (${zone})`), zonedCell(v.generatedAt, zone)],
    [text('Aturan peringkat'), { value: v.rule, type: String, wrap: true }],
    [text('Aturan senyap'), { value: v.quietRule, type: String, wrap: true }],
    [text('Sumber'), text('Ringkasan yang dikirim Redaksi tiap OPD (tanpa isi konten dan tanpa data pelapor aduan).')],
    [text('Kelengkapan'), text('Lihat lembar Kelengkapan: kapan ringkasan tiap peserta terakhir diterima. Data yang lama membuat angkanya tertinggal.')],
  ];
}

/**
 * The workbook. `days` are the month's day summaries (any OPD; rows follow
 * `v.rows`), `today` the regency's date (days from it on are left blank).
 */
export async function rankingXlsx(v: RankingView, days: readonly DayDoc[], zone: TimeZoneCode, today: string, title = 'Laporan Keaktifan OPD'): Promise<Buffer> {
  const { from } = monthBounds(`${v.month}-01`);
  const dayCount = Number(monthBounds(from).to.slice(8, 10));
  const regions = v.regions.length && !v.regionFilter ? [{ sheet: 'Kabupaten-kota', data: regionsSheet(v), stickyRowsCount: 1, columns: [{ width: 30 }, ...Array.from({ length: 7 }, () => ({ width: 14 }))] }] : [];
  const writeXlsxFile = await xlsxWriter();
  return writeXlsxFile(
    [
      ...regions,
      { sheet: 'Peringkat', data: rankingSheet(v), stickyRowsCount: 1, columns: [{ width: 9 }, { width: 40 }, { width: 16 }, { width: 14 }, { width: 7 }, ...Array.from({ length: 22 }, () => ({ width: 13 }))] },
      { sheet: 'Harian', data: dailySheet(v, days, today), stickyRowsCount: 2, columns: [{ width: 40 }, { width: 14 }, ...Array.from({ length: dayCount }, () => ({ width: 11 })), { width: 9 }] },
      { sheet: 'Senyap', data: quietSheet(v), stickyRowsCount: 1, columns: [{ width: 40 }, { width: 7 }, { width: 14 }, { width: 14 }, { width: 18 }] },
      { sheet: 'Kelengkapan', data: completenessSheet(v, zone), stickyRowsCount: 1, columns: [{ width: 40 }, { width: 18 }, { width: 18 }, { width: 12 }] },
      { sheet: 'Aturan', data: ruleSheet(v, zone, title), columns: [{ width: 22 }, { width: 110 }] },
    ],
    { fontFamily: 'Calibri', fontSize: 11 },
  ).toBuffer();
}
