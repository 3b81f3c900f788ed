import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { matchesSummary, postSearch } from '@core/store/post-search';
import type { Store } from '@core/store/store';
import { seedPosts } from '../../scale-seed';
import { openApi, tempDir } from './helpers';
import { team } from '../review/helpers';

describe('post search index', () => {
  it('finds posts by word prefixes, case and accent folded, and follows edits and purges', async () => {
    const { call, store } = await openApi(tempDir());
    const a = await call('posts.create', { content: { title: 'Peresmian Kafé Literasi', lead: 'Bupati membuka kafe baca di Cepu.' } });
    const b = await call('posts.create', { content: { title: 'Rapat Koordinasi', tags: ['Stunting'] } });
    const titles = async (query: string) => (await call('posts.list', { query })).items.map((p) => p.title).sort();

    // Before the index is built the list scans the same fields the same way, so the first keystroke is answered at once.
    expect(await titles('peresmian')).toEqual(['Peresmian Kafé Literasi']);
    expect(await titles('kafe lit')).toEqual(['Peresmian Kafé Literasi']);
    expect(await titles('esmian')).toEqual([]);
    expect(await titles('K')).toEqual(['Peresmian Kafé Literasi', 'Rapat Koordinasi']);
    await postSearch(store).whenReady();

    expect(await titles('PERESM')).toEqual(['Peresmian Kafé Literasi']);
    expect(await titles('esmian')).toEqual([]);
    expect(await titles('kafe literasi')).toEqual(['Peresmian Kafé Literasi']);
    expect(await titles('stunt')).toEqual(['Rapat Koordinasi']);
    expect(await titles('cepu')).toEqual(['Peresmian Kafé Literasi']);
    expect(await titles('cepu rapat')).toEqual([]);
    // One letter is a prefix too (one lookup in the forward index), case folded.
    expect(await titles('k')).toEqual(['Peresmian Kafé Literasi', 'Rapat Koordinasi']);
    expect(await titles('r k')).toEqual(['Rapat Koordinasi']);
    expect(await titles('  ')).toHaveLength(2);

    await call('posts.update', { id: b.id, baseRev: b.rev, patch: { title: 'Rapat Evaluasi Posyandu' } });
    expect(await titles('koordinasi')).toEqual([]);
    expect(await titles('posyandu')).toEqual(['Rapat Evaluasi Posyandu']);

    await call('posts.trash', { id: a.id });
    expect(await titles('kafe')).toEqual([]);
    expect((await call('posts.list', { query: 'kafe', trash: true })).items.map((p) => p.id)).toEqual([a.id]);
    await call('posts.purge', { id: a.id });
    expect((await call('posts.list', { query: 'kafe', trash: true })).items).toEqual([]);
  });
});

describe('search while the index is not ready (issue 22: no request waits behind another)', () => {
  it('answers from a scan and builds the index in slices, never holding the event loop long', async () => {
    const dir = tempDir();
    seedPosts(dir, 12_000, { title: (i) => (i % 1000 === 7 ? `Posyandu Randublatung ${i}` : `Kegiatan nomor ${i}`) });
    const { call, store } = await openApi(dir);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    // The first query starts the build and is answered by a scan meanwhile; both go on while this one waits.
    const [first] = await Promise.all([call('posts.list', { query: 'randublatung', limit: 50 }), postSearch(store).whenReady()]);
    delay.disable();
    expect(first.total).toBe(12);
    expect(first.items.every((p) => p.title.startsWith('Posyandu Randublatung'))).toBe(true);
    // The index answers the same.
    expect((await call('posts.list', { query: 'randublatung', limit: 50 })).items.map((p) => p.id)).toEqual(first.items.map((p) => p.id));
    // The bound. As one loop each, the scan and the build held it for about 480 ms here.
    expect(delay.max / 1e6).toBeLessThan(100);
  });

  it('edits saved and pages looked at all through the build (its last pass starts again when the list moves) are found where they stand', async () => {
    const dir = tempDir();
    seedPosts(dir, 20_000, { title: (i) => `Kegiatan nomor ${i}` });
    const { call, store } = await openApi(dir);
    const search = postSearch(store);
    let ready = false;
    const built = call('posts.list', { query: 'kegiatan', limit: 1 }).then(() => search.whenReady()).then(() => void (ready = true));
    const ids = store.posts.summaries().map((p) => p.id);
    let n = 0;
    const edits: Promise<unknown>[] = [];
    const edit = async (id: string, title: string) => {
      const cur = await call('posts.get', { id });
      await call('posts.update', { id, baseRev: cur.rev, patch: { title } });
    };
    // An edit of another old post started at every turn of the loop until the index is ready, then a few more,
    // and a look at the list, which moves the edited posts in it.
    for (let after = 0; after < 3; ) {
      edits.push(edit(ids[(n * 7919) % ids.length], `Jembatan ${n++}`));
      edits.push(call('posts.list', { limit: 5 }));
      await new Promise((r) => setImmediate(r));
      if (ready) after++;
    }
    await Promise.all([built, ...edits]);
    expect(n).toBeGreaterThan(10);
    const expected = fullSort(store).filter((id) => matchesSummary(store.posts.summary(id)!, 'jembatan'));
    const found = await call('posts.list', { query: 'jembatan', limit: 100 });
    expect(found.items.map((p) => p.id)).toEqual(expected.slice(0, 100));
    expect(found.total).toBe(expected.length);
    const all = await call('posts.list', { query: 'kegiatan', limit: 50, offset: 100 });
    expect(all.total).toBe(20_000 - expected.length);
    expect(all.items.map((p) => p.id)).toEqual(fullSort(store).filter((id) => matchesSummary(store.posts.summary(id)!, 'kegiatan')).slice(100, 150));
  }, 60_000);
});

