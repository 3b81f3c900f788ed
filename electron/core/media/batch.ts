import { createWriteStream, promises as fsp } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Zip, ZipPassThrough } from 'fflate';
import type { BatchError, BatchOutput, BatchStatus } from '@shared/api/contracts/media';
import { ApiError } from '@shared/api/errors';
import type { RenditionOptions } from '@shared/media/photo';
import { safeFileName, slugify } from '@shared/files/safe-name';
import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { newId } from '@core/store/store';
import { renderRenditions } from './renditions';
import { mediaPaths } from './paths';
import { fileUrl } from '@shared/files/urls';

interface Job {
  id: string;
  status: BatchStatus;
  started: number;
  cancelled: boolean;
  finishedAt: number | null;
}

/**
 * Photos rendered at once. sharp already spreads one image over libvips
 * threads, so a couple of photos in flight keep every core busy without
 * holding many decoded originals in memory.
 */
export function batchParallelism(cpus = os.availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.ceil(cpus / 2)));
}

const KEEP_FINISHED_MS = 30 * 60_000;
/** Finished batches whose status is kept for the UI; older ones are forgotten (their files stay on disk). */
const KEEP_FINISHED = 8;

/**
 * Writes the files of `dir` named in `names` into one ZIP, streamed file by
 * file (photos are already compressed, so stored without deflate) so memory
 * stays flat however big the batch.
 */
export async function writeZip(dir: string, names: readonly string[], zipFile: string): Promise<void> {
  const part = `${zipFile}.part`;
  const out = createWriteStream(part);
  try {
    await new Promise<void>((resolve, reject) => {
      out.once('error', reject);
      const zip = new Zip((err, chunk, final) => {
        if (err) return reject(err);
        out.write(chunk);
        if (final) out.end(() => resolve());
      });
      void (async () => {
        for (const n of names) {
          const data = await fsp.readFile(path.join(dir, n));
          const entry = new ZipPassThrough(n);
          entry.mtime = new Date();
          zip.add(entry);
          entry.push(data, true);
          // Let the file stream drain between entries.
          if (out.writableNeedDrain) await new Promise<void>((r) => out.once('drain', () => r()));
        }
        zip.end();
      })().catch(reject);
    });
    await fsp.rename(part, zipFile);
  } catch (e) {
    out.destroy();
    await fsp.rm(part, { force: true });
    throw e;
  }
}

export class MediaBatchService implements Service {
  readonly name = 'media-batch';
  private jobs = new Map<string, Job>();

  constructor(private ctx: HandlerContext) {}

  start(): void {
    this.ctx.services.mediaBatch = this;
  }

  async stop(): Promise<void> {
    for (const j of this.jobs.values()) j.cancelled = true;
    this.jobs.clear();
  }

  startJob(ids: string[], presets: string[], options: Omit<RenditionOptions, 'focal'>): string {
    const ctx = this.ctx;
    const mediaIds = [...new Set(ids)];
    const presetIds = [...new Set(presets)];
    const photos = mediaIds.map((id) => ctx.store.collections.media.get(id));
    const missing = mediaIds.filter((_, i) => !photos[i]);
    if (missing.length) throw new ApiError('not_found', `photos not found: ${missing.join(', ')}`, { params: { id: missing[0] } });
    if (options.watermark && !ctx.store.workspace.opd.logoMediaId) {
      throw new ApiError('invalid_input', 'no OPD logo is set', { params: { reason: 'no_logo' } });
    }
    this.prune();
    const id = newId();
    const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
    const folder = `foto-${stamp}-${id.slice(0, 6)}`;
    const job: Job = {
      id,
      started: Date.now(),
      cancelled: false,
      finishedAt: null,
      status: { jobId: id, state: 'running', total: mediaIds.length * presetIds.length, done: 0, current: null, secondsLeft: null, elapsedMs: 0, errors: [], outputs: [], folder, zipUrl: null },
    };
    this.jobs.set(id, job);
    void this.run(job, mediaIds, presetIds, options).catch((e) => ctx.log('media batch failed', e));
    return id;
  }

