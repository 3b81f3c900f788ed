import { existsSync, promises as fsp, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError } from '@core/store/lock';
import { postVersions } from '@core/posts/versions';
import { Store, StoreNewerError } from '@core/store/store';
import { openApi, tempDir } from './helpers';

describe('store: posts', () => {
  it('creates, edits, trashes, restores and purges posts, one file each', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const a = await call('posts.create', {});
    const b = await call('posts.create', { content: { title: 'Kedua' } });
    expect(a.dateline).toBe('BLORA');
    expect(a.status).toBe('draft');
    expect(readdirSync(store.postsDir).sort()).toEqual([`${a.id}.json`, `${b.id}.json`].sort());

    const bBefore = readFileSync(path.join(store.postsDir, `${b.id}.json`), 'utf8');
    const a2 = await call('posts.update', { id: a.id, baseRev: a.rev, patch: { title: 'Bupati Resmikan Gedung', bodyMd: 'Isi' } });
    expect(a2.rev).toBe(a.rev + 1);
    // Saving one post never rewrites another.
    expect(readFileSync(path.join(store.postsDir, `${b.id}.json`), 'utf8')).toBe(bBefore);

    await expect(call('posts.update', { id: a.id, baseRev: a.rev, patch: { title: 'x' } })).rejects.toMatchObject({ code: 'conflict' });

    const list = await call('posts.list', { query: 'gedung' });
    expect(list.items.map((p) => p.id)).toEqual([a.id]);
    expect(list.counts.draft).toBe(2);

    await call('posts.trash', { id: a.id });
    expect((await call('posts.list', {})).items.map((p) => p.id)).toEqual([b.id]);
    expect((await call('posts.list', { trash: true })).items.map((p) => p.id)).toEqual([a.id]);
    await expect(call('posts.update', { id: a.id, baseRev: a2.rev + 1, patch: { title: 'y' } })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call('posts.purge', { id: b.id })).rejects.toMatchObject({ code: 'conflict' });

    await call('posts.restore', { id: a.id });
    expect((await call('posts.list', {})).total).toBe(2);
    await call('posts.trash', { id: b.id });
    await call('posts.purge', { id: b.id });
    expect(existsSync(path.join(store.postsDir, `${b.id}.json`))).toBe(false);
    await expect(call('posts.get', { id: b.id })).rejects.toMatchObject({ code: 'not_found' });

    // Everything is still there after reopening.
    const again = await openApi(dir);
    const p = await again.call('posts.get', { id: a.id });
    expect(p.title).toBe('Bupati Resmikan Gedung');
    expect(p.deletedAt).toBeNull();
    expect(again.store.notices).toEqual([]);
  });

  it('keeps settings with team ids and refuses stale revisions', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const ws = await call('settings.get', {});
    const ws2 = await call('settings.update', {
      baseRev: ws.rev,
      opd: { fullName: 'Dinas Kesehatan Kabupaten Blora', shortName: 'Dinkes Blora', timeZone: 'WITA' },
      team: [{ name: 'Arsanto Hestu', role: 'penulis' }, { name: 'Kabid IKP', role: 'editor' }],
      language: 'en',
    });
    expect(ws2.team.every((m) => m.id.length > 0)).toBe(true);
    expect(ws2.opd.colors.primary).toBe('#0b5cab');
    // With a team, settings are an admin's (here the editor, as the team has no admin).
    await expect(call('settings.update', { baseRev: ws2.rev, language: 'id' })).rejects.toMatchObject({ code: 'forbidden', params: { reason: 'not_signed_in' } });
    await call('session.signIn', { memberId: ws2.team[0].id });
    await expect(call('settings.update', { baseRev: ws2.rev, language: 'id' })).rejects.toMatchObject({ code: 'forbidden', params: { reason: 'role_admin_only' } });
    await call('session.signIn', { memberId: ws2.team[1].id });
    await expect(call('settings.update', { baseRev: ws.rev, language: 'id' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call('settings.update', { baseRev: ws2.rev, opd: { colors: { primary: 'red' } } } as never)).rejects.toMatchObject({
      code: 'invalid_input',
    });
    const again = await openApi(dir);
    expect((await again.call('settings.get', {})).opd.timeZone).toBe('WITA');
  });

  it('removes temp files left by an interrupted write', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const p = await call('posts.create', {});
    const stray = path.join(store.postsDir, `.${p.id}.json.123.abcdef.tmp`);
    writeFileSync(stray, '{"half":');
    await openApi(dir);
    expect(existsSync(stray)).toBe(false);
  });
});