/** The newest-first order of every post, by a full sort (what the incremental order must equal). */
const fullSort = (store: Store) =>
  store.posts
    .summaries()
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id.localeCompare(b.id)))
    .map((p) => p.id);

describe('post list order', () => {
  it('after many writes since the last look (more than 64 posts), merges them in: still equal to a full sort', async () => {
    const { call, store } = await openApi(tempDir());
    const search = postSearch(store);
    const full = () => fullSort(store);
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await call('posts.create', { content: { title: `Pos ${i}` } })).id);
    expect(search.newestFirst().map((p) => p.id)).toEqual(full());
    // 70 new posts and 10 older ones changed, then one look.
    for (let i = 0; i < 70; i++) await call('posts.create', { content: { title: `Banyak ${i}` } });
    for (const id of ids.filter((_, i) => i % 4 === 0)) {
      const cur = await call('posts.get', { id });
      await call('posts.update', { id, baseRev: cur.rev, patch: { title: `${cur.title}!` } });
    }
    await call('posts.trash', { id: ids[1] });
    await call('posts.purge', { id: ids[1] });
    expect(search.newestFirst().map((p) => p.id)).toEqual(full());
    expect((await call('posts.list', { limit: 3 })).items.map((p) => p.id)).toEqual(full().slice(0, 3));
  });

  it('keeps the newest-first order across writes without sorting everything again, equal to a full sort', async () => {
    const { call, store } = await openApi(tempDir());
    const search = postSearch(store);
    const full = () => fullSort(store);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) ids.push((await call('posts.create', { content: { title: `Pos ${i}` } })).id);
    expect(search.newestFirst().map((p) => p.id)).toEqual(full());
    for (const id of [ids[0], ids[3], ids[0]]) {
      const cur = await call('posts.get', { id });
      await call('posts.update', { id, baseRev: cur.rev, patch: { title: `${cur.title}!` } });
      expect(search.newestFirst().map((p) => p.id)).toEqual(full());
    }
    await call('posts.trash', { id: ids[2] });
    await call('posts.purge', { id: ids[2] });
    const baru = await call('posts.create', { content: { title: 'Baru' } });
    expect(search.newestFirst().map((p) => p.id)).toEqual(full());
    expect(search.newestFirst()[0].title).toBe('Baru');
    // Pages without a query take their total from the counts and stop at the page.
    await call('posts.trash', { id: ids[4] });
    const live = full().filter((id) => id !== ids[4]);
    const page = await call('posts.list', { limit: 2, offset: 1 });
    expect(page.items.map((p) => p.id)).toEqual(live.slice(1, 3));
    expect(page.total).toBe(live.length);
    expect((await call('posts.list', { trash: true })).total).toBe(1);
    expect((await call('posts.list', { trash: true, status: 'draft' })).total).toBe(1);
    expect((await call('posts.list', { trash: true, status: 'approved' })).total).toBe(0);
    expect((await call('posts.list', { status: 'draft', limit: 1 })).total).toBe(live.length);
    expect((await call('posts.list', { query: 'pos', limit: 2, offset: 1 })).items.map((p) => p.id)).toEqual(live.filter((id) => id !== baru.id).slice(1, 3));
  });
});

