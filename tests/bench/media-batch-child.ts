/**
 * Runs one 50-photo batch in a fresh process (spawned by tests/bench/media.ts)
 * so its peak memory is not inflated by the benchmark's own setup (generating
 * and importing the photos). Prints one JSON line with the figures.
 */
import { openBatchService, runBatch } from './media-batch-run';

const { ids, svc } = await openBatchService(process.argv[2]);
const rssBefore = process.memoryUsage().rss;
let peak = rssBefore;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
let lagMax = 0;
const lags: number[] = [];
let last = performance.now();
const lagTimer = setInterval(() => {
  const now = performance.now();
  const lag = Math.max(0, now - last - 10);
  lags.push(lag);
  lagMax = Math.max(lagMax, lag);
  last = now;
}, 10);
const t0 = performance.now();
await runBatch(svc, ids);
const ms = performance.now() - t0;
clearInterval(sampler);
clearInterval(lagTimer);
lags.sort((a, b) => a - b);
console.log(JSON.stringify({ photos: ids.length, ms, peakRss: peak, rssBefore, lagMax, lagP99: lags[Math.floor(lags.length * 0.99)] ?? 0 }));
await svc.stop();
process.exit(0);
