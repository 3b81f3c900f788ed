import { existsSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { postVersions } from '@core/posts/versions';
import { bundleFixture, eventually, openApi, tempDir } from './helpers';
import { runUntilKilled } from './child';

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

  it('is sealed once writes are quiet: the next start neither lists the folder nor stats a file, and any write after the seal is seen', async () => {
    const { dir, store, posts } = await storeWithPosts(3);
    const [a] = posts;
    await eventually(async () => expect(readFileSync(indexFile(dir), 'utf8').trimEnd().split('\n').pop()).toMatch(/^\{"seal"/), 15_000);
    const sealed = await openApi(dir);
    expect(sealed.store.posts.lastLoad).toBe('sealed');
    expect((await sealed.call('posts.list', {})).items.map((p) => p.title).sort()).toEqual(['Berita 0', 'Berita 1', 'Berita 2']);
    // As if the app died between writing a post (temp file, rename) and its index line, after the seal.
    const file = path.join(store.postsDir, `${a.id}.json`);
    writeFileSync(file + '.new', JSON.stringify({ ...a, title: 'Ditulis sesudah segel', rev: a.rev + 1 }));
    renameSync(file + '.new', file);
    const checked = await openApi(dir);
    expect(checked.store.posts.lastLoad).toBe('checked');
    expect((await checked.call('posts.list', { query: 'segel' })).items.map((p) => p.id)).toEqual([a.id]);
  });
});

let killer = '';
beforeAll(async () => {
  killer = await bundleFixture('index-killer');
});

/** Runs the index killer and kills it with SIGKILL `afterMs` after the index was sealed; returns the last acknowledged title per post. */
async function runAndKill(dir: string, afterMs: number): Promise<Map<string, string>> {
  const acked = new Map<string, string>();
  await runUntilKilled(killer, [dir], (line, child) => {
    if (line === 'sealed') setTimeout(() => child.kill('SIGKILL'), afterMs);
    const m = /^ack (\S+) (.+)$/.exec(line);
    if (m) acked.set(m[1], m[2]);
  });
  return acked;
}

describe('summary and history indexes under SIGKILL', () => {
  it('after a kill mid-update the next start lists every post as its file says, with its history, and nothing acknowledged is lost', async () => {
    const dir = tempDir('redaksi-index-kill-');
    for (let k = 0; k < 4; k++) {
      const acked = await runAndKill(dir, 100 + Math.floor(Math.random() * 700));
      expect(acked.size, `round ${k}: edits were acknowledged before the kill`).toBeGreaterThan(0);
      const { store, call } = await openApi(dir);
      const list = await call('posts.list', { limit: 100 });
      expect(list.total).toBe(20);
      for (const item of list.items) {
        // The list (from the index) and the post's file agree.
        const post = await call('posts.get', { id: item.id });
        expect(item.title, `post ${item.id}`).toBe(post.title);
      }
      for (const [id, title] of acked) {
        const post = await call('posts.get', { id });
        // What was acknowledged is there (or a later edit of the same post that reached the disk).
        if (post.title !== title) {
          expect(post.title).toMatch(new RegExp(`^Pos ${id.slice(0, 6)} ubah \\d+b?$`));
          continue;
        }
        // An acknowledged edit had its version written: the history index lists it.
        const versions = await postVersions(store).ofPost(id);
        expect(versions.some((v) => v.content.title === title), `history of ${id}`).toBe(true);
      }
      // This store's own check of the history folder ends before the next writer starts (the app's lock keeps one process per folder).
      await postVersions(store).ready();
      await postVersions(store).reconciled;
    }
  }, 120_000);
});
