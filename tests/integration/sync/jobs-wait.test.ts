import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubLink } from '@core/sync/hub-link';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import { OWNER_GONE_AFTER_MS, ownerGone } from '@shared/sync/status';
import { closePcs, countingPublisher, openPc, TestHub, until, type Pc } from './hub';

/**
 * Outbox jobs with a hub (issue 13): while the hub is configured but does
 * not answer, a job waits (never twice beats sooner) and says why; it goes
 * out once the hub answers. A job owned by another PC shows which PC and
 * when it was last heard from, so a person can decide to take it over.
 */

process.env.REDAKSI_OUTBOX_TICK_MS = '100';

let pcs: Pc[] = [];
let hub: TestHub | undefined;
afterEach(async () => {
  await closePcs(pcs, hub);
  pcs = [];
  hub = undefined;
});

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
    hub = new TestHub();
    const link = new SwitchLink(hub, await deadPort());
    const a = await openPc(hub, { link: link as never });
    pcs = [a];
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
    hub = new TestHub();
    const [a, b] = [await openPc(hub), await openPc(hub)];
    pcs = [a, b];
    // A's outbox stays still: a job A is sending at that moment cannot be taken over (tested as its own case would be).
    await a.core.ctx.services.outbox!.stop();
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    const postId = await approvedPost(a, 'Rapat koordinasi');
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    const [job] = await a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: later });
    await until(() => Boolean(b.core.store.collections.jobs.get(job.id)), 'the job on B', 30_000);
    const onB = await b.call('sync.job', { jobId: job.id });
    expect(onB).toMatchObject({ ownerPc: a.engine.pcId, mine: false, ownerGone: false });
    expect(Date.now() - Date.parse(onB.ownerLastSeenAt!)).toBeLessThan(OWNER_GONE_AFTER_MS);
    expect((await a.call('sync.job', { jobId: job.id })).mine).toBe(true);
    // After the take-over B sends it, and A sees that B does.
    await b.call('sync.takeOverJob', { jobId: job.id });
    // B's outbox may be checking the hub's send claim at that moment (it still names A until B moves it): B is the
    // sender once that round is over.
    await until(async () => (await b.call('sync.job', { jobId: job.id })).mine, 'B is the sender', 30_000);
    expect(await b.call('sync.job', { jobId: job.id })).toMatchObject({ mine: true, ownerGone: false, waiting: null });
    await until(async () => (await a.call('sync.job', { jobId: job.id })).mine === false, 'A sees B sends it');
  }, 90_000);

  it("the hub's send claim of a job: a second PC that holds the job without having taken it over is refused; an explicit take-over moves the claim", async () => {
    hub = new TestHub();
    const [a, b] = [await openPc(hub), await openPc(hub)];
    pcs = [a, b];
    // The outboxes stay still: this test asks the engine itself who may send.
    for (const pc of pcs) await pc.core.ctx.services.outbox!.stop();
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    const postId = await approvedPost(a, 'Klaim pengiriman');
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    const [job] = await a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: later });
    const claimOf = async () => {
      const rows = (await hub!.db('opd-dinkominfo').allDocs({ include_docs: true, startkey: 'sendclaim:', endkey: 'sendclaim:\uffff' })).rows;
      expect(rows).toHaveLength(1);
      return rows[0].doc!;
    };
    // A, the owner, claims the publication on the hub.
    expect(await a.engine.maySend(a.core.store.collections.jobs.require(job.id))).toBe(true);
    expect(await claimOf()).toMatchObject({ jobId: job.id, pc: a.engine.pcId });
    await until(() => Boolean(b.core.store.collections.jobs.get(job.id)), 'the job on B', 30_000);
    // B holding the same job as its own without a person taking it over (a copy, a bad merge): the hub's claim says no,
    // and B's job detail names A as the sender.
    const onB = b.core.store.collections.jobs.require(job.id);
    await b.core.store.collections.jobs.put({ ...onB, ownerPc: b.engine.pcId, rev: onB.rev + 1 });
    expect(await b.engine.maySend(b.core.store.collections.jobs.require(job.id))).toBe(false);
    expect((await claimOf()).pc).toBe(a.engine.pcId);
    expect(await b.call('sync.job', { jobId: job.id })).toMatchObject({ ownerPc: a.engine.pcId, mine: false, ownerGone: false, waiting: null });
    // The explicit take-over: the claim moves to B, and A no longer sends.
    await b.call('sync.takeOverJob', { jobId: job.id });
    expect(await b.engine.maySend(b.core.store.collections.jobs.require(job.id))).toBe(true);
    expect(await claimOf()).toMatchObject({ jobId: job.id, pc: b.engine.pcId, takenOverFrom: a.engine.pcId });
    expect(await b.call('sync.job', { jobId: job.id })).toMatchObject({ ownerPc: b.engine.pcId, mine: true });
    expect(await a.engine.maySend({ ...a.core.store.collections.jobs.require(job.id), ownerPc: a.engine.pcId })).toBe(false);
  }, 90_000);

  it('an idle PC that is online is heard from by its presence, not only by its writes', async () => {
    process.env.REDAKSI_SYNC_HEARTBEAT_MS = '300';
    hub = new TestHub();
    const [a, b] = [await openPc(hub), await openPc(hub)];
    delete process.env.REDAKSI_SYNC_HEARTBEAT_MS;
    pcs = [a, b];
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token' });
    const postId = await approvedPost(a, 'Kehadiran');
    const [job] = await a.call('publishing.schedule', { postId, channels: ['facebook'], scheduledAt: new Date(Date.now() + 24 * 3600_000).toISOString() });
    await until(() => Boolean(b.core.store.collections.jobs.get(job.id)), 'the job on B', 30_000);
    await a.engine.idle();
    const heard = async () => Date.parse((await b.call('sync.job', { jobId: job.id })).ownerLastSeenAt ?? '') || 0;
    // A writes nothing more; B still hears from it, later and later.
    const lastWrite = Date.parse(a.core.store.collections.jobs.require(job.id).updatedAt);
    await until(async () => (await heard()) > lastWrite + 600, "A's presence on B", 30_000);
    const first = await heard();
    await until(async () => (await heard()) > first, "A's presence refreshed on B", 30_000);
    // A PC that stopped says nothing more.
    await a.core.close();
    pcs = [b];
    await new Promise((r) => setTimeout(r, 900));
    const after = await heard();
    // Nor does anyone speak for it: a presence document under another PC's name is not A's.
    await hub.db('opd-dinkominfo').put({ _id: 'presence:someone-else', type: 'presence', pc: a.engine.pcId, at: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 900));
    expect(await heard()).toBe(after);
  }, 90_000);

  it('an owner PC counts as gone after an hour without a word from it', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    expect(ownerGone(null, now)).toBe(true);
    expect(ownerGone('2026-11-27T09:30:00.000Z', now)).toBe(false);
    expect(ownerGone('2026-11-27T09:00:00.000Z', now)).toBe(true);
    expect(ownerGone('not a date', now)).toBe(true);
  });
});
