import Papa from 'papaparse';
import { csvSafeCell } from '@shared/files/csv-safe';
import {
  COMPLAINT_CHANNELS,
  complaintInputSchema,
  CONFIDENTIALITY,
  type Complaint,
  type ComplaintChannel,
  type ComplaintClassification,
  type ComplaintInput,
} from '@shared/complaints/complaint';
import type { ComplaintDeadlineState } from '@shared/complaints/deadlines';
import { isoInZone, zonedInstant } from '@shared/activity/calendar';
import { formatZonedDateTime, type TimeZoneCode } from '@shared/domain/time-zone';
import { IMPORT_FIELDS, type ImportField, type ImportRow } from '@shared/api/contracts/complaints';

/** Header names accepted on import (Indonesian export headers first, then common English ones). */
export type ColumnMapping = Partial<Record<ImportField, string>>;

/** Header names recognised without a mapping (Indonesian export headers first, LAPOR! export names, then English). */
const COLUMNS: Record<ImportField, string[]> = {
  channel: ['kanal', 'channel', 'sumber', 'media'],
  receivedAt: ['diterima', 'waktu', 'tanggal', 'tanggal_laporan', 'tanggal_masuk', 'waktu_laporan', 'received_at', 'received', 'date'],
  reporterHandle: ['pelapor', 'nama_pelapor', 'akun', 'reporter', 'handle', 'nama'],
  link: ['tautan', 'link', 'url'],
  text: ['isi', 'aduan', 'laporan', 'isi_laporan', 'isi_aduan', 'text'],
  forwardedBy: ['diteruskan_oleh', 'forwarded_by', 'diteruskan'],
  topic: ['topik', 'judul', 'judul_laporan', 'topic', 'kategori'],
  bidang: ['bidang', 'unit', 'department'],
  trackingNumber: ['nomor_tracking', 'no_tracking', 'tracking_id', 'tracking', 'nomor_laporan', 'id_laporan'],
  classification: ['klasifikasi', 'klasifikasi_laporan', 'jenis_laporan', 'classification'],
  confidentiality: ['kerahasiaan', 'sifat', 'confidentiality'],
  urgent: ['mendesak', 'urgent'],
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
  lapor: 'lapor',
  'lapor!': 'lapor',
  'sp4n-lapor': 'lapor',
  'sp4n-lapor!': 'lapor',
  'sp4n lapor': 'lapor',
  'datang langsung': 'walk_in',
  'walk-in': 'walk_in',
  'walk in': 'walk_in',
  langsung: 'walk_in',
  lainnya: 'other',
};

const CLASSIFICATION_ALIASES: Record<string, ComplaintClassification> = {
  pengaduan: 'pengaduan',
  aduan: 'pengaduan',
  complaint: 'pengaduan',
  aspirasi: 'aspirasi',
  aspiration: 'aspirasi',
  'permintaan informasi': 'permintaan_informasi',
  permintaan_informasi: 'permintaan_informasi',
  informasi: 'permintaan_informasi',
};

export function normaliseHeader(h: string): string {
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
  const time = rest.trim().replace(/^T/, '').replace(/^,\s*/, '');
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
  headers: string[];
  /** The column used for each field (given or recognised). */
  mapping: ColumnMapping;
  rows: (ImportRow & { input: ComplaintInput | null })[];
  /** Problems with the file itself (no header we know, unreadable). */
  fileErrors: string[];
}

export interface ImportOptions {
  /** Column per field chosen by the admin; fields left out are recognised by name. */
  mapping?: ColumnMapping;
  /** Channel for rows without one (a LAPOR! export has no channel column). */
  defaultChannel?: ComplaintChannel;
  /** Reports already stored, to find duplicates. */
  existing?: readonly Pick<Complaint, 'trackingNumber' | 'reporterHandle' | 'receivedAt' | 'text' | 'deletedAt'>[];
  now?: Date;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
/** Same reporter, same minute, same words: the same report entered twice. */
const contentKey = (handle: string, receivedAt: string, text: string) => `${squash(handle)}|${receivedAt.slice(0, 16)}|${squash(text)}`;

function firstWords(text: string, n = 8): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length > n ? `${words.slice(0, n).join(' ')}…` : words.join(' ');
}

/**
 * Reads a CSV of reports: BOM, CRLF, comma/semicolon/tab (detected by
 * papaparse), quoted newlines. Rows are numbered as a spreadsheet shows
 * them (header = row 1, empty rows counted, a quoted multi-line cell is one
 * row), each with its date and first words so it can be found.
 */
