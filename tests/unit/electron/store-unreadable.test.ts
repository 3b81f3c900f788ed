/**
 * Start-up with a store file that exists but cannot be read (issue 15,
 * item 4). A permission error or a Windows lock cannot be produced by root on
 * Linux, so those are injected at the file-system call (the path and the
 * errno Node reports on Windows for a file held open by another program);
 * a folder in place of a file is real.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eventually, openApi, tempDir } from './helpers';

type Fault = { code: string; times: number; rename?: string };
const faults = new Map<string, Fault>();

function trip(p: unknown, op: 'read' | 'rename'): void {
  const f = faults.get(path.resolve(String(p)));
  if (!f) return;
  const code = op === 'read' ? (f.times > 0 ? f.code : null) : (f.rename ?? null);
  if (!code) return;
  if (op === 'read') f.times--;
  throw Object.assign(new Error(`${code}: operation not permitted, ${op} '${String(p)}'`), { code, errno: -1, syscall: op, path: String(p) });
}

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  const readFileSync = ((p: unknown, ...rest: unknown[]) => {
    trip(p, 'read');
    return (actual.readFileSync as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof actual.readFileSync;
  const promises = {
    ...actual.promises,
    readFile: (async (p: unknown, ...rest: unknown[]) => {
      trip(p, 'read');
      return (actual.promises.readFile as (...a: unknown[]) => unknown)(p, ...rest);
    }) as typeof actual.promises.readFile,
    rename: (async (a: unknown, b: unknown) => {
      trip(a, 'rename');
      return actual.promises.rename(a as string, b as string);
    }) as typeof actual.promises.rename,
  };
  const mod = { ...actual, readFileSync, promises };
  return { ...mod, default: mod };
});

beforeEach(() => faults.clear());

/** A post is read on first use (issue 22): one that cannot be read is recovered off the request path, and answers once that is done. */
async function storeWithPosts() {
  const dir = tempDir();
  const { call, store } = await openApi(dir);
  const a = await call('posts.create', { content: { title: 'Pos A' } });
  const b = await call('posts.create', { content: { title: 'Pos B' } });
  const c = await call('posts.create', { content: { title: 'Pos C' } });
  const ws = await call('settings.get', {});
  await call('settings.update', { baseRev: ws.rev, opd: { shortName: 'Dinkominfo' } });
  const backup = await call('backups.create', {});
  const fileOf = (id: string) => path.join(store.postsDir, `${id}.json`);
  return { dir, store, a, b, c, backup, fileOf };
}

describe('store: a file that cannot be read at start', () => {
  it('a brief lock (EBUSY twice) is waited out: everything opens, nothing is reported', async () => {
    const { dir, a, fileOf } = await storeWithPosts();
    faults.set(fileOf(a.id), { code: 'EBUSY', times: 2 });
    const { call, store } = await openApi(dir);
    expect((await call('posts.get', { id: a.id })).title).toBe('Pos A');
    expect(store.notices).toEqual([]);
  });

  it('a permission error (EACCES) that stays: moved aside, restored from the backup, reported; the rest opens', async () => {
    const { dir, a, b, c, backup, fileOf } = await storeWithPosts();
    faults.set(fileOf(b.id), { code: 'EACCES', times: 99 });
    const { call, store } = await openApi(dir);
    expect((await call('posts.list', {})).total).toBe(3);
    expect((await call('posts.get', { id: a.id })).title).toBe('Pos A');
    expect((await eventually(() => call('posts.get', { id: b.id }))).title).toBe('Pos B');
    expect((await call('posts.get', { id: c.id })).title).toBe('Pos C');
    expect(store.notices).toHaveLength(1);
    expect(store.notices[0]).toMatchObject({ kind: 'recovered', file: path.join('posts', `${b.id}.json`), backupId: backup.id, detail: 'unreadable (EACCES)' });
    expect(existsSync(store.notices[0].movedTo!)).toBe(true);
  });

  it('a file locked by another program (EBUSY on read and on move): skipped and reported, left untouched, the rest opens', async () => {
    const { dir, a, b, c, fileOf } = await storeWithPosts();
    const before = readFileSync(fileOf(c.id), 'utf8');
    faults.set(fileOf(c.id), { code: 'EBUSY', times: 99, rename: 'EBUSY' });
    const { call, store } = await openApi(dir);
    expect((await call('posts.get', { id: a.id })).title).toBe('Pos A');
    expect((await call('posts.get', { id: b.id })).title).toBe('Pos B');
    await expect(call('posts.get', { id: c.id })).rejects.toMatchObject({ code: 'not_found' });
    await eventually(async () => expect(store.notices).toHaveLength(1));
    expect(store.notices[0]).toMatchObject({ kind: 'unreadable', file: path.join('posts', `${c.id}.json`) });
    expect(store.notices[0].detail).toContain('EBUSY');
    faults.clear();
    expect(readFileSync(fileOf(c.id), 'utf8')).toBe(before);
  });

  it('the workspace file locked for good is skipped, never replaced by defaults', async () => {
    const { dir, store: first } = await storeWithPosts();
    const wsFile = path.join(first.storeDir, 'workspace.json');
    const before = readFileSync(wsFile, 'utf8');
    faults.set(wsFile, { code: 'EPERM', times: 99, rename: 'EPERM' });
    const { store } = await openApi(dir);
    expect(store.notices[0]).toMatchObject({ kind: 'unreadable', file: 'workspace.json' });
    faults.clear();
    expect(readFileSync(wsFile, 'utf8')).toBe(before);
  });

  it('a folder in place of a post file and of the workspace file: moved aside, both restored from the backup', async () => {
    const { dir, store: first, b, fileOf } = await storeWithPosts();
    rmSync(fileOf(b.id));
    mkdirSync(fileOf(b.id));
    const wsFile = path.join(first.storeDir, 'workspace.json');
    rmSync(wsFile);
    mkdirSync(wsFile);
    const { call, store } = await openApi(dir);
    expect((await call('posts.get', { id: b.id })).title).toBe('Pos B');
    expect((await call('settings.get', {})).opd.shortName).toBe('Dinkominfo');
    expect(store.notices.map((n) => [n.kind, n.file]).sort()).toEqual([
      ['recovered', path.join('posts', `${b.id}.json`)],
      ['recovered', 'workspace.json'],
    ]);
    expect(statSync(fileOf(b.id)).isFile()).toBe(true);
  });
});
