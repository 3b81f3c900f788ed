import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { sharpLib } from '@core/files/lazy-libs';
import type { OverlayOptions, Sharp } from 'sharp';
import { ssim } from 'ssim.js';
import { ApiError } from '@shared/api/errors';
import { formatKey, planCrop, type CropPlan } from '@shared/media/crop';
import { effectiveFocal, type Photo, type RenditionOptions, type WatermarkOptions } from '@shared/media/photo';
import { AVIF_MIN_QUALITY, AVIF_QUALITY_LADDER, CHANNEL_PRESETS, getPreset, JPEG_QUALITY_LADDER, PERCEPTUAL_TARGET, type ChannelPreset } from '@shared/media/presets';
import { captionWithCredit, creditMetadata, creditXmp } from '@shared/media/rules';
import type { HandlerContext } from '@core/deps';
import { writeFileDurable } from '@core/store/durable-file';
import { MAX_INPUT_PIXELS, openOriginal, originalPath } from './import';
import { mediaPaths } from './paths';
import { PixelCache, type RawImage } from './pixel-cache';

export interface Rendition {
  /** Absolute path of the rendered file (inside <dataDir>/media/renditions). */
  file: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
  /** File name inside the `renditions` file area (./files/renditions/<name>). */
  name: string;
  presetId: string;
  /** The source was smaller than the preset: the file is smaller than the channel asks. */
  tooSmall: boolean;
}

/** Decoded upright sRGB pixels of one original, shared by every preset of a photo. */
type Source = RawImage;

interface Logo {
  sha256: string;
  file: string;
  format: Photo['format'];
}

function requirePhoto(ctx: HandlerContext, mediaId: string): Photo {
  const p = ctx.store.collections.media.get(mediaId);
  if (!p) throw new ApiError('not_found', `photo ${mediaId} not found`, { params: { id: mediaId } });
  return p;
}

function requirePreset(presetId: string): ChannelPreset {
  const preset = getPreset(presetId);
  if (!preset) throw new ApiError('invalid_input', `unknown preset ${presetId}`, { params: { reason: 'unknown_preset' } });
  return preset;
}

function logoOf(ctx: HandlerContext, watermark: WatermarkOptions | null | undefined): Logo | null {
  if (!watermark) return null;
  const id = ctx.store.workspace.opd.logoMediaId;
  const logo = id ? ctx.store.collections.media.get(id) : undefined;
  if (!logo || logo.deletedAt) throw new ApiError('invalid_input', 'no OPD logo is set', { params: { reason: 'no_logo' } });
  return { sha256: logo.sha256, file: originalPath(ctx, logo), format: logo.format };
}

function bandText(photo: Photo, opts: RenditionOptions): string {
  return opts.captionBand ? captionWithCredit(photo.caption, photo.credit) : '';
}

/**
 * Everything that changes the output bytes; the cache is keyed by its hash.
 * Not the preset's name: presets that ask for the same pixels and encoding
 * (Instagram 4:5 and Facebook feed) share one file and one render.
 */
function cacheKey(photo: Photo, preset: ChannelPreset, plan: CropPlan, logo: Logo | null, wm: WatermarkOptions | null | undefined, band: string, xmp: string | null): string {
  const key = JSON.stringify({
    v: 3,
    xmp,
    src: photo.sha256,
    preset: [preset.width, preset.height, preset.format, preset.maxBytes, preset.channel === 'website'],
    crop: plan.crop,
    out: [plan.outWidth, plan.outHeight],
    wm: logo && wm ? [logo.sha256, wm.position, wm.size.toFixed(3), wm.opacity.toFixed(3)] : null,
    band,
  });
  return createHash('sha256').update(key).digest('hex').slice(0, 40);
}

/**
 * Scaled sources shared by the renders of one photo: a burst of render calls
 * (the desk asks for each preset on its own) shares one decode. Bounded:
 * four photos, 160 MB, one minute unused.
 */
const sources = new PixelCache<{ scale: number }>(160 * 1024 * 1024, 4, 60_000);

/** The decode scale that serves every automatic crop of every preset of this photo. */
function scaleForAllPresets(photo: Photo): number {
  return Math.max(...CHANNEL_PRESETS.map((p) => {
    const plan = planCrop(photo.width, photo.height, p, null);
    return plan.outWidth / plan.crop.width;
  }));
}

