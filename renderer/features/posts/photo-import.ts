import { MAX_PHOTO_BYTES } from '@shared/api/contracts/media';
import type { Photo } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { mediaErrorMessage, readFileBase64 } from '@ui/features/media/media-ui';
import type { Translate } from '@ui/i18n/i18n';

const PHOTO_NAME = /\.(jpe?g|png|webp|heic|heif|tiff?|gif|avif)$/i;

/** Files of a drop or paste that are photos (by type, or by name when the system gives no type). */
export function photoFiles(data: DataTransfer | null): File[] {
  if (!data) return [];
  return [...data.files].filter((f) => f.type.startsWith('image/') || (!f.type && PHOTO_NAME.test(f.name)));
}

/**
 * A photo file into Media through the usual import (media.import: decoded,
 * GPS and other private metadata stripped, deduplicated by content). The
 * result or a message in the UI's language; never throws.
 */
export async function importPhotoFile(file: File, t: Translate): Promise<{ photo: Photo } | { error: string }> {
  const name = file.name || `tempel-${Date.now()}.png`;
  if (file.size > MAX_PHOTO_BYTES) return { error: t('posts.photoTooBig', { name, max: Math.round(MAX_PHOTO_BYTES / 1024 / 1024) }) };
  try {
    const dataBase64 = await readFileBase64(file);
    const r = await api.call('media.import', { name, dataBase64 });
    return { photo: r.photo };
  } catch (e) {
    return { error: `${name}: ${mediaErrorMessage(t, e)}` };
  }
}

/** The alt text written into `![alt](…)` for a photo. */
export function photoAlt(p: Pick<Photo, 'altText' | 'caption' | 'originalName'>): string {
  return (p.altText || p.caption || p.originalName).replace(/[[\]\s]+/g, ' ').trim().slice(0, 200);
}

export const photoSrc = (sha256: string) => `./files/previews/${sha256}.jpg`;

/** The content hash of a body photo's address, when it is a Media preview. */
export function photoShaOf(src: string): string | null {
  return /(?:^|\/)previews\/([0-9a-f]{64})\.jpg$/.exec(src)?.[1] ?? null;
}
