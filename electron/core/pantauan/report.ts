import Papa from 'papaparse';
import { pdfDocument } from '@core/files/lazy-libs';
import type { RankingView } from '@shared/api/contracts/pantauan';
import { formatDecimal } from '@shared/activity/format';
import { csvSafeCell } from '@shared/files/csv-safe';
import { CHANNELS } from '@shared/domain/post';
import { formatZonedDateTime, type TimeZoneCode } from '@shared/domain/time-zone';
import type { RankingRow } from '@shared/pantauan/ranking';
import type { ParticipantKind } from '@shared/pantauan/settings';
import { CHANNEL_LABEL } from '@core/activity/labels';
import { pdfPage } from '@core/files/pdf-page';

/** Indonesian labels for the report (it goes to the regent in Indonesian). */
const KIND_LABEL: Record<ParticipantKind, string> = { opd: 'OPD', vertikal: 'Instansi vertikal', bumd: 'BUMD' };
const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

const pct = (v: number | null) => (v === null ? '-' : `${formatDecimal(v, 0)}%`);
const rate = (r: RankingRow['firstReply']) => (r.done ? `${r.onTime}/${r.done} (${pct(r.rate)})` : '-');
const lastPub = (s: string | null) => (s ? (s.length === 10 ? s : `${s.slice(0, 10)} ${s.slice(11, 16)}`) : '-');
const sinceSync = (r: { lastSyncAt: string | null; daysSince: number | null }) =>
  r.lastSyncAt === null ? 'belum pernah' : r.daysSince === 0 ? 'hari ini' : `${r.daysSince} hari lalu (${r.lastSyncAt.slice(0, 10)})`;

/** One row per OPD (papaparse; every cell through csvSafeCell: OPD names come from other PCs). */
export function rankingCsv(v: RankingView): string {
  const fields = [
    'peringkat',
    'nama',
    'jenis',
    'wilayah',
    'zona',
    'hari_dengan_konten',
    'hari_wajib',
    'persen',
    'rentetan_terpanjang',
    ...CHANNELS.map((c) => `kanal_${c}`),
    'total_konten',
    'aduan_diterima',
    'balasan_awal_tepat_waktu',
    'balasan_awal_selesai',
    'jawaban_akhir_tepat_waktu',
    'jawaban_akhir_selesai',
    'aduan_lewat_tenggat',
    'terakhir_tayang',
    'sinkron_terakhir',
  ];
  const data = v.rows.map((r) =>
    [
      r.rank,
      r.name,
      KIND_LABEL[r.kind],
      r.region,
      r.zone,
      r.contentDays,
      r.requiredDays,
      r.percent === null ? '' : Math.round(r.percent),
      r.streak,
      ...CHANNELS.map((c) => r.perChannel[c]),
      r.total,
      r.received,
      r.firstReply.onTime,
      r.firstReply.done,
      r.final.onTime,
      r.final.done,
      r.overdue,
      r.lastPublishedAt ?? '',
      r.lastSyncAt ?? 'belum pernah',
    ].map((x) => csvSafeCell(x)),
  );
  return '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n' });
}