  status(jobId: string): BatchStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not_found', `batch ${jobId} not found`, { params: { id: jobId } });
    const s = job.status;
    s.elapsedMs = (job.finishedAt ?? Date.now()) - job.started;
    const perItem = s.done > 0 ? s.elapsedMs / s.done : null;
    s.secondsLeft = s.state === 'running' && perItem !== null ? Math.ceil((perItem * (s.total - s.done)) / 1000) : s.state === 'running' ? null : 0;
    return { ...s, errors: [...s.errors], outputs: [...s.outputs] };
  }

  cancel(jobId: string): BatchStatus {
    const job = this.jobs.get(jobId);
    if (!job) throw new ApiError('not_found', `batch ${jobId} not found`, { params: { id: jobId } });
    job.cancelled = true;
    return this.status(jobId);
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.finishedAt && now - j.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt).sort((a, b) => a.finishedAt! - b.finishedAt!);
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) this.jobs.delete(j.id);
  }

  private async run(job: Job, mediaIds: string[], presetIds: string[], options: Omit<RenditionOptions, 'focal'>): Promise<void> {
    const ctx = this.ctx;
    const s = job.status;
    const outDir = path.join(mediaPaths(ctx.dataDir).exports, s.folder);
    await fsp.mkdir(outDir, { recursive: true });
    const usedNames = new Set<string>();
    const current = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (!job.cancelled && next < mediaIds.length) {
        const mediaId = mediaIds[next++];
        const photo = ctx.store.collections.media.get(mediaId);
        const name = photo?.originalName ?? mediaId;
        current.add(name);
        s.current = name;
        try {
          if (!photo || photo.deletedAt) throw new ApiError('not_found', 'photo was removed', { params: { reason: 'removed' } });
          const rs = await renderRenditions(ctx, mediaId, presetIds, options);
          const base = slugify(photo.caption || photo.originalName.replace(/\.[^.]+$/, ''), 50) || 'foto';
          for (const r of rs) {
            let file = safeFileName(`${base}-${r.presetId}.${r.format === 'jpeg' ? 'jpg' : r.format}`);
            for (let n = 2; usedNames.has(file); n++) file = safeFileName(`${base}-${n}-${r.presetId}.${r.format === 'jpeg' ? 'jpg' : r.format}`);
            usedNames.add(file);
            await fsp.copyFile(r.file, path.join(outDir, file));
            const out: BatchOutput = {
              mediaId,
              presetId: r.presetId,
              name: file,
              url: fileUrl('exports', s.folder, file),
              width: r.width,
              height: r.height,
              bytes: r.bytes,
              tooSmall: r.tooSmall,
            };
            s.outputs.push(out);
          }
        } catch (e) {
          const err: BatchError = {
            mediaId,
            name,
            presetId: null,
            code: e instanceof ApiError ? e.code : 'internal',
            reason: e instanceof ApiError ? String(e.params?.reason ?? e.code) : 'render_failed',
          };
          if (!(e instanceof ApiError)) ctx.log('media batch item failed', mediaId, e);
          s.errors.push(err);
        } finally {
          s.done += presetIds.length;
          current.delete(name);
          s.current = current.values().next().value ?? null;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(batchParallelism(), mediaIds.length) }, worker));
    s.current = null;
    if (s.outputs.length) {
      // One download for the browser: the whole batch as a ZIP beside its folder.
      try {
        await writeZip(outDir, s.outputs.map((o) => o.name), `${outDir}.zip`);
        s.zipUrl = fileUrl('exports', `${s.folder}.zip`);
      } catch (e) {
        ctx.log('media batch zip failed', e);
      }
    }
    s.state = job.cancelled ? 'cancelled' : 'done';
    job.finishedAt = Date.now();
  }
}

export function mediaBatch(ctx: HandlerContext): MediaBatchService {
  const svc = ctx.services.mediaBatch;
  if (!(svc instanceof MediaBatchService)) throw new ApiError('internal', 'media batch service is not running');
  return svc;
}
