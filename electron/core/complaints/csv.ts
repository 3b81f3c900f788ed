import Papa from 'papaparse';
import { csvSafeCell } from '../../../shared/files/csv-safe';
import { COMPLAINT_CHANNELS, complaintInputSchema, type Complaint, type ComplaintChannel, type ComplaintInput } from '../../../shared/complaints/complaint';
import type { ComplaintDeadlineState } from '../../../shared/complaints/deadlines';
import { isoInZone, zonedInstant } from '../../../shared/activity/calendar';
import { formatZonedDateTime, type TimeZoneCode } from '../../../shared/domain/time-zone';
import type { ImportRow } from '../../../shared/api/contracts/complaints';

/** Header names accepted on import (Indonesian export headers first, then common English ones). */
type TextField = 'channel' | 'receivedAt' | 'reporterHandle' | 'link' | 'text' | 'forwardedBy' | 'topic' | 'bidang' | 'trackingNumber';

const COLUMNS: Record<TextField, string[]> = {
  channel: ['kanal', 'channel', 'sumber', 'media'],
  receivedAt: ['diterima', 'waktu', 'tanggal', 'received_at', 'received', 'date'],
  reporterHandle: ['pelapor', 'akun', 'reporter', 'handle', 'nama'],
  link: ['tautan', 'link', 'url'],
  text: ['isi', 'aduan', 'laporan', 'text', 'isi_aduan'],
  forwardedBy: ['diteruskan_oleh', 'forwarded_by', 'diteruskan'],
  topic: ['topik', 'topic', 'kategori'],
  bidang: ['bidang', 'unit', 'department'],
  trackingNumber: ['nomor_tracking', 'no_tracking', 'tracking_id', 'tracking', 'nomor_laporan'],
};

const CHANNEL_ALIASES: Record<string, ComplaintChannel> = {
  instagram: 'instagram_comment',
  ig: 'instagram_comment',
  'komentar instagram': 'instagram_comment',
  'instagram komentar': 'instagram_comment',
  'dm instagram': 'instagram_dm',
  'instagram dm': 'instagram_dm',
  dm: 'instagram_dm',
  fb: 'facebook',
  twitter: 'x',
  wa: 'whatsapp',
  'lapor!': 'lapor',
  'sp4n-lapor': 'lapor',
  'sp4n lapor': 'lapor',
  'datang langsung': 'walk_in',
  'walk-in': 'walk_in',
  'walk in': 'walk_in',
  langsung: 'walk_in',
  lainnya: 'other',
};

function normaliseHeader(h: string): string {
  return h.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/[\s-]+/g, '_');
}

export function parseChannel(v: string): ComplaintChannel | null {
  const k = v.trim().toLowerCase();
  if ((COMPLAINT_CHANNELS as readonly string[]).includes(k)) return k as ComplaintChannel;
  return CHANNEL_ALIASES[k] ?? null;
}

/**
 * A received time from a spreadsheet: ISO with an offset is taken as is;
 * "YYYY-MM-DD[ HH:mm]" and "DD/MM/YYYY[ HH.mm]" are read in the workspace zone.
 */
export function parseReceived(v: string, zone: TimeZoneCode): string | null {
  const s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  let y: number, m: number, d: number;
  let rest: string;
  let mm = /^(\d{4})-(\d{1,2})-(\d{1,2})(.*)$/.exec(s);
  if (mm) [y, m, d, rest] = [Number(mm[1]), Number(mm[2]), Number(mm[3]), mm[4]];
  else if ((mm = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(.*)$/.exec(s))) [d, m, y, rest] = [Number(mm[1]), Number(mm[2]), Number(mm[3]), mm[4]];
  else return null;
  let hh = 0;
  let mi = 0;
  const time = rest.trim().replace(/^T/, '');
  if (time) {
    const t = /^(\d{1,2})[:.](\d{2})(?:[:.]\d{2})?$/.exec(time);
    if (!t) return null;
    [hh, mi] = [Number(t[1]), Number(t[2])];
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || hh > 23 || mi > 59) return null;
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCMonth() !== m - 1) return null;
  const date = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return zonedInstant(date, zone, hh, mi).toISOString();
}

export interface ParsedImport {
  delimiter: string;
  rows: (ImportRow & { input: ComplaintInput | null })[];
  /** Problems with the file itself (no header we know, unreadable). */
  fileErrors: string[];
}

