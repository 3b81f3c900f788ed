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

/**
 * Render one photo for one channel (the photo desk's preset) and snapshot it
 * into <dataDir>/outbox/<sha256>.jpg. The job keeps this snapshot, so what was
 * approved is what goes out even if the photo is edited later; the content
 * hash is also how channels deduplicate uploads.
 */
export async function materialise(ctx: HandlerContext, mediaId: string, channel: Channel): Promise<JobMedia> {
  const photo = ctx.store.collections.media.get(mediaId);
  if (!photo || photo.deletedAt) throw new ApiError('not_found', `photo ${mediaId} not found`, { params: { id: mediaId, reason: 'photo_missing' } });
  const r = await renderRendition(ctx, mediaId, CHANNEL_PRESET[channel]);
  const data = await fsp.readFile(r.file);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const ext = r.format === 'png' ? 'png' : 'jpg';
  const file = `${sha256}.${ext}`;
  const dir = outboxDir(ctx.dataDir);
  const target = path.join(dir, file);
  await fsp.mkdir(dir, { recursive: true });
  try {
    await fsp.access(target);
  } catch {
    await writeFileDurable(target, data);
  }
  const caption = [photo.caption.trim(), photo.credit.trim() && `Foto: ${photo.credit.trim()}`].filter(Boolean).join(' ');
  return {
    sha256,
    file,
    mime: ext === 'png' ? 'image/png' : 'image/jpeg',
    bytes: data.length,
    width: r.width,
    height: r.height,
    alt: photo.altText.slice(0, 500),
    caption: caption.slice(0, 1000),
  };
}
