import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventually, openApi, tempDir } from './helpers';

const indexFile = (dir: string) => path.join(dir, 'index', 'posts.jsonl');

async function storeWithPosts(n: number) {
  const dir = tempDir();
  const api = await openApi(dir);
  const posts = [];
  for (let i = 0; i < n; i++) posts.push(await api.call('posts.create', { content: { title: `Berita ${i}`, lead: `Teras berita nomor ${i}.` } }));
  return { dir, ...api, posts };
}

/** Puts a file's time back (mid-millisecond, so rounding keeps the same millisecond). */
function keepTime(file: string, mtimeMs: number): void {
  const t = (Math.trunc(mtimeMs) + 0.5) / 1000;
  utimesSync(file, t, t);
}

describe('summary index (issue 22)', () => {
  it('opens from the index without parsing the posts; a post is read when it is used', async () => {
    const { dir, store, posts } = await storeWithPosts(3);
    const [a] = posts;
    // Same inode, size and time, other bytes: only a reader of the file can tell.
    const file = path.join(store.postsDir, `${a.id}.json`);
    const st = statSync(file);
    writeFileSync(file, '\u0000'.repeat(st.size));
    keepTime(file, st.mtimeMs);

    const { call, store: s2 } = await openApi(dir);
    expect(s2.notices).toEqual([]);
    const list = await call('posts.list', {});
    expect(list.total).toBe(3);
    expect(list.items.map((p) => p.title).sort()).toEqual(['Berita 0', 'Berita 1', 'Berita 2']);
    expect(s2.notices).toEqual([]);

    // Opening it finds the damage and recovers it off the request path, with a notice (no backup here: lost, and no longer listed).
    await expect(call('posts.get', { id: a.id })).rejects.toMatchObject({ code: 'not_found' });
    await eventually(async () => expect(s2.notices[0]).toMatchObject({ kind: 'lost', file: path.join('posts', `${a.id}.json`) }));
    await eventually(async () => expect((await call('posts.list', {})).total).toBe(2));
  });

  it('recovers a damaged post found on first use from the newest backup', async () => {
    const { dir, store, posts, call } = await storeWithPosts(2);
    const [a] = posts;
    const backup = await call('backups.create', {});
    const file = path.join(store.postsDir, `${a.id}.json`);
    const st = statSync(file);
    writeFileSync(file, '{'.padEnd(st.size, ' '));
    keepTime(file, st.mtimeMs);

    const again = await openApi(dir);
    expect(again.store.notices).toEqual([]);
    const got = await eventually(() => again.call('posts.get', { id: a.id }));
    expect(got.title).toBe('Berita 0');
    expect(again.store.notices[0]).toMatchObject({ kind: 'recovered', backupId: backup.id });
    expect((await again.call('posts.list', {})).total).toBe(2);
  });

  it('reads again what changed behind the index: a file written after its entry, a new file, a removed one', async () => {
    const { dir, store, posts } = await storeWithPosts(3);
    const [a, b, c] = posts;
    // As if the app died between writing the post and its index line.
    const fileA = path.join(store.postsDir, `${a.id}.json`);
    writeFileSync(fileA, JSON.stringify({ ...a, title: 'Diubah di luar indeks', rev: a.rev + 1 }));
    rmSync(path.join(store.postsDir, `${b.id}.json`));
    const d = { ...c, id: 'restored-from-elsewhere', title: 'Berkas baru' };
    writeFileSync(path.join(store.postsDir, `${d.id}.json`), JSON.stringify(d));

    const { call } = await openApi(dir);
    const titles = (await call('posts.list', {})).items.map((p) => p.title).sort();
    expect(titles).toEqual(['Berita 2', 'Berkas baru', 'Diubah di luar indeks']);
    expect((await call('posts.list', { query: 'luar' })).items.map((p) => p.id)).toEqual([a.id]);
    // The index now matches the folder: the next start reads no post.
    const lines = readFileSync(indexFile(dir), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(4);
  });

  it('rebuilds a missing, damaged or torn index from the posts', async () => {
    const { dir, posts } = await storeWithPosts(3);
    for (const damage of [() => rmSync(indexFile(dir)), () => writeFileSync(indexFile(dir), '\u0000garbage'), () => writeFileSync(indexFile(dir), readFileSync(indexFile(dir), 'utf8').slice(0, -20))]) {
      damage();
      const { call, store } = await openApi(dir);
      const list = await call('posts.list', {});
      expect(list.items.map((p) => p.id).sort()).toEqual(posts.map((p) => p.id).sort());
      expect(store.notices).toEqual([]);
      expect(readFileSync(indexFile(dir), 'utf8').endsWith('\n')).toBe(true);
    }
  });

  it('keeps the index current on every write, so the next start lists the latest fields', async () => {
    const { dir, call, posts } = await storeWithPosts(2);
    const [a, b] = posts;
    await call('posts.update', { id: a.id, baseRev: a.rev, patch: { title: 'Judul baru' } });
    await call('posts.trash', { id: b.id });
    await call('posts.purge', { id: b.id });
    const again = await openApi(dir);
    const list = await again.call('posts.list', {});
    expect(list.items.map((p) => [p.id, p.title])).toEqual([[a.id, 'Judul baru']]);
    expect(list.counts.trash).toBe(0);
    expect(again.store.posts.summaries()).toHaveLength(1);
    // Nothing read yet: the list came from the index.
    expect(existsSync(indexFile(dir))).toBe(true);
  });
});
