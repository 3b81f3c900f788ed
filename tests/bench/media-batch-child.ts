/**
 * Runs one 50-photo batch in a fresh process (spawned by tests/bench/media.ts)
 * so its peak memory is not inflated by the benchmark's own setup (generating
 * and importing the photos). Prints one JSON line with the figures.
 */
import { Store } from '@core/store/store';
import { MediaBatchService } from '@core/media/batch';
import { PRESET_IDS } from '@shared/media/presets';

const dir = process.argv[2];
const store = await Store.open(dir);
const ctx = { store, dataDir: dir, version: 'bench', transport: 'http' as const, services: {}, log: console.error };
const ids = store.collections.media.all().map((p) => p.id);
const svc = new MediaBatchService(ctx);
svc.start();
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
const jobId = svc.startJob(ids, PRESET_IDS, {});
for (;;) {
  const s = svc.status(jobId);
  if (s.state !== 'running') {
    if (s.errors.length) throw new Error(`batch errors: ${JSON.stringify(s.errors.slice(0, 3))}`);
    break;
  }
  await new Promise((r) => setTimeout(r, 50));
}
const ms = performance.now() - t0;
clearInterval(sampler);
clearInterval(lagTimer);
lags.sort((a, b) => a - b);
console.log(JSON.stringify({ photos: ids.length, ms, peakRss: peak, rssBefore, lagMax, lagP99: lags[Math.floor(lags.length * 0.99)] ?? 0 }));
await svc.stop();
process.exit(0);
