import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POSTS_LIST_MAX } from '@shared/api/contracts/posts';
import { QUEUE_POSTS_PAGE } from '@shared/api/contracts/publishing';
import type { Post } from '@shared/domain/post';
import { jobsByPost } from '@core/publishing/jobs-by-post';
import { seedPosts } from '../../scale-seed';
import { openApi } from '../electron/helpers';
import { jobRecord as testJob } from '../publishing/helpers';

const N = 10_000;
const KB = 1024;
const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v), 'utf8');

/** Titles, categories and credits as long as real ones get (the longest titles in the corpus are about 150 characters). */
const longTitle = (i: number) =>
  `Bupati Blora meninjau pembangunan jalan desa dan jembatan penghubung antarkecamatan di wilayah selatan bersama camat dan kepala desa, nomor ${i}`;

describe('paged lists at 10k posts (issue 22)', () => {
  let api: Awaited<ReturnType<typeof openApi>>;
  let seeded: Post[];

  // One store for the whole file (seeding 10k posts takes a second); the helpers' tempDir is removed after each test.
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-lists-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    seeded = seedPosts(dir, N, { status: 'approved', title: longTitle });
    api = await openApi(dir);
  }, 120_000);

  it('publishing.overview answers one page of the 10k approved posts, under 100 KB, to the last page', async () => {
    const first = await api.call('publishing.overview', {});
    expect(first.postsTotal).toBe(N);
    expect(first.posts).toHaveLength(QUEUE_POSTS_PAGE);
    expect(first.posts[0].title).toBe(longTitle(N - 1));
    expect(size(first)).toBeLessThan(100 * KB);
    const lastOffset = Math.floor((N - 1) / QUEUE_POSTS_PAGE) * QUEUE_POSTS_PAGE;
    const last = await api.call('publishing.overview', { postsOffset: lastOffset });
    expect(last.posts.at(-1)?.title).toBe(longTitle(0));
    expect(size(last)).toBeLessThan(100 * KB);
    // The largest page a caller may ask for stays bounded as well.
    expect(size(await api.call('publishing.overview', { postsLimit: 200 }))).toBeLessThan(100 * KB);
    await expect(api.call('publishing.overview', { postsLimit: 201 })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('posts.list: every page up to the largest allowed is under 100 KB; pages tile the list exactly', async () => {
    const big = await api.call('posts.list', { limit: POSTS_LIST_MAX });
    expect(big.items).toHaveLength(POSTS_LIST_MAX);
    expect(size(big)).toBeLessThan(100 * KB);
    await expect(api.call('posts.list', { limit: POSTS_LIST_MAX + 1 })).rejects.toMatchObject({ code: 'invalid_input' });

    const seen = new Set<string>();
    for (let offset = 0; offset < N; offset += POSTS_LIST_MAX) {
      const page = await api.call('posts.list', { offset, limit: POSTS_LIST_MAX });
      expect(page.total).toBe(N);
      for (const p of page.items) seen.add(p.id);
    }
    expect(seen.size).toBe(N);
    // Past the end: nothing, with the total still right.
    const beyond = await api.call('posts.list', { offset: N + 5, limit: 10 });
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(N);
    // A server-side search finds one post among 10k, within one small page.
    const found = await api.call('posts.list', { query: 'nomor 4321', limit: 50 });
    expect(found.items.map((p) => p.title)).toEqual([longTitle(4321)]);
  });

  it('keeps its order under concurrent inserts: the posts read before stay in order, each once, shifted by the new ones', async () => {
    const before = (await api.call('posts.list', { offset: 0, limit: 100 })).items.map((p) => p.id);
    await api.store.posts.create({ ...seeded[0], id: undefined, title: 'Baru satu', deletedAt: null } as never);
    await api.store.posts.create({ ...seeded[0], id: undefined, title: 'Baru dua', deletedAt: null } as never);
    const after = [...(await api.call('posts.list', { offset: 0, limit: 100 })).items, ...(await api.call('posts.list', { offset: 100, limit: 100 })).items].map(
      (p) => p.id,
    );
    expect(after.slice(2, 102)).toEqual(before);
    const overview = await api.call('publishing.overview', {});
    expect(overview.postsTotal).toBe(N + 2);
  });

  it('counts each post’s jobs from the per-post index, following puts, cancels and deletes', async () => {
    const [a, b] = seeded;
    const jobs = api.store.collections.jobs;
    await jobs.put(testJob({ id: 'ja1', postId: a.id, state: 'queued' }));
    await jobs.put(testJob({ id: 'ja2', postId: a.id, state: 'published', channel: 'facebook' }));
    await jobs.put(testJob({ id: 'jb1', postId: b.id, state: 'queued' }));
    const index = jobsByPost(api.store);
    expect(index.of(a.id).map((j) => j.id).sort()).toEqual(['ja1', 'ja2']);
    expect(index.countLive(b.id)).toBe(1);
    await jobs.update('ja1', { state: 'cancelled' });
    expect(index.countLive(a.id)).toBe(1);
    await jobs.delete('jb1');
    expect(index.of(b.id)).toEqual([]);
    await jobs.put(testJob({ id: 'jb2', postId: b.id, state: 'queued' }));
    expect(index.of(b.id).map((j) => j.id)).toEqual(['jb2']);
    // The overview's job count reads the same index.
    const byId = new Map((await api.call('publishing.overview', { postsOffset: N - QUEUE_POSTS_PAGE + 2 })).posts.map((p) => [p.id, p.jobCount]));
    expect(byId.get(a.id)).toBe(1);
    expect(byId.get(b.id)).toBe(1);
  });
});
