import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { exifrLib, sharpLib } from '@core/files/lazy-libs';
import type { Sharp } from 'sharp';
import { ApiError } from '@shared/api/errors';
import type { MediaImportResult } from '@shared/api/contracts/media';
import { photoSchema, type FocalPoint, type Photo } from '@shared/media/photo';
import type { HandlerContext } from '@core/deps';
import { pathExists, writeFileDurable } from '@core/store/durable-file';
import { newId } from '@core/store/store';
import { heicToSrgb } from './colour';
import { sniffImage } from './detect';
import { decodeHeic, HeicDecodeError } from './heic';
import { PixelCache, type RawImage } from './pixel-cache';
import { mediaPaths, PREVIEW_SIZE, previewName, THUMB_SIZE, thumbName } from './paths';

/**
 * Decompression-bomb guard: 120 megapixels covers today's 108 MP phone
 * sensors; anything bigger is refused before its pixels are decoded.
 */
export const MAX_INPUT_PIXELS = 120_000_000;

/** Reasons shown by the UI as their own Indonesian messages (params.reason). */
export type ImportFailure = 'empty' | 'not_image' | 'unsupported_format' | 'corrupt' | 'too_large' | 'heic_failed';

function fail(code: 'invalid_input' | 'unsupported', reason: ImportFailure, message: string, name: string): never {
  throw new ApiError(code, message, { params: { reason, name: name.slice(0, 120) } });
}

const EXT = { jpeg: '.jpg', png: '.png', webp: '.webp', heif: '.heic' } as const;

/** Options of every sharp decode of a user file. */
export function sharpInput(failOn: 'truncated' | 'error' = 'truncated') {
  return { limitInputPixels: MAX_INPUT_PIXELS, failOn, sequentialRead: true } as const;
}

/** A sharp pipeline over decoded pixels. */
export async function rawPipe(px: RawImage): Promise<Sharp> {
  const sharp = await sharpLib();
  return sharp(px.data, { raw: { width: px.width, height: px.height, channels: px.channels }, limitInputPixels: MAX_INPUT_PIXELS });
}

/** Decodes a HEIC/HEIF file to upright sRGB pixels (its embedded colour profile applied). */
export async function decodeHeicSrgb(buf: Uint8Array): Promise<RawImage> {
  return heicToSrgb(await decodeHeic(buf, MAX_INPUT_PIXELS), MAX_INPUT_PIXELS);
}

/**
 * Decoded HEIC originals, full size, sRGB. Decoding HEVC in WASM takes
 * seconds for a phone photo, so the decode made at import is kept here for
 * the first renders, and renders that arrive together share one decode.
 * Bounded: two photos, 200 MB, five minutes unused.
 */
const heicPixels = new PixelCache(200 * 1024 * 1024, 2, 5 * 60_000);

/** Beside the original: a near-lossless sRGB JPEG of its decode (never served, no metadata), so a restart does not decode HEVC again. */
export function keptDecodePath(originalFile: string): string {
  return `${originalFile}.srgb.jpg`;
}

async function writeKeptDecode(originalFile: string, px: RawImage): Promise<void> {
  const jpeg = await (await rawPipe(px)).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
  await writeFileDurable(keptDecodePath(originalFile), jpeg);
}

async function loadHeic(file: string): Promise<RawImage> {
  const sharp = await sharpLib();
  try {
    const { data, info } = await sharp(await fsp.readFile(keptDecodePath(file)), sharpInput()).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
  } catch {
    // No usable kept decode: decode the original (a missing original throws ENOENT).
  }
  const px = await decodeHeicSrgb(await fsp.readFile(file));
  await writeKeptDecode(file, px).catch(() => undefined);
  return px;
}

/** Keeps the decode made at import for the renders that follow. */
function keepImportDecode(originalFile: string, px: RawImage): void {
  heicPixels.set(originalFile, Promise.resolve(px), undefined);
}

/** Drops the in-memory HEIC decodes (tests: as after a restart). */
export function forgetHeicDecodes(): void {
  heicPixels.clear();
}

/**
 * A sharp pipeline over the original, upright (EXIF orientation applied) and,
 * for HEIF, already converted to sRGB.
 */
export async function openOriginal(file: string, format: Photo['format']): Promise<Sharp> {
  const sharp = await sharpLib();
  if (format === 'heif') {
    const px = await (heicPixels.get(file) ?? heicPixels.set(file, loadHeic(file), undefined));
    return await rawPipe(px);
  }
  return sharp(await fsp.readFile(file), sharpInput()).rotate();
}

