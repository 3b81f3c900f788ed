/**
 * One fresh process of the lazy-libs bench: `<library>`; prints one JSON line:
 * what the first use of that library costs (load time, CPU, memory added).
 */
import { exifrLib, opentypeLib, pdfDocument, sanitizeHtmlLib, sharpLib, xlsxWriter } from '@core/files/lazy-libs';

const LOADERS: Record<string, () => Promise<unknown>> = {
  sharp: sharpLib,
  'sanitize-html': sanitizeHtmlLib,
  'opentype.js': opentypeLib,
  exifr: exifrLib,
  pdfkit: pdfDocument,
  'write-excel-file': xlsxWriter,
};

const name = process.argv[2];
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const c0 = process.cpuUsage();
await LOADERS[name]();
const used = process.cpuUsage(c0);
console.log(JSON.stringify({ ms: performance.now() - t0, cpuMs: (used.user + used.system) / 1000, rssMB: (process.memoryUsage().rss - rss0) / 1024 ** 2 }));
