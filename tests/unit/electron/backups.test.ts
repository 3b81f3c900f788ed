import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupsToKeep } from '@core/store/backups';
import { openApi, tempDir } from './helpers';

describe('backup rotation', () => {
  it('keeps the newest ten and one a day for two weeks', () => {
    const now = new Date('2026-11-24T12:00:00Z');
    const list: { id: string; createdAt: string }[] = [];
    // Every 6 hours for 30 days.
    for (let h = 0; h < 30 * 24; h += 6) {
      const at = new Date(now.getTime() - h * 3_600_000);
      list.push({ id: `b${h}`, createdAt: at.toISOString() });
    }
    const keep = backupsToKeep(list, now);
    for (let h = 0; h < 60; h += 6) expect(keep.has(`b${h}`), `recent b${h}`).toBe(true);
    // The newest of each day within 14 days: 12:00 today is b0; earlier days' newest is 18:00.
    const days = new Set([...keep].map((id) => list.find((b) => b.id === id)!.createdAt.slice(0, 10)));
    expect(days.size).toBe(15); // today plus the 14 days before, within the window boundary
    expect(keep.has(`b${29 * 24}`)).toBe(false);
    expect(keep.size).toBe(10 + 14 - 2); // today's and yesterday's newest are among the recent ten
  });
});

describe('backups and restore', () => {
  it('restores an earlier state, after backing up the current one', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    const a = await call('posts.create', { content: { title: 'Sebelum' } });
    const before = await call('backups.create', {});
    await call('posts.update', { id: a.id, baseRev: a.rev, patch: { title: 'Sesudah' } });
    const b = await call('posts.create', { content: { title: 'Baru' } });

    const res = await call('backups.restore', { id: before.id });
    expect(res.safetyBackup.reason).toBe('before-restore');
    expect((await call('posts.get', { id: a.id })).title).toBe('Sebelum');
    await expect(call('posts.get', { id: b.id })).rejects.toMatchObject({ code: 'not_found' });
    expect((await call('app.info', {})).notices.map((n) => n.kind)).toContain('restored');

    // And back again: the safety backup holds what was replaced.
    await call('backups.restore', { id: res.safetyBackup.id });
    expect((await call('posts.get', { id: a.id })).title).toBe('Sesudah');
    expect((await call('posts.get', { id: b.id })).title).toBe('Baru');
    expect(readdirSync(dir).filter((n) => n.startsWith('store.'))).toEqual([]);
  });

  it('refuses a damaged backup without touching the live data', async () => {
    const dir = tempDir();
    const { call, store } = await openApi(dir);
    const a = await call('posts.create', { content: { title: 'Hidup' } });
    const bk = await call('backups.create', {});
    writeFileSync((await store.backups.fileIn(bk.id, path.join('posts', `${a.id}.json`)))!, '{"trunc');
    await expect(call('backups.restore', { id: bk.id })).rejects.toMatchObject({ code: 'io_error' });
    expect((await call('posts.get', { id: a.id })).title).toBe('Hidup');
    await expect(call('backups.restore', { id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists only complete backups', async () => {
    const dir = tempDir();
    const { call } = await openApi(dir);
    await call('posts.create', {});
    const bk = await call('backups.create', {});
    const partial = path.join(dir, 'backups', '.20260101-000000-000-aaaa.partial');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(partial);
    expect((await call('backups.list', {})).map((b) => b.id)).toEqual([bk.id]);
    expect(existsSync(path.join(dir, 'backups', bk.id, 'manifest.json'))).toBe(true);
  });
});
