import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { emptyPostContent, type Post, type PostStatus } from '@shared/domain/post';
import { CURRENT_SCHEMA_VERSION } from '@core/store/migrations';

/**
 * Writes n posts straight into a fresh data folder, one file each as the
 * store keeps them (setup only: 10k posts through the API would take
 * minutes; the app reads them as it reads its own). Post i is updated i
 * minutes after 2026-01-01, so "newest first" is i = n-1 … 0.
 */
export function seedPosts(dataDir: string, n: number, opts: { status?: PostStatus; title?: (i: number) => string } = {}): Post[] {
  const dir = path.join(dataDir, 'store', 'posts');
  mkdirSync(dir, { recursive: true });
  const at = Date.parse('2026-01-01T00:00:00Z');
  writeFileSync(path.join(dataDir, 'store', 'meta.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: new Date(at).toISOString() }));
  const posts: Post[] = [];
  for (let i = 0; i < n; i++) {
    const p: Post = {
      ...emptyPostContent(),
      id: randomUUID(),
      title: opts.title ? opts.title(i) : `Kegiatan nomor ${i}`,
      lead: 'Bupati meninjau pembangunan jalan desa.',
      bodyMd: 'Bupati meninjau pembangunan jalan desa bersama camat.',
      category: 'Pembangunan',
      createdAt: new Date(at + i * 60_000).toISOString(),
      updatedAt: new Date(at + i * 60_000).toISOString(),
      rev: 1,
      status: opts.status ?? 'draft',
      deletedAt: null,
    };
    writeFileSync(path.join(dir, `${p.id}.json`), JSON.stringify(p));
    posts.push(p);
  }
  return posts;
}

/**
 * Writes n copies of a record the app made (read from its file) into the
 * same collection folder, each with `vary(i)` applied (a new id unless it gives one): a
 * large, valid collection in a second, without n durable API writes. Open a
 * new store on the folder afterwards.
 */
export function cloneRecords<T extends { id: string }>(dataDir: string, collection: string, made: T, n: number, vary: (i: number) => Partial<T>): T[] {
  const dir = path.join(dataDir, 'store', collection);
  mkdirSync(dir, { recursive: true });
  const out: T[] = [];
  for (let i = 0; i < n; i++) {
    const fields = vary(i);
    const doc = { ...made, ...fields, id: fields.id ?? randomUUID() } as T;
    writeFileSync(path.join(dir, `${doc.id}.json`), JSON.stringify(doc));
    out.push(doc);
  }
  return out;
}