/**
 * Decodes the original once, already scaled down as far as the presets allow
 * (scale >= each preset's output/crop ratio), which saves memory and time on
 * big photos; concurrent and following renders reuse it.
 */
function decodeSource(ctx: HandlerContext, photo: Photo, needed: number): Promise<Source> {
  // Keyed by the stored original's path: one data folder's files never serve another's.
  const key = originalPath(ctx, photo);
  const hit = sources.get(key, (m) => m.scale >= needed);
  if (hit) return hit as Promise<Source>;
  // 2% headroom so rounding never makes a crop smaller than its output.
  const scale = Math.min(1, Math.max(needed, scaleForAllPresets(photo)) * 1.02);
  return sources.set(key, decodeAt(ctx, photo, scale), { scale }) as Promise<Source>;
}

/** Drops the shared sources (tests: as after a restart). */
export function forgetSources(): void {
  sources.clear();
}

async function decodeAt(ctx: HandlerContext, photo: Photo, scale: number): Promise<Source> {
  try {
    let pipe = await openOriginal(originalPath(ctx, photo), photo.format);
    if (scale < 1) {
      pipe = pipe.resize(Math.max(1, Math.round(photo.width * scale)), Math.max(1, Math.round(photo.height * scale)), { fit: 'fill' });
    }
    const { data, info } = await pipe.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels === 4 ? 4 : 3 };
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new ApiError('not_found', 'original file is missing', { params: { reason: 'original_missing', id: photo.id, name: photo.originalName } });
    }
    // The stored original no longer decodes (damaged on disk, cut short by a full drive...).
    const msg = e instanceof Error ? e.message : String(e);
    throw new ApiError('invalid_input', `original is damaged: ${msg.slice(0, 200)}`, { params: { reason: 'original_damaged', id: photo.id, name: photo.originalName } });
  }
}

const logoCache = new Map<string, Buffer>();

/** The logo at `width` px with its alpha scaled by opacity (raw RGBA → PNG). */
async function logoOverlay(logo: Logo, width: number, opacity: number): Promise<Buffer> {
  const sharp = await sharpLib();
  const key = `${logo.sha256}:${width}:${opacity.toFixed(3)}`;
  const hit = logoCache.get(key);
  if (hit) return hit;
  const pipe = await openOriginal(logo.file, logo.format);
  const { data, info } = await pipe.resize({ width, withoutEnlargement: false }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  for (let i = 3; i < data.length; i += 4) data[i] = Math.round(data[i] * opacity);
  const png = await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } }).png().toBuffer();
  if (logoCache.size > 32) logoCache.clear();
  logoCache.set(key, png);
  return png;
}

