import type { Job } from '@shared/publishing/job';

/** A queued website job with every field set; `over` sets what a test is about. */
export function jobRecord(over: Partial<Job> = {}): Job {
  return {
    id: 'j',
    createdAt: '2026-11-20T00:00:00.000Z',
    updatedAt: '2026-11-20T00:00:00.000Z',
    rev: 1,
    postId: 'p',
    channel: 'website',
    mode: 'api',
    connectionId: 'c',
    state: 'queued',
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