interface ExifFacts {
  takenAt: string | null;
  cameraMake: string | null;
  cameraModel: string | null;
  hasGps: boolean;
}

function localIso(d: unknown): string | null {
  if (!(d instanceof Date) || Number.isNaN(d.getTime())) return null;
  // exifr builds the Date from the camera's wall clock in the local zone; keep that wall clock.
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

function cleanText(v: unknown, max: number): string | null {
  if (typeof v !== 'string') return null;
  const s = v.replace(/\0/g, '').trim();
  return s ? s.slice(0, max) : null;
}

/** Date taken, camera make/model and whether a GPS position exists. Serials and owner names are never read. */
export async function readExifFacts(buf: Uint8Array): Promise<ExifFacts> {
  const exifr = await exifrLib();
  try {
    const tags = (await exifr.parse(buf, {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      pick: ['DateTimeOriginal', 'CreateDate', 'Make', 'Model', 'GPSLatitude', 'GPSLongitude'],
    })) as Record<string, unknown> | undefined;
    if (!tags) return { takenAt: null, cameraMake: null, cameraModel: null, hasGps: false };
    const lat = tags.GPSLatitude;
    const lon = tags.GPSLongitude;
    const hasCoord = (v: unknown) => (Array.isArray(v) ? v.length > 0 : typeof v === 'number' && Number.isFinite(v));
    return {
      takenAt: localIso(tags.DateTimeOriginal) ?? localIso(tags.CreateDate),
      cameraMake: cleanText(tags.Make, 80),
      cameraModel: cleanText(tags.Model, 120),
      hasGps: hasCoord(lat) || hasCoord(lon),
    };
  } catch {
    // Broken EXIF must not block an otherwise good photo.
    return { takenAt: null, cameraMake: null, cameraModel: null, hasGps: false };
  }
}

/** Centre of interest by sharp's attention strategy, from a small upright copy. */
async function attentionFocal(small: Buffer, w: number, h: number): Promise<FocalPoint | null> {
  const sharp = await sharpLib();
  try {
    const one = async (tw: number, th: number) =>
      (await sharp(small).resize(tw, th, { fit: 'cover', position: sharp.strategy.attention }).toBuffer({ resolveWithObject: true })).info;
    // A half-width strip finds the horizontal centre, a half-height strip the
    // vertical one: both axes, so a 1.91:1 cut of a landscape photo and a 9:16
    // cut of a portrait one both follow the subject.
    const stripW = Math.max(1, Math.round(w / 2));
    const stripH = Math.max(1, Math.round(h / 2));
    const across = await one(stripW, h);
    const down = await one(w, stripH);
    const x = (-(across.cropOffsetLeft ?? 0) + stripW / 2) / w;
    const y = (-(down.cropOffsetTop ?? 0) + stripH / 2) / h;
    const c = (v: number) => Math.min(1, Math.max(0, Number(v.toFixed(4))));
    return { x: c(x), y: c(y) };
  } catch {
    return null;
  }
}

/** The desk's preview (JPEG) and grid thumbnail (WebP) of an upright photo, without metadata. */
export async function previewAndThumb(upright: Sharp): Promise<{ preview: Buffer; thumb: Buffer }> {
  const sharp = await sharpLib();
  const preview = await upright
    .clone()
    .resize(PREVIEW_SIZE, PREVIEW_SIZE, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .jpeg({ quality: 82, progressive: true })
    .toBuffer();
  const thumb = await sharp(preview).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 72 }).toBuffer();
  return { preview, thumb };
}

const inFlight = new Map<string, Promise<MediaImportResult>>();

/** Import one photo file. Nothing is stored unless the whole photo decodes. */
export async function importPhoto(ctx: HandlerContext, name: string, buf: Buffer): Promise<MediaImportResult> {
  if (buf.length === 0) fail('invalid_input', 'empty', 'file is empty', name);
  const kind = sniffImage(buf);
  if (kind === 'unknown') fail('invalid_input', 'not_image', 'file is not an image', name);
  if (kind !== 'jpeg' && kind !== 'png' && kind !== 'webp' && kind !== 'heif') {
    fail('unsupported', 'unsupported_format', `format ${kind} is not supported`, name);
  }
  const sha256 = createHash('sha256').update(buf).digest('hex');
  // Two imports of the same bytes at once share one result.
  const running = inFlight.get(sha256);
  if (running) return running.then((r) => ({ ...r, status: 'duplicate' as const }));
  const p = doImport(ctx, name, buf, kind, sha256);
  inFlight.set(sha256, p);
  try {
    return await p;
  } finally {
    inFlight.delete(sha256);
  }
}

