import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { createCore, type Core } from '@core/core';
import type { HubLink } from '@core/sync/hub-link';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { median, percentile, report } from './stats';

const PARA = 'Bupati Blora Arief Rohman meminta setiap OPD aktif menginformasikan kegiatan dinasnya di media sosial maupun website, Kamis (25/8/2022). ';

/**
 * Team sync (issue 13), on loopback: a hub in its own process
 * (express-pouchdb over PouchDB's memory adapter, on 127.0.0.1 with an
 * ephemeral port: sync-hub.cjs) and PCs with their
 * own data folders. Figures: a change on A visible on B; the save p95 with
 * the sync bridge on and off in the same run; the first sync of a new PC
 * into a scaled OPD-year (REDAKSI_BENCH_SYNC_SCALE, default 0.2).
 */
export async function syncBench(): Promise<void> {
  // REDAKSI_BENCH_SYNC_ONLY=first: the first sync alone. REDAKSI_BENCH_SYNC_HUB_DIR: the hub's folder, kept and, once seeded, reused
  // (to measure or profile the new PC again without seeding again). REDAKSI_BENCH_SYNC_NODE_FLAGS: node flags for the new PC (--cpu-prof …).
  const firstOnly = process.env.REDAKSI_BENCH_SYNC_ONLY === 'first';
  const keptHub = process.env.REDAKSI_BENCH_SYNC_HUB_DIR;
  const hubDir = keptHub ?? mkdtempSync(path.join(os.tmpdir(), 'bench-sync-hub-'));
  if (keptHub) mkdirSync(keptHub, { recursive: true });
  const hubProc = spawn(process.execPath, [path.join(import.meta.dirname, 'sync-hub.cjs'), hubDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    hubProc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /port (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    hubProc.on('exit', (code) => reject(new Error(`sync hub exited with ${code}`)));
  });
  const hubUrl = `http://127.0.0.1:${port}`;
  const dirs: string[] = [];
  const cores: Core[] = [];
  const link = (slug: string): HubLink => {
    const remotes = new Map<string, PouchDatabase>();
    return {
      remote: (db) => remotes.get(db) ?? remotes.set(db, new PouchDB(`${hubUrl}/${db}`)).get(db)!,
      opdSlug: () => slug,
      onChange: () => () => undefined,
    };
  };
  const open = async (hubLink: HubLink | null) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-sync-'));
    dirs.push(dir);
    const core = await createCore({ dataDir: dir, owner: 'test', version: 'bench', transport: 'http', log: () => undefined, ...(hubLink ? { services: { hubLink } } : {}) });
    cores.push(core);
    const call = async <M extends MethodName>(m: M, i: InputOf<M>): Promise<ResultOf<M>> => {
      const r = await core.dispatch(m, i);
      if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
      return r.value as ResultOf<M>;
    };
    return { core, call };
  };
  try {
    if (!firstOnly) {
      // 1. A change on PC A visible on PC B.
      const a = await open(link('bench'));
      const b = await open(link('bench'));
      const post = await a.call('posts.create', { content: { title: 'Uji sinkron', lead: PARA, bodyMd: PARA.repeat(20) } });
      await waitFor(() => Boolean(b.core.store.posts.get(post.id)), 30_000);
      const lags: number[] = [];
      for (let i = 0; i < 15; i++) {
        const want = `Uji sinkron ${i}`;
        const seen = new Promise<number>((resolve) => {
          const off = b.core.store.changes.subscribe((e) => {
            if (e.collection === 'posts' && e.id === post.id && b.core.store.posts.get(post.id)?.title === want) {
              off();
              resolve(performance.now());
            }
          });
        });
        const t0 = performance.now();
        await a.call('posts.update', { id: post.id, baseRev: a.core.store.posts.require(post.id).rev, patch: { title: want } });
        lags.push((await seen) - t0);
      }
      report('sync_change_a_to_b_median', median(lags), 'ms');
      report('sync_change_a_to_b_p95', percentile(lags, 95), 'ms');

      // 2. Save p95 with the bridge on (A, replicating live) and off (a PC without a hub link), same run.
      await b.core.close();
      cores.splice(cores.indexOf(b.core), 1);
      const off = await open(null);
      // Interleaved, so that both see the same machine load.
      const pcsToSave = [['off', off], ['on', a]] as const;
      const ids = [];
      for (const [, pc] of pcsToSave) ids.push((await pc.call('posts.create', { content: { title: 'Simpan', lead: PARA, bodyMd: PARA.repeat(40) } })).id);
      const times: Record<string, number[]> = { off: [], on: [] };
      for (let i = 0; i < 60; i++) {
        for (const [k, [name, pc]] of pcsToSave.entries()) {
          const t0 = performance.now();
          await pc.call('posts.update', { id: ids[k], baseRev: pc.core.store.posts.require(ids[k]).rev, patch: { bodyMd: PARA.repeat(40) + ` ${i}` } });
          times[name].push(performance.now() - t0);
          // Autosave pace: the bridge and replication work between saves, as they do while someone types.
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      for (const name of ['off', 'on']) report(`sync_save_p95_${name}`, percentile(times[name], 95), 'ms');
      report('sync_save_p95_added', percentile(times.on, 95) - percentile(times.off, 95), 'ms');
    }

    // 3. First sync of a new PC into a scaled OPD-year (1,000 posts, 2,000 photos at 2560 px, 10,000 comments and events at scale 1).
    const scale = Number(process.env.REDAKSI_BENCH_SYNC_SCALE) || 0.2;
    const nPosts = Math.round(1000 * scale);
    const nComments = Math.round(10_000 * scale);
    const nPhotos = Math.round(2000 * scale);
    console.log(`sync first-sync scale: ${scale} (${nPosts} posts, ${nPhotos} photos at 2560 px, ${nComments} comments)`);
    // Seeded by a process of its own, and the new PC runs alone in another, so that its CPU and memory are its own.
    const seededFile = keptHub ? path.join(hubDir, `seeded-${nPosts}-${nComments}-${nPhotos}.json`) : null;
    let photo: { width: number; height: number; kb: number };
    if (seededFile && existsSync(seededFile)) photo = JSON.parse(readFileSync(seededFile, 'utf8')) as typeof photo;
    else {
      const db = `opd-year${Math.round(scale * 1000)}`;
      const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'sync-seed-child.ts'), hubUrl, db, String(nPosts), String(nComments), String(nPhotos)], { encoding: 'utf8' });
      if (seeded.status !== 0) throw new Error(`sync bench: seeding failed: ${seeded.stderr}`);
      photo = JSON.parse(seeded.stdout.trim().split('\n').pop()!) as typeof photo;
      if (seededFile) writeFileSync(seededFile, JSON.stringify(photo));
    }
    console.log(`sync first-sync photo: ${photo.width}x${photo.height}, ${photo.kb.toFixed(0)} KB`);
    const child = path.join(import.meta.dirname, '..', '..', 'node_modules', '.cache', 'redaksi-bench', 'sync-first-child.mjs');
    await build({ entryPoints: [path.join(import.meta.dirname, 'sync-first-child.ts')], bundle: true, platform: 'node', format: 'esm', outfile: child, packages: 'external', logLevel: 'error' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-sync-new-pc-'));
    dirs.push(dir);
    const nodeFlags = (process.env.REDAKSI_BENCH_SYNC_NODE_FLAGS ?? '').split(' ').filter(Boolean);
    // The hub's CPU while the new PC pulls (Linux: utime + stime of its process, in clock ticks of 10 ms).
    const hubCpu = () => {
      try {
        const f = readFileSync(`/proc/${hubProc.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(f[11]) + Number(f[12])) / 100;
      } catch {
        return NaN;
      }
    };
    const hubCpu0 = hubCpu();
    const run = spawnSync(process.execPath, [...nodeFlags, child, hubUrl, `year${Math.round(scale * 1000)}`, dir, String(nPosts), String(nComments), String(nPhotos)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`sync bench: the new PC failed (${run.signal ?? run.status}): ${run.stderr.trim().split('\n').slice(-5).join(' ')}`);
    const r = JSON.parse(run.stdout.trim().split('\n').pop()!) as Record<string, number> & { byKind: Record<string, number> };
    const nDocs = nPosts + nComments + nPhotos;
    report('sync_first_sync_records_in', r.recordsS, 's');
    report('sync_first_sync_records_in_cpu', r.recordsCpuS, 's');
    report('sync_first_sync_opd_year_scaled', r.allS, 's');
    report('sync_first_sync_cpu', r.allCpuS, 's');
    report('sync_first_sync_docs_per_s', nDocs / r.recordsS, 'docs/s');
    report('sync_first_sync_peak_rss', r.peakRssMB, 'MB');
    // Linux: the anonymous part (heap, buffers) apart from mapped files such as leveldb's tables, which the kernel reclaims first.
    if (r.peakAnonMB) report('sync_first_sync_peak_rss_anon', r.peakAnonMB, 'MB');
    report('sync_first_sync_posts_list_p50', r.listP50, 'ms');
    report('sync_first_sync_posts_list_p95', r.listP95, 'ms');
    report('sync_first_sync_posts_list_max', r.listMax, 'ms');
    report('sync_first_sync_photos', nPhotos, 'photos');
    report('sync_first_sync_hub_requests', r.requests, 'requests');
    report('sync_first_sync_hub_cpu', hubCpu() - hubCpu0, 's');
    console.log(`sync first-sync hub requests by kind: ${JSON.stringify(r.byKind)}`);
    if (r.originals !== nPhotos) throw new Error(`sync bench: ${r.originals} of ${nPhotos} photo originals kept`);
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    hubProc.kill();
    for (const d of [...dirs, ...(keptHub ? [] : [hubDir])]) rmSync(d, { recursive: true, force: true });
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('sync bench: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
