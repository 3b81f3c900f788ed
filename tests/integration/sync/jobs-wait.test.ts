import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { HubLink } from '@core/sync/hub-link';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import { OWNER_GONE_AFTER_MS, ownerGone } from '@shared/sync/status';
import { closedAfterEach, countingPublisher, openPc, TestHub, until, type Pc } from './hub';

/**
 * Outbox jobs with a hub (issue 13): while the hub is configured but does
 * not answer, a job waits (never twice beats sooner) and says why; it goes
 * out once the hub answers. A job owned by another PC shows which PC and
 * when it was last heard from, so a person can decide to take it over.
 */

process.env.REDAKSI_OUTBOX_TICK_MS = '100';

const opened = closedAfterEach();

/** A port nothing listens on: the hub's address while its server is down. */
async function deadPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise((r) => s.close(r));
  return port;
}

/** A hub link whose hub is first down (an address that refuses), then up. */
class SwitchLink implements HubLink {
  private listeners = new Set<() => void>();
  private dead = new Map<string, PouchDatabase>();
  up = false;
  constructor(
    private readonly hub: TestHub,
    private readonly port: number,
  ) {}
  remote(db: string): PouchDatabase {
    if (this.up) return this.hub.db(db);
    if (!this.dead.has(db)) this.dead.set(db, new PouchDB(`http://127.0.0.1:${this.port}/${db}`));
    return this.dead.get(db)!;
  }
  opdSlug(): string {
    return 'dinkominfo';
  }
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  setUp(): void {
    this.up = true;
    for (const l of [...this.listeners]) l();
  }
}

async function approvedPost(pc: Pc, title: string): Promise<string> {
  const p = await pc.call('posts.create', { content: { title, lead: 'BLORA – Kader posyandu menimbang balita.', bodyMd: 'Isi.', category: 'Kesehatan' } });
  // Approved as the review flow would leave it (review is tested on its own).
  await pc.core.store.posts.put({ ...pc.core.store.posts.require(p.id), status: 'approved', rev: p.rev + 1 });
  return p.id;
}

describe('outbox jobs with a hub', () => {
  it('wait while the hub is configured but unreachable, say why, and go out once it answers', async () => {
    const hub = (opened.hub = new TestHub());
    const link = new SwitchLink(hub, await deadPort());
    const a = await openPc(hub, { link: link as never });
    opened.pcs = [a];
    const pub = countingPublisher();
    a.core.ctx.services.outbox!.publishers.facebook = pub;
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    const postId = await approvedPost(a, 'Posyandu Desa Sido');
    const [job] = await a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: null });

    await until(async () => (await a.call('sync.job', { jobId: job.id })).waiting?.reason === 'hub_unreachable', 'the job says it waits for the hub', 30_000);
    const view = await a.call('sync.job', { jobId: job.id });
    expect(view).toMatchObject({ mine: true, ownerPc: a.engine.pcId, ownerGone: false });
    expect(view.waiting!.detail).not.toBe('');
    await new Promise((r) => setTimeout(r, 500));
    expect(pub.calls).toBe(0);
    expect(a.core.store.collections.jobs.require(job.id).state).toBe('queued');

    link.setUp();
    await until(() => a.core.store.collections.jobs.require(job.id).state === 'published', 'published once the hub answers', 30_000);
    expect(pub.calls).toBe(1);
    expect((await a.call('sync.job', { jobId: job.id })).waiting).toBeNull();
  }, 90_000);

  it("a job owned by another PC: this PC does not send it, shows the owner and when it was last heard from", async () => {
    const hub = (opened.hub = new TestHub());
    const [a, b] = [await openPc(hub), await openPc(hub)];
    opened.pcs = [a, b];
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    const postId = await approvedPost(a, 'Rapat koordinasi');
    // 40 days ahead: a Facebook slot 15 minutes to 29 days ahead is handed over at once (isDue), and A's outbox would race the take-over.
    const later = new Date(Date.now() + 40 * 86_400_000).toISOString();
    const [job] = await a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: later });
    await until(() => Boolean(b.core.store.collections.jobs.get(job.id)), 'the job on B', 30_000);
    const onB = await b.call('sync.job', { jobId: job.id });
    expect(onB).toMatchObject({ ownerPc: a.engine.pcId, mine: false, ownerGone: false });
    expect(Date.now() - Date.parse(onB.ownerLastSeenAt!)).toBeLessThan(OWNER_GONE_AFTER_MS);
    expect((await a.call('sync.job', { jobId: job.id })).mine).toBe(true);
    // After the take-over B sends it, and A sees that B does.
    await b.call('sync.takeOverJob', { jobId: job.id });
    expect(await b.call('sync.job', { jobId: job.id })).toMatchObject({ mine: true, ownerGone: false, waiting: null });
    await until(async () => (await a.call('sync.job', { jobId: job.id })).mine === false, 'A sees B sends it');
  }, 90_000);

  it('an owner PC counts as gone after an hour without a word from it', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(ownerGone(null, now)).toBe(true);
    expect(ownerGone('2026-11-27T09:30:00.000Z', now)).toBe(false);
    expect(ownerGone('2026-11-27T09:00:00.000Z', now)).toBe(true);
    expect(ownerGone('not a date', now)).toBe(true);
  });
});