describe('search results across random writes (the index and the list kept in step, nothing renumbered)', () => {
  it('equal a scan of the list fields after every write: edits of old and new posts, new posts, trash, purge, bursts', async () => {
    const api = await openApi(tempDir());
    const { call, store } = api;
    // A writer, who may send posts for review.
    const { writer } = await team(api);
    await call('session.signIn', { memberId: writer.id });
    const search = postSearch(store);
    const words = ['jembatan', 'posyandu', 'stunting', 'pasar', 'sekolah', 'irigasi'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with a short period.
      return (seed >>> 15) % n;
    };
    const done = { trash: 0, submit: 0 };
    const title = () => `${words[rnd(6)]} ${words[rnd(6)]} ${rnd(1000)}`;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await call('posts.create', { content: { title: title() } })).id);
    await search.whenReady();
    const check = async (query: string) => {
      const all = store.posts.summaries();
      const matching = (trash: boolean) => fullSort(store).filter((id) => all.some((p) => p.id === id && Boolean(p.deletedAt) === trash && matchesSummary(p, query)));
      const expected = matching(false);
      const first = await call('posts.list', { query, limit: 100 });
      expect(first.items.map((p) => p.id)).toEqual(expected.slice(0, 100));
      expect(first.total).toBe(expected.length);
      // A page further on: the walk stops at its end, the total is counted apart.
      const later = await call('posts.list', { query, limit: 4, offset: 3 });
      expect(later.items.map((p) => p.id)).toEqual(expected.slice(3, 7));
      expect(later.total).toBe(expected.length);
      const trashed = matching(true);
      const inTrash = await call('posts.list', { query, trash: true, limit: 100 });
      expect(inTrash.items.map((p) => p.id)).toEqual(trashed.slice(0, 100));
      expect(inTrash.total).toBe(trashed.length);
      const inReview = expected.filter((id) => store.posts.get(id)!.status === 'in_review');
      expect((await call('posts.list', { query, status: 'draft', limit: 1 })).total).toBe(expected.length - inReview.length);
      expect((await call('posts.list', { query, status: 'in_review', limit: 100 })).items.map((p) => p.id)).toEqual(inReview.slice(0, 100));
      expect((await call('posts.list', { query, status: 'approved', limit: 1 })).total).toBe(0);
      const trashedDrafts = trashed.filter((id) => store.posts.get(id)!.status === 'draft');
      expect((await call('posts.list', { query, trash: true, status: 'draft', limit: 1 })).total).toBe(trashedDrafts.length);
    };
    for (let step = 0; step < 60; step++) {
      const op = rnd(12);
      const alive = ids.filter((id) => store.posts.get(id) && !store.posts.get(id)!.deletedAt);
      if (op < 5 && alive.length) {
        // Mostly old posts: the ones that travel the whole list to the top.
        const id = alive[rnd(Math.min(alive.length, 5))];
        const cur = await call('posts.get', { id });
        await call('posts.update', { id, baseRev: cur.rev, patch: { title: title() } });
      } else if (op < 7) ids.push((await call('posts.create', { content: { title: title() } })).id);
      else if (op < 9 && alive.length) {
        // Trashed, or (below) sent for review: its status changes, its text does not.
        await call('posts.trash', { id: alive[rnd(alive.length)] });
        done.trash++;
      } else if (op < 10) {
        const draft = alive.find((id) => store.posts.get(id)!.status === 'draft');
        if (draft) {
          await call('review.submit', { postId: draft });
          done.submit++;
        }
      } else if (op < 11) {
        const trashed = ids.filter((id) => store.posts.get(id)?.deletedAt);
        if (trashed.length) await call('posts.purge', { id: trashed[0] });
      } else {
        // A burst past 64 writes before the next look: merged in.
        for (let i = 0; i < 66; i++) ids.push((await call('posts.create', { content: { title: title() } })).id);
      }
      // Some steps let the background catch-up run first, some search at once.
      if (step % 2) await new Promise((r) => setImmediate(r));
      await check(words[rnd(6)].slice(0, 3 + rnd(4)));
      if (step % 5 === 0) await check(`${words[rnd(6)].slice(0, 2)} ${words[rnd(6)].slice(0, 4)}`);
    }
    // Both kinds of status-only change happened (their list code moves without a new index entry).
    expect(done.trash).toBeGreaterThan(1);
    expect(done.submit).toBeGreaterThan(1);
  }, 60_000);
});
