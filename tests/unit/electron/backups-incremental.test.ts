import { promises as fsp, existsSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gunzipSync, gzipSync } from 'node:zlib';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@core/store/store';
import { backupDiskEstimate, backupsToKeep } from '@shared/backups/retention';
import { runUntilKilled } from './child';
import { openApi, tempDir, bundleFixture } from './helpers';

function inode(file: string): number {
  return statSync(file).ino;
}

/** Every blob file of the backups. */
function blobs(dir: string): string[] {
  const root = path.join(dir, 'backups', 'blobs');
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Every file of a folder with its text, by relative path. */
function treeOf(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(root, path.join(e.parentPath, e.name)), readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    else if (e.isDirectory()) out.set(path.relative(root, path.join(e.parentPath, e.name)) + path.sep, '');
  }
  return out;
}

describe('incremental backups', () => {
  it('takes unchanged files from the previous snapshot without reading them and stores changed ones once, by content', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const a = await call('posts.create', { content: { title: 'Tetap', bodyMd: 'x'.repeat(5000) } });
    const b = await call('posts.create', { content: { title: 'Berubah' } });
    const first = await call('backups.create', {});
    expect(first.newBytes).toBe(first.bytes);
    await call('posts.update', { id: b.id, baseRev: b.rev, patch: { title: 'Sudah berubah' } });
    const blobsBefore = blobs(dir);
    const second = await call('backups.create', {});

    const rel = (id: string) => path.join('posts', `${id}.json`);
    const at = async (bk: string, r: string) => (await store.backups.fileIn(bk, r))!;
    // The same content is one file on disk, shared by both snapshots.
    expect(await at(second.id, rel(a.id))).toBe(await at(first.id, rel(a.id)));
    expect(await at(second.id, rel(b.id))).not.toBe(await at(first.id, rel(b.id)));
    expect(JSON.parse(readFileSync(await at(second.id, rel(b.id)), 'utf8')).title).toBe('Sudah berubah');
    expect(JSON.parse(readFileSync(await at(first.id, rel(b.id)), 'utf8')).title).toBe('Berubah');
    // The live store never shares a file with a snapshot.
    expect(inode(path.join(store.storeDir, rel(a.id)))).not.toBe(inode(await at(second.id, rel(a.id))));
    expect(second.newBytes).toBeLessThan(second.bytes / 2);
    expect(second.files).toBeGreaterThanOrEqual(first.files);
    // Only what changed was written: the post, its version, its audit trail, the history index bucket.
    expect(blobs(dir).length - blobsBefore.length).toBeLessThanOrEqual(6);
    // Nothing is hard-linked: the same on FAT/exFAT flash drives.
    expect(blobs(dir).every((f) => statSync(f).nlink === 1)).toBe(true);

    // Restoring the incremental snapshot gives back its state.
    await call('posts.update', { id: a.id, baseRev: a.rev, patch: { title: 'Diubah lagi' } });
    await call('backups.restore', { id: second.id });
    expect((await call('posts.get', { id: a.id })).title).toBe('Tetap');
    expect((await call('posts.get', { id: b.id })).title).toBe('Sudah berubah');
  });

  it('restores exactly the files and folders the snapshot was taken from', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    for (let i = 0; i < 5; i++) await call('posts.create', { content: { title: `Berita ${i}`, bodyMd: 'Isi. '.repeat(100 * i) } });
    const bk = await call('backups.create', {});
    const before = treeOf(store.storeDir);
    await call('posts.create', { content: { title: 'Sesudah cadangan' } });
    await call('backups.restore', { id: bk.id });
    const after = treeOf(store.storeDir);
    // The notice of the restore itself is the one file that differs.
    for (const t of [before, after]) t.delete('notices.json');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [rel, text] of before) expect(after.get(rel), rel).toBe(text);
  });

  it('removes blobs no kept snapshot lists when snapshots are rotated away', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Satu' } });
    (store.backups as unknown as { retention: object }).retention = { keepRecent: 1, keepDays: 0, maxBytes: 1e12 };
    const first = await call('backups.create', {});
    const old = (await store.backups.fileIn(first.id, path.join('posts', `${p.id}.json`)))!;
    await call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Dua' } });
    const second = await call('backups.create', {});
    expect((await call('backups.list', {})).map((b) => b.id)).toEqual([second.id]);
    expect(existsSync(old)).toBe(false);
    // Everything the kept snapshot lists is still there.
    for (const f of (await store.backups.filesOf(second.id)).files) expect(existsSync(f.file), f.rel).toBe(true);
  });

  it('removes what an interrupted backup left and never lists it', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    await call('posts.create', {});
    const partial = path.join(dir, 'backups', '.20260101-000000-000-aaaa.partial', 'store', 'posts');
    await fsp.mkdir(partial, { recursive: true });
    const bk = await call('backups.create', {});
    expect(readdirSync(path.join(dir, 'backups')).filter((n) => n !== 'blobs')).toEqual([bk.id]);
  });
  it('keeps as many backups as the workspace says, from the moment the setting is saved', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Satu' } });
    let rev = p.rev;
    const made: string[] = [];
    for (let i = 0; i < 4; i++) {
      rev = (await call('posts.update', { id: p.id, baseRev: rev, patch: { title: `Versi ${i}` } })).rev;
      made.push((await call('backups.create', {})).id);
    }
    expect((await call('backups.list', {})).length).toBe(4);
    const ws = await call('settings.get', {});
    // Out of bounds: refused, nothing dropped.
    await expect(call('settings.update', { baseRev: ws.rev, backups: { keepRecent: 0, maxBytes: 1024 ** 3 } })).rejects.toMatchObject({ code: 'invalid_input' });
    expect((await call('backups.list', {})).length).toBe(4);
    const saved = await call('settings.update', { baseRev: ws.rev, backups: { keepRecent: 2, maxBytes: 1024 ** 3 } });
    expect(saved.backups).toEqual({ keepRecent: 2, maxBytes: 1024 ** 3 });
    expect((await call('backups.list', {})).map((b) => b.id)).toEqual([made[3], made[2]]);
    // And at each backup after it, also after a restart.
    const reopened = await openApi(dir, {});
    await reopened.call('backups.create', {});
    expect((await reopened.call('backups.list', {})).length).toBe(2);
  });

  /** A store with `n` more small files than the app writes (an older workspace's folder, say), all listed by every backup. */
  async function storeWithFiles(n: number) {
    const dir = tempDir();
    const api = await openApi(dir);
    await api.call('posts.create', { content: { title: 'Satu' } });
    const extra = path.join(api.store.storeDir, 'extra');
    await fsp.mkdir(extra);
    for (let i = 0; i < n; i++) await fsp.writeFile(path.join(extra, `${i}.json`), JSON.stringify({ i }));
    return { dir, ...api };
  }

  it('writes the file list as lines read between requests, and still reads the one-document lists of older snapshots', async () => {
    const { dir, call, store } = await storeWithFiles(4500);
    const first = await call('backups.create', {});
    const folder = path.join(dir, 'backups', first.id);
    const lines = gunzipSync(readFileSync(path.join(folder, 'files.jsonl.gz'))).toString('utf8').split('\n');
    // A head line with the folders, then rows in lines of 2000.
    expect(lines.length).toBe(1 + Math.ceil(first.files / 2000));
    expect(JSON.parse(lines[0]).dirs).toContain('extra');
    const listed = await store.backups.filesOf(first.id);
    expect(listed.files.length).toBe(first.files);
    expect(listed.files.filter((f) => f.rel.startsWith(`extra${path.sep}`))).toHaveLength(4500);

    // As an older Redaksi wrote it: one JSON document under the old name.
    const rows = lines.slice(1).flatMap((l) => JSON.parse(l) as unknown[]);
    writeFileSync(path.join(folder, 'files.json.gz'), gzipSync(JSON.stringify({ dirs: JSON.parse(lines[0]).dirs, files: rows })));
    unlinkSync(path.join(folder, 'files.jsonl.gz'));
    await store.backups.check(first.id);
    expect((await store.backups.filesOf(first.id)).files).toEqual(listed.files);
    // The next backup takes the unchanged files from it without reading them again.
    const second = await call('backups.create', {});
    expect(second.files).toBe(first.files);
    expect(second.newBytes).toBeLessThan(50_000);
    // A previous list damaged on disk costs reading the files again, never the backup.
    writeFileSync(path.join(dir, 'backups', second.id, 'files.jsonl.gz'), gzipSync('{"dirs":[]}\n[["cut'));
    const third = await call('backups.create', {});
    expect(third.files).toBe(first.files);
    expect((await store.backups.filesOf(third.id)).files).toHaveLength(first.files);
    // Cut short (the zip stream ends early): refused as damaged when checked, read again by the next backup.
    const thirdList = path.join(dir, 'backups', third.id, 'files.jsonl.gz');
    writeFileSync(thirdList, readFileSync(thirdList).subarray(0, 200));
    await expect(store.backups.check(third.id)).rejects.toThrow();
    const fourth = await call('backups.create', {});
    expect((await store.backups.filesOf(fourth.id)).files).toHaveLength(first.files);
  });

  it('rotating away a snapshot of thousands of files never holds other requests back', async () => {
    const { call, store } = await storeWithFiles(6000);
    await call('backups.create', {});
    (store.backups as unknown as { retention: object }).retention = { keepRecent: 1, keepDays: 0, maxBytes: 1e12 };
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    await call('posts.create', { content: { title: 'Dua' } });
    const kept = await call('backups.create', {});
    delay.disable();
    expect((await call('backups.list', {})).map((b) => b.id)).toEqual([kept.id]);
    for (const f of (await store.backups.filesOf(kept.id)).files) expect(existsSync(f.file), f.rel).toBe(true);
    // The blobs the dropped snapshot listed are checked against the kept list as a set. A text search per blob
    // held the loop for about 0.4 s here, and for 30 s at 10k posts (40k files).
    expect(delay.max / 1e6).toBeLessThan(250);
  });
});