export function parseComplaintCsv(text: string, zone: TimeZoneCode, opts: ImportOptions = {}): ParsedImport {
  const src = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(src, { header: false, skipEmptyLines: false, delimitersToGuess: [',', ';', '\t'] });
  const records = parsed.data;
  const rawHeaders = (records[0] ?? []).map((h) => String(h).replace(/^\uFEFF/, '').trim());
  const norm = rawHeaders.map(normaliseHeader);
  const mapping: ColumnMapping = {};
  const colOf = {} as Record<ImportField, number>;
  for (const field of IMPORT_FIELDS) {
    const chosen = opts.mapping?.[field];
    const idx = chosen !== undefined ? (chosen === '' ? -1 : rawHeaders.indexOf(chosen)) : norm.findIndex((h) => COLUMNS[field].includes(h));
    colOf[field] = idx;
    if (idx >= 0) mapping[field] = rawHeaders[idx];
  }
  const fileErrors: string[] = [];
  const required: ImportField[] = opts.defaultChannel ? ['receivedAt', 'text'] : ['channel', 'receivedAt', 'text'];
  for (const req of required) if (colOf[req] < 0) fileErrors.push(`missing_column:${COLUMNS[req][0]}`);
  const rows: ParsedImport['rows'] = [];
  if (fileErrors.length) return { delimiter: parsed.meta.delimiter, headers: rawHeaders, mapping, rows, fileErrors };

  const stored = new Map<string, true>();
  const storedTracking = new Set<string>();
  for (const c of opts.existing ?? []) {
    if (c.deletedAt) continue;
    if (c.trackingNumber.trim()) storedTracking.add(c.trackingNumber.trim().toLowerCase());
    stored.set(contentKey(c.reporterHandle, c.receivedAt, c.text), true);
  }
  const seenTracking = new Map<string, number>();
  const seenContent = new Map<string, number>();
  const nowMs = (opts.now ?? new Date()).getTime();

  records.slice(1).forEach((rec, i) => {
    // Row 1 is the header; the i-th record after it is spreadsheet row i + 2.
    const line = i + 2;
    if (rec.every((v) => String(v ?? '').trim() === '')) return;
    // Undo the apostrophe our own export puts before formula-like cells; any other formula stays plain text.
    const get = (k: ImportField) => (colOf[k] >= 0 ? String(rec[colOf[k]] ?? '').trim().replace(/^'(?=[=+\-@])/, '') : '');
    const errors: string[] = [];
    const channelCell = get('channel');
    const channel = channelCell ? parseChannel(channelCell) : (opts.defaultChannel ?? null);
    if (!channel) errors.push(channelCell ? 'channel_unknown' : 'channel_missing');
    const receivedAt = parseReceived(get('receivedAt'), zone);
    if (!receivedAt) errors.push('date_invalid');
    else if (Date.parse(receivedAt) > nowMs + 5 * 60_000) errors.push('date_future');
    const classCell = get('classification').toLowerCase();
    const classification = classCell ? CLASSIFICATION_ALIASES[classCell] : 'pengaduan';
    if (!classification) errors.push('classification_unknown');
    const confCell = get('confidentiality').toLowerCase();
    const confidentiality = (CONFIDENTIALITY as readonly string[]).includes(confCell) ? (confCell as (typeof CONFIDENTIALITY)[number]) : 'biasa';
    let input: ComplaintInput | null = null;
    if (!errors.length && channel && receivedAt) {
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
        classification,
        confidentiality,
        urgent: /^(ya|yes|true|1)$/i.test(get('urgent')),
      });
      if (r.success) input = r.data;
      else for (const iss of r.error.issues) errors.push(iss.path[0] === 'text' && iss.code === 'too_small' ? 'text_missing' : `invalid:${String(iss.path[0])}`);
    } else if (!get('text')) errors.push('text_missing');
    let duplicateOf: number | 'stored' | null = null;
    if (input) {
      const tracking = input.trackingNumber.toLowerCase();
      const key = contentKey(input.reporterHandle, input.receivedAt, input.text);
      if (tracking && storedTracking.has(tracking)) duplicateOf = 'stored';
      else if (tracking && seenTracking.has(tracking)) duplicateOf = seenTracking.get(tracking)!;
      else if (stored.has(key)) duplicateOf = 'stored';
      else if (seenContent.has(key)) duplicateOf = seenContent.get(key)!;
      if (duplicateOf !== null) errors.push(duplicateOf === 'stored' ? 'duplicate_stored' : `duplicate_row:${duplicateOf}`);
      else {
        if (tracking) seenTracking.set(tracking, line);
        seenContent.set(key, line);
      }
    }
    rows.push({
      line,
      ok: errors.length === 0,
      errors,
      channel: channel ?? channelCell,
      receivedAt: receivedAt ?? get('receivedAt'),
      topic: get('topic'),
      excerpt: firstWords(get('text')),
      trackingNumber: get('trackingNumber'),
      input: errors.length ? null : input,
    });
  });
  return { delimiter: parsed.meta.delimiter, headers: rawHeaders, mapping, rows, fileErrors };
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
