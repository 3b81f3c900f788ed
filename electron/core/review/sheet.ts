import { pdfDocument } from '@core/files/lazy-libs';
import { createHash } from 'node:crypto';
import { fingerprintOf } from '@shared/review/signature';
import type { FileLink } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import { formatNewsDate, formatZonedDateTime } from '@shared/domain/time-zone';
import { safeFileName, slugify } from '@shared/files/safe-name';
import { pdfText } from '@shared/publishing/encode';
import { paragraphsOf } from '@shared/review/paragraphs';
import type { HandlerContext } from '@core/deps';
import { contentHash, recordAudit } from './audit';
import { stamp, writeExport } from './exports';
import { reviewOf } from './state';
import { pdfFonts as findFonts } from '@core/assets';

/** Open Sans covers every Indonesian letter and typographic quote; Helvetica is the fallback. */

/** Markdown block → plain text for print (links keep their address). */
function plain(md: string): string {
  return pdfText(md)
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '[$1]')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '• ')
    .replace(/^>\s?/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .trim();
}

function fingerprint(hash: string): string {
  return hash.slice(0, 32).match(/.{4}/g)!.join(' ').toUpperCase();
}

async function render(build: (doc: PDFKit.PDFDocument) => void, title: string): Promise<Buffer> {
  const PDFDocument = await pdfDocument();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 56, bottom: 56, left: 64, right: 64 }, info: { Title: title, Creator: 'Redaksi' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      build(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** "Lembar persetujuan": the approval on paper, for offices that file signed approvals. */
export async function approvalSheet(ctx: HandlerContext, post: Post): Promise<FileLink> {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const review = reviewOf(ctx, post.id);
  const hash = contentHash(post);
  const approval = review.approval;
  const approvedThis = post.status === 'approved' && approval?.hash === hash;
  const fonts = findFonts();
  const regular = fonts ? 'body' : 'Helvetica';
  const bold = fonts ? 'bold' : 'Helvetica-Bold';

  const pdf = await render((doc) => {
    if (fonts) {
      doc.registerFont('body', fonts.regular);
      doc.registerFont('bold', fonts.bold);
    }
    const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
    doc.font(bold).fontSize(15).text('LEMBAR PERSETUJUAN PUBLIKASI', { align: 'center' });
    if (ws.opd.fullName) doc.font(regular).fontSize(11).text(pdfText(ws.opd.fullName), { align: 'center' });
    doc.moveDown(0.8);
    if (!approvedThis) {
      doc
        .font(bold)
        .fontSize(11)
        .fillColor('#b3261e')
        .text(
          approval && post.status !== 'approved'
            ? 'VERSI INI BELUM DISETUJUI — isi berubah setelah persetujuan terakhir.'
            : 'BELUM DISETUJUI — lembar ini hanya untuk pemeriksaan.',
          { align: 'center' },
        )
        .fillColor('black');
      doc.moveDown(0.6);
    }
    const rows: [string, string][] = [
      ['Judul', post.title || '(tanpa judul)'],
      ['Kategori', post.category || '-'],
      ['Tanggal kegiatan', post.eventDate ? formatNewsDate(post.eventDate) : '-'],
      ['Kode versi', `${fingerprint(hash)}\n(SHA-256: ${hash})`],
      ['Penulis', post.authorCredit || review.submittedBy?.name || '-'],
      ['Diajukan', review.submittedAt ? `${formatZonedDateTime(review.submittedAt, zone)} oleh ${review.submittedBy?.name ?? '-'}` : '-'],
      ['Editor', approval ? approval.by.name : '-'],
      ['Disetujui', approval ? formatZonedDateTime(approval.at, zone) + (approval.viaFile ? ' (melalui berkas tinjauan)' : '') : '-'],
      ['Berlaku sampai', approval?.expiresAt ? formatZonedDateTime(approval.expiresAt, zone) : approval ? 'tanpa batas' : '-'],
    ];
    if (approval?.signature) {
      // Anyone with the editor's public key can check this approval: the key's fingerprint and the signature's id.
      rows.push(['Sidik kunci editor', fingerprintOf(approval.signature.keyId)]);
      rows.push(['Tanda tangan digital', `Ed25519, id ${createHash('sha256').update(approval.signature.sig).digest('hex').slice(0, 16).toUpperCase()}`]);
    } else if (approval) {
      rows.push(['Tanda tangan digital', 'tidak ada (persetujuan dibuat sebelum tanda tangan digital)']);
    }
    if (approval?.note) rows.push(['Catatan editor', approval.note]);
    const labelW = 120;
    for (const [label, value] of rows) {
      const y = doc.y;
      doc.font(bold).fontSize(10).text(label, doc.page.margins.left, y, { width: labelW });
      const afterLabel = doc.y;
      doc.font(regular).fontSize(10).text(pdfText(value), doc.page.margins.left + labelW, y, { width: width - labelW });
      doc.y = Math.max(doc.y, afterLabel) + 4;
    }
    doc.x = doc.page.margins.left;

    // Signatures first so the sheet's first page is complete on its own.
    doc.moveDown(1.2);
    const colW = (width - 40) / 2;
    const top = doc.y;
    const sign = (x: number, role: string, name: string) => {
      doc.font(regular).fontSize(10).text(role, x, top, { width: colW, align: 'center' });
      doc.text('\n\n\n\n', x, doc.y, { width: colW });
      doc.font(bold).text(pdfText(name) || '(................................)', x, doc.y, { width: colW, align: 'center', underline: true });
    };
    sign(doc.page.margins.left, 'Penulis,', post.authorCredit || review.submittedBy?.name || '');
    sign(doc.page.margins.left + colW + 40, 'Editor,', approval?.by.name ?? '');
    doc.x = doc.page.margins.left;
    doc.moveDown(2);

    doc.moveTo(doc.page.margins.left, doc.y).lineTo(doc.page.margins.left + width, doc.y).strokeColor('#888888').stroke();
    doc.moveDown(0.8);
    doc.font(bold).fontSize(13).fillColor('black').text(pdfText(post.title) || '(tanpa judul)', { width });
    if (post.eventDate) doc.font(regular).fontSize(9).fillColor('#555555').text(formatNewsDate(post.eventDate)).fillColor('black');
    doc.moveDown(0.5);
    const [lead, ...body] = paragraphsOf(post);
    if (lead || post.dateline) {
      doc.font(bold).fontSize(10.5).text(post.dateline ? `${pdfText(post.dateline).toUpperCase()} – ` : '', { continued: true });
      doc.font(regular).text(plain(lead), { width, align: 'justify' });
      doc.moveDown(0.5);
    }
    for (const p of body) {
      const heading = /^#{1,6}\s/.test(p);
      doc.font(heading ? bold : regular).fontSize(10.5).text(plain(p), { width, align: heading ? 'left' : 'justify' });
      doc.moveDown(0.5);
    }
    const credits = [post.authorCredit && `Penulis: ${post.authorCredit}`, post.editorCredit && `Editor: ${post.editorCredit}`]
      .filter(Boolean)
      .join(' / ');
    if (credits) doc.font(regular).fontSize(9.5).fillColor('#333333').text(pdfText(credits));
    if (post.photoCredits) doc.text(`Foto: ${pdfText(post.photoCredits)}`);
    doc.moveDown(1);
    doc.fontSize(8).fillColor('#777777').text(`Dicetak dari Redaksi pada ${formatZonedDateTime(ctx.store.now(), zone)}.`);
  }, `Lembar persetujuan — ${pdfText(post.title)}`);

  const name = safeFileName(`lembar-persetujuan-${slugify(post.title || 'tulisan', 50)}-${stamp(ctx.store.now())}.pdf`);
  const link = await writeExport(ctx, name, pdf);
  await recordAudit(ctx, post, 'exported', { detail: `lembar persetujuan: ${name}`, hash });
  return link;
}
