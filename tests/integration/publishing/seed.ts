import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importPhoto } from '@core/media/import';
import type { Post } from '@shared/domain/post';
import type { openApi } from '../../unit/electron/helpers';
import { teamPath } from '../../team-folder';

export const PHOTOS = teamPath('fixtures/photos');

type Api = Awaited<ReturnType<typeof openApi>>;

/** Import a real photo through the photo desk and give it alt text and a caption. */
export async function seedPhoto(api: Api, file: string, alt: string): Promise<string> {
  const res = await importPhoto(api.ctx, path.basename(file), readFileSync(path.join(PHOTOS, file)));
  const p = res.photo;
  await api.store.collections.media.put({ ...p, altText: alt, caption: `Keterangan ${alt}`, credit: 'Humas', rev: p.rev + 1 });
  return p.id;
}

/** An approved post (the review step is another feature: set the status directly). */
export async function seedPost(api: Api, title: string, mediaIds: string[], extra: Partial<Post> = {}): Promise<Post> {
  const created = await api.call('posts.create', {
    content: {
      title,
      lead: `BLORA – ${title}. Kegiatan ini diikuti warga dan perangkat desa setempat.`,
      bodyMd: 'Paragraf kedua berisi kutipan narasumber.\n\n"Kami berharap kegiatan ini bermanfaat," kata Kepala Dinas.',
      category: 'Kesehatan',
      tags: ['Stunting', 'Posyandu'],
      authorCredit: 'Ani',
      editorCredit: 'Budi',
      media: mediaIds.map((id, i) => ({ mediaId: id, role: i === 0 ? ('featured' as const) : ('gallery' as const), caption: '' })),
    },
  });
  const post: Post = { ...created, ...extra, status: extra.status ?? 'approved', rev: created.rev + 1 };
  await api.store.posts.put(post);
  return post;
}
