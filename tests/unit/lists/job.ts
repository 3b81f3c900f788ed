import type { Job } from '@shared/publishing/job';

/** A job record with every field set (tests write it straight into the store). */
export function testJob(over: Partial<Job> & Pick<Job, 'id' | 'postId' | 'state'>): Job {
  return {
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    rev: 1,
    channel: 'website',
    mode: 'api',
    connectionId: 'c',
    scheduledAt: null,
    wpStatus: 'publish',
    isUpdate: false,
    clientKey: 'aaaaaaaaaaaa',
    payload: { title: 'T', text: '', html: '', excerpt: '', category: '', tags: [], media: [], featured: null },
    attempts: 0,
    nextAttemptAt: null,
    remote: { postId: null, url: null, media: {}, terms: {} },
    intents: [],
    needsAction: null,
    lastError: null,
    publishedAt: null,
    publicationId: null,
    log: [],
    ...over,
  };
}
