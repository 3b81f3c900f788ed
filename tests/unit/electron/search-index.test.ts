import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { postSearch, searchIndexDir } from '@core/store/post-search';
import { runToExit } from './child';
import { bundleFixture, openApi, tempDir } from './helpers';

let killer = '';
beforeAll(async () => {
  killer = await bundleFixture('search-index-killer');
});

async function reopen(dir: string) {
  const api = await openApi(dir);
  const search = postSearch(api.store);
  await search.whenReady();
  const titles = async (query: string) => (await api.call('posts.list', { query, limit: 100 })).items.map((p) => p.title).sort();
  return { ...api, search, titles };
}

describe('persisted search index', () => {
  it('is imported at the next start instead of indexing every post again, and follows posts changed while it was not saved', async () => {
    const dir = tempDir();
    const first = await reopen(dir);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await first.call('posts.create', { content: { title: `Kegiatan ${i} di Cepu` } })).id);
    await first.search.whenReady();
    await first.search.save();
    expect(readdirSync(searchIndexDir(first.store))).toEqual(['g0-s0.idx']);

    const second = await reopen(dir);
    expect(second.search.loaded).toEqual({ shards: 1, damaged: 0, docs: 12, indexed: 0 });
    expect(await second.titles('cep')).toHaveLength(12);
    expect(await second.titles('kegiatan 7')).toEqual(['Kegiatan 7 di Cepu']);
    // Changed, added and removed while the saved index did not follow (it is saved only a few seconds after writes).
    const cur = await second.call('posts.get', { id: ids[3] });
    await second.call('posts.update', { id: ids[3], baseRev: cur.rev, patch: { title: 'Rapat di Blora' } });
    await second.call('posts.create', { content: { title: 'Panen raya Jepon' } });
    await second.call('posts.trash', { id: ids[5] });
    await second.call('posts.purge', { id: ids[5] });

    const third = await reopen(dir);
    expect(third.search.loaded).toMatchObject({ shards: 1, damaged: 0, indexed: 2 });
    expect(await third.titles('cep')).toHaveLength(10);
    expect(await third.titles('blora')).toEqual(['Rapat di Blora']);
    expect(await third.titles('jepon')).toEqual(['Panen raya Jepon']);
    expect(await third.titles('kegiatan 5')).toEqual([]);
    expect(await third.titles('kegiatan 3')).toEqual([]);
    await third.search.save();
  });

  it('ignores a damaged or foreign shard file and indexes its posts again', async () => {
    const dir = tempDir();
    const first = await reopen(dir);
    for (let i = 0; i < 5; i++) await first.call('posts.create', { content: { title: `Berita ${i} Randublatung` } });
    await first.search.whenReady();
    await first.search.save();
    const file = path.join(searchIndexDir(first.store), 'g0-s0.idx');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('randublatung', 'randublatunx'));

    const second = await reopen(dir);
    expect(second.search.loaded).toEqual({ shards: 0, damaged: 1, docs: 0, indexed: 5 });
    expect(await second.titles('randu')).toHaveLength(5);
    await second.search.save();
    writeFileSync(file, 'not an index\n');
    const third = await reopen(dir);
    expect(third.search.loaded).toMatchObject({ damaged: 1, indexed: 5 });
    expect(await third.titles('berita 2')).toEqual(['Berita 2 Randublatung']);
    await third.search.save();
  });

  it('a SIGKILL while a shard is being saved leaves the last complete save, and the next start catches up with nothing lost', async () => {
    const dir = tempDir('redaksi-search-kill-');
    const { out, signal } = await runToExit(killer, [dir]);
    expect(signal, out).toBe('SIGKILL');
    expect(out).toContain('killing');
    const indexDir = path.join(dir, 'index', 'post-search');
    // The torn write is a temp file beside the complete one, never the file itself.
    expect(readdirSync(indexDir).some((n) => n.endsWith('.tmp'))).toBe(true);

    const after = await reopen(dir);
    expect(readdirSync(indexDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(after.search.loaded).toEqual({ shards: 1, damaged: 0, docs: 30, indexed: 5 });
    expect(await after.titles('beta')).toEqual(['Pos 0 beta', 'Pos 1 beta', 'Pos 2 beta', 'Pos 3 beta', 'Pos 4 beta']);
    expect(await after.titles('alfa')).toHaveLength(25);
    expect(await after.titles('pos')).toHaveLength(30);
    await after.search.save();
    const again = await reopen(dir);
    expect(again.search.loaded).toMatchObject({ damaged: 0, indexed: 0 });
    expect(await again.titles('beta')).toHaveLength(5);
    await again.search.save();
  });
});
