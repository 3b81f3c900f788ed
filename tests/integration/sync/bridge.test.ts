import { afterEach, describe, expect, it } from 'vitest';
import { docIdOf } from '@shared/sync/mapping';
import { openPc, removeDirs, teamOfThree, TestHub, TestLink, until, type Pc } from './hub';

let pcs: Pc[] = [];
let hub: TestHub;
afterEach(async () => {
  for (const p of pcs) await p.core.close();
  pcs = [];
  await hub?.destroy();
  removeDirs();
  delete process.env.REDAKSI_SYNC_BATCH_SIZE;
});

const OPD = 'opd-dinkominfo';
const ADUAN = 'aduan-dinkominfo';
const hubIds = async (db: string) => (await hub.db(db).allDocs()).rows.map((r) => r.id);

describe('the sync bridge', () => {
  it('never sends credentials, private keys, PIN hashes, the language or trusted keys; complaints only to aduan-<slug>, only with access', async () => {
    hub = new TestHub();
    // A penulis account: the hub refuses it the complaint database.
    const a = await openPc(hub, { link: new TestLink(hub, 'dinkominfo', (db) => !db.startsWith('aduan-')) });
    pcs = [a];
    const ws = await a.call('settings.update', { baseRev: (await a.call('settings.get', {})).rev, language: 'en', team: [{ name: 'Ani Admin', role: 'admin' }] });
    await a.call('session.signIn', { memberId: ws.team[0].id });
    await a.call('session.setPin', { memberId: ws.team[0].id, pin: '246810' });
    await a.call('connections.save', { channel: 'facebook', label: 'Halaman', baseUrl: '1234567890', username: '', secret: 'page-token-rahasia' });
    await a.call('complaints.create', { input: { channel: 'facebook', text: 'Jalan rusak di depan SD, mohon diperbaiki.', receivedAt: new Date().toISOString() } });
    const post = await a.call('posts.create', { content: { title: 'Berita', lead: 'Isi.' } });
    await until(async () => (await hubIds(OPD)).includes(docIdOf('posts', post.id)), 'post on the hub');
    await a.engine.idle();

    const ids = await hubIds(OPD);
    expect(ids.some((id) => id.startsWith('connections:') || id.startsWith('keys:') || id.startsWith('complaints:'))).toBe(false);
    const dump = JSON.stringify((await hub.db(OPD).allDocs({ include_docs: true })).rows.map((r) => r.doc));
    for (const secret of ['page-token-rahasia', 'pinHash', 'scrypt', '"language"', 'trustedKeys']) expect(dump).not.toContain(secret);
    expect(a.core.store.collections.keys.size).toBe(1);
    // The complaint waits in the local aduan replica; it reaches aduan-<slug> only with an editor's or admin's access.
    expect(await hubIds(ADUAN)).toEqual([]);
    const complaintId = a.core.store.collections.complaints.all()[0].id;
    await until(async () => (await a.engine.replica('aduan').allDocs()).rows.some((r) => r.id === docIdOf('complaints', complaintId)), 'complaint in the aduan replica');
    expect(await hubIds(ADUAN)).toEqual([]);

    const b = await openPc(hub);
    pcs.push(b);
    await b.call('session.signIn', { memberId: ws.team[0].id }).catch(() => undefined);
    await until(() => b.core.store.posts.get(post.id) !== undefined && b.core.store.workspace.team.length === 1, 'workspace on B');
    expect(b.core.store.workspace.language).toBe('id');
    expect(b.core.store.workspace.team[0].pinHash).toBeNull();
    expect(b.core.store.collections.connections.size).toBe(0);
    // An editor's or admin's account opens aduan-<slug>: the complaints go there, and never to opd-<slug>.
    a.link.setOnline(false);
    const admin = new TestLink(hub);
    const a2 = await (async () => {
      await a.core.close();
      pcs = [b];
      return openPc(hub, { dir: a.dir, link: admin });
    })();
    pcs.push(a2);
    await until(async () => (await hubIds(ADUAN)).includes(docIdOf('complaints', complaintId)), 'complaint in aduan-<slug>');
    expect((await hubIds(OPD)).some((id) => id.startsWith('complaints:'))).toBe(false);
  });

  it('a write the replica missed (killed between the store write and the replica write) is sent at the next start', async () => {
    hub = new TestHub();
    const a = await openPc(hub);
    const dir = a.dir;
    const first = await a.call('posts.create', { content: { title: 'Sebelum', lead: 'Isi.' } });
    await until(async () => (await hubIds(OPD)).includes(docIdOf('posts', first.id)), 'first post on the hub');
    await a.core.close();
    // The same folder opened without the sync service: the store changes, the replica does not (as after a kill in between).
    const { createCore } = await import('@core/core');
    const bare = await createCore({ dataDir: dir, owner: 'test', version: 'test', transport: 'http', log: () => undefined });
    const missed = await (async () => {
      const r = await bare.dispatch('posts.create', { content: { title: 'Terlewat', lead: 'Isi.' } });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as { id: string };
    })();
    const r2 = await bare.dispatch('posts.update', { id: first.id, baseRev: bare.store.posts.require(first.id).rev, patch: { title: 'Sesudah' } });
    expect(r2.ok).toBe(true);
    await bare.close();
    const again = await openPc(hub, { dir });
    pcs = [again];
    await until(async () => (await hubIds(OPD)).includes(docIdOf('posts', missed.id)), 'missed post on the hub');
    await until(async () => ((await hub.db(OPD).get(docIdOf('posts', first.id))).data as { title: string }).title === 'Sesudah', 'missed edit on the hub');
    const doc = await hub.db(OPD).get(docIdOf('posts', first.id), { conflicts: true });
    expect(doc._conflicts ?? []).toEqual([]);
  });

  it('only an admin changes the team: a team edit by a writer arriving from the hub is not applied', async () => {
    hub = new TestHub();
    const a = await openPc(hub);
    pcs = [a];
    const ws = await a.call('settings.update', {
      baseRev: (await a.call('settings.get', {})).rev,
      team: [
        { name: 'Ani Admin', role: 'admin' },
        { name: 'Sari Penulis', role: 'penulis' },
      ],
    });
    await until(async () => (await hubIds(OPD)).includes('workspace'), 'workspace on the hub');
    const writer = ws.team[1];
    const doc = await hub.db(OPD).get('workspace');
    const data = doc.data as { team: { id: string; role: string }[] };
    await hub.db(OPD).put({ ...doc, src: 'elsewhere', by: { id: writer.id, name: writer.name }, data: { ...data, team: data.team.map((m) => ({ ...m, role: m.id === writer.id ? 'admin' : m.role })) } });
    await until(async () => (await a.engine.replica('opd').get('workspace'))._rev === (await hub.db(OPD).get('workspace'))._rev, 'edit replicated');
    await a.engine.idle();
    expect(a.core.store.workspace.team.find((m) => m.id === writer.id)!.role).toBe('penulis');
  });

  it('trash is a flag: a post trashed on A is in the trash on B, never deleted on the hub', async () => {
    hub = new TestHub();
    const [a, b] = [await openPc(hub), await openPc(hub)];
    pcs = [a, b];
    const post = await a.call('posts.create', { content: { title: 'Akan dibuang', lead: 'Isi.' } });
    await until(() => Boolean(b.core.store.posts.get(post.id)), 'post on B');
    await a.call('posts.trash', { id: post.id });
    await until(() => Boolean(b.core.store.posts.get(post.id)?.deletedAt), 'trashed on B');
    const doc = await hub.db(OPD).get(docIdOf('posts', post.id));
    expect(doc._deleted).toBeUndefined();
  });

  it('reports pending changes while offline, signed out without a session, and the last sync once back', async () => {
    hub = new TestHub();
    const a = await openPc(hub);
    pcs = [a];
    await until(async () => (await a.call('sync.status', {})).state === 'synced', 'synced');
    a.link.setOnline(false);
    expect((await a.call('sync.status', {})).state).toBe('signed_out');
    for (let i = 0; i < 3; i++) await a.call('posts.create', { content: { title: `Luring ${i}`, lead: 'Isi.' } });
    await a.engine.idle();
    // Three posts and their audit trails wait for the hub.
    expect((await a.call('sync.status', {})).pending).toBeGreaterThanOrEqual(3);
    const before = Date.now();
    a.link.setOnline(true);
    await until(async () => {
      const s = await a.call('sync.status', {});
      return s.state === 'synced' && s.pending === 0 && Date.parse(s.lastSyncAt!) >= before - 1000;
    }, 'synced with nothing pending');
  });

  it('first sync of a new PC shows progress, can be cancelled and resumes where it stopped', async () => {
    hub = new TestHub();
    const at = new Date().toISOString();
    const N = 400;
    await hub.db(OPD).bulkDocs(
      Array.from({ length: N }, (_, i) => ({
        _id: docIdOf('posts', `seed${i}`),
        type: 'posts',
        src: 'seed',
        by: { id: null, name: 'Seed' },
        data: { id: `seed${i}`, createdAt: at, updatedAt: at, title: `Berita ${i}`, dateline: '', eventDate: null, lead: 'Isi.', bodyMd: '', category: '', tags: [], infoClass: 'berkala', template: null, authorId: null, authorCredit: '', editorCredit: '', photoCredits: '', media: [], channelVariants: [], dismissedFindings: [], status: 'draft', deletedAt: null },
      })),
    );
    process.env.REDAKSI_SYNC_BATCH_SIZE = '10';
    const link = new TestLink(hub);
    link.online = false;
    const d = await openPc(hub, { link });
    pcs = [d];
    link.setOnline(true);
    await until(async () => ((await d.call('sync.status', {})).progress?.done ?? 0) > 0, 'progress shown');
    const s = await d.call('sync.status', {});
    expect(s.progress!.total).toBe(N);
    const stopped = await d.call('sync.cancelFirstSync', {});
    expect(stopped.error?.reason).toBe('sync_paused');
    // What arrived before the cancel enters the store (the app is usable meanwhile); the rest waits.
    await until(() => d.core.store.posts.size > 0, 'first posts in the store');
    await new Promise((r) => setTimeout(r, 300));
    await d.engine.idle();
    expect(d.core.store.posts.size).toBeLessThan(N);
    expect((await d.call('sync.status', {})).state).toBe('offline');
    await d.call('sync.resumeFirstSync', {});
    await until(() => d.core.store.posts.size === N, 'all posts after resuming', 30_000);
    await until(async () => (await d.call('sync.status', {})).progress === null, 'progress cleared');
  });

  it('a version on the hub names who wrote it, also when the bridge looks at the record while that write is still in flight', async () => {
    hub = new TestHub();
    const a = await openPc(hub);
    pcs = [a];
    const { writer } = await teamOfThree(a);
    await a.call('session.signIn', { memberId: writer.id });
    const post = await a.call('posts.create', { content: { title: 'Judul pertama', lead: 'Isi.' } });
    const docId = docIdOf('posts', post.id);
    await until(async () => (await hubIds(OPD)).includes(docId), 'first version on the hub');
    await a.engine.idle();
    // The next file write of this post waits until released: the store already answers with the new version.
    const low = (a.core.store.posts as unknown as { docs: Map<string, { write: () => Promise<void> }> }).docs.get(post.id)!;
    const write = low.write.bind(low);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    low.write = async () => {
      await gate;
      await write();
    };
    const saved = a.call('posts.update', { id: post.id, baseRev: post.rev, patch: { title: 'Judul kedua' } });
    await until(() => a.core.store.posts.get(post.id)?.title === 'Judul kedua', 'the new version in memory');
    // The bridge looks at the post meanwhile (as it does when an earlier version or a hub version is reconciled).
    (a.engine as unknown as { mark(id: string): void }).mark(docId);
    await new Promise((r) => setTimeout(r, 300));
    release();
    await saved;
    low.write = write;
    const onHub = async () => (await hub.db(OPD).get(docId)) as unknown as { data: { title: string }; by: { name: string } };
    await until(async () => (await onHub()).data.title === 'Judul kedua', 'second version on the hub');
    expect((await onHub()).by.name).toBe('Sari Penulis');
  });
});