/** "Laporan keaktifan OPD" (pdfkit, the same approach as the activity report): ranking, a bar chart, the rule, quiet OPDs, completeness. */
export async function rankingPdf(v: RankingView, zone: TimeZoneCode, title = 'Laporan Keaktifan OPD'): Promise<Buffer> {
  const PDFDocument = await pdfDocument();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 36,
    info: { Title: `${title} ${monthLabel(v.month)}`, Author: 'Redaksi', Producer: 'Redaksi' },
  });
  const { regular, bold, done, left, width, bottom, ensure, heading } = pdfPage(doc);
  const table = (head: string[], rows: (string | number)[][], widths: number[]) => {
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => (w / total) * width);
    const row = (cells: (string | number)[], font: string, wrap = false) => {
      // Head cells wrap onto as many lines as they need; body cells stay on one line.
      doc.font(font).fontSize(8);
      const h = wrap ? Math.max(...cells.map((c, i) => doc.heightOfString(String(c), { width: cols[i] - 4 }))) + 4 : 14;
      ensure(h + 1);
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.text(String(c), x + 2, y + 2, { width: cols[i] - 4, align: i <= 1 ? 'left' : 'right', ...(wrap ? {} : { lineBreak: false, ellipsis: true }) });
        x += cols[i];
      });
      doc.y = y + h;
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor('#d5dbe3').lineWidth(0.5).stroke();
    };
    row(head, bold, true);
    for (const rr of rows) row(rr, regular);
    doc.moveDown(0.3);
  };

  doc.font(bold).fontSize(16).fillColor('#1c2430').text(`${title}`, left, doc.y, { width });
  doc
    .font(regular)
    .fontSize(10)
    .fillColor('#4a5565')
    .text(`Bulan: ${monthLabel(v.month)}${v.regionFilter ? ` · Wilayah: ${v.regionFilter} (${v.region})` : v.region ? ` · Wilayah: ${v.region}` : ''} · Peserta: ${v.rows.length}`, { width })
    .text(`Dibuat: ${formatZonedDateTime(v.generatedAt, zone)}. Sumber: ringkasan yang dikirim Redaksi tiap OPD (tanpa isi konten dan tanpa data pelapor aduan).`, { width })
    .fillColor('#1c2430');

  heading('Aturan peringkat');
  doc.font(regular).fontSize(9).text(v.rule, { width });

  if (v.regions.length && !v.regionFilter) {
    heading('Kabupaten/kota');
    table(
      ['Kabupaten/kota', 'Peserta', 'Hari konten/wajib', '%', 'Konten', 'Senyap hari ini', 'Belum pernah sinkron'],
      v.regions.map((g) => [g.region || '(wilayah belum diketahui)', g.opds, `${g.contentDays}/${g.requiredDays}`, pct(g.percent), g.total, g.quiet, g.neverSynced]),
      [3, 1, 1.6, 0.8, 1, 1.4, 1.6],
    );
  }

  // On a province's report, each participant's regency is named beside it.
  const regions = new Set(v.rows.map((r) => r.region).filter(Boolean));
  const nameOf = (r: RankingRow) => (regions.size > 1 && r.region ? `${r.name} (${r.region})` : r.name);
  heading('Peringkat');
  table(
    ['#', 'OPD / peserta', 'Hari konten/wajib', '%', 'Rentetan', 'Konten', 'Balasan awal tepat waktu', 'Jawaban akhir tepat waktu', 'Lewat tenggat', 'Terakhir tayang'],
    v.rows.map((r) => [r.rank, nameOf(r), `${r.contentDays}/${r.requiredDays}`, pct(r.percent), r.streak, r.total, rate(r.firstReply), rate(r.final), r.overdue, lastPub(r.lastPublishedAt)]),
    [0.5, 4.2, 1.4, 0.8, 0.9, 0.9, 1.8, 1.8, 1, 1.6],
  );

  // Bar chart: share of required days with content per participant, drawn as vectors (sharp on any printer).
  doc.addPage();
  heading('Grafik: persentase hari wajib dengan konten');
  const barRows = v.rows;
  const labelW = width * 0.32;
  const barW = width - labelW - 50;
  const rowH = Math.max(8, Math.min(16, (bottom() - doc.y - 20) / Math.max(1, barRows.length)));
  for (const r of barRows) {
    ensure(rowH + 2);
    const y = doc.y;
    doc.font(regular).fontSize(Math.min(8, rowH - 1)).fillColor('#1c2430').text(r.name, left, y + 1, { width: labelW - 6, lineBreak: false, ellipsis: true });
    const w = ((r.percent ?? 0) / 100) * barW;
    doc.rect(left + labelW, y + 1, barW, rowH - 3).fill('#eef2f7');
    if (w > 0) doc.rect(left + labelW, y + 1, w, rowH - 3).fill((r.percent ?? 0) >= 80 ? '#1b7f3b' : (r.percent ?? 0) >= 50 ? '#f2a900' : '#c0392b');
    doc.fillColor('#1c2430').text(pct(r.percent), left + labelW + barW + 4, y + 1, { width: 44, lineBreak: false });
    doc.y = y + rowH;
  }

  heading('Konten per kanal');
  table(
    ['#', 'OPD / peserta', ...CHANNELS.map((c) => CHANNEL_LABEL[c]), 'Total'],
    v.rows.map((r) => [r.rank, r.name, ...CHANNELS.map((c) => r.perChannel[c]), r.total]),
    [0.5, 4.2, ...CHANNELS.map(() => 1), 1],
  );

  heading('OPD yang senyap (hari ini)');
  doc.font(regular).fontSize(8).fillColor('#4a5565').text(v.quietRule, { width }).fillColor('#1c2430');
  if (v.quiet.length) {
    table(
      ['OPD / peserta', 'Zona', 'Tayang terakhir', 'Hari kerja tanpa konten', 'Data terakhir'],
      v.quiet.map((q) => [q.name, q.zone, q.lastDate ?? 'belum pernah', q.silentWorkingDays, q.lastSyncAt ? q.lastSyncAt.slice(0, 10) : '-']),
      [4, 0.8, 1.5, 1.6, 1.5],
    );
  } else {
    doc.font(regular).fontSize(9).text('Tidak ada: setiap OPD menayangkan konten dalam 2 hari kerja terakhir.', { width });
  }

  heading('Kelengkapan data');
  doc.font(regular).fontSize(8).fillColor('#4a5565').text('Kapan ringkasan tiap peserta terakhir diterima (lewat hub atau berkas). Data yang lama membuat angkanya tertinggal.', { width }).fillColor('#1c2430');
  table(
    ['OPD / peserta', 'Jenis', 'Sinkron terakhir'],
    v.completeness.map((c) => [c.name, KIND_LABEL[c.kind], sinceSync(c)]),
    [4, 1.5, 3],
  );
  doc.end();
  return done;
}
