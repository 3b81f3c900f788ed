import { describe, expect, it } from 'vitest';
import { QUEUE_POSTS_PAGE } from '@shared/api/contracts/publishing';
import { emptyPostContent } from '@shared/domain/post';
import type { Job } from '@shared/publishing/job';
import { openApi, tempDir } from '../electron/helpers';
import { jobRecord } from './helpers';

function job(over: Partial<Job> & Pick<Job, 'id' | 'postId' | 'state'>): Job {
  return jobRecord({ createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', ...over });
}

describe('publishing.overview at scale (issue 22)', () => {
  it('answers one page of posts, the open jobs, the newest finished ones and the calendar window: never everything', async () => {
    const api = await openApi(tempDir());
    const { store, call } = api;
    const posts = [];
    for (let i = 0; i < 2 * QUEUE_POSTS_PAGE + 7; i++) {
      posts.push(await store.posts.create({ ...emptyPostContent(), title: `Siap ${i}`, status: i % 2 ? 'approved' : 'published', deletedAt: null }));
    }
    await store.posts.create({ ...emptyPostContent(), title: 'Draf', status: 'draft', deletedAt: null });
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86_400_000).toISOString();
    // 60 published jobs over 60 days, one queued job.
    for (let d = 0; d < 60; d++) {
      await store.collections.jobs.put(job({ id: `done-${d}`, postId: posts[0].id, state: 'published', scheduledAt: day(d), publishedAt: day(d) }));
    }
    await store.collections.jobs.put(job({ id: 'open-1', postId: posts[1].id, state: 'queued', scheduledAt: day(400) }));
    await store.collections.jobs.put(job({ id: 'gone-1', postId: posts[1].id, state: 'cancelled' }));

    const first = await call('publishing.overview', {});
    expect(first.posts).toHaveLength(QUEUE_POSTS_PAGE);
    expect(first.postsTotal).toBe(2 * QUEUE_POSTS_PAGE + 7);
    expect(first.posts.some((p) => p.title === 'Draf')).toBe(false);
    const ids = first.jobs.map((j) => j.id);
    expect(ids).toContain('open-1');
    // The newest 30 finished jobs, not the 60.
    expect(ids.filter((id) => id.startsWith('done-'))).toHaveLength(30);
    expect(ids).toContain('done-59');
    expect(ids).not.toContain('done-0');
    expect(first.jobsOmitted).toBe(0);

    // Job counts come with each post (no filtering of every job per post in the UI).
    const byId = new Map(first.posts.map((p) => [p.id, p]));
    const last = await call('publishing.overview', { postsOffset: 2 * QUEUE_POSTS_PAGE });
    expect(last.posts).toHaveLength(7);
    for (const p of [...first.posts, ...last.posts]) byId.set(p.id, p);
    expect(byId.get(posts[0].id)?.jobCount).toBe(60);
    expect(byId.get(posts[1].id)?.jobCount).toBe(1);

    // The calendar's window brings that window's jobs, however old.
    const old = await call('publishing.overview', { from: day(0), to: day(7) });
    expect(old.jobs.map((j) => j.id)).toEqual(expect.arrayContaining(['done-0', 'done-6', 'open-1']));
    expect(old.jobs.map((j) => j.id)).not.toContain('done-7');

    await expect(call('publishing.overview', { postsLimit: 1000 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
