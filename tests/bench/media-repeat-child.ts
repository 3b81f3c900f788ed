/**
 * Runs 20 batches back to back in a fresh process (spawned by
 * tests/bench/media.ts) over the photos of a data folder, each from scratch
 * (rendition cache emptied), and prints one JSON line with the resident
 * memory after each batch (after a full GC): a leak shows as a rising line.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { openBatchService, runBatch } from './media-batch-run';

const dir = process.argv[2];
const perBatch = Number(process.argv[3] ?? 3);
const batches = Number(process.argv[4] ?? 20);
const opened = await openBatchService(dir);
const ids = opened.ids.slice(0, perBatch);
const svc = opened.svc;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const rss: number[] = [];
const times: number[] = [];
for (let b = 0; b < batches; b++) {
  rmSync(path.join(dir, 'media', 'renditions'), { recursive: true, force: true });
  const t0 = performance.now();
  await runBatch(svc, ids, true);
  times.push(performance.now() - t0);
  // Past the idle time of the decode caches' timers is not waited for: what they hold is bounded, and counted here.
  gc();
  await new Promise((r) => setTimeout(r, 100));
  rss.push(process.memoryUsage().rss);
}
console.log(JSON.stringify({ perBatch, batches, rss, times }));
await svc.stop();
process.exit(0);
