/**
 * Photo desk benchmarks (`npx tsx tests/bench/run.ts media` and `media-grid`):
 *  - full preset set for one generated 12 MP JPEG, Redaksi vs ImageMagick
 *    (Debian /usr/bin/convert) doing the same crops and sizes side by side;
 *  - 50-photo batch: throughput and peak memory of the process;
 *  - library grid of 2,000 photos in Chromium: first paint and scroll frames.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { HandlerContext } from '@core/deps';
import { importPhoto } from '@core/media/import';
import { outputKernel, renderRenditions, similarityOf } from '@core/media/renditions';
import { Store } from '@core/store/store';
import { CURRENT_SCHEMA_VERSION } from '@core/store/migrations';
import { planCrop } from '@shared/media/crop';
import { effectiveFocal, type Photo } from '@shared/media/photo';
import { CHANNEL_PRESETS, PRESET_IDS } from '@shared/media/presets';
import { median, percentile, report } from './stats';
import { teamPath } from '../team-folder';

const SOURCE = teamPath('fixtures/photos/camera/jolla.jpg');

/** A 12 MP (4000x3000) JPEG; each index gives different bytes. */
async function make12mp(i: number): Promise<Buffer> {
  const base = existsSync(SOURCE)
    ? sharp(SOURCE).resize(4000, 3000, { fit: 'fill' })
    : sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 90, g: 120, b: 150 } } });
  return base.modulate({ brightness: 1 + (i % 17) / 100, hue: i * 3 }).jpeg({ quality: 90 }).toBuffer();
}

async function openCtx(dir: string): Promise<HandlerContext> {
  const store = await Store.open(dir);
  return { store, dataDir: dir, version: 'bench', transport: 'http', services: {}, log: console.error };
}

function imagemagick(): string | null {
  for (const bin of ['/usr/bin/magick', '/usr/bin/convert']) if (existsSync(bin)) return bin;
  return null;
}

/** The same crops (Redaksi's plan for the photo) done by one ImageMagick command that decodes once. */
function imArgs(input: string, photo: Photo, outDir: string): string[] {
  const focal = effectiveFocal(photo);
  const args = [input, '-auto-orient', '-colorspace', 'sRGB', '-write', 'mpr:src', '+delete'];
  CHANNEL_PRESETS.forEach((p, i) => {
    const plan = planCrop(photo.width, photo.height, p, focal);
    const c = plan.crop;
    const out = path.join(outDir, `${p.id}.jpg`);
    const ops = ['-crop', `${c.width}x${c.height}+${c.left}+${c.top}`, '+repage', '-resize', `${plan.outWidth}x${plan.outHeight}!`, '-strip', '-quality', '90', '-interlace', 'JPEG'];
    // The last one is the command's output; the others are written and dropped.
    if (i === CHANNEL_PRESETS.length - 1) args.push('(', 'mpr:src', ...ops, ')', out);
    else args.push('(', 'mpr:src', ...ops, '-write', out, '+delete', ')');
  });
  return args;
}

