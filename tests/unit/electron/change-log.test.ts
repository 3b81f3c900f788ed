import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChangeLog } from '@core/change-log';
import { openApi } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function setup() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-changes-'));
  dirs.push(dir);
  const api = await openApi(dir);
  const log = new ChangeLog(api.ctx);
  api.ctx.services.changeLog = log;
  log.start();
  return { ...api, log };
}

describe('app.changes (the UI refresh feed)', () => {
  it('a first look hands out the epoch; then each write is reported once, with its collection', async () => {
    const { call, log } = await setup();
    const hello = await call('app.changes', { since: 0, waitMs: 0 });
    expect(hello).toMatchObject({ epoch: log.epoch, seq: 0, reset: true, changes: [] });

    const post = await call('posts.create', { content: { title: 'Satu' } });
    const r = await call('app.changes', { epoch: hello.epoch, since: hello.seq, waitMs: 0 });
    expect(r.reset).toBe(false);
    expect(r.changes).toContainEqual({ collection: 'posts', id: post.id });
    const again = await call('app.changes', { epoch: r.epoch, since: r.seq, waitMs: 0 });
    expect(again.changes).toEqual([]);
    log.stop();
  });

  it('waits for the next write and answers as soon as it is durable', async () => {
    const { call, log } = await setup();
    const hello = await call('app.changes', { since: 0, waitMs: 0 });
    const waiting = call('app.changes', { epoch: hello.epoch, since: hello.seq, waitMs: 10_000 });
    let answered = false;
    void waiting.then(() => (answered = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(answered).toBe(false);
    const started = Date.now();
    const post = await call('posts.create', { content: { title: 'Dua' } });
    const r = await waiting;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.changes.map((c) => c.id)).toContain(post.id);
    log.stop();
  });

  it('an empty wait ends with no changes; stopping answers every waiter', async () => {
    const { call, log } = await setup();
    const hello = await call('app.changes', { since: 0, waitMs: 0 });
    const r = await call('app.changes', { epoch: hello.epoch, since: hello.seq, waitMs: 30 });
    expect(r).toMatchObject({ seq: hello.seq, reset: false, changes: [] });
    const pending = call('app.changes', { epoch: hello.epoch, since: hello.seq, waitMs: 20_000 });
    log.stop();
    await expect(pending).resolves.toMatchObject({ changes: [] });
  });

  it('another epoch (the host started again) or a number from the future means: reload everything', async () => {
    const { call, log } = await setup();
    expect((await call('app.changes', { epoch: 'old-start', since: 5, waitMs: 0 })).reset).toBe(true);
    expect((await call('app.changes', { epoch: log.epoch, since: 99, waitMs: 0 })).reset).toBe(true);
    log.stop();
  });

  it('a reader too far behind is told to reload rather than sent a huge list', async () => {
    const { call, log } = await setup();
    const hello = await call('app.changes', { since: 0, waitMs: 0 });
    for (let i = 0; i < 210; i++) await call('posts.create', { content: { title: `Berita ${i}` } });
    const r = await call('app.changes', { epoch: hello.epoch, since: hello.seq, waitMs: 0 });
    expect(r.reset).toBe(true);
    expect(r.changes).toEqual([]);
    log.stop();
  });
});
