import Papa from 'papaparse';
import { pdfDocument } from '@core/files/lazy-libs';
import type { ActivityReportFull } from '@shared/api/contracts/activity';
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES } from '@shared/complaints/complaint';
import { CHANNELS } from '@shared/domain/post';
import { formatNewsDate, formatZonedDateTime } from '@shared/domain/time-zone';
import { formatDecimal } from '@shared/activity/format';
import { OVERDUE_DEFINITION_ID } from '@shared/complaints/deadlines';
import { csvSafeCell } from '@shared/files/csv-safe';
import { CHANNEL_LABEL, COMPLAINT_CHANNEL_LABEL, COMPLAINT_STATUS_LABEL } from './labels';
import { pdfPage } from '@core/files/pdf-page';


const UNKNOWN_AUTHOR = '(tidak diketahui)';
const UNCATEGORISED = '(tanpa kategori)';

function shortDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

/** Per-day CSV: one row per date with counts per channel (papaparse + csvSafeCell). */
export function reportCsv(r: ActivityReportFull): string {
  const fields = ['tanggal', 'hari', ...CHANNELS.map((c) => CHANNEL_LABEL[c]), 'total', 'hari_wajib', 'target_tercapai', 'libur'];
  const data = r.days.map((d) =>
    [
      d.date,
      formatNewsDate(d.date).split(' ')[0],
      ...CHANNELS.map((c) => d.perChannel[c]),
      d.total,
      d.required ? 'ya' : 'tidak',
      d.required && !d.open ? (d.targetMet ? 'ya' : 'tidak') : '-',
      d.beforeStart ? 'sebelum Redaksi dipakai' : (d.holiday ?? ''),
    ].map((v) => csvSafeCell(v)),
  );
  data.push(['TOTAL', '', ...CHANNELS.map((c) => r.perChannel[c]), r.total, r.requiredDays, r.requiredDays - r.missedDays.length - r.underTargetDays.length, ''].map((v) => csvSafeCell(v)));
  return '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n' });
}


export interface PdfChart {
  title: string;
  png: Buffer;
}