export async function mediaBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-media-'));
  try {
    // 1. 50-photo batch first, so its peak memory is not inflated by other steps.
    const ctx = await openCtx(dir);
    const ids: string[] = [];
    const importTimes: number[] = [];
    for (let i = 0; i < 50; i++) {
      const buf = await make12mp(i);
      const t0 = performance.now();
      ids.push((await importPhoto(ctx, `foto-${i}.jpg`, buf)).photo.id);
      importTimes.push(performance.now() - t0);
    }
    report('media_import_12mp_median', median(importTimes), 'ms');
    // The batch runs in a fresh process, as it would in the app after a restart,
    // so the figures are the batch's own and not this setup's.
    const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'media-batch-child.ts'), dir], { encoding: 'utf8' });
    const line = child.stdout.trim().split('\n').pop() ?? '';
    if (child.status !== 0 || !line.startsWith('{')) throw new Error(`batch child failed: ${child.stderr}`);
    const b = JSON.parse(line) as { photos: number; ms: number; peakRss: number; rssBefore: number; lagMax: number; lagP99: number };
    report('media_batch_50x12mp_all_presets_throughput', (b.photos / (b.ms / 1000)) * 60, 'photos/min');
    report('media_batch_50x12mp_peak_rss', b.peakRss / (1024 * 1024), 'MB');
    report('media_batch_rss_before_batch', b.rssBefore / (1024 * 1024), 'MB');
    report('media_batch_event_loop_delay_p99', b.lagP99, 'ms');
    report('media_batch_event_loop_delay_max', b.lagMax, 'ms');

    // 20 batches back to back (3 photos x 12 presets each, rendered from scratch, each ending with its ZIP).
    const rep = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'media-repeat-child.ts'), dir, '3', '20'], { encoding: 'utf8' });
    const repLine = rep.stdout.trim().split('\n').pop() ?? '';
    if (rep.status !== 0 || !repLine.startsWith('{')) throw new Error(`repeat child failed: ${rep.stderr}`);
    const r20 = JSON.parse(repLine) as { rss: number[]; times: number[] };
    const mb = (n: number) => n / (1024 * 1024);
    // Growth per batch: least-squares slope of RSS over batches 5..20 (the first ones fill the bounded caches).
    const tail = r20.rss.slice(4).map(mb);
    const xs = tail.map((_, i) => i);
    const xm = median(xs);
    const ym = tail.reduce((a, b) => a + b, 0) / tail.length;
    const slope = xs.reduce((a, x, i) => a + (x - xm) * (tail[i] - ym), 0) / xs.reduce((a, x) => a + (x - xm) ** 2, 0);
    report('media_20_batches_rss_after_first', mb(r20.rss[0]), 'MB');
    report('media_20_batches_rss_after_last', mb(r20.rss[r20.rss.length - 1]), 'MB');
    report('media_20_batches_rss_growth_per_batch', slope, 'MB/batch');
    report('media_20_batches_batch_time_median', median(r20.times), 'ms');

    // 2. Full preset set for one 12 MP photo: Redaksi vs ImageMagick.
    const oneBuf = await make12mp(999);
    const one = (await importPhoto(ctx, 'satu.jpg', oneBuf)).photo;
    await presetSetVsImageMagick(ctx, one, oneBuf, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The 12-preset set for one photo through the app's path (renderRenditions,
 * the rendition cache emptied each run) against one ImageMagick command doing
 * the same crops and sizes, side by side: wall time and CPU time (ours:
 * process CPU, which counts libvips' threads; ImageMagick's: /usr/bin/time).
 * Quality settings: Redaksi encodes MozJPEG (trellis for the website only)
 * at the lowest quality with SSIM >= 0.996 (PERCEPTUAL_TARGET), resized with
 * Magic Kernel Sharp (output sharpening); ImageMagick writes libjpeg q90
 * progressive, today's setting, which looks at least as good.
 */
