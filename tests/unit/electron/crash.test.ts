import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@core/store/store';
import { bodyFor } from './fixtures/bodies';
import { acksUntilKilled } from './child';
import { tempDir, bundleFixture } from './helpers';

const KILLS = Number(process.env.REDAKSI_CRASH_KILLS ?? 30);

let script = '';
beforeAll(async () => {
  script = await bundleFixture('crash-writer');
});

const runAndKill = (dir: string, seed: number, afterMs: number) => acksUntilKilled(script, dir, seed, afterMs);

describe('durable store under SIGKILL', () => {
  it(`keeps every acknowledged write across ${KILLS} kills at random moments`, async () => {
    const dir = tempDir('redaksi-crash-');
    const acked = new Map<string, number>();
    let totalAcks = 0;
    for (let k = 0; k < KILLS; k++) {
      const got = await runAndKill(dir, k, 20 + Math.floor(Math.random() * 250));
      totalAcks += got.size;
      for (const [id, rev] of got) acked.set(id, Math.max(acked.get(id) ?? 0, rev));

      // Every file on disk parses, with no temp leftovers counted as data.
      const postsDir = path.join(dir, 'store', 'posts');
      for (const name of readdirSync(postsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.'))) {
        expect(() => JSON.parse(readFileSync(path.join(postsDir, name), 'utf8')), name).not.toThrow();
      }
      const store = await Store.open(dir);
      expect(store.notices, 'no file needed recovery').toEqual([]);
      for (const [id, rev] of acked) {
        const p = store.posts.get(id);
        expect(p, `acknowledged post ${id} exists`).toBeDefined();
        expect(p!.rev, `post ${id} keeps acknowledged rev`).toBeGreaterThanOrEqual(rev);
        expect(p!.bodyMd, `post ${id} body matches its rev`).toBe(bodyFor(id, p!.rev));
      }
      // The summary index (appended without fsync, torn by the kill) is repaired at open: it lists what the files hold.
      for (const s of store.posts.summaries()) expect(s.rev, `summary of ${s.id}`).toBe(store.posts.get(s.id)!.rev);
      expect(store.posts.summaries().length).toBe(readdirSync(postsDir).filter((n) => n.endsWith('.json') && !n.startsWith('.')).length);
    }
    expect(totalAcks).toBeGreaterThan(KILLS);
  }, 180_000);
});