describe('retention by size', () => {
  const day = (d: number, h = 12) => new Date(Date.UTC(2026, 10, d, h)).toISOString();

  it('counts linked snapshots by what they copied', () => {
    const all = [
      { id: 'a', createdAt: day(1), bytes: 100, newBytes: 100 },
      { id: 'b', createdAt: day(2), bytes: 100, newBytes: 10 },
      { id: 'c', createdAt: day(3), bytes: 100, newBytes: 5 },
    ];
    expect(backupDiskEstimate(all, new Set(['a', 'b', 'c']))).toBe(115);
    // Dropping the oldest: b becomes the base, at its full size.
    expect(backupDiskEstimate(all, new Set(['b', 'c']))).toBe(105);
    // Dropping the middle one: c carries what b copied.
    expect(backupDiskEstimate(all, new Set(['a', 'c']))).toBe(115);
  });

  it('drops the oldest backups to stay under the limit, always keeping the newest', () => {
    const now = new Date(day(10));
    const all = Array.from({ length: 8 }, (_, i) => ({ id: `b${i}`, createdAt: day(i + 1), bytes: 1000, newBytes: i === 0 ? 1000 : 300 }));
    const keep = backupsToKeep(all, now, { maxBytes: 2000 });
    // Newest base 1000 + 300 for each newer one kept: b7..b4 (1000 + 3*300 = 1900).
    expect([...keep].sort()).toEqual(['b4', 'b5', 'b6', 'b7']);
    expect(backupsToKeep(all, now, { maxBytes: 10 })).toEqual(new Set(['b7']));
    expect(backupsToKeep(all, now).size).toBe(8);
  });
});

