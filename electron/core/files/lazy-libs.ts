import type PDFKit from 'pdfkit';
import type writeXlsx from 'write-excel-file/node';

/**
 * Libraries only exports need, loaded on the first export instead of at every
 * start (pdfkit with its fonts ≈28 MB, write-excel-file ≈12 MB of a start's
 * memory). Later calls get the loaded module.
 */
export async function pdfDocument(): Promise<typeof PDFKit> {
  return (await import('pdfkit')).default;
}

export async function xlsxWriter(): Promise<typeof writeXlsx> {
  return (await import('write-excel-file/node')).default;
}