describe('store: damaged files', () => {
  async function storeWithBackup() {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Judul asli' } });
    const ws = await call('settings.get', {});
    await call('settings.update', { baseRev: ws.rev, opd: { shortName: 'Dinkominfo' } });
    const backup = await call('backups.create', {});
    return { dir, store, post: p, backup };
  }

  for (const [name, damage] of [
    ['empty', () => ''],
    ['truncated', (s: string) => s.slice(0, Math.floor(s.length / 2))],
    ['garbage', () => '\u0000\u0000\u0000binary'],
    ['valid JSON of the wrong shape', () => '{"id": 5}'],
  ] as const) {
    it(`restores a ${name} post file from the newest backup and says so`, async () => {
      const { dir, store, post, backup } = await storeWithBackup();
      const file = path.join(store.postsDir, `${post.id}.json`);
      const damaged = damage(readFileSync(file, 'utf8'));
      writeFileSync(file, damaged);
      const { call, store: reopened } = await openApi(dir);
      expect((await call('posts.get', { id: post.id })).title).toBe('Judul asli');
      const [n] = reopened.notices;
      expect(n).toMatchObject({ kind: 'recovered', file: path.join('posts', `${post.id}.json`), backupId: backup.id });
      expect(existsSync(n.movedTo!)).toBe(true);
      expect(readFileSync(n.movedTo!, 'utf8')).toBe(damaged);
      // The notice persists until dismissed.
      const again = await openApi(dir);
      expect(again.store.notices).toHaveLength(1);
      await again.call('app.dismissNotice', { id: n.id });
      expect((await openApi(dir)).store.notices).toHaveLength(0);
    });
  }

  it('restores the workspace file and never replaces it with defaults silently', async () => {
    const { dir, store } = await storeWithBackup();
    writeFileSync(path.join(store.storeDir, 'workspace.json'), '');
    const { call, store: s2 } = await openApi(dir);
    expect((await call('settings.get', {})).opd.shortName).toBe('Dinkominfo');
    expect(s2.notices[0]).toMatchObject({ kind: 'recovered', file: 'workspace.json' });
  });

  it('without any backup, keeps the damaged file aside and tells the user it is lost', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Tanpa cadangan' } });
    const file = path.join(store.postsDir, `${p.id}.json`);
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.slice(0, 40));
    const { store: s2 } = await openApi(dir);
    expect(s2.notices[0]).toMatchObject({ kind: 'lost', file: path.join('posts', `${p.id}.json`) });
    expect(readFileSync(s2.notices[0].movedTo!, 'utf8')).toBe(original.slice(0, 40));
  });

  it('skips a damaged copy inside the newest backup and uses an older good one', async () => {
    const { dir, store, post, backup } = await storeWithBackup();
    const { call } = await openApi(dir);
    // Changed since the first backup, so the newer one holds its own copy (an unchanged file is shared by hard link).
    await call('posts.update', { id: post.id, baseRev: post.rev, patch: { title: 'Judul kedua' } });
    const newer = await call('backups.create', {});
    const rel = path.join('posts', `${post.id}.json`);
    const inNewer = (await store.backups.fileIn(newer.id, rel))!;
    expect(statSync(inNewer).ino).not.toBe(statSync((await store.backups.fileIn(backup.id, rel))!).ino);
    writeFileSync(inNewer, '{');
    writeFileSync(path.join(store.postsDir, `${post.id}.json`), '');
    const { store: s2 } = await openApi(dir);
    expect(s2.notices[0]).toMatchObject({ kind: 'recovered', backupId: backup.id });
  });
});