/** Reads a CSV of reports (BOM, CRLF, comma or semicolon) into validated rows with per-row error codes. */
export function parseComplaintCsv(text: string, zone: TimeZoneCode): ParsedImport {
  const src = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(src, {
    header: true,
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
    transformHeader: normaliseHeader,
  });
  const headers = parsed.meta.fields ?? [];
  const colOf = {} as Record<TextField, string | undefined>;
  for (const key of Object.keys(COLUMNS) as TextField[]) colOf[key] = COLUMNS[key].find((h) => headers.includes(h));
  const fileErrors: string[] = [];
  for (const req of ['channel', 'receivedAt', 'text'] as const) if (!colOf[req]) fileErrors.push(`missing_column:${COLUMNS[req][0]}`);
  const rows: ParsedImport['rows'] = [];
  if (fileErrors.length) return { delimiter: parsed.meta.delimiter, rows, fileErrors };
  // Papaparse reports rows by index; +2 for the header line and 1-based lines (multi-line cells shift this, acceptable for a hint).
  parsed.data.forEach((rec, i) => {
    // Undo the apostrophe our own export puts before formula-like cells.
    const get = (k: TextField) => (colOf[k] ? String(rec[colOf[k]!] ?? '').trim().replace(/^'(?=[=+\-@])/, '') : '');
    const errors: string[] = [];
    const channel = parseChannel(get('channel'));
    if (!channel) errors.push('channel_unknown');
    const receivedAt = parseReceived(get('receivedAt'), zone);
    if (!receivedAt) errors.push('date_invalid');
    let input: ComplaintInput | null = null;
    if (channel && receivedAt) {
      const r = complaintInputSchema.safeParse({
        channel,
        receivedAt,
        link: get('link'),
        reporterHandle: get('reporterHandle'),
        text: get('text'),
        forwardedBy: get('forwardedBy'),
        topic: get('topic'),
        bidang: get('bidang'),
        trackingNumber: get('trackingNumber'),
      });
      if (r.success) input = r.data;
      else for (const iss of r.error.issues) errors.push(iss.path[0] === 'text' && iss.code === 'too_small' ? 'text_missing' : `invalid:${String(iss.path[0])}`);
    } else if (!get('text')) errors.push('text_missing');
    rows.push({
      line: i + 2,
      ok: errors.length === 0,
      errors,
      channel: channel ?? get('channel'),
      receivedAt: receivedAt ?? get('receivedAt'),
      topic: get('topic'),
      input: errors.length ? null : input,
    });
  });
  return { delimiter: parsed.meta.delimiter, rows, fileErrors };
}

/** CSV of reports. Without `includeIdentity` the reporter's handle, link and the report text are left out. */
export function complaintsCsv(
  items: { c: Complaint; dl: ComplaintDeadlineState }[],
  zone: TimeZoneCode,
  includeIdentity: boolean,
): string {
  const when = (iso: string | null) => (iso ? formatZonedDateTime(iso, zone) : '');
  const fields = [
    'id',
    'diterima',
    'nomor_tracking',
    'klasifikasi',
    'kerahasiaan',
    'mendesak',
    'kanal',
    'topik',
    'bidang',
    'diteruskan_oleh',
    'status',
    'tenggat_verifikasi',
    'tenggat_balasan_awal',
    'tenggat_jawaban',
    'dijawab',
    'selesai',
    'terlambat',
    'alasan',
    ...(includeIdentity ? ['pelapor', 'tautan', 'isi'] : []),
  ];
  const data = items.map(({ c, dl }) => {
    const row = [
      c.id,
      // ISO with the OPD zone's offset: the OPD's own time, and importable again without losing the instant.
      isoInZone(c.receivedAt, zone),
      c.trackingNumber,
      c.classification,
      c.confidentiality,
      c.urgent ? 'ya' : 'tidak',
      c.channel,
      c.topic,
      c.bidang,
      c.forwardedBy,
      c.status,
      when(dl.verification.due),
      when(dl.firstReply.due),
      when(dl.final.due),
      when(c.answeredAt),
      when(c.closedAt),
      dl.overdue || dl.final.late ? 'ya' : 'tidak',
      c.reason,
      // 'rahasia': the reporter stays with the handler, never in a file.
      ...(includeIdentity ? [c.confidentiality === 'biasa' ? c.reporterHandle : '', c.confidentiality === 'biasa' ? c.link : '', c.text] : []),
    ];
    return row.map((v) => csvSafeCell(v));
  });
  return '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n' });
}
