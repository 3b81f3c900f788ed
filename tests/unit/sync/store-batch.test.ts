import { describe, expect, it } from 'vitest';
import { StoreBatch } from '@core/sync/store-batch';

type Commit = { name: string; recs: number[] };

function batcher(writers: () => number, fail: (n: number) => Error | null = () => null) {
  const commits: Commit[] = [];
  const batch = new StoreBatch<string, number>(
    async (name, recs) => {
      commits.push({ name, recs: [...recs] });
      return recs.map(fail);
    },
    writers,
    20,
  );
  return { batch, commits };
}

describe('StoreBatch (records from the hub committed together)', () => {
  it('commits once every reconcile under way is waiting, one commit per collection', async () => {
    let writers = 3;
    const { batch, commits } = batcher(() => writers);
    const a = batch.put('posts', 1);
    const b = batch.put('reviewComments', 2);
    await new Promise((r) => setTimeout(r, 5));
    expect(commits, 'two of three writers waiting: nothing written yet').toEqual([]);
    const c = batch.put('posts', 3);
    await Promise.all([a, b, c]);
    expect(commits).toEqual([
      { name: 'posts', recs: [1, 3] },
      { name: 'reviewComments', recs: [2] },
    ]);
    writers = 0;
  });

  it('does not wait for a writer that finished without a record, nor longer than its pause', async () => {
    let writers = 2;
    const { batch, commits } = batcher(() => writers);
    const a = batch.put('posts', 1);
    writers = 1;
    batch.check();
    await a;
    expect(commits).toEqual([{ name: 'posts', recs: [1] }]);
    writers = 5;
    const t0 = Date.now();
    await batch.put('posts', 2);
    expect(Date.now() - t0, 'committed after the pause though four writers never came').toBeLessThan(1000);
    expect(commits[1]).toEqual({ name: 'posts', recs: [2] });
  });

  it('a record left out of its commit (changed here meanwhile) fails alone; a failed commit fails all of its records', async () => {
    const { batch } = batcher(() => 2, (n) => (n === 2 ? new Error('changed here meanwhile') : null));
    const results = await Promise.allSettled([batch.put('posts', 1), batch.put('posts', 2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const broken = new StoreBatch<string, number>(() => Promise.reject(new Error('disk full')), () => 2, 20);
    const all = await Promise.allSettled([broken.put('posts', 1), broken.put('posts', 2)]);
    expect(all.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
