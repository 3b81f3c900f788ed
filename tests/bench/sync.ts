import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { createCore, type Core } from '@core/core';
import type { SyncEngine } from '@core/sync/engine';
import type { HubLink } from '@core/sync/hub-link';
import { PouchDB } from '@core/sync/pouch';
import type { PouchDatabase } from '@core/sync/pouch-types';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { docIdOf } from '@shared/sync/mapping';
import { teamPath } from '../team-folder';
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
  const hubProc = spawn(process.execPath, [path.join(import.meta.dirname, 'sync-hub.cjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
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

    // 3. First sync of a new PC into a scaled OPD-year (1,000 posts, 2,000 photos at 2560 px, 10,000 comments and events at scale 1).
    const scale = Number(process.env.REDAKSI_BENCH_SYNC_SCALE) || 0.2;
    const nPosts = Math.round(1000 * scale);
    const nComments = Math.round(10_000 * scale);
    const nPhotos = Math.round(2000 * scale);
    console.log(`sync first-sync scale: ${scale} (${nPosts} posts, ${nPhotos} photos at 2560 px, ${nComments} comments)`);
    const hub = new PouchDB(`${hubUrl}/opd-year`);
    const at = new Date('2026-01-01T00:00:00Z').toISOString();
    const docs = [];
    for (let i = 0; i < nPosts; i++) {
      docs.push({
        _id: docIdOf('posts', `p${i}`),
        type: 'posts',
        src: 'seed',
        by: { id: null, name: 'Seed' },
        data: { id: `p${i}`, createdAt: at, updatedAt: at, title: `Berita ${i}`, dateline: 'BLORA', eventDate: null, lead: PARA, bodyMd: PARA.repeat(25), category: 'Kegiatan', tags: [], infoClass: 'berkala', template: null, authorId: null, authorCredit: '', editorCredit: '', photoCredits: '', media: [], channelVariants: [], dismissedFindings: [], status: 'draft', deletedAt: null },
      });
    }
    for (let i = 0; i < nComments; i++) {
      docs.push({
        _id: docIdOf('reviewComments', `c${i}`),
        type: 'reviewComments',
        src: 'seed',
        by: { id: null, name: 'Seed' },
        data: { id: `c${i}`, createdAt: at, updatedAt: at, postId: `p${i % nPosts}`, parentId: null, anchor: null, body: `Komentar ${i}: mohon dicek lagi kutipannya.`, author: { id: null, name: 'Budi' }, resolved: false, resolvedBy: null, resolvedAt: null },
      });
    }
    // A real photo as it travels (2560 px, JPEG q90, no metadata); each copy made distinct by bytes after the image's end, as different photos are.
    const image = await sharp(readFileSync(teamPath('fixtures/photos/camera/jolla.jpg'))).rotate().resize(2560, 2560, { fit: 'inside' }).jpeg({ quality: 90, chromaSubsampling: '4:4:4' }).toBuffer();
    const imageMeta = await sharp(image).metadata();
    console.log(`sync first-sync photo: ${imageMeta.width}x${imageMeta.height}, ${(image.length / 1024).toFixed(0)} KB`);
    for (let i = 0; i < nPhotos; i++) {
      const data = Buffer.concat([image, Buffer.from(`photo-${i}`)]);
      const sha256 = createHash('sha256').update(data).digest('hex');
      docs.push({
        _id: docIdOf('media', `f${i}`),
        type: 'media',
        src: 'seed',
        by: { id: null, name: 'Seed' },
        data: { id: `f${i}`, createdAt: at, updatedAt: at, sha256, originalName: `foto-${i}.jpg`, ext: '.jpg', width: imageMeta.width, height: imageMeta.height, format: 'jpeg', bytes: data.length, takenAt: null, cameraMake: null, cameraModel: null, hasGps: false, caption: `Kegiatan ${i}`, credit: 'Humas', altText: '', tags: [], postIds: [`p${i % nPosts}`], focal: null, autoFocal: null, crops: {}, deletedAt: null },
        _attachments: { original: { content_type: 'image/jpeg', data } },
      });
    }
    for (let i = 0; i < docs.length; i += 100) await hub.bulkDocs(docs.slice(i, i + 100));
    docs.forEach((d) => delete (d as { _attachments?: unknown })._attachments);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const fresh = await open(link('year'));
    const engine = fresh.core.ctx.services.sync as SyncEngine;
    await waitFor(() => fresh.core.store.posts.size === nPosts && fresh.core.store.collections.reviewComments.size === nComments && fresh.core.store.collections.media.size === nPhotos, 900_000);
    await engine.idle();
    const ms = performance.now() - t0;
    clearInterval(sampler);
    report('sync_first_sync_opd_year_scaled', ms / 1000, 's');
    report('sync_first_sync_docs_per_s', docs.length / (ms / 1000), 'docs/s');
    report('sync_first_sync_peak_rss', peak / 1024 / 1024, 'MB');
    report('sync_first_sync_photos', nPhotos, 'photos');
    report('sync_first_sync_cpu', (process.cpuUsage(cpu0).user + process.cpuUsage(cpu0).system) / 1e6, 's');
    const kept = readdirSync(path.join(fresh.core.ctx.dataDir, 'media', 'originals')).length;
    if (kept !== nPhotos) throw new Error(`sync bench: ${kept} of ${nPhotos} photo originals kept`);
  } finally {
    for (const c of cores) await c.close().catch(() => undefined);
    hubProc.kill();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

async function waitFor(check: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('sync bench: timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