async function doImport(ctx: HandlerContext, name: string, buf: Buffer, kind: Photo['format'], sha256: string): Promise<MediaImportResult> {
  const sharp = await sharpLib();
  const col = ctx.store.collections.media;
  const existing = col.all().find((m) => m.sha256 === sha256);
  if (existing && !existing.deletedAt) return { status: 'duplicate', photo: existing };

  const dirs = mediaPaths(ctx.dataDir);
  let upright: Sharp;
  let width: number;
  let height: number;
  let heicPx: RawImage | null = null;
  try {
    if (kind === 'heif') {
      heicPx = await decodeHeicSrgb(buf);
      width = heicPx.width;
      height = heicPx.height;
      upright = await rawPipe(heicPx);
    } else {
      const meta = await sharp(buf, sharpInput()).metadata();
      if (!meta.width || !meta.height) fail('invalid_input', 'corrupt', 'no image size', name);
      if (meta.width * meta.height > MAX_INPUT_PIXELS) fail('invalid_input', 'too_large', `${meta.width}x${meta.height} is over the pixel limit`, name);
      const swap = (meta.orientation ?? 1) >= 5;
      width = swap ? meta.height : meta.width;
      height = swap ? meta.width : meta.height;
      upright = sharp(buf, sharpInput()).rotate();
    }
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (e instanceof HeicDecodeError) fail(e.reason === 'heic_failed' ? 'unsupported' : 'invalid_input', e.reason, e.message, name);
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) fail('invalid_input', 'too_large', msg, name);
    fail('invalid_input', 'corrupt', msg, name);
  }

  // Decoding the whole photo here (for the preview) is what proves it is not
  // truncated; only then is anything written.
  let preview: Buffer;
  let thumb: Buffer;
  let small: { data: Buffer; w: number; h: number };
  try {
    ({ preview, thumb } = await previewAndThumb(upright));
    const s = await sharp(preview).resize(256, 256, { fit: 'inside' }).toBuffer({ resolveWithObject: true });
    small = { data: s.data, w: s.info.width, h: s.info.height };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) fail('invalid_input', 'too_large', msg, name);
    fail('invalid_input', 'corrupt', msg, name);
  }

  const facts = await readExifFacts(buf);
  const autoFocal = await attentionFocal(small.data, small.w, small.h);

  await fsp.mkdir(dirs.originals, { recursive: true });
  await fsp.mkdir(dirs.thumbs, { recursive: true });
  await fsp.mkdir(dirs.previews, { recursive: true });
  const ext = EXT[kind];
  const originalFile = path.join(dirs.originals, sha256 + ext);
  // Content-addressed: an existing file already holds these exact bytes.
  if (!(await pathExists(originalFile))) await writeFileDurable(originalFile, buf);
  if (heicPx) {
    keepImportDecode(originalFile, heicPx);
    await writeKeptDecode(originalFile, heicPx).catch(() => undefined);
  }
  await writeFileDurable(path.join(dirs.previews, previewName(sha256)), preview);
  await writeFileDurable(path.join(dirs.thumbs, thumbName(sha256)), thumb);

  const now = ctx.store.now().toISOString();
  if (existing) {
    // Re-importing a trashed photo brings it back with its captions.
    // As it is now: its captions may have been edited while the image was being prepared.
    const cur = col.get(existing.id) ?? existing;
    const restored = photoSchema.parse({ ...cur, deletedAt: null, rev: cur.rev + 1, updatedAt: now });
    await col.put(restored);
    return { status: 'restored', photo: restored };
  }
  const photo: Photo = photoSchema.parse({
    id: newId(),
    createdAt: now,
    updatedAt: now,
    rev: 0,
    sha256,
    originalName: name.slice(0, 255),
    ext,
    width,
    height,
    format: kind,
    bytes: buf.length,
    ...facts,
    caption: '',
    credit: '',
    altText: '',
    tags: [],
    postIds: [],
    focal: null,
    autoFocal,
    deletedAt: null,
  });
  await col.put(photo);
  return { status: 'imported', photo };
}

export function originalPath(ctx: HandlerContext, p: Photo): string {
  return path.join(mediaPaths(ctx.dataDir).originals, p.sha256 + p.ext);
}
