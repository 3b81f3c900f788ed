import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { sharpLib } from '@core/files/lazy-libs';
import type { Photo } from '@shared/media/photo';
import type { HandlerContext } from '@core/deps';
import { pathExists, writeFileDurable } from '@core/store/durable-file';
import { keptDecodePath, openOriginal, originalPath, previewAndThumb, sharpInput } from './import';
import { mediaPaths, PREVIEW_SIZE, previewName, THUMB_SIZE, thumbName } from './paths';

/** Longest side of the original a photo travels with to the other PCs of the team (issue 13). */
export const SYNC_ORIGINAL_MAX = 2560;

/**
 * The photo as it travels to the team's other PCs: upright, sRGB, at most
 * 2560 px on its longest side, and re-encoded without any metadata (sharp
 * writes none unless asked), so no GPS position, camera serial or owner
 * name leaves this PC. Large enough for every channel preset; PNG stays
 * PNG (transparency), WebP stays WebP, JPEG and HEIC travel as JPEG.
 */
export async function syncOriginalOf(ctx: HandlerContext, photo: Photo): Promise<{ data: Buffer; contentType: string }> {
  const pipe = (await openOriginal(originalPath(ctx, photo), photo.format))
    .resize(SYNC_ORIGINAL_MAX, SYNC_ORIGINAL_MAX, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb');
  if (photo.format === 'png') return { data: await pipe.png().toBuffer(), contentType: 'image/png' };
  if (photo.format === 'webp') return { data: await pipe.webp({ quality: 90 }).toBuffer(), contentType: 'image/webp' };
  return { data: await pipe.jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer(), contentType: 'image/jpeg' };
}

/** Where a photo's original that came from another PC is kept (a HEIC photo arrives decoded: it is kept as its sRGB decode). */
function syncedOriginalFile(ctx: HandlerContext, photo: Photo): string {
  const file = originalPath(ctx, photo);
  return photo.format === 'heif' ? keptDecodePath(file) : file;
}

function deskFiles(ctx: HandlerContext, photo: Photo) {
  const dirs = mediaPaths(ctx.dataDir);
  return { dirs, preview: path.join(dirs.previews, previewName(photo.sha256)), thumb: path.join(dirs.thumbs, thumbName(photo.sha256)) };
}

async function readOrNull(file: string): Promise<Buffer | null> {
  return fsp.readFile(file).catch(() => null);
}

/** Whether this PC has the photo's image (its own import, or one that arrived before). */
export function hasOriginal(ctx: HandlerContext, photo: Photo): Promise<boolean> {
  return pathExists(syncedOriginalFile(ctx, photo));
}

/** The desk's preview (JPEG) and thumbnail (WebP) of a photo. */
export interface DeskImages {
  preview: Buffer | null;
  thumb: Buffer | null;
}

/**
 * The desk's preview and thumbnail this PC holds for a photo, to travel
 * beside its image: made from the upright photo without metadata at import,
 * so the receiving PCs keep them as they are instead of decoding every
 * photo of a first sync again (about 75 ms of CPU each). Null where missing.
 */
export async function syncDeskImagesOf(ctx: HandlerContext, photo: Photo): Promise<DeskImages> {
  const f = deskFiles(ctx, photo);
  const [preview, thumb] = await Promise.all([readOrNull(f.preview), readOrNull(f.thumb)]);
  return { preview, thumb };
}

/** True when `data` is an image of `format` whose longest side is at most `max` (header only: no decode). */
async function looksLike(data: Buffer | null | undefined, format: 'jpeg' | 'webp', max: number): Promise<boolean> {
  const sharp = await sharpLib();
  if (!data?.length) return false;
  try {
    const m = await sharp(data, sharpInput()).metadata();
    return m.format === format && Boolean(m.width && m.height) && Math.max(m.width!, m.height!) <= max;
  } catch {
    return false;
  }
}

/**
 * Keeps the original of a photo imported on another PC, written where the
 * media pipeline reads it (renditions are then made on demand, as for a
 * photo imported here), with the desk's preview and thumbnail that came
 * with it. Only headers are read: a first sync brings thousands of photos,
 * and decoding each would cost more than everything else together. A full
 * original imported on this PC is never replaced by the smaller copy.
 * Throws when the bytes are not an image (nothing is written then).
 * Resolves to false when the preview or thumbnail is still missing (none
 * came, or what came is not one): `makeDeskImages` makes them later.
 */
export async function adoptSyncedOriginal(ctx: HandlerContext, photo: Photo, data: Buffer, shipped: Partial<DeskImages> = {}): Promise<boolean> {
  const sharp = await sharpLib();
  const meta = await sharp(data, sharpInput()).metadata();
  if (!meta.width || !meta.height || !['jpeg', 'png', 'webp'].includes(meta.format ?? '')) throw new Error(`not a photo image (${meta.format ?? 'unknown'})`);
  const file = syncedOriginalFile(ctx, photo);
  if (!(await pathExists(file))) {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await writeFileDurable(file, data);
  }
  const f = deskFiles(ctx, photo);
  let complete = true;
  for (const [target, bytes, format, max] of [
    [f.preview, shipped.preview, 'jpeg', PREVIEW_SIZE],
    [f.thumb, shipped.thumb, 'webp', THUMB_SIZE],
  ] as const) {
    if (await pathExists(target)) continue;
    if (!(await looksLike(bytes, format, max))) {
      complete = false;
      continue;
    }
    await fsp.mkdir(path.dirname(target), { recursive: true });
    await writeFileDurable(target, bytes!);
  }
  return complete;
}

/** Whether the desk's preview and thumbnail of a photo are both here. */
export async function hasDeskImages(ctx: HandlerContext, photo: Photo): Promise<boolean> {
  const f = deskFiles(ctx, photo);
  return (await pathExists(f.preview)) && (await pathExists(f.thumb));
}

/**
 * Makes the desk's preview and thumbnail of a photo that came without them
 * (from its kept original). Resolves to false when the original does not
 * decode (logged; the photo's texts are in, its renditions will say why
 * they cannot be made).
 */
export async function makeDeskImages(ctx: HandlerContext, photo: Photo): Promise<boolean> {
  const sharp = await sharpLib();
  const file = syncedOriginalFile(ctx, photo);
  const f = deskFiles(ctx, photo);
  const data = await fsp.readFile(file);
  let made: DeskImages;
  try {
    made = await previewAndThumb(sharp(data, sharpInput()));
  } catch (err) {
    ctx.log(`sync: the image of photo ${photo.id} does not decode`, err);
    return false;
  }
  await fsp.mkdir(f.dirs.previews, { recursive: true });
  await fsp.mkdir(f.dirs.thumbs, { recursive: true });
  if (!(await pathExists(f.preview))) await writeFileDurable(f.preview, made.preview!);
  if (!(await pathExists(f.thumb))) await writeFileDurable(f.thumb, made.thumb!);
  return true;
}
