import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import type { OutputInfo } from 'sharp';
import { sharpLib } from '@core/files/lazy-libs';
import { ApiError } from '@shared/api/errors';
import { writeFileDurable } from '@core/store/durable-file';

const MAX_EDGE = 2400;

/**
 * Stores a pasted screenshot like media: decoded, turned upright, re-encoded
 * as JPEG without any metadata (sharp drops EXIF/GPS/XMP unless asked to keep
 * it), named by content hash, outside store/.
 */
export async function saveScreenshot(dataDir: string, base64: string): Promise<{ file: string; width: number; height: number }> {
  const sharp = await sharpLib();
  const input = Buffer.from(base64, 'base64');
  let out: { data: Buffer; info: OutputInfo };
  try {
    out = await sharp(input, { limitInputPixels: 100_000_000 })
      .rotate()
      .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw new ApiError('invalid_input', 'screenshot is not a readable image', { params: { reason: 'screenshot_unreadable' } });
  }
  const sha = createHash('sha256').update(out.data).digest('hex');
  const file = `${sha}.jpg`;
  const dir = path.join(dataDir, 'complaint-shots');
  await fsp.mkdir(dir, { recursive: true });
  const full = path.join(dir, file);
  try {
    await fsp.access(full);
  } catch {
    await writeFileDurable(full, out.data);
  }
  return { file, width: out.info.width, height: out.info.height };
}
