import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTempName } from '@core/store/durable-file';
import { Store } from '@core/store/store';
import { bodyFor } from './fixtures/bodies';
import { acksUntilKilled } from './child';
import { bundleFixture, tempDir } from './helpers';

const KILLS = Number(process.env.REDAKSI_CRASH_KILLS ?? 20);

let script = '';
beforeAll(async () => {
  script = await bundleFixture('batch-writer');
});

const runAndKill = (dir: string, seed: number, afterMs: number) => acksUntilKilled(script, dir, seed, afterMs);

describe('group commit (Collection.putMany) under SIGKILL', () => {
  it(`keeps every acknowledged record of every batch across ${KILLS} kills at random moments`, async () => {
    const dir = tempDir('redaksi-batch-crash-');
    const acked = new Map<string, number>();
    let totalAcks = 0;
    const copies: string[] = [];
    for (let k = 0; k < KILLS; k++) {
      const got = await runAndKill(dir, k, 30 + Math.floor(Math.random() * 300));
      totalAcks += got.size;
      for (const [id, rev] of got) acked.set(id, Math.max(acked.get(id) ?? 0, rev));

      // Every file on disk parses: a batch killed half-way leaves each file old or new, never torn.
      const postsDir = path.join(dir, 'store', 'posts');

      for (const name of readdirSync(postsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
        expect(() => JSON.parse(readFileSync(path.join(postsDir, name), 'utf8')), name).not.toThrow();
      }
      // Checked on a copy of its own each round: a Store has background work (index checks, seals) and no close;
      // the next writer must have the folder to itself (as the app's data-folder lock guarantees), and so must
      // the next round's check (a folder made again at the same path could get this Store's late index writes).
      const copy = `${dir}-check-${k}`;
      copies.push(copy);
      cpSync(dir, copy, { recursive: true });
      const copyPosts = () => path.join(copy, 'store', 'posts');
      const store = await Store.open(copy);
      expect(store.notices, 'no file needed recovery').toEqual([]);
      expect(readdirSync(copyPosts()).filter(isTempName), 'temp files of the killed batch removed at open').toEqual([]);
      for (const [id, rev] of acked) {
        const p = store.posts.get(id);
        expect(p, `acknowledged post ${id} exists`).toBeDefined();
        expect(p!.rev, `post ${id} keeps acknowledged rev`).toBeGreaterThanOrEqual(rev);
        expect(p!.bodyMd, `post ${id} body matches its rev`).toBe(bodyFor(id, p!.rev));
      }
      // The summary index lists exactly what the files hold, also for the part of a batch the kill cut off.
      for (const s of store.posts.summaries()) expect(s.rev, `summary of ${s.id}`).toBe(store.posts.get(s.id)!.rev);
      expect(store.posts.summaries().length).toBe(readdirSync(copyPosts()).filter((n) => n.endsWith('.json') && !n.startsWith('.')).length);
    }
    expect(totalAcks).toBeGreaterThan(KILLS * 5);
    for (const c of copies) rmSync(c, { recursive: true, force: true });
  }, 240_000);
});
