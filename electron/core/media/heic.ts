import { createRequire } from 'node:module';
import path from 'node:path';
import { runWorkerOnce } from '@core/files/worker-once';

/**
 * HEIC/HEIF decoding. The prebuilt sharp has no HEVC decoder, so libheif
 * (compiled to WASM, the libheif-js package) does it. WASM decoding is
 * CPU-bound and would freeze the main process event loop for seconds, so it
 * runs in a worker_thread; sharp receives the raw RGBA pixels.
 *
 * libheif is driven directly (not through a wrapper) because two of its
 * signals matter and wrappers drop them: the decoding warnings (an iPhone
 * HEIC is a grid of tiles; with the file cut short libheif still returns the
 * whole canvas, the missing tiles solid green, and only says so in
 * warnings), and the embedded colour profile (iPhones write Display P3).
 */

export interface DecodedHeic {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, in the colour space of `icc` (sRGB when null). */
  data: Buffer;
  /** Whether the image has a real alpha channel (otherwise alpha is all 255). */
  hasAlpha: boolean;
  /** The embedded ICC profile (colr/prof), or null when none. */
  icc: Buffer | null;
  /** nclx colour primaries (ITU-T H.273) when the file signals colour that way instead of an ICC profile. */
  nclxPrimaries: number | null;
}

export type HeicFailure = 'heic_failed' | 'too_large' | 'corrupt';

export class HeicDecodeError extends Error {
  constructor(
    message: string,
    readonly reason: HeicFailure,
  ) {
    super(message);
    this.name = 'HeicDecodeError';
  }
}

