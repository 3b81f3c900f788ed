import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COALESCE_IDLE_MS, postVersions } from '@core/posts/versions';
import { bucketFile, bucketOf, HISTORY_INDEX_DIR, HISTORY_INDEX_FILE } from '@core/store/history-index';
import { openApi, tempDir } from './helpers';

async function storeWithHistory() {
  const dir = tempDir();
  let t = Date.parse('2026-11-01T08:00:00Z');
  const { call, store } = await openApi(dir, { now: () => new Date(t) });
  const a = await call('posts.create', { content: { title: 'Satu' } });
  const b = await call('posts.create', { content: { title: 'Dua' } });
  t += COALESCE_IDLE_MS + 1; // a new editing burst: a second version
  await call('posts.update', { id: b.id, baseRev: b.rev, patch: { title: 'Dua, diubah' } });
  const versionsDir = path.join(store.storeDir, 'postVersions');
  const index = path.join(versionsDir, HISTORY_INDEX_DIR);
  return { dir, a, b, index, versionsDir, bucketOfPost: (postId: string) => path.join(index, bucketFile(bucketOf(postId))) };
}

/** Every `+` line of the split index. */
function listedLines(index: string): string[] {
  return readdirSync(index)
    .filter((n) => n.endsWith('.log'))
    .flatMap((n) => readFileSync(path.join(index, n), 'utf8').split('\n').filter((l) => l.startsWith('+ ')));
}

describe('version history index', () => {
  it('indexes a store written before the index existed, once, and keeps it', async () => {
    const { dir, a, b, index } = await storeWithHistory();
    rmSync(index, { recursive: true });
    const { store } = await openApi(dir);
    expect((await postVersions(store).ofPost(a.id)).map((v) => v.content.title)).toEqual(['Satu']);
    expect(await postVersions(store).ofPost(b.id)).toHaveLength(2);
    expect(listedLines(index)).toHaveLength(3);
  });

  it('splits the single index of an older store by post, once, and reads one post from one bucket', async () => {
    const { dir, a, b, index, versionsDir, bucketOfPost } = await storeWithHistory();
    const lines = listedLines(index);
    rmSync(index, { recursive: true });
    // The old layout: one file for every post, with a removed entry.
    const gone = randomUUID();
    writeFileSync(path.join(versionsDir, HISTORY_INDEX_FILE), ['redaksi-history-index 1', `+ ${gone} ${a.id}`, ...lines, `- ${gone}`, ''].join('\n'));
    const { store } = await openApi(dir);
    expect(await postVersions(store).ofPost(b.id)).toHaveLength(2);
    expect(existsSync(path.join(versionsDir, HISTORY_INDEX_FILE))).toBe(false);
    const bucket = readFileSync(bucketOfPost(b.id), 'utf8');
    expect(bucket.split('\n').filter((l) => l.endsWith(` ${b.id}`))).toHaveLength(2);
    expect(bucket).not.toContain(gone);
    expect(listedLines(index).sort()).toEqual(lines.sort());
    // A bucket holds only its own posts' lines.
    for (const n of readdirSync(index).filter((x) => x.endsWith('.log'))) {
      for (const l of readFileSync(path.join(index, n), 'utf8').split('\n').filter((x) => x.startsWith('+ '))) {
        expect(bucketFile(bucketOf(l.split(' ')[2]))).toBe(n);
      }
    }
  });

  it('finds the posts of a damaged bucket file by reading the folder', async () => {
    const { dir, b, bucketOfPost } = await storeWithHistory();
    writeFileSync(bucketOfPost(b.id), 'not an index at all');
    const { store } = await openApi(dir);
    expect(await postVersions(store).ofPost(b.id)).toHaveLength(2);
    expect(readFileSync(bucketOfPost(b.id), 'utf8').startsWith('redaksi-history-index 1\n')).toBe(true);
  });

  it('ignores a line torn by a kill during an append and finds files the index misses', async () => {
    const { dir, a, index, versionsDir, bucketOfPost } = await storeWithHistory();
    // A kill between the index append and the file write: listed, no file.
    appendFileSync(bucketOfPost(a.id), `+ ${randomUUID()} ${a.id}\n`);
    // A kill in the middle of an append: a torn last line.
    appendFileSync(bucketOfPost(a.id), `+ ${randomUUID().slice(0, 10)}`);
    // A version file the index does not list (copied in by hand, or an older index).
    const stray = { ...JSON.parse(readFileSync(path.join(versionsDir, listedLines(index)[0].split(' ')[1] + '.json'), 'utf8')), id: randomUUID() };
    writeFileSync(path.join(versionsDir, `${stray.id}.json`), JSON.stringify(stray));

    const { store, call } = await openApi(dir);
    const h = postVersions(store);
    await h.ready();
    await h.reconciled;
    expect((await h.ofPost(stray.postId)).map((v) => v.id)).toContain(stray.id);
    expect(await h.size()).toBe(4);
    // Saving keeps working and the index reads cleanly on the next start.
    await call('posts.create', { content: { title: 'Tiga' } });
    const { store: again } = await openApi(dir);
    expect(await postVersions(again).size()).toBe(5);
    expect(again.notices).toEqual([]);
  });

  it('follows a restore to the restored history', async () => {
    const { dir, b } = await storeWithHistory();
    const { store, call } = await openApi(dir);
    const bk = await call('backups.create', {});
    const c = await call('posts.create', { content: { title: 'Sesudah cadangan' } });
    expect(await postVersions(store).ofPost(c.id)).toHaveLength(1);
    expect(await postVersions(store).size()).toBe(4);
    await call('backups.restore', { id: bk.id });
    expect(await postVersions(store).ofPost(c.id)).toEqual([]);
    expect(await postVersions(store).size()).toBe(3);
    expect(await call('posts.versions', { postId: b.id })).toHaveLength(2);
    expect(existsSync(path.join(store.storeDir, 'postVersions', HISTORY_INDEX_DIR, 'layout'))).toBe(true);
  });
});
