import { opendir } from 'node:fs/promises';

/**
 * Long loops over every post or file (tens of thousands of small steps) run
 * in slices: `await pause()` after each step gives the event loop back once
 * the job's slice has passed, so that no request waits long behind the loop
 * (issue 22: no request waits more than 100 ms behind another). Resolves to
 * true when it did yield, so a caller can check whether the world changed.
 *
 * Jobs running at the same time share one slice per turn of the loop: each
 * one's slice is `sliceMs` divided by the jobs that gave the loop back in the
 * last RECENT_MS (never under MIN_SLICE_MS). Before, each took a full 8 ms
 * per turn and a request waited for all of them: measured at 100k posts with
 * a start's save, backup, search index build and history check at once, the
 * p99 wait went from 60–69 to 24 ms with this alone.
 */
const MIN_SLICE_MS = 1;
const RECENT_MS = 50;

/** Sliced jobs that gave the loop back lately, with when. */
const recent = new Map<object, number>();

/** Jobs sharing the loop now (this one included), forgetting ones not seen lately. */
function sharers(now: number): number {
  let n = 0;
  for (const [job, at] of recent) {
    if (now - at > RECENT_MS) recent.delete(job);
    else n++;
  }
  return Math.max(1, n);
}

export function slicer(sliceMs = 8): () => Promise<boolean> {
  const job = {};
  let started = performance.now();
  return async () => {
    const now = performance.now();
    const ran = now - started;
    if (ran < MIN_SLICE_MS || ran < sliceMs / sharers(now)) return false;
    recent.set(job, now);
    await new Promise((r) => setImmediate(r));
    started = performance.now();
    recent.set(job, started);
    return true;
  };
}

/**
 * The names in a folder, read a batch at a time with the loop given back
 * between batches: one `readdir` of a 100k-entry folder makes all its names
 * in one go on the main thread (with the collection after it, 50–100 ms at
 * 100k posts, during which no request is answered).
 */
export async function namesIn(dir: string): Promise<string[]> {
  const pause = slicer();
  const names: string[] = [];
  for await (const e of await opendir(dir, { bufferSize: 256 })) {
    names.push(e.name);
    await pause();
  }
  return names;
}