// The worker source is inline so the esbuild bundle needs no extra file; it
// loads libheif-js from the absolute path resolved here (kept external).
// heif_error is a 12-byte struct {code, subcode, message*}; C functions that
// return it take a pointer to the result as their first argument.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const lib = require(workerData.modulePath);
const fail = (reason, message) => { const e = new Error(message); e.reason = reason; throw e; };
const ptrOf = (o) => (o && o.$$ && typeof o.$$.ptr === 'number' ? o.$$.ptr : 0);
function readIcc(handle) {
  const hp = ptrOf(handle);
  if (!hp) return null;
  const size = lib._heif_image_handle_get_raw_color_profile_size(hp);
  if (!size) return null;
  const out = lib._malloc(size);
  const err = lib._malloc(16);
  try {
    lib._heif_image_handle_get_raw_color_profile(err, hp, out);
    if (lib.HEAP32[err >> 2] !== 0) return null;
    return Buffer.from(lib.HEAPU8.slice(out, out + size));
  } finally {
    lib._free(out);
    lib._free(err);
  }
}
function readNclxPrimaries(handle) {
  const hp = ptrOf(handle);
  if (!hp) return null;
  const err = lib._malloc(16);
  const pp = lib._malloc(4);
  try {
    lib.HEAP32[pp >> 2] = 0;
    lib._heif_image_handle_get_nclx_color_profile(err, hp, pp);
    const nclx = lib.HEAP32[pp >> 2];
    if (lib.HEAP32[err >> 2] !== 0 || !nclx) return null;
    // struct heif_color_profile_nclx { uint8 version; enum color_primaries; ... }
    const primaries = lib.HEAP32[(nclx + 4) >> 2];
    lib._heif_nclx_color_profile_free(nclx);
    return primaries;
  } finally {
    lib._free(err);
    lib._free(pp);
  }
}
function warnings(image) {
  const ip = ptrOf(image);
  if (!ip) return [];
  const buf = lib._malloc(12 * 8);
  try {
    const n = lib._heif_image_get_decoding_warnings(ip, 0, buf, 8);
    const out = [];
    for (let i = 0; i < n; i++) {
      const code = lib.HEAP32[(buf >> 2) + i * 3];
      const sub = lib.HEAP32[(buf >> 2) + i * 3 + 1];
      const msg = lib.HEAP32[(buf >> 2) + i * 3 + 2];
      out.push(code + '/' + sub + (msg && lib.UTF8ToString ? ' ' + lib.UTF8ToString(msg) : ''));
    }
    return out;
  } finally {
    lib._free(buf);
  }
}
(async () => {
  let ctx = null, handle = null, img = null;
  try {
    await lib.ready;
    ctx = lib.heif_context_alloc();
    const rd = lib.heif_context_read_from_memory(ctx, workerData.buffer);
    if (!rd || rd.code !== lib.heif_error_code.heif_error_Ok) fail('corrupt', 'cannot parse HEIF: ' + (rd && rd.message));
    handle = lib.heif_js_context_get_primary_image_handle(ctx);
    if (!handle || handle.code) {
      const msg = String(handle && handle.message);
      handle = null;
      fail('corrupt', 'no primary image: ' + msg);
    }
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    if (!(width > 0 && height > 0)) fail('corrupt', 'no image size');
    if (width * height > workerData.maxPixels) fail('too_large', 'image is ' + width + 'x' + height);
    const icc = readIcc(handle);
    const nclxPrimaries = icc ? null : readNclxPrimaries(handle);
    const hasAlpha = !!lib.heif_image_handle_has_alpha_channel(handle);
    img = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, lib.heif_chroma.heif_chroma_interleaved_RGBA);
    if (!img || !img.channels) {
      const msg = String(img && img.message || 'decode failed');
      // A codec libheif-js lacks (AV1, JPEG 2000 ...) is not a damaged file.
      fail(/unsupported|no matching decoder|not supported/i.test(msg) ? 'heic_failed' : 'corrupt', msg);
    }
    // The decoded canvas must be the size the file declares, with no tile missing.
    if (img.width !== width || img.height !== height) fail('corrupt', 'decoded ' + img.width + 'x' + img.height + ', declared ' + width + 'x' + height);
    const warn = warnings(img.image);
    if (warn.length) fail('corrupt', 'incomplete image data (' + warn.join('; ') + ')');
    const ch = img.channels.find((c) => c.id == lib.heif_channel.heif_channel_interleaved) || img.channels[0];
    if (!ch || !ch.data) fail('corrupt', 'no pixel data');
    let data;
    if (ch.stride === width * 4 && ch.data.length >= width * height * 4) {
      data = Buffer.from(ch.data.buffer, ch.data.byteOffset, width * height * 4);
    } else {
      data = Buffer.alloc(width * height * 4);
      for (let y = 0; y < height; y++) data.set(ch.data.subarray(y * ch.stride, y * ch.stride + width * 4), y * width * 4);
    }
    // The pixels may be a view into the WASM heap: copy them out before sending.
    const own = Buffer.from(data);
    parentPort.postMessage({ ok: true, width, height, hasAlpha, data: own, icc, nclxPrimaries }, [own.buffer]);
  } catch (e) {
    parentPort.postMessage({ ok: false, reason: (e && e.reason) || 'heic_failed', message: String((e && e.message) || e) });
  } finally {
    try { if (img && img.image) lib.heif_image_release(img.image); } catch {}
    try { if (handle) lib.heif_image_handle_release(handle); } catch {}
    try { if (ctx) lib.heif_context_free(ctx); } catch {}
  }
})();
`;

let modulePath: string | null = null;
function heicModulePath(): string {
  if (!modulePath) {
    // Works both in the CJS bundle and under vitest/tsx (ESM).
    const req = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
    modulePath = req.resolve('libheif-js/wasm-bundle');
  }
  return modulePath;
}

interface WorkerReply {
  ok: boolean;
  width?: number;
  height?: number;
  hasAlpha?: boolean;
  data?: Uint8Array;
  icc?: Uint8Array | null;
  nclxPrimaries?: number | null;
  reason?: HeicFailure;
  message?: string;
}

let decodesStarted = 0;
/** How many HEIC decodes this process has started (tests and the bench check that renders share one). */
export function heicDecodeCount(): number {
  return decodesStarted;
}

/** Decodes the primary image of a HEIC/HEIF file off the main thread. */
export function decodeHeic(buffer: Uint8Array, maxPixels: number, timeoutMs = 120_000): Promise<DecodedHeic> {
  decodesStarted++;
  return runWorkerOnce({
    source: WORKER_SOURCE,
    workerData: { buffer, modulePath: heicModulePath(), maxPixels },
    // Bounds a hostile file: libheif's WASM heap cannot exceed this.
    maxOldGenerationSizeMb: 1024,
    timeoutMs,
    reply: (msg) => {
      const m = msg as WorkerReply;
      if (!(m.ok && m.data && m.width && m.height)) throw new HeicDecodeError(m.message ?? 'HEIC decode failed', m.reason ?? 'heic_failed');
      const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
      const icc = m.icc ? Buffer.from(m.icc.buffer, m.icc.byteOffset, m.icc.byteLength) : null;
      return { width: m.width, height: m.height, data, hasAlpha: Boolean(m.hasAlpha), icc, nclxPrimaries: m.nclxPrimaries ?? null };
    },
    failure: (kind, detail) =>
      new HeicDecodeError(kind === 'timeout' ? 'HEIC decode timed out' : kind === 'exit' ? `HEIC worker exited (${detail})` : detail, 'heic_failed'),
  });
}
