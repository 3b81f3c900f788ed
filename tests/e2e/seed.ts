import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { HandlerContext } from '@core/deps';
import { importPhoto } from '@core/media/import';
import { Store } from '@core/store/store';
import type { Post } from '@shared/domain/post';
import type { TeamMember } from '@shared/domain/workspace';
import type { Photo } from '@shared/media/photo';

const PHOTOS = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'fixtures', 'photos');

export interface SeedPhoto {
  /** A GPS fixture photo under ../shared/fixtures/photos/gps/. */
  file: string;
  altText: string;
  caption?: string;
  credit?: string;
  /** In the article (the first is featured); otherwise only linked to the post on the photo desk. */
  inArticle?: boolean;
}

export interface SeedPost extends Partial<Omit<Post, 'media'>> {
  id: string;
  title: string;
  lead: string;
  photos: SeedPhoto[];
  team: TeamMember[];
}

/**
 * An approved post with real photos, written before the host opens the data
 * folder: approval is another feature's screen, and the queue specs start
 * where it ends. Photos go through the real import (GPS stripped).
 */
export async function seedApprovedPost(dataDir: string, s: SeedPost): Promise<{ post: Post; photos: Photo[] }> {
  const { photos: wanted, team, ...fields } = s;
  const store = await Store.open(dataDir);
  const ctx: HandlerContext = { store, dataDir: store.dataDir, version: 'e2e', transport: 'http', services: {}, log: () => undefined };
  const photos: Photo[] = [];
  for (const p of wanted) {
    const r = await importPhoto(ctx, p.file, readFileSync(path.join(PHOTOS, 'gps', p.file)));
    const photo = {
      ...r.photo,
      altText: p.altText,
      ...(p.caption !== undefined ? { caption: p.caption } : {}),
      ...(p.credit !== undefined ? { credit: p.credit } : {}),
      ...(p.inArticle === false ? { postIds: [s.id] } : {}),
      rev: r.photo.rev + 1,
    };
    await store.collections.media.put(photo);
    photos.push(photo);
  }
  const now = new Date().toISOString();
  const inArticle = photos.filter((_, i) => wanted[i].inArticle !== false);
  const post: Post = {
    createdAt: now,
    updatedAt: now,
    rev: 1,
    dateline: 'BLORA',
    eventDate: now.slice(0, 10),
    bodyMd: 'Isi berita.',
    category: 'Kesehatan',
    tags: [],
    infoClass: 'berkala',
    template: 'berita_kegiatan',
    authorId: null,
    authorCredit: 'Ani',
    editorCredit: 'Budi',
    photoCredits: 'Humas',
    channelVariants: [],
    dismissedFindings: [],
    status: 'approved',
    deletedAt: null,
    ...fields,
    media: inArticle.map((p, i) => ({ mediaId: p.id, role: i === 0 ? 'featured' : 'inline', caption: '' })),
  };
  await store.posts.put(post);
  await store.putWorkspace({ ...store.workspace, team, rev: store.workspace.rev + 1 });
  return { post, photos };
}
