import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * HEIC/HEIF decoding. The prebuilt sharp has no HEVC decoder, so heic-decode
 * (libheif compiled to WASM) does it. WASM decoding is CPU-bound and would
 * freeze the main process event loop for seconds, so it runs in a
 * worker_thread; sharp receives the raw RGBA pixels.
 */

export interface DecodedHeic {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  data: Buffer;
}

export class HeicDecodeError extends Error {
  constructor(
    message: string,
    readonly reason: 'heic_failed' | 'too_large',
  ) {
    super(message);
    this.name = 'HeicDecodeError';
  }
}

// The worker source is inline so the esbuild bundle needs no extra file; it
// loads heic-decode from the absolute path resolved here (kept external).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const decode = require(workerData.modulePath);
(async () => {
  try {
    const images = await decode.all({ buffer: workerData.buffer });
    if (!images.length) throw new Error('no image in file');
    const primary = images[0];
    if (primary.width * primary.height > workerData.maxPixels) {
      parentPort.postMessage({ ok: false, reason: 'too_large', message: 'image is ' + primary.width + 'x' + primary.height });
      return;
    }
    const out = await primary.decode();
    const data = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength);
    parentPort.postMessage({ ok: true, width: out.width, height: out.height, data }, [data.buffer]);
  } catch (e) {
    parentPort.postMessage({ ok: false, reason: 'heic_failed', message: String(e && e.message || e) });
  }
})();
`;

let modulePath: string | null = null;
function heicModulePath(): string {
  if (!modulePath) {
    // Works both in the CJS bundle and under vitest/tsx (ESM).
    const req = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
    modulePath = req.resolve('heic-decode');
  }
  return modulePath;
}

/** Decodes the primary image of a HEIC/HEIF file off the main thread. */
export function decodeHeic(buffer: Uint8Array, maxPixels: number, timeoutMs = 120_000): Promise<DecodedHeic> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { buffer, modulePath: heicModulePath(), maxPixels },
      // Bounds a hostile file: libheif's WASM heap cannot exceed this.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => finish(() => reject(new HeicDecodeError('HEIC decode timed out', 'heic_failed'))), timeoutMs);
    worker.once('message', (m: { ok: boolean; width?: number; height?: number; data?: Uint8Array; reason?: 'heic_failed' | 'too_large'; message?: string }) => {
      if (m.ok && m.data && m.width && m.height) {
        const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
        finish(() => resolve({ width: m.width!, height: m.height!, data }));
      } else {
        finish(() => reject(new HeicDecodeError(m.message ?? 'HEIC decode failed', m.reason ?? 'heic_failed')));
      }
    });
    worker.once('error', (e) => finish(() => reject(new HeicDecodeError(e.message, 'heic_failed'))));
    worker.once('exit', (code) => finish(() => reject(new HeicDecodeError(`HEIC worker exited (${code})`, 'heic_failed'))));
  });
}
