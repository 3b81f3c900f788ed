import { newId } from '@core/store/store';
import type { Channel } from '@shared/domain/post';
import type { Publication } from '@shared/publishing/publication';

/** A publication record as stored (a manual entry unless `extra` says otherwise). */
export function publicationRecord(publishedAt: string, channel: Channel, extra: Partial<Publication> = {}): Publication {
  return {
    id: newId(),
    createdAt: publishedAt,
    updatedAt: publishedAt,
    rev: 0,
    postId: null,
    cardId: null,
    channel,
    publishedAt,
    url: '',
    source: 'manual',
    actorId: null,
    title: 'Judul',
    category: 'Umum',
    ...extra,
  };
}