describe('store: versions and locks', () => {
  it('refuses a store written by a newer Redaksi and leaves it untouched', async () => {
    const dir = tempDir();
    await openApi(dir);
    const meta = path.join(dir, 'store', 'meta.json');
    writeFileSync(meta, JSON.stringify({ schemaVersion: 99, createdAt: new Date().toISOString() }));
    await expect(Store.open(dir)).rejects.toBeInstanceOf(StoreNewerError);
    expect(JSON.parse(readFileSync(meta, 'utf8')).schemaVersion).toBe(99);
  });

  it('lets one process hold a data folder at a time', async () => {
    const dir = tempDir();
    const release = acquireDataDirLock(dir, 'test');
    const lockFile = path.join(dir, 'redaksi.lock');
    // Same pid counts as another holder only through a live foreign pid: fake one with our parent.
    const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
    writeFileSync(lockFile, JSON.stringify({ ...lock, pid: process.ppid }));
    expect(() => acquireDataDirLock(dir, 'second')).toThrow(DataDirLockedError);
    // A lock whose process is gone is stale and taken over.
    writeFileSync(lockFile, JSON.stringify({ ...lock, pid: 2 ** 22 + 12345 }));
    const release2 = acquireDataDirLock(dir, 'third');
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    release2();
    expect(existsSync(lockFile)).toBe(false);
    release();
  });

  it('reports a write failure as a typed io error and keeps the old content', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Lama' } });
    // Make the posts folder unwritable in a way that holds for root too: it becomes a file.
    const aside = `${store.postsDir}.aside`;
    await fsp.rename(store.postsDir, aside);
    writeFileSync(store.postsDir, 'not a folder');
    try {
      await expect(call('posts.update', { id: p.id, baseRev: p.rev, patch: { title: 'Baru' } })).rejects.toMatchObject({ code: 'io_error' });
      expect((await call('posts.get', { id: p.id })).title).toBe('Lama');
      expect((await call('posts.get', { id: p.id })).rev).toBe(p.rev);
    } finally {
      await fsp.rm(store.postsDir);
      await fsp.rename(aside, store.postsDir);
    }
    expect(JSON.parse(readFileSync(path.join(store.postsDir, `${p.id}.json`), 'utf8')).title).toBe('Lama');
  });
});

describe('purge', () => {
  it('removes the post and every copy of its text (versions, review notes)', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const keep = await call('posts.create', { content: { title: 'Tetap' } });
    const p = await call('posts.create', { content: { title: 'Rahasia', bodyMd: 'Isi rahasia' } });
    await call('posts.update', { id: p.id, baseRev: p.rev, patch: { bodyMd: 'Isi rahasia kedua' } });
    expect(await postVersions(store).ofPost(p.id)).not.toEqual([]);
    await call('posts.trash', { id: p.id });
    await call('posts.purge', { id: p.id });
    expect(await postVersions(store).ofPost(p.id)).toEqual([]);
    expect(await postVersions(store).ofPost(keep.id)).not.toEqual([]);
    const onDisk = readdirSync(path.join(store.storeDir, 'postVersions'), { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'));
    expect(onDisk.join('\n')).not.toContain('rahasia');
  });
});

describe('version history read per post', () => {
  it('reads only the opened post\'s history, and recovers a damaged file from the backups', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const p = await call('posts.create', { content: { title: 'Sejarah' } });
    await call('backups.create', {});
    const versionsDir = path.join(dir, 'store', 'postVersions');
    const [file] = readdirSync(versionsDir).filter((n) => n.endsWith('.json'));
    const good = readFileSync(path.join(versionsDir, file), 'utf8');
    writeFileSync(path.join(versionsDir, file), good.slice(0, 20));

    const { store, call: call2 } = await openApi(dir);
    // Opening did not read the history: no notice yet, the damaged file still in place.
    expect(store.notices).toEqual([]);
    expect(readFileSync(path.join(versionsDir, file), 'utf8')).toBe(good.slice(0, 20));
    // Another post's save does not read it either.
    const other = await call2('posts.create', { content: { title: 'Lain' } });
    await call2('posts.update', { id: other.id, baseRev: other.rev, patch: { title: 'Lain lagi' } });
    expect(readFileSync(path.join(versionsDir, file), 'utf8')).toBe(good.slice(0, 20));
    // Opening this post's history reads it; the damaged file comes back from the backup.
    expect((await call2('posts.versions', { postId: p.id })).map((v) => v.title)).toEqual(['Sejarah']);
    expect(store.notices.map((n) => n.kind)).toEqual(['recovered']);
    expect(readFileSync(path.join(versionsDir, file), 'utf8')).toBe(good);
  });
});
