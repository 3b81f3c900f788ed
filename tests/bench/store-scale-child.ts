/**
 * One fresh process of the store-scale bench: `<redaksi|lowdb> <dir> <task>`;
 * prints one JSON line of figures. Timings start after the modules are loaded.
 */
import { copyFileSync, promises as fsp, statSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { PerformanceObserver } from 'node:perf_hooks';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { createDispatcher } from '@core/api/dispatch';
import { openDataFolder } from '@core/data-folder';
import { postSearch } from '@core/store/post-search';
import type { Post } from '@shared/domain/post';
import { percentile } from './stats';

const [kind, dir, task] = process.argv.slice(2);
const QUERY = 'randublatung';

function summaryOf(p: Post) {
  return { id: p.id, title: p.title, status: p.status, updatedAt: p.updatedAt, createdAt: p.createdAt, category: p.category };
}

/**
 * "No request waits more than 100 ms behind another": while `work` runs (all
 * at once), a cheap request is due every 10 ms. Requests arrive on their own,
 * as over HTTP: every one due by the time the loop is free is sent then, and
 * its wait counts from when it was due, so a blocked event loop shows.
 */
async function waitsWhile(probe: () => Promise<unknown>, work: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  const waits: number[] = [];
  const worst: [number, number][] = [];
  /** Probes sent late because the loop reached its timers late (due, lateness): a blocked loop, not a slow answer. */
  const late: [number, number][] = [];
  let stop = false;
  const t0 = performance.now();
  let due = t0;
  const probes: Promise<void>[] = [];
  const tick = () => {
    if (stop) return;
    for (const now = performance.now(); due <= now; due += 10) {
      const sent = due;
      if (process.env.REDAKSI_BENCH_DEBUG && now - sent > 50) late.push([Math.round(sent - t0), Math.round(now - sent)]);
      probes.push(
        probe().then(() => {
          const w = performance.now() - sent;
          waits.push(w);
          worst.push([Math.round(sent - t0), Math.round(w)]);
        }),
      );
    }
    setTimeout(tick, Math.max(0, due - performance.now()));
  };
  setTimeout(tick, 0);
  // With REDAKSI_BENCH_DEBUG: the garbage collections over 20 ms, at their time from the start (to set beside the worst waits).
  const gcs: [number, number][] = [];
  const gcWatch = process.env.REDAKSI_BENCH_DEBUG
    ? new PerformanceObserver((l) => l.getEntries().forEach((e) => e.duration > 20 && gcs.push([Math.round(e.startTime - t0), Math.round(e.duration)])))
    : null;
  gcWatch?.observe({ entryTypes: ['gc'] });
  const c0 = process.cpuUsage();
  const done: Record<string, number> = {};
  await Promise.all(Object.entries(work).map(([name, run]) => run().then(() => void (done[name] = Math.round(performance.now() - t0)))));
  const busyMs = performance.now() - t0;
  const used = process.cpuUsage(c0);
  stop = true;
  await Promise.all(probes);
  gcWatch?.disconnect();
  if (process.env.REDAKSI_BENCH_DEBUG) console.error(JSON.stringify({ done, worst: worst.sort((a, b) => b[1] - a[1]).slice(0, 8), late: late.sort((a, b) => b[1] - a[1]).slice(0, 8), gcs }));
  return {
    contentionBusyMs: busyMs,
    contentionCpuMs: (used.user + used.system) / 1000,
    contentionProbes: waits.length,
    contentionWaitMax: Math.max(...waits),
    contentionWaitP99: percentile(waits, 99),
  };
}

/** Runs `fn`, with a CPU profile of it written to `file` when one is given. */
async function profiled<T>(file: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!file) return fn();
  const inspector = new Session();
  inspector.connect();
  await inspector.post('Profiler.enable');
  await inspector.post('Profiler.setSamplingInterval', { interval: 100 });
  await inspector.post('Profiler.start');
  try {
    return await fn();
  } finally {
    const { profile } = await inspector.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    inspector.disconnect();
  }
}

