import type PDFKit from 'pdfkit';
import type SharpFn from 'sharp';
import type writeXlsx from 'write-excel-file/node';
import type Exifr from 'exifr';
import type OpenType from 'opentype.js';
import type SanitizeHtml from 'sanitize-html';
import { ApiError } from '@shared/api/errors';

/**
 * Libraries only some features need, loaded on their first use instead of at
 * every start (issue 22: host memory after opening a store). What the first
 * use costs, once, and the memory it adds: `npx tsx tests/bench/run.ts
 * lazy-libs` (sharp ≈0.2 s and 16 MB, pdfkit ≈0.35 s and 20 MB, the others
 * less). Later calls get the loaded module at once. date-holidays is not
 * among them: the working-day rules call it synchronously, and Beranda needs
 * it on every start anyway.
 *
 * A library that cannot be loaded (a damaged or partial install, a native
 * module built for another system) fails the request that needed it with a
 * typed error naming the library, which the UI words as "reinstall Redaksi";
 * the next request tries again.
 */
export class LibraryLoadError extends ApiError {
  constructor(
    readonly library: string,
    cause: unknown,
  ) {
    super('internal', `library ${library} could not be loaded: ${(cause as Error)?.message ?? String(cause)}`, {
      params: { reason: 'library_missing', library },
    });
    this.name = 'LibraryLoadError';
  }
}

/** One library's loader: the first call imports it (once, even when called concurrently), a failed import is retried next time. */
export function lazyLibrary<T>(library: string, load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => {
    loading ??= load().catch((err: unknown) => {
      loading = null;
      throw new LibraryLoadError(library, err);
    });
    return loading;
  };
}

export type Sharp = typeof SharpFn;

export const sharpLib = lazyLibrary<Sharp>('sharp', async () => {
  const sharp = (await import('sharp')).default;
  // Every rendition is made once and cached on disk, so libvips' in-memory
  // operation cache only holds memory (it matters in 50-photo batches).
  sharp.cache(false);
  return sharp;
});

export const exifrLib = lazyLibrary<typeof Exifr>('exifr', async () => (await import('exifr')).default);

export const opentypeLib = lazyLibrary<typeof OpenType>('opentype.js', async () => (await import('opentype.js')).default);

export const sanitizeHtmlLib = lazyLibrary<typeof SanitizeHtml>('sanitize-html', async () => (await import('sanitize-html')).default);

export const pdfDocument = lazyLibrary<typeof PDFKit>('pdfkit', async () => (await import('pdfkit')).default);

export const xlsxWriter = lazyLibrary<typeof writeXlsx>('write-excel-file', async () => (await import('write-excel-file/node')).default);
