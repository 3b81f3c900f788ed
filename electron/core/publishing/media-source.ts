import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/api/errors';
import type { Channel } from '../../../shared/domain/post';
import type { JobMedia } from '../../../shared/publishing/job';
import { CHANNEL_PRESET } from '../../../shared/publishing/variants';
import type { HandlerContext } from '../deps';
import { renderRendition } from '../media/renditions';
import { writeFileDurable } from '../store/durable-file';
import { outboxDir } from './outbox';

/** Copies a rendition into the outbox under its content hash (kept by the job: what was approved is what goes out). */
async function snapshot(ctx: HandlerContext, file: string, ext: string): Promise<{ sha256: string; file: string; bytes: number }> {
  const data = await fsp.readFile(file);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const name = `${sha256}.${ext}`;
  const dir = outboxDir(ctx.dataDir);
  const target = path.join(dir, name);
  await fsp.mkdir(dir, { recursive: true });
  try {
    await fsp.access(target);
  } catch {
    await writeFileDurable(target, data);
  }
  return { sha256, file: name, bytes: data.length };
}

/**
 * Render one photo for one channel (the photo desk's preset) and snapshot it
 * into <dataDir>/outbox/<sha256>.<ext>. The job keeps this snapshot, so what was
 * approved is what goes out even if the photo is edited later; the content
 * hash is also how channels deduplicate uploads. The website gets WebP with
 * a JPEG of the same picture beside it, for a site that refuses WebP.
 */
export async function materialise(ctx: HandlerContext, mediaId: string, channel: Channel): Promise<JobMedia> {
  const photo = ctx.store.collections.media.get(mediaId);
  if (!photo || photo.deletedAt) throw new ApiError('not_found', `photo ${mediaId} not found`, { params: { id: mediaId, reason: 'photo_missing' } });
  const r = await renderRendition(ctx, mediaId, CHANNEL_PRESET[channel]);
  const ext = r.format === 'png' ? 'png' : 'jpg';
  const main = await snapshot(ctx, r.file, ext);
  const caption = [photo.caption.trim(), photo.credit.trim() && `Foto: ${photo.credit.trim()}`].filter(Boolean).join(' ');
  const base = { width: r.width, height: r.height, alt: photo.altText.slice(0, 500), caption: caption.slice(0, 1000) };
  if (channel === 'website' && r.format === 'jpeg') {
    const w = await renderRendition(ctx, mediaId, CHANNEL_PRESET[channel], { webp: true });
    const webp = await snapshot(ctx, w.file, 'webp');
    // A picture WebP cannot make smaller (flat graphics, tiny photos) stays JPEG.
    if (webp.bytes < main.bytes) return { ...webp, mime: 'image/webp', ...base, fallback: { ...main, mime: 'image/jpeg' } };
  }
  return { ...main, mime: ext === 'png' ? 'image/png' : 'image/jpeg', ...base };
}