async function redaksi(): Promise<Record<string, number>> {
  // The floor: this process with the app's store, API and handler modules loaded, before anything is opened.
  const rssFloorMB = process.memoryUsage().rss / 1024 ** 2;
  const heapFloorMB = process.memoryUsage().heapUsed / 1024 ** 2;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  // As the app opens it: lock, store, background warm-up of the history index.
  const folder = await openDataFolder(dir, 'bench');
  const { store } = folder;
  const dispatch = createDispatcher({ store, dataDir: dir, version: 'bench', transport: 'http', services: {}, log: console.error });
  const call = async (m: string, input: unknown) => {
    const r = await dispatch(m, input);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as never;
  };
  const page = (await call('posts.list', { limit: 50 })) as { items: { id: string }[] };
  const openMs = performance.now() - t0;
  const cpuOpen = process.cpuUsage(cpu0);
  const openCpuMs = (cpuOpen.user + cpuOpen.system) / 1000;
  const pageKB = JSON.stringify(page).length / 1024;
  const rssMB = process.memoryUsage().rss / 1024 ** 2;
  const heapMB = process.memoryUsage().heapUsed / 1024 ** 2;
  const openedSealed = store.posts.lastLoad === 'sealed' ? 1 : 0;
  // Backups are measured on their own, not behind the scheduler's start-up backup.
  await folder.scheduler.stop();
  const ids = page.items.map((p) => p.id);
  // From the list fields: reading every post here would measure that, not the saves.
  const all = store.posts.summaries().map((p) => p.id);
  const edit = async (id: string) => {
    const cur = (await call('posts.get', { id })) as Post;
    const t = performance.now();
    await call('posts.update', { id, baseRev: cur.rev, patch: { bodyMd: cur.bodyMd + ' x' } });
    return performance.now() - t;
  };
  if (task === 'warm') {
    await edit(ids[0]);
    // The measured starts find a saved search index, as every start after the first does.
    await postSearch(store).whenReady();
    await postSearch(store).save();
    // As the app runs on after a save, long enough for the summary index to be sealed (see Collection.trySeal).
    await new Promise((r) => setTimeout(r, 4_500));
    return {};
  }
  if (task === 'backup') {
    await store.backups.create('manual');
    return {};
  }
  if (task === 'contention') {
    // Search index built again, as after an upgrade or a lost index folder (the parent removed its files).
    // REDAKSI_BENCH_PROFILE_CONTENTION=<file.cpuprofile>: a CPU profile of it all (the worst waits say when to look).
    return profiled(process.env.REDAKSI_BENCH_PROFILE_CONTENTION, () => waitsWhile(() => call('app.info', {}), {
      save: () => edit(all[Math.floor(all.length / 3)]),
      backup: () => store.backups.create('manual'),
      search: () => call('posts.list', { query: QUERY, limit: 50 }).then(() => postSearch(store).whenReady()),
      page: () => call('posts.list', { limit: 100, offset: 100 }),
    }));
  }
  if (task === 'edit10-backup') {
    for (let i = 0; i < 10; i++) await edit(all[(i * 7919) % all.length]);
    const t = performance.now();
    const cpu = process.cpuUsage();
    await store.backups.create('manual');
    const used = process.cpuUsage(cpu);
    return { backupMs: performance.now() - t, backupCpuMs: (used.user + used.system) / 1000 };
  }
  const cpuSave0 = process.cpuUsage();
  // REDAKSI_BENCH_PROFILE_FIRST_SAVE=<file.cpuprofile>: a CPU profile of the first save alone (open it in Chrome DevTools).
  const firstSaveMs = await profiled(process.env.REDAKSI_BENCH_PROFILE_FIRST_SAVE, () => edit(all[Math.floor(all.length / 2)]));
  const cpuSave = process.cpuUsage(cpuSave0);
  const saves: number[] = [];
  const savesCpu: number[] = [];
  for (let i = 0; i < 100; i++) {
    const c = process.cpuUsage();
    saves.push(await edit(all[(i * 7919 + 13) % all.length]));
    const used = process.cpuUsage(c);
    savesCpu.push((used.user + used.system) / 1000);
  }
  const rssAfterSavesMB = process.memoryUsage().rss / 1024 ** 2;
  // The index builds in the background on the first query; keystrokes are timed once it is ready.
  const tb = performance.now();
  await postSearch(store).whenReady();
  const searchBuildMs = performance.now() - tb;
  // A later start imports the index saved here instead of building it.
  await postSearch(store).save();
  const search: number[] = [];
  const searchCpu: number[] = [];
  // With REDAKSI_BENCH_DEBUG: each keystroke's time and the garbage collections that ran during the keystrokes.
  const gcs: string[] = [];
  const gcWatch = process.env.REDAKSI_BENCH_DEBUG ? new PerformanceObserver((l) => l.getEntries().forEach((e) => gcs.push(`${e.duration.toFixed(1)}ms@${Math.round(e.startTime)}`))) : null;
  gcWatch?.observe({ entryTypes: ['gc'] });
  for (let i = 1; i <= QUERY.length; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    // REDAKSI_BENCH_PROFILE_FIRST_SEARCH=<file.cpuprofile>: the same for the first keystroke.
    await profiled(i === 1 ? process.env.REDAKSI_BENCH_PROFILE_FIRST_SEARCH : undefined, () => call('posts.list', { query: QUERY.slice(0, i), limit: 50 }));
    search.push(performance.now() - t);
    const used = process.cpuUsage(c);
    searchCpu.push((used.user + used.system) / 1000);
  }
  if (gcWatch) {
    // Entries are delivered on a later turn of the loop.
    await new Promise((r) => setTimeout(r, 50));
    gcWatch.disconnect();
    console.error(`keystrokes ${search.map((ms) => ms.toFixed(1)).join(' ')} ms; gc during them: ${gcs.join(' ') || 'none'}`);
  }
  const rssSearchMB = process.memoryUsage().rss / 1024 ** 2;
  const heapSearchMB = process.memoryUsage().heapUsed / 1024 ** 2;
  // The session runs on past its last save, so the next measured start finds the index sealed, as after a normal session.
  await new Promise((r) => setTimeout(r, 4_500));
  return {
    openMs,
    openCpuMs,
    openedSealed,
    pageKB,
    rssFloorMB,
    heapFloorMB,
    rssMB,
    heapMB,
    rssAfterSavesMB,
    rssSearchMB,
    heapSearchMB,
    searchBuildMs,
    searchLoadedShards: postSearch(store).loaded?.shards ?? 0,
    searchReindexed: postSearch(store).loaded?.indexed ?? 0,
    firstSaveMs,
    firstSaveCpuMs: (cpuSave.user + cpuSave.system) / 1000,
    saveP50: percentile(saves, 50),
    saveP95: percentile(saves, 95),
    saveCpuP95: percentile(savesCpu, 95),
    searchP95: percentile(search, 95),
    searchCpuP95: percentile(searchCpu, 95),
  };
}

