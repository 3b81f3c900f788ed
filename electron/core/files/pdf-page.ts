import { pdfFonts } from '@core/assets';

/**
 * What every report PDF starts with (activity report, Laporan keaktifan OPD):
 * the fonts with Indonesian glyphs when installed (Helvetica otherwise), the
 * bytes collected into one Buffer, and the page helpers for flowing text.
 */
export interface PdfPage {
  regular: string;
  bold: string;
  /** The whole PDF, once doc.end() was called. */
  done: Promise<Buffer>;
  left: number;
  width: number;
  bottom(): number;
  /** A new page when `h` points no longer fit. */
  ensure(h: number): void;
  heading(text: string): void;
}

export function pdfPage(doc: PDFKit.PDFDocument): PdfPage {
  const fonts = pdfFonts();
  if (fonts) {
    doc.registerFont('body', fonts.regular);
    doc.registerFont('bold', fonts.bold);
  }
  const bold = fonts ? 'bold' : 'Helvetica-Bold';
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const ensure = (h: number) => {
    if (doc.y + h > bottom()) doc.addPage();
  };
  return {
    regular: fonts ? 'body' : 'Helvetica',
    bold,
    done,
    left,
    width,
    bottom,
    ensure,
    heading(text: string) {
      ensure(40);
      doc.moveDown(0.6).font(bold).fontSize(12).fillColor('#0b5cab').text(text, left, doc.y, { width });
      doc.moveDown(0.2).fillColor('#1c2430');
    },
  };
}
