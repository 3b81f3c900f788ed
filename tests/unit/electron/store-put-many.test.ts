import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asActor, type ChangeEvent } from '@core/store/events';
import { COLLECTIONS } from '@core/store/collections';
import { Store } from '@core/store/store';
import { openApi, tempDir } from './helpers';

const SYNC = { id: null, name: 'Sinkron' };

describe('store: group commit (Collection.putMany)', () => {
  it('writes every record of a batch through the one write path: files, list, search, one change event each with the actor', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const first = store.posts.require((await call('posts.create', { content: { title: 'Pertama' } })).id);
    const events: ChangeEvent[] = [];
    store.changes.subscribe((e) => events.push(e));
    const fresh = [1, 2, 3].map((i) => COLLECTIONS.posts.validate({ ...first, id: `batch${i}`, title: `Musrenbang kecamatan ${i}`, rev: 1 }));
    const changed = COLLECTIONS.posts.validate({ ...first, title: 'Pertama diubah', rev: first.rev + 1 });
    await asActor(SYNC, () => store.posts.putMany([...fresh, changed]));

    expect(events.map((e) => [e.id, e.rev, e.actor?.name])).toEqual([...fresh.map((p) => [p.id, 1, 'Sinkron']), [first.id, first.rev + 1, 'Sinkron']]);
    expect(readdirSync(store.postsDir).filter((n) => n.endsWith('.json')).length).toBe(4);
    expect((await call('posts.list', { query: 'musrenbang' })).total).toBe(3);
    // Durable and listed after a restart, from the files.
    const again = await Store.open(dir);
    expect(again.posts.get(first.id)!.title).toBe('Pertama diubah');
    expect(again.posts.summaries().map((s) => s.id).sort()).toEqual([first.id, ...fresh.map((p) => p.id)].sort());
  });

  it('a batch that fails part-way: what reached its file stays and is told, the rest is rolled back and told to nobody', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const first = store.posts.require((await call('posts.create', { content: { title: 'Pertama' } })).id);
    const second = store.posts.require((await call('posts.create', { content: { title: 'Kedua' } })).id);
    // A folder where one record's file should go: its rename fails, after the record before it was renamed.
    mkdirSync(path.join(store.postsDir, 'blocked.json'));
    const events: ChangeEvent[] = [];
    store.changes.subscribe((e) => events.push(e));
    const batch = [
      COLLECTIONS.posts.validate({ ...first, title: 'Pertama diubah', rev: first.rev + 1 }),
      COLLECTIONS.posts.validate({ ...first, id: 'blocked', title: 'Tidak tersimpan', rev: 1 }),
      COLLECTIONS.posts.validate({ ...second, title: 'Kedua diubah', rev: second.rev + 1 }),
    ];
    await expect(store.posts.putMany(batch)).rejects.toThrow(/batch write failed \(1 of its files written\)/);
    expect(events.map((e) => e.id)).toEqual([first.id]);
    expect(store.posts.get(first.id)!.title).toBe('Pertama diubah');
    expect(store.posts.get(second.id)!.title).toBe('Kedua');
    expect(store.posts.get('blocked')).toBeUndefined();
    expect(readdirSync(store.postsDir).filter((n) => n.endsWith('.tmp')), 'no temp file left').toEqual([]);
    // Memory and files agree after a restart.
    const again = await Store.open(dir);
    expect(again.posts.get(first.id)!.title).toBe('Pertama diubah');
    expect(again.posts.get(second.id)!.title).toBe('Kedua');
  });
});