/** Stock lowdb: one JSON file, read whole at start, written whole on each save. */
async function lowdb(): Promise<Record<string, number>> {
  type Data = { posts: Post[]; versions: unknown[]; audit: unknown[] };
  const file = path.join(dir, 'db.json');
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const db = new Low<Data>(new JSONFile<Data>(file), { posts: [], versions: [], audit: [] });
  await db.read();
  const sorted = [...db.data.posts].filter((p) => !p.deletedAt).sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
  const page = { items: sorted.slice(0, 50).map(summaryOf), total: sorted.length };
  const openMs = performance.now() - t0;
  const cpuOpen = process.cpuUsage(cpu0);
  const openCpuMs = (cpuOpen.user + cpuOpen.system) / 1000;
  const pageKB = JSON.stringify(page).length / 1024;
  const rssMB = process.memoryUsage().rss / 1024 ** 2;
  const heapMB = process.memoryUsage().heapUsed / 1024 ** 2;
  const edit = async (i: number) => {
    const t = performance.now();
    const p = db.data.posts[i];
    db.data.posts[i] = { ...p, bodyMd: p.bodyMd + ' x', rev: p.rev + 1, updatedAt: new Date().toISOString() };
    await db.write();
    return performance.now() - t;
  };
  const n = db.data.posts.length;
  if (task === 'edit10-backup') {
    for (let i = 0; i < 10; i++) await edit((i * 7919) % n);
    const t = performance.now();
    copyFileSync(file, path.join(dir, `backup-${Date.now()}.json`));
    return { backupMs: performance.now() - t, newBytes: statSync(file).size };
  }
  const search = (needle: string) => {
    const hits = db.data.posts.filter((p) => p.title.toLowerCase().includes(needle) || p.bodyMd.toLowerCase().includes(needle));
    return hits.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)).slice(0, 50).map(summaryOf);
  };
  if (task === 'contention') {
    // The same load beside lowdb: its first save, a backup (a copy of the file), a search and a 100-post page.
    const list = (offset: number) => [...db.data.posts].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1)).slice(offset, offset + 100).map(summaryOf);
    return waitsWhile(async () => db.data.posts.length, {
      save: () => edit(Math.floor(n / 3)),
      backup: () => fsp.copyFile(file, path.join(dir, `backup-${Date.now()}.json`)),
      search: async () => search(QUERY),
      page: async () => list(100),
    });
  }
  const firstSaveMs = await edit(Math.floor(n / 2));
  const saves: number[] = [];
  for (let i = 0; i < (n > 20_000 ? 10 : 30); i++) saves.push(await edit((i * 7919 + 13) % n));
  const keystrokes: number[] = [];
  for (let i = 1; i <= QUERY.length; i++) {
    const t = performance.now();
    search(QUERY.slice(0, i));
    keystrokes.push(performance.now() - t);
  }
  return { openMs, openCpuMs, pageKB, rssMB, heapMB, firstSaveMs, saveP50: percentile(saves, 50), saveP95: percentile(saves, 95), searchP95: percentile(keystrokes, 95) };
}

const out = kind === 'redaksi' ? await redaksi() : await lowdb();
console.log(JSON.stringify(out));
// Exit without the scheduler's closing backup (a real quit would take one).
process.exit(0);
