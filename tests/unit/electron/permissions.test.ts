/**
 * Files and folders for this user alone, backups as durable as the store
 * (issue 15, item 7).
 */
import { promises as fsp, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDataFolder } from '@core/data-folder';
import { tempDir } from './helpers';

const umask = process.umask();
afterEach(() => {
  process.umask(umask);
});

const mode = (p: string) => statSync(p).mode & 0o777;

describe.skipIf(process.platform === 'win32')('data folder permissions (POSIX)', () => {
  it('folders are 0700 and files 0600, including the lock, the store, backups and exports; an old 0755 data folder is closed', async () => {
    process.umask(0o022);
    const dir = path.join(tempDir(), 'Redaksi');
    await fsp.mkdir(dir, { mode: 0o755 });
    const folder = await openDataFolder(dir, 'test');
    try {
      const { createDispatcher } = await import('@core/api/dispatch');
      const dispatch = createDispatcher({ store: folder.store, dataDir: dir, version: 'test', transport: 'http', services: {}, log: () => undefined });
      expect((await dispatch('posts.create', { content: { title: 'Izin berkas' } })).ok).toBe(true);
      await folder.store.backups.create('manual');
      await fsp.mkdir(path.join(dir, 'exports'), { recursive: true });
      await fsp.writeFile(path.join(dir, 'exports', 'x.csv'), 'a');
      expect(mode(dir)).toBe(0o700);
      expect(mode(path.join(dir, 'redaksi.lock'))).toBe(0o600);
      const all = readdirSync(dir, { recursive: true, withFileTypes: true });
      expect(all.length).toBeGreaterThan(5);
      for (const e of all) {
        const p = path.join(e.parentPath, e.name);
        expect(mode(p), p).toBe(e.isDirectory() ? 0o700 : 0o600);
      }
    } finally {
      await folder.close();
    }
  });
});

describe('backups', () => {
  it('a backup that fails half-way leaves no partial folder behind', async () => {
    const dir = tempDir();
    const folder = await openDataFolder(dir, 'test');
    try {
      // The disk fills up while file contents are stored: the write fails after the folder was started.
      const realOpen = fsp.open;
      const spy = vi.spyOn(fsp, 'open').mockImplementation(((file: string, ...rest: [string?, number?]) =>
        String(file).includes(`${path.sep}blobs${path.sep}`)
          ? Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }))
          : realOpen(file, ...rest)) as typeof fsp.open);
      try {
        await expect(folder.store.backups.create('manual')).rejects.toThrow(/ENOSPC/);
      } finally {
        spy.mockRestore();
      }
      const left = readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('.partial'));
      expect(left).toEqual([]);
    } finally {
      await folder.close();
    }
  });

  it('every copied file and folder is fsynced before the backup is put in place', async () => {
    const dir = tempDir();
    const folder = await openDataFolder(dir, 'test');
    try {
      const probe = await fsp.open(path.join(dir, 'redaksi.lock'), 'r');
      const proto = Object.getPrototypeOf(probe) as { sync: () => Promise<void> };
      await probe.close();
      const original = proto.sync;
      let syncs = 0;
      proto.sync = function (this: unknown) {
        syncs++;
        return original.call(this);
      };
      try {
        await folder.store.backups.create('manual');
      } finally {
        proto.sync = original;
      }
      const [b] = await folder.store.backups.list();
      const copied = [
        ...readdirSync(path.join(dir, 'backups', b.id), { recursive: true, withFileTypes: true }),
        ...readdirSync(path.join(dir, 'backups', 'blobs'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()),
      ];
      // Each file of the snapshot and each stored content, plus the backup folder itself.
      expect(syncs).toBeGreaterThanOrEqual(copied.length + 1);
    } finally {
      await folder.close();
    }
  });
});