export async function presetSetVsImageMagick(ctx: HandlerContext, one: Photo, oneBuf: Buffer, dir: string, runs = 5): Promise<void> {
  const input = path.join(dir, 'satu.jpg');
  writeFileSync(input, oneBuf);
  const renditionsDir = path.join(dir, 'media', 'renditions');
  const ours: number[] = [];
  const oursCpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    rmSync(renditionsDir, { recursive: true, force: true });
    const c = process.cpuUsage();
    const t = performance.now();
    const rs = await renderRenditions(ctx, one.id, PRESET_IDS);
    ours.push(performance.now() - t);
    const d = process.cpuUsage(c);
    oursCpu.push((d.user + d.system) / 1000);
    if (rs.length !== CHANNEL_PRESETS.length) throw new Error('missing renditions');
  }
  report('media_full_preset_set_12mp_redaksi_median', median(ours), 'ms');
  report('media_full_preset_set_12mp_redaksi_cpu_median', median(oursCpu), 'ms');
  await presetQualityTable(ctx, one, oneBuf);
  const im = imagemagick();
  if (!im) {
    console.log('media_full_preset_set_12mp_imagemagick: skipped (install the Debian imagemagick package: /usr/bin/convert)');
    return;
  }
  const imDir = path.join(dir, 'im');
  const theirs: number[] = [];
  const theirsCpu: number[] = [];
  const timeBin = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;
  for (let r = 0; r < Math.max(3, runs - 2); r++) {
    rmSync(imDir, { recursive: true, force: true });
    mkdirSync(imDir);
    const t = performance.now();
    if (timeBin) {
      const out = spawnSync(timeBin, ['-f', 'CPU %U %S', im, ...imArgs(input, one, imDir)], { encoding: 'utf8' });
      const m = /CPU ([\d.]+) ([\d.]+)/.exec(out.stderr);
      if (m) theirsCpu.push((Number(m[1]) + Number(m[2])) * 1000);
    } else execFileSync(im, imArgs(input, one, imDir), { stdio: 'ignore' });
    theirs.push(performance.now() - t);
    if (readdirSync(imDir).length !== CHANNEL_PRESETS.length) throw new Error('ImageMagick did not write every preset');
  }
  report('media_full_preset_set_12mp_imagemagick_median', median(theirs), 'ms');
  report('media_full_preset_set_12mp_speedup_vs_imagemagick', median(theirs) / median(ours), 'x (wall)');
  if (theirsCpu.length) {
    report('media_full_preset_set_12mp_imagemagick_cpu_median', median(theirsCpu), 'ms');
    report('media_full_preset_set_12mp_cpu_ratio_vs_imagemagick', median(theirsCpu) / median(oursCpu), 'x (CPU)');
  }
}

/**
 * Per preset: bytes and SSIM (as the encoder measures it, see
 * PERCEPTUAL_TARGET) of Redaksi's rendition against today's encoding
 * (libjpeg q90 progressive, no sharpening) of the same crop and size.
 */
export async function presetQualityTable(ctx: HandlerContext, photo: Photo, original: Buffer): Promise<void> {
  const rs = await renderRenditions(ctx, photo.id, PRESET_IDS);
  const focal = effectiveFocal(photo);
  let oursTotal = 0;
  let q90Total = 0;
  for (const preset of CHANNEL_PRESETS) {
    const r = rs.find((x) => x.presetId === preset.id)!;
    const plan = planCrop(photo.width, photo.height, preset, focal);
    const resized = (kernel: 'lanczos3' | 'mks2013') => sharp(original).rotate().extract(plan.crop).resize(plan.outWidth, plan.outHeight, { fit: 'fill', kernel }).raw().toBuffer({ resolveWithObject: true });
    const { data, info } = await resized('lanczos3');
    const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
    const pixels = () => sharp(data, raw);
    const q90 = await pixels().jpeg({ quality: 90, progressive: true }).toBuffer();
    const oursBytes = readFileSync(r.file);
    const oursSsim = await similarityOf(sharp((await resized(outputKernel(plan))).data, raw), oursBytes);
    const q90Ssim = await similarityOf(pixels(), q90);
    oursTotal += oursBytes.length;
    q90Total += q90.length;
    report(`media_preset_${preset.id}_bytes`, oursBytes.length / 1024, `KB (q90: ${(q90.length / 1024).toFixed(1)} KB, ${((oursBytes.length / q90.length) * 100).toFixed(0)}%)`);
    console.log(`media_preset_${preset.id}_ssim: ${oursSsim.toFixed(4)} (q90: ${q90Ssim.toFixed(4)})`);
  }
  report('media_preset_set_bytes_vs_q90', (oursTotal / q90Total) * 100, '%');
  await websiteFormatTable(ctx, photo, original, 'synthetic');
}

/**
 * The website presets in each format the outbox may send (MozJPEG, WebP,
 * AVIF), each at the lowest quality of its own ladder that keeps
 * PERCEPTUAL_TARGET: bytes, SSIM against the same resized crop, and the CPU
 * time of each encode search (single run: the files are cached after it).
 */
