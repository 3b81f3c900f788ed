/**
 * The receiving PC of the first-sync bench (issue 13), alone in its process:
 * `<hubUrl> <slug> <dataDir> <posts> <comments> <photos>`. A new PC signs in
 * to the hub and pulls the OPD-year; meanwhile a person uses the app (a
 * `posts.list` every 250 ms). Prints one JSON line: wall and CPU time until
 * every record is in the store, until every photo has its desk preview, the
 * peak RSS of this process, and the `posts.list` latencies during the sync.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '@core/core';
import type { SyncEngine } from '@core/sync/engine';
import type { HubLink } from '@core/sync/hub-link';
import { hubRequest } from '@core/sync/hub/probe';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import { percentile } from './stats';

const [hubUrl, slug, dataDir, posts, comments, photos] = process.argv.slice(2);
const nPosts = Number(posts);
const nComments = Number(comments);
const nPhotos = Number(photos);

async function main(): Promise<void> {
  const rssFloorMB = process.memoryUsage().rss / 1024 ** 2;
  const remotes = new Map<string, PouchDatabase>();
  // Requests to the hub by kind (_changes, _revs_diff, _bulk_get, _local checkpoints, …).
  let requests = 0;
  const byKind: Record<string, number> = {};
  // Over the fetch the app's hub account uses (hubRequest: Node's fetch, connections kept alive), not PouchDB's node-fetch.
  const pouchFetch = async (url: string, opts: { method?: string; headers?: { forEach(cb: (v: string, k: string) => void): void }; body?: unknown; signal?: AbortSignal } = {}) => {
    const headers: Record<string, string> = {};
    opts.headers?.forEach((v, k) => (headers[k] = v));
    requests++;
    const kind = /\/(_[a-z_]+)/.exec(new URL(url).pathname)?.[1] ?? 'doc';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const res = await hubRequest(url, { method: opts.method, headers, body: opts.body as BodyInit | undefined, signal: opts.signal });
    return Object.assign(res, { buffer: async () => Buffer.from(await res.arrayBuffer()) });
  };
  const Remote = PouchDB as unknown as new (name: string, opts: { fetch: typeof pouchFetch }) => PouchDatabase;
  const link: HubLink = {
    remote: (db) => remotes.get(db) ?? remotes.set(db, new Remote(`${hubUrl}/${db}`, { fetch: pouchFetch })).get(db)!,
    opdSlug: () => slug,
    onChange: () => () => undefined,
  };
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1e6;
  };
  // Linux: the anonymous (heap) part of the RSS apart from mapped files (leveldb maps its tables; the kernel drops those pages first).
  let peakAnonMB = 0;
  const anonMB = () => {
    try {
      const m = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
      return m ? Number(m[1]) / 1024 : 0;
    } catch {
      return 0;
    }
  };
  const sampler = setInterval(() => (peakAnonMB = Math.max(peakAnonMB, anonMB())), 100);
  const t0 = performance.now();
  const core = await createCore({ dataDir, owner: 'test', version: 'bench', transport: 'http', log: () => undefined, services: { hubLink: link } });
  const engine = core.ctx.services.sync as SyncEngine;
  const store = core.store;

  // A person browsing the post list while the PC fills.
  const listMs: number[] = [];
  let listing = true;
  const lister = (async () => {
    while (listing) {
      const s = performance.now();
      const r = await core.dispatch('posts.list', { limit: 50 });
      if (!r.ok) throw new Error(`posts.list: ${r.error.message}`);
      listMs.push(performance.now() - s);
      await new Promise((r) => setTimeout(r, 250));
    }
  })();

  const recordsIn = () => store.posts.size === nPosts && store.collections.reviewComments.size === nComments && store.collections.media.size === nPhotos;
  await waitFor(recordsIn, 1_800_000);
  await engine.idle();
  const recordsS = (performance.now() - t0) / 1000;
  const recordsCpuS = cpu();
  const previews = path.join(dataDir, 'media', 'previews');
  const thumbs = path.join(dataDir, 'media', 'thumbs');
  const count = (d: string) => (existsSync(d) ? readdirSync(d).length : 0);
  await waitFor(() => count(previews) >= nPhotos && count(thumbs) >= nPhotos, 1_800_000, 200);
  const allS = (performance.now() - t0) / 1000;
  const allCpuS = cpu();
  listing = false;
  await lister;
  clearInterval(sampler);
  const originals = count(path.join(dataDir, 'media', 'originals'));
  await core.close();
  console.log(
    JSON.stringify({
      recordsS,
      recordsCpuS,
      allS,
      allCpuS,
      // The kernel's high-water mark of this process (KB), so no short peak between samples is missed.
      peakRssMB: process.resourceUsage().maxRSS / 1024,
      rssFloorMB,
      peakAnonMB,
      listP50: percentile(listMs, 50),
      listP95: percentile(listMs, 95),
      listMax: Math.max(...listMs),
      lists: listMs.length,
      originals,
      requests,
      byKind,
    }),
  );
}

async function waitFor(check: () => boolean, timeoutMs: number, everyMs = 10): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('sync first-sync bench: timed out');
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