let script = '';
beforeAll(async () => {
  script = await bundleFixture('backup-writer');
});

/** Runs the backup writer and kills it with SIGKILL `afterMs` after it is ready; returns the acknowledged backups. */
async function runAndKill(dir: string, afterMs: number): Promise<Map<string, Map<string, number>>> {
  const acked = new Map<string, Map<string, number>>();
  await runUntilKilled(script, [dir], (line, child) => {
    if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), afterMs);
    const m = /^ack (\S+) (\S+)$/.exec(line);
    if (m) acked.set(m[1], new Map(m[2].split(',').map((p) => [p.split(':')[0], Number(p.split(':')[1])])));
  });
  return acked;
}

describe('incremental backups under SIGKILL', () => {
  it('keeps every acknowledged snapshot complete; an interrupted one is ignored, then removed', async () => {
    const dir = tempDir('redaksi-backup-crash-');
    const acked = new Map<string, Map<string, number>>();
    let sawPartial = false;
    for (let k = 0; k < 6; k++) {
      for (const [id, revs] of await runAndKill(dir, 300 + Math.floor(Math.random() * 1500))) acked.set(id, revs);
      sawPartial ||= readdirSync(path.join(dir, 'backups')).some((n) => n.endsWith('.partial'));
      const store = await Store.open(dir);
      const listed = new Set((await store.backups.list()).map((b) => b.id));
      for (const [id, revs] of acked) {
        if (!existsSync(path.join(dir, 'backups', id))) continue; // rotated away
        expect(listed.has(id), `acknowledged backup ${id} is listed`).toBe(true);
        await store.backups.check(id);
        for (const [postId, rev] of revs) {
          const doc = JSON.parse(readFileSync((await store.backups.fileIn(id, path.join('posts', `${postId}.json`)))!, 'utf8'));
          expect(doc.rev, `backup ${id} holds post ${postId} at rev ${rev}`).toBe(rev);
        }
      }
    }
    expect(acked.size).toBeGreaterThan(0);
    const store = await Store.open(dir);
    await store.backups.create('manual');
    expect(readdirSync(path.join(dir, 'backups')).filter((n) => n.startsWith('.'))).toEqual([]);
    // Blobs only an interrupted backup wrote are gone: every blob is listed by a kept snapshot.
    const listedBlobs = new Set<string>();
    for (const b of await store.backups.list()) for (const f of (await store.backups.filesOf(b.id)).files) listedBlobs.add(f.file);
    expect(blobs(dir).filter((f) => !listedBlobs.has(f))).toEqual([]);
    // Not asserted: whether a kill happened to land mid-backup on this machine.
    void sawPartial;
  }, 120_000);
});