/** The report for the kepala dinas and Diskominfo, as a PDF (pdfkit). */
export async function reportPdf(r: ActivityReportFull, charts: PdfChart[]): Promise<Buffer> {
  const PDFDocument = await pdfDocument();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 48,
    info: { Title: `Laporan Aktivitas ${r.from} s.d. ${r.to}`, Author: r.opdName || 'Redaksi', Producer: 'Redaksi' },
  });
  const { regular, bold, done, left, width, ensure, heading } = pdfPage(doc);
  const line = (label: string, value: string) => {
    ensure(16);
    const y = doc.y;
    doc.font(regular).fontSize(10).text(label, left, y, { width: width * 0.6 });
    doc.font(bold).text(value, left + width * 0.6, y, { width: width * 0.4, align: 'right' });
    doc.y = Math.max(doc.y, y + 14);
  };
  const table = (head: string[], rows: (string | number)[][], widths: number[]) => {
    const total = widths.reduce((a, b) => a + b, 0);
    const cols = widths.map((w) => (w / total) * width);
    const row = (cells: (string | number)[], font: string) => {
      ensure(16);
      const y = doc.y;
      let x = left;
      cells.forEach((c, i) => {
        doc.font(font).fontSize(9).text(String(c), x + 2, y + 2, { width: cols[i] - 4, align: i === 0 ? 'left' : 'right', lineBreak: false });
        x += cols[i];
      });
      doc.y = y + 15;
      doc.moveTo(left, doc.y).lineTo(left + width, doc.y).strokeColor('#d5dbe3').lineWidth(0.5).stroke();
    };
    row(head, bold);
    for (const rr of rows) row(rr, regular);
    doc.moveDown(0.3);
  };

  doc.font(bold).fontSize(16).fillColor('#1c2430').text('Laporan Aktivitas Publikasi', left, doc.y, { width });
  if (r.opdName) doc.font(regular).fontSize(11).text(r.opdName, { width });
  doc
    .font(regular)
    .fontSize(10)
    .fillColor('#4a5565')
    .text(`Periode: ${formatNewsDate(r.from)} s.d. ${formatNewsDate(r.to)} (${r.zone})`, { width })
    .text(`Dibuat: ${formatZonedDateTime(r.generatedAt, r.zone)}. Yang dihitung hanya konten yang benar-benar tayang (kotak keluar atau ditandai tayang), bukan draf.`, { width })
    .fillColor('#1c2430');

  heading('Ringkasan');
  line('Total konten tayang', String(r.total));
  line('Hari dengan konten', `${r.activeDays} dari ${r.days.length} hari`);
  line('Hari wajib (sesuai target)', String(r.requiredDays));
  line('Hari wajib tanpa konten', String(r.missedDays.length));
  line('Hari wajib di bawah target kanal', String(r.underTargetDays.length));
  line('Rentetan hari aktif terpanjang', `${r.longestStreak} hari`);
  line(
    'Rata-rata waktu tinjauan (diajukan sampai disetujui)',
    r.avgReviewHours === null ? (r.reviewAvailable ? 'belum ada data' : 'belum tersedia') : `${formatDecimal(r.avgReviewHours)} jam (${r.reviewCount} tinjauan)`,
  );

  heading('Per kanal');
  table(['Kanal', 'Jumlah'], CHANNELS.map((c) => [CHANNEL_LABEL[c], r.perChannel[c]]), [3, 1]);
  heading('Per kategori');
  table(['Kategori', 'Jumlah'], r.byCategory.map((x) => [x.name || UNCATEGORISED, x.count]), [3, 1]);
  heading('Per penulis');
  table(['Penulis', 'Jumlah'], r.byAuthor.map((x) => [x.name || UNKNOWN_AUTHOR, x.count]), [3, 1]);

  // One sentence per list, never "target met" while some required day missed a channel minimum.
  const holidayOf = new Map(r.days.filter((d) => d.holiday).map((d) => [d.date, d.holiday as string] as const));
  const dayList = (dates: string[]) => dates.map((d) => (holidayOf.has(d) ? `${shortDate(d)} (libur: ${holidayOf.get(d)})` : shortDate(d))).join(', ');
  heading('Hari wajib tanpa konten');
  doc.font(regular).fontSize(9).text(r.missedDays.length ? dayList(r.missedDays) : 'Tidak ada: setiap hari wajib ada konten.', { width });
  heading('Hari wajib di bawah target kanal');
  doc
    .font(regular)
    .fontSize(9)
    .text(r.underTargetDays.length ? dayList(r.underTargetDays) : r.missedDays.length ? 'Tidak ada.' : 'Tidak ada. Target harian terpenuhi setiap hari wajib.', { width });

  const cs = r.complaints;
  heading('Aduan masyarakat (anonim)');
  line('Aduan diterima', String(cs.received));
  line('Sudah dijawab', String(cs.answered));
  line('Dijawab tepat waktu', String(cs.answeredOnTime));
  line('Terbuka dan lewat tenggat*', String(cs.overdueOpen));
  line('Rata-rata hari kerja sampai dijawab', cs.avgWorkingDaysToAnswer === null ? '-' : formatDecimal(cs.avgWorkingDaysToAnswer));
  doc.font(regular).fontSize(8).fillColor('#4a5565').text(`* ${OVERDUE_DEFINITION_ID}`, { width }).fillColor('#1c2430');
  table(['Status', 'Jumlah'], COMPLAINT_STATUSES.map((s) => [COMPLAINT_STATUS_LABEL[s], cs.byStatus[s]]), [3, 1]);
  table(['Kanal aduan', 'Jumlah'], COMPLAINT_CHANNELS.filter((c) => cs.byChannel[c] > 0).map((c) => [COMPLAINT_CHANNEL_LABEL[c], cs.byChannel[c]]), [3, 1]);

  for (const ch of charts) {
    doc.addPage();
    doc.font(bold).fontSize(12).fillColor('#0b5cab').text(ch.title, { width }).fillColor('#1c2430');
    doc.moveDown(0.5);
    try {
      doc.image(ch.png, left, doc.y, { fit: [width, 360] });
    } catch {
      doc.font(regular).fontSize(9).text('(grafik tidak dapat dibaca)', { width });
    }
  }

  doc.addPage();
  heading('Rincian harian');
  table(
    ['Tanggal', ...CHANNELS.map((c) => CHANNEL_LABEL[c]), 'Total'],
    r.days.map((d) => [`${formatNewsDate(d.date)}${d.required ? '' : ' *'}${d.holiday ? ` (libur: ${d.holiday})` : ''}`, ...CHANNELS.map((c) => d.perChannel[c]), d.total]),
    [3.2, 1, 1, 1, 0.6, 1.1, 1, 0.8],
  );
  doc.font(regular).fontSize(8).fillColor('#4a5565').text('* tidak wajib: hari libur/akhir pekan sesuai pengaturan target, atau sebelum Redaksi mulai dipakai.', { width });
  doc.end();
  return done;
}