async function websiteFormatTable(ctx: HandlerContext, photo: Photo, original: Buffer, label: string): Promise<void> {
  const focal = effectiveFocal(photo);
  for (const preset of CHANNEL_PRESETS.filter((p) => p.channel === 'website')) {
    const plan = planCrop(photo.width, photo.height, preset, focal);
    const { data, info } = await sharp(original).rotate().extract(plan.crop).resize(plan.outWidth, plan.outHeight, { fit: 'fill', kernel: outputKernel(plan) }).raw().toBuffer({ resolveWithObject: true });
    const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const row: string[] = [];
    let jpegBytes = 0;
    for (const format of ['jpeg', 'webp', 'avif'] as const) {
      const cpu = process.cpuUsage();
      const [r] = await renderRenditions(ctx, photo.id, [preset.id], format === 'jpeg' ? {} : { [format]: true });
      const used = process.cpuUsage(cpu);
      const bytes = readFileSync(r.file);
      if (format === 'jpeg') jpegBytes = bytes.length;
      const ssimOf = await similarityOf(pixels(), bytes);
      report(`media_web_${label}_${preset.id}_${format}_bytes`, bytes.length / 1024, `KB (${((bytes.length / jpegBytes) * 100).toFixed(0)}% of MozJPEG, SSIM ${ssimOf.toFixed(4)}, encode ${((used.user + used.system) / 1000).toFixed(0)} ms CPU)`);
      row.push(`${format} ${(bytes.length / 1024).toFixed(1)} KB`);
    }
    console.log(`# ${label} ${preset.id}: ${row.join(' · ')}`);
  }
}

/**
 * Only the 12-preset set against ImageMagick and the size/quality table
 * (`npx tsx tests/bench/run.ts media-presets`): the figures the photo desk's
 * speed goal is about, without the batch and memory runs around them.
 */
export async function mediaPresetBench(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-presets-'));
  try {
    const ctx = await openCtx(dir);
    const oneBuf = await make12mp(999);
    const one = (await importPhoto(ctx, 'satu.jpg', oneBuf)).photo;
    await presetSetVsImageMagick(ctx, one, oneBuf, dir, 7);
    // A real camera photo (9 MP phone JPEG, noisy): where AVIF gains least.
    const jollaBuf = readFileSync(teamPath('fixtures/photos/camera/jolla.jpg'));
    const jolla = (await importPhoto(ctx, 'jolla.jpg', jollaBuf)).photo;
    await websiteFormatTable(ctx, jolla, jollaBuf, 'jolla');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes n photo records and thumbnails straight into a data folder (setup only). */
async function seedLibrary(dir: string, n: number): Promise<void> {
  const col = path.join(dir, 'store', 'media');
  const thumbs = path.join(dir, 'media', 'thumbs');
  mkdirSync(col, { recursive: true });
  mkdirSync(thumbs, { recursive: true });
  writeFileSync(path.join(dir, 'store', 'meta.json'), JSON.stringify({ schemaVersion: CURRENT_SCHEMA_VERSION, createdAt: new Date().toISOString() }));
  const thumbFiles: string[] = [];
  for (let v = 0; v < 20; v++) {
    const f = path.join(dir, `t${v}.webp`);
    await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: (v * 37) % 255, g: (v * 71) % 255, b: (v * 13) % 255 } } }).webp({ quality: 70 }).toFile(f);
    thumbFiles.push(f);
  }
  for (let i = 0; i < n; i++) {
    const sha = randomUUID().replace(/-/g, '').padEnd(64, '0');
    copyFileSync(thumbFiles[i % thumbFiles.length], path.join(thumbs, `${sha}.webp`));
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const p: Photo = {
      id: randomUUID(), createdAt: at, updatedAt: at, rev: 0, sha256: sha, originalName: `IMG_${i}.jpg`, ext: '.jpg', width: 4000, height: 3000,
      format: 'jpeg', bytes: 3_000_000, takenAt: at.slice(0, 19), cameraMake: null, cameraModel: null, hasGps: i % 3 === 0,
      caption: `Kegiatan ${i}`, credit: 'Humas', altText: i % 4 ? 'Foto kegiatan' : '', tags: ['kegiatan'], postIds: [], focal: null, autoFocal: null, crops: {}, deletedAt: null,
    };
    writeFileSync(path.join(col, `${p.id}.json`), JSON.stringify(p));
  }
}

