import { promises as fsp } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { Photo } from '@shared/media/photo';
import type { HandlerContext } from '@core/deps';
import { pathExists, writeFileDurable } from '@core/store/durable-file';
import { keptDecodePath, openOriginal, originalPath, previewAndThumb, sharpInput } from './import';
import { mediaPaths, previewName, thumbName } from './paths';

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

/** Whether this PC has the photo's image (its own import, or one that arrived before). */
export function hasOriginal(ctx: HandlerContext, photo: Photo): Promise<boolean> {
  return pathExists(syncedOriginalFile(ctx, photo));
}

/**
 * Keeps the original of a photo imported on another PC: written where the
 * media pipeline reads it (renditions are then made on demand, as for a
 * photo imported here), with the desk's preview and thumbnail. A full
 * original imported on this PC is never replaced by the smaller copy.
 * Throws when the bytes do not decode (nothing is written then).
 */
export async function adoptSyncedOriginal(ctx: HandlerContext, photo: Photo, data: Buffer): Promise<void> {
  const file = syncedOriginalFile(ctx, photo);
  const dirs = mediaPaths(ctx.dataDir);
  const previewFile = path.join(dirs.previews, previewName(photo.sha256));
  const thumbFile = path.join(dirs.thumbs, thumbName(photo.sha256));
  const [hasPreview, hasThumb] = await Promise.all([pathExists(previewFile), pathExists(thumbFile)]);
  // Decoding the whole image (for the preview) is what proves it is sound; only then is anything written.
  const made = hasPreview && hasThumb ? null : await previewAndThumb(sharp(data, sharpInput()));
  if (!made) await sharp(data, sharpInput()).metadata();
  if (!(await pathExists(file))) {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await writeFileDurable(file, data);
  }
  await fsp.mkdir(dirs.previews, { recursive: true });
  await fsp.mkdir(dirs.thumbs, { recursive: true });
  if (made && !hasPreview) await writeFileDurable(previewFile, made.preview);
  if (made && !hasThumb) await writeFileDurable(thumbFile, made.thumb);
}