function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** Wraps text into at most maxLines lines of about maxChars characters (ellipsis when cut). */
export function wrapLines(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    const w = words[i].length > maxChars ? words[i].slice(0, maxChars - 1) + '…' : words[i];
    const next = line ? `${line} ${w}` : w;
    if (next.length <= maxChars) {
      line = next;
      continue;
    }
    lines.push(line);
    line = w;
    if (lines.length === maxLines) {
      const last = lines[maxLines - 1];
      lines[maxLines - 1] = (last.length + 2 > maxChars ? last.slice(0, maxChars - 2) : last) + ' …';
      return lines;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A dark band with white caption text across the bottom of the image (SVG rendered by librsvg). */
function captionBandSvg(text: string, width: number, height: number): { svg: Buffer; top: number } {
  const fontSize = Math.max(14, Math.round(Math.min(width, height) * 0.034));
  const pad = Math.round(fontSize * 0.8);
  const maxChars = Math.max(10, Math.floor((width - 2 * pad) / (fontSize * 0.52)));
  const lines = wrapLines(text, maxChars, 3);
  const lineH = Math.round(fontSize * 1.3);
  const bandH = Math.min(height, lines.length * lineH + pad * 2);
  const tspans = lines
    .map((l, i) => `<text x="${pad}" y="${pad + fontSize + i * lineH}" font-family="Segoe UI, Arial, DejaVu Sans, sans-serif" font-size="${fontSize}" fill="#ffffff">${escapeXml(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${bandH}"><rect width="100%" height="100%" fill="#000000" fill-opacity="0.62"/>${tspans}</svg>`;
  return { svg: Buffer.from(svg), top: height - bandH };
}

interface ImageDataLike {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

function halvedForSimilarity(width: number, height: number): boolean {
  return Math.min(width, height) >= 300;
}

/**
 * Pixels as SSIM compares them: RGBA at half size for outputs of 300 px and
 * more on the short side (about how a phone or a web column shows them; at
 * full size SSIM also counts detail no one sees), full size below that.
 */
async function forSimilarity(input: Sharp, width: number, height: number, half = halvedForSimilarity(width, height)): Promise<ImageDataLike> {
  const w = half ? Math.round(width / 2) : width;
  const h = half ? Math.round(height / 2) : height;
  const p = half ? input.resize(w, h, { fit: 'fill', kernel: 'linear', fastShrinkOnLoad: false }) : input;
  const d = await p.ensureAlpha().raw().toBuffer();
  return { data: new Uint8ClampedArray(d.buffer, d.byteOffset, d.length), width: w, height: h };
}

/** SSIM of the encoded file against the pixels that were encoded (see PERCEPTUAL_TARGET). */
async function similarity(reference: ImageDataLike, encoded: Buffer, width: number, height: number, half?: boolean): Promise<number> {
  const sharp = await sharpLib();
  const img = await forSimilarity(sharp(encoded), width, height, half);
  return ssim(reference as ImageData, img as ImageData, { ssim: 'bezkrovny', downsample: false }).mssim;
}

/**
 * MozJPEG as sharp's `mozjpeg: true` sets it (trellis quantisation,
 * overshoot deringing, progressive, its quantisation tables) except scan
 * optimisation, which costs about as much as the rest of the encode for a
 * percent or two of bytes.
 */
export const MOZJPEG = { trellisQuantisation: true, overshootDeringing: true, optimiseScans: false, optimiseCoding: true, progressive: true, quantisationTable: 3 } as const;

/**
 * MozJPEG's tables, deringing and progressive coding without trellis
 * quantisation or progressive scans. Trellis saves about a tenth of the
 * bytes at three times the encode time; Instagram, Facebook, X, YouTube and
 * WhatsApp re-encode every upload anyway, so only files that reach readers as
 * they are (the website's) get the full MozJPEG.
 */
export const MOZJPEG_FAST = { ...MOZJPEG, trellisQuantisation: false, progressive: false } as const;

/** SSIM, as the encoder measures it, of an encoded file against the pixels it came from (tests and the bench). */
export async function similarityOf(pixels: Sharp, encoded: Buffer): Promise<number> {
  const sharp = await sharpLib();
  const { data, info } = await pixels.clone().raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  return similarity(await forSimilarity(sharp(data, raw), info.width, info.height), encoded, info.width, info.height);
}

export interface Encoded {
  data: Buffer;
  quality: number;
  /** SSIM against the encoded pixels (null for PNG: lossless). */
  ssim: number | null;
}

/** What the encoder needs of a preset; `channel` decides the encoder effort (see MOZJPEG_FAST). */
export type EncodePreset = Pick<ChannelPreset, 'id' | 'format' | 'maxBytes'> & { channel?: ChannelPreset['channel'] };

/** Side of the square tiles the quality search probes (a multiple of 16: whole JPEG MCUs and VP8 macroblocks). */
const TILE = 128;
/** About one tile in SAMPLE_STRIDE is probed: a fifth of the picture. */
const SAMPLE_STRIDE = 5;
/** How much higher the sample's SSIM is than the whole picture's before a photo's first full check says (0.0001-0.0007 measured). */
const DEFAULT_SAMPLE_BIAS = 0.0004;
const MAX_SAMPLE_BIAS = 0.0015;
/**
 * Once a photo's bias is measured, a later preset whose sample clears the bar
 * by this much is not checked in full again (one rung of the ladder moves
 * SSIM by 0.0006-0.0009, far more than the bias varies between crops).
 */
const CONFIDENT_MARGIN = 0.0004;

/** What the presets of one photo learn from each other (see encodeToFitWithQuality). */
export interface EncodeHint {
  /** The rung the last preset chose, and the format whose ladder it is on. */
  quality?: number;
  format?: EncodePreset['format'];
  /** The largest amount by which a sample scored above its whole picture, per encoder setting. */
  bias?: Partial<Record<'fast' | 'thorough' | 'avif', number>>;
}

/**
 * AVIF for the website (libaom through libheif). Effort 3 (libaom cpu-used
 * 6): on the 9 MP camera photo at 1200x675 it made the same bytes at the
 * same SSIM as effort 4 (sharp's default: 85.3 against 84.4 KB at q72, SSIM
 * 0.9962 both) in a sixth of the CPU time (0.44 against 2.8 s); effort 2
 * (cpu-used 7) gave up to twice the bytes on smooth pictures. 4:2:0 like the
 * JPEG and WebP files (SSIM is measured on luma, where 4:4:4 buys nothing).
 */
export const AVIF_SETTINGS = { effort: 3, chromaSubsampling: '4:2:0' } as const;

/**
 * A sample of the picture for the quality search: block-aligned tiles spread
 * evenly over it (a diagonal lattice, so every row and column band is seen),
 * stacked into one strip TILE px wide. The encoder cuts the strip into the
 * same 8x8 blocks as the whole picture, so a quality scores on the strip
 * about as on the whole at a fifth of the cost. Null when the picture is
 * too small to be worth sampling: the search then probes the whole of it.
 */
export function tileSample(px: Buffer, width: number, height: number, channels: number): { data: Buffer; width: number; height: number } | null {
  const nx = Math.floor(width / TILE);
  const ny = Math.floor(height / TILE);
  if (nx * ny < 3 * SAMPLE_STRIDE) return null;
  const picked: [number, number][] = [];
  for (let r = 0; r < ny; r++) for (let c = 0; c < nx; c++) if ((c + 2 * r) % SAMPLE_STRIDE === 0) picked.push([c, r]);
  // Centre the tile grid on the picture.
  const ox = Math.floor((width - nx * TILE) / 32) * 16;
  const oy = Math.floor((height - ny * TILE) / 32) * 16;
  const row = TILE * channels;
  const out = Buffer.allocUnsafe(picked.length * TILE * row);
  picked.forEach(([c, r], k) => {
    for (let y = 0; y < TILE; y++) {
      const from = ((oy + r * TILE + y) * width + ox + c * TILE) * channels;
      px.copy(out, (k * TILE + y) * row, from, from + row);
    }
  });
  return { data: out, width: TILE, height: picked.length * TILE };
}

/**
 * The search: probes of the ladder on a tile sample (tileSample) with the
 * final encoder settings, asking the sample for the target plus its bias;
 * then the chosen quality is encoded whole and checked against the whole
 * picture (SSIM), climbing at most two rungs when the check misses. The first
 * preset of a photo bisects the ladder and measures the bias; the others walk
 * from its rung (usually two probes) and skip the whole-picture check when
 * their sample clears the bar by CONFIDENT_MARGIN.
 */
export async function encodeToFitWithQuality(
  pipe: Sharp,
  preset: EncodePreset,
  target: { minSsim: number; minQuality: number } = PERCEPTUAL_TARGET,
  xmp: string | null = null,
  /** Shared by the presets of one photo. */
  hint?: EncodeHint,
): Promise<Encoded> {
  const sharp = await sharpLib();
  // Without withXmp sharp writes no metadata at all; with it, only this XMP packet.
  if (preset.format === 'png') return { data: await (xmp ? pipe.withXmp(xmp) : pipe).png({ compressionLevel: 9 }).toBuffer(), quality: 100, ssim: null };
  const { data: px, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const kind = preset.format === 'avif' ? 'avif' : preset.channel === undefined || preset.channel === 'website' ? 'thorough' : 'fast';
  const encode = (pixels: Buffer, r: { raw: { width: number; height: number; channels: typeof info.channels } }, q: number, final: boolean) => {
    const base = final && xmp ? sharp(pixels, r).withXmp(xmp) : sharp(pixels, r);
    if (preset.format === 'avif') return base.avif({ ...AVIF_SETTINGS, quality: q }).toBuffer();
    if (preset.format === 'webp') return base.webp({ quality: q, effort: kind === 'thorough' ? 4 : 2 }).toBuffer();
    // Probes skip only what does not change the decoded pixels (progressive scans).
    const settings = kind === 'thorough' ? MOZJPEG : MOZJPEG_FAST;
    return base.jpeg(final ? { ...settings, quality: q } : { ...settings, progressive: false, quality: q }).toBuffer();
  };
  const sample = tileSample(px, info.width, info.height, info.channels);
  const sRaw = sample ? ({ raw: { width: sample.width, height: sample.height, channels: info.channels } } as const) : raw;
  const sPx = sample ? sample.data : px;
  // The sample is compared as the whole picture would be (halved or not).
  const sHalf = halvedForSimilarity(info.width, info.height);
  const sRef = await forSimilarity(sharp(sPx, sRaw), sRaw.raw.width, sRaw.raw.height, sHalf);
  const learned = sample ? hint?.bias?.[kind] : 0;
  const bias = sample ? Math.max(DEFAULT_SAMPLE_BIAS, learned ?? 0) : 0;
  const bar = target.minSsim + bias;
  // Each encoder has its own quality scale; the perceptual bar is the same for all.
  const ladder: readonly number[] = preset.format === 'avif' ? AVIF_QUALITY_LADDER : JPEG_QUALITY_LADDER;
  const minQuality = preset.format === 'avif' ? AVIF_MIN_QUALITY : target.minQuality;
  const sampled = new Map<number, number>();
  const score = async (i: number): Promise<number> => {
    let v = sampled.get(i);
    if (v === undefined) {
      v = await similarity(sRef, await encode(sPx, sRaw, ladder[i], false), sRaw.raw.width, sRaw.raw.height, sHalf);
      sampled.set(i, v);
    }
    return v;
  };
  const passes = async (i: number) => (await score(i)) >= bar;
  // 1. The lowest quality (highest index) that still looks the same.
  const floor = Math.max(0, ladder.findLastIndex((q) => q >= minQuality));
  let same: number | null = null;
  const hinted = hint?.quality !== undefined && hint.format === preset.format ? ladder.indexOf(hint.quality) : -1;
  if (hinted >= 0 && hinted <= floor) {
    if (await passes(hinted)) {
      same = hinted;
      // A rung costs more SSIM than a thin pass leaves: no probe needed to know the next one fails.
      while (same < floor && (await score(same)) - bar >= CONFIDENT_MARGIN && (await passes(same + 1))) same++;
    } else {
      for (let i = hinted - 1; i >= 0 && same === null; i--) if (await passes(i)) same = i;
    }
  } else {
    let lo = 0;
    let hi = floor;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (await passes(mid)) {
        same = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
  }
  if (hint && same !== null) {
    hint.quality = ladder[same];
    hint.format = preset.format;
  }
  // 2. The file, checked against the whole picture unless the sample is conclusive.
  let reference: ImageDataLike | null = null;
  const finish = async (i: number, check: boolean): Promise<Encoded> => {
    const sharp = await sharpLib();
    const data = await encode(px, raw, ladder[i], true);
    if (!check) return { data, quality: ladder[i], ssim: sampled.get(i)! - bias };
    reference ??= await forSimilarity(sharp(px, raw), info.width, info.height);
    return { data, quality: ladder[i], ssim: await similarity(reference, data, info.width, info.height) };
  };
  let start = same ?? 0;
  const conclusive = same !== null && learned !== undefined && sampled.get(same)! - bar >= CONFIDENT_MARGIN;
  let chosen = await finish(start, !conclusive);
  if (!conclusive && sample && sampled.has(start) && hint) {
    hint.bias = { ...hint.bias, [kind]: Math.min(MAX_SAMPLE_BIAS, Math.max(learned ?? 0, sampled.get(start)! - chosen.ssim!)) };
  }
  const passedFirst = chosen.ssim! >= target.minSsim;
  for (let climb = 0; climb < 2 && start > 0 && chosen.ssim! < target.minSsim; climb++) chosen = await finish(--start, true);
  // AV1 codes the stacked tiles of the sample less well than the whole picture (its blocks and
  // filters reach across a tile's edge), so the sample asks AVIF for a rung or two too many:
  // walk down on the whole picture while it keeps the look (0.4 s of CPU a rung at 1200 px).
  for (let down = 0; down < 2 && kind === 'avif' && passedFirst && start < floor; down++) {
    const lower = await finish(start + 1, true);
    if (lower.ssim! < target.minSsim) break;
    chosen = lower;
    start++;
  }
  if (chosen.data.length <= preset.maxBytes) return chosen;
  // 3. Over the byte limit: the best quality below it that fits.
  let lo = start + 1;
  let hi = ladder.length - 1;
  let fit: Encoded | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = await finish(mid, true);
    if (e.data.length <= preset.maxBytes) {
      fit = e;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  if (fit) return fit;
  throw new ApiError('invalid_input', 'cannot fit the byte limit', { params: { reason: 'too_big_for_limit', preset: preset.id } });
}

/** The crop of `plan` (in original pixels) mapped onto the decoded source. */
function scaledCrop(plan: CropPlan, photo: Photo, src: Source): CropPlan['crop'] {
  const sx = src.width / photo.width;
  const sy = src.height / photo.height;
  const left = Math.min(src.width - 1, Math.round(plan.crop.left * sx));
  const top = Math.min(src.height - 1, Math.round(plan.crop.top * sy));
  const width = Math.max(1, Math.min(src.width - left, Math.round(plan.crop.width * sx)));
  const height = Math.max(1, Math.min(src.height - top, Math.round(plan.crop.height * sy)));
  return { left, top, width, height };
}

/**
 * Output sharpening for screens, done by the resampler itself: Magic Kernel
 * Sharp 2013 (the downscaler Facebook adopted for its photos) applies a small
 * unsharp step at the output's own pixel scale, so the sharpening follows the
 * output size by construction and costs nothing beyond the resize. libvips'
 * separate sharpen (a Lab conversion and a blur per rendition) looked about
 * the same (mean |Laplacian| 3.13 here against 3.22 there, plain Lanczos
 * 2.93) at six times the resize's time. No sharpening when the photo is not
 * scaled down (it would only add halos).
 */
export function outputKernel(plan: Pick<CropPlan, 'crop' | 'outWidth'>): 'mks2013' | 'lanczos3' {
  return plan.crop.width / plan.outWidth >= 1.25 ? 'mks2013' : 'lanczos3';
}

async function produce(
  src: Source,
  photo: Photo,
  preset: ChannelPreset,
  plan: CropPlan,
  logo: Logo | null,
  wm: WatermarkOptions | null | undefined,
  band: string,
  xmp: string | null,
  hint: EncodeHint,
): Promise<Buffer> {
  const sharp = await sharpLib();
  let pipe: Sharp = sharp(src.data, { raw: { width: src.width, height: src.height, channels: src.channels }, limitInputPixels: MAX_INPUT_PIXELS })
    .extract(scaledCrop(plan, photo, src))
    .resize(plan.outWidth, plan.outHeight, { fit: 'fill', kernel: outputKernel(plan) });
  const layers: OverlayOptions[] = [];
  if (band) {
    const b = captionBandSvg(band, plan.outWidth, plan.outHeight);
    layers.push({ input: b.svg, top: b.top, left: 0 });
  }
  if (logo && wm) {
    const lw = Math.max(8, Math.round(plan.outWidth * wm.size));
    const overlay = await logoOverlay(logo, lw, wm.opacity);
    const om = await sharp(overlay).metadata();
    const margin = Math.round(Math.min(plan.outWidth, plan.outHeight) * 0.03);
    const oh = Math.min(om.height ?? lw, plan.outHeight - 2 * margin);
    const left = wm.position.endsWith('left') ? margin : plan.outWidth - lw - margin;
    // Keep the logo clear of the caption band.
    const bandTop = band ? captionBandSvg(band, plan.outWidth, plan.outHeight).top : plan.outHeight;
    const top = wm.position.startsWith('top') ? margin : Math.max(0, Math.min(bandTop, plan.outHeight) - oh - margin);
    layers.push({ input: overlay, left: Math.max(0, left), top });
  }
  if (layers.length) {
    // Composite needs a materialised base when layers come from other inputs.
    pipe = sharp(await pipe.raw().toBuffer(), { raw: { width: plan.outWidth, height: plan.outHeight, channels: src.channels } }).composite(layers);
  }
  if (src.channels === 4) pipe = pipe.flatten({ background: '#ffffff' });
  // No withMetadata(): sharp writes no EXIF, XMP or IPTC, only the credit XMP when asked; pixels are already upright sRGB.
  return (await encodeToFitWithQuality(pipe.toColourspace('srgb'), preset, PERCEPTUAL_TARGET, xmp, hint)).data;
}

const building = new Map<string, Promise<Rendition>>();

async function cachedInfo(file: string, name: string, presetId: string, tooSmall: boolean, format: ChannelPreset['format']): Promise<Rendition | null> {
  const sharp = await sharpLib();
  try {
    const st = await fsp.stat(file);
    const m = await sharp(file).metadata();
    // The format we wrote (libvips calls an AVIF file "heif").
    return { file, name, presetId, tooSmall, width: m.width ?? 0, height: m.height ?? 0, bytes: st.size, format };
  } catch {
    return null;
  }
}

/**
 * Renders several presets of one photo, decoding the original only once.
 * Each file is cached by (original hash, preset, crop, watermark, caption band)
 * and rebuilt only when one of those changes.
 */
export async function renderRenditions(ctx: HandlerContext, mediaId: string, presetIds: readonly string[], opts: RenditionOptions = {}): Promise<Rendition[]> {
  const photo = requirePhoto(ctx, mediaId);
  const focal = opts.focal !== undefined && opts.focal !== null ? opts.focal : effectiveFocal(photo);
  const logo = logoOf(ctx, opts.watermark);
  const band = bandText(photo, opts);
  const dir = mediaPaths(ctx.dataDir).renditions;
  await fsp.mkdir(dir, { recursive: true });

  const mode = opts.creditMetadata ?? 'website';
  const agency = ctx.store.workspace.opd.fullName || ctx.store.workspace.opd.shortName;
  const jobs = presetIds.map((pid) => {
    const asked = requirePreset(pid);
    // WebP or AVIF for the website when asked (the outbox keeps the smallest file at the same look among the types the site takes).
    const webFormat = opts.avif ? 'avif' : opts.webp ? 'webp' : null;
    const preset: ChannelPreset = webFormat && asked.channel === 'website' && asked.format === 'jpeg' ? { ...asked, format: webFormat } : asked;
    const key = formatKey(preset);
    const plan = planCrop(photo.width, photo.height, preset, focal, key ? (photo.crops[key] ?? null) : null);
    const embed = mode === 'all' || (mode === 'website' && preset.channel === 'website');
    const xmp = embed ? creditXmp(creditMetadata(photo, agency)) : null;
    const name = `${cacheKey(photo, preset, plan, logo, opts.watermark, band, xmp)}.${preset.format === 'jpeg' ? 'jpg' : preset.format}`;
    return { preset, plan, xmp, name, file: path.join(dir, name) };
  });

  const results: (Rendition | null)[] = await Promise.all(jobs.map((j) => cachedInfo(j.file, j.name, j.preset.id, j.plan.tooSmall, j.preset.format)));
  if (results.every(Boolean)) return results as Rendition[];

  const missing = jobs.filter((_, i) => !results[i]);
  const needed = Math.max(...missing.map((j) => j.plan.outWidth / j.plan.crop.width));
  let srcPromise: Promise<Source> | null = null;
  const source = () => (srcPromise ??= decodeSource(ctx, photo, needed));
  // A few presets at a time: libvips already uses every core inside one
  // pipeline, and each pipeline in flight holds its own working memory.
  const limit = presetLimiter();
  const hint: EncodeHint = {};
  // The first preset to make goes alone: the others start from what its search learned (EncodeHint).
  let lead: Promise<unknown> | null = null;
  return Promise.all(
    jobs.map(async (j, i) => {
      if (lead && !results[i]) await lead.catch(() => undefined);
      const run = limit(async () => {
        const hit = results[i];
        if (hit) return hit;
        // The same file asked for by another preset (or another call) is being made: share it.
        const running = building.get(j.file);
        if (running) return { ...(await running), presetId: j.preset.id, tooSmall: j.plan.tooSmall };
        const p = (async () => {
          const src = await source();
          const bytes = await produce(src, photo, j.preset, j.plan, logo, opts.watermark, band, j.xmp, hint);
          await writeFileDurable(j.file, bytes);
          return { file: j.file, name: j.name, presetId: j.preset.id, tooSmall: j.plan.tooSmall, width: j.plan.outWidth, height: j.plan.outHeight, bytes: bytes.length, format: j.preset.format };
        })();
        building.set(j.file, p);
        try {
          return await p;
        } finally {
          building.delete(j.file);
        }
      });
      if (!lead && !results[i]) lead = run;
      return run;
    }),
  );
}

/** Runs at most PRESETS_IN_FLIGHT tasks at once, in order. */
const PRESETS_IN_FLIGHT = 3;
function presetLimiter() {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= PRESETS_IN_FLIGHT) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/** One rendition of one photo for one channel preset (see renderRenditions). */
export async function renderRendition(ctx: HandlerContext, mediaId: string, presetId: string, opts: RenditionOptions = {}): Promise<Rendition> {
  const [r] = await renderRenditions(ctx, mediaId, [presetId], opts);
  return r;
}