/**
 * media.list at 5,000 photos through the dispatcher (zod parse, filter,
 * sort, page): time and JSON size of a page, a search page and a selection
 * checked against a filter. Before paging it returned all 5,000 whole records.
 */
export async function mediaListBench(): Promise<void> {
  const { createDispatcher } = await import('@core/api/dispatch');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-medialist-'));
  try {
    await seedLibrary(dir, 5000);
    const ctx = await openCtx(dir);
    const dispatch = createDispatcher(ctx);
    const call = async (input: unknown) => {
      const r = await dispatch('media.list' as never, input as never);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.value as { items: unknown[]; ids?: string[]; total: number };
    };
    const measure = async (name: string, input: unknown) => {
      const times: number[] = [];
      const cpus: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 15; i++) {
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        const v = await call(input);
        bytes = Buffer.byteLength(JSON.stringify(v));
        times.push(performance.now() - t0);
        const u = process.cpuUsage(cpu);
        cpus.push((u.user + u.system) / 1000);
      }
      report(`media_list_5000_${name}_ms`, median(times), `ms (CPU ${median(cpus).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms)`);
      report(`media_list_5000_${name}_bytes`, bytes / 1024, 'KB');
    };
    await measure('first_page', {});
    await measure('page_20', { offset: 20 * 120 });
    await measure('search_page', { query: 'kegiatan 4' });
    // "Pilih semua" ships no ids any more (it is a filter media.batchStart applies); what remains is checking a selection against a new filter.
    const chosen = ((await call({ limit: 200 })).items as { id: string }[]).map((p) => p.id);
    await measure('selection_check_200', { query: 'kegiatan', idsOnly: true, within: chosen });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function mediaGridBench(): Promise<void> {
  const { chromium } = await import('@playwright/test');
  const { startHost, stopHost } = await import('../e2e/fixtures');
  const { CHROMIUM, CHROMIUM_ARGS } = await import('../../playwright.config');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'redaksi-bench-grid-'));
  await seedLibrary(dir, 5000);
  const host = await startHost(dir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const paints: number[] = [];
    const frames: number[] = [];
    for (let r = 0; r < 3; r++) {
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await page.goto(host.launchUrl);
      await page.getByRole('navigation').getByRole('link', { name: 'Beranda', exact: true }).waitFor();
      await page.evaluate(() => {
        (window as unknown as { __paints: number[] }).__paints = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) (window as unknown as { __paints: number[] }).__paints.push((e as PerformanceEntry & { renderTime: number }).renderTime || e.startTime);
        }).observe({ type: 'element', buffered: true });
        performance.mark('media-open');
      });
      await page.getByRole('navigation').getByRole('link', { name: 'Media', exact: true }).click();
      await page.waitForFunction(() => (window as unknown as { __paints: number[] }).__paints.length > 0);
      paints.push(
        await page.evaluate(() => Math.min(...(window as unknown as { __paints: number[] }).__paints) - performance.getEntriesByName('media-open')[0].startTime),
      );
      // Scroll the grid one step per animation frame and record frame intervals.
      const intervals = await page.evaluate(async () => {
        const el = document.querySelector('[data-testid="photo-grid"]') as HTMLElement;
        const out: number[] = [];
        let last = performance.now();
        for (let i = 0; i < 180; i++) {
          await new Promise((r) => requestAnimationFrame(r));
          const now = performance.now();
          out.push(now - last);
          last = now;
          el.scrollTop += 90;
        }
        return out;
      });
      frames.push(...intervals.slice(5));
      await page.close();
    }
    report('media_grid_5000_first_thumbnail_paint_median', median(paints), 'ms');
    report('media_grid_5000_scroll_frame_p95', percentile(frames, 95), 'ms');
    report('media_grid_5000_scroll_dropped_frames', frames.filter((f) => f > 1000 / 60 * 1.5).length, `of ${frames.length}`);
  } finally {
    await browser.close();
    await stopHost(host);
    rmSync(dir, { recursive: true, force: true });
  }
}
