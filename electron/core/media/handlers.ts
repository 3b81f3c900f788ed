import { ApiError } from '@shared/api/errors';
import { MAX_BATCH_PHOTOS, MEDIA_PAGE, mediaContract, type MediaFilter } from '@shared/api/contracts/media';
import { photoSchema, photoSummary, type Photo } from '@shared/media/photo';
import { matchesPhoto, normalizeTags } from '@shared/media/rules';
import { mediaBatch } from './batch';
import { saveBatchToFolder, saveFolderInfo } from './save-folder';
import { importPhoto } from './import';
import { renderRendition } from './renditions';
import type { HandlerContext } from '@core/deps';
import type { HandlersFor } from '@core/handler-types';
import { fileUrl } from '@shared/files/urls';

function requirePhoto(ctx: HandlerContext, id: string): Photo {
  const p = ctx.store.collections.media.get(id);
  if (!p) throw new ApiError('not_found', `photo ${id} not found`, { params: { id } });
  return p;
}

async function save(ctx: HandlerContext, prev: Photo, changes: Partial<Photo>): Promise<Photo> {
  const next = photoSchema.parse({ ...prev, ...changes, rev: prev.rev + 1, updatedAt: ctx.store.now().toISOString() });
  await ctx.store.collections.media.put(next);
  return next;
}

/** The library's photos a filter shows, newest taken first (then import time, then id: a total order, so pages never overlap). */
function filteredPhotos(all: Photo[], filter: MediaFilter, trash: boolean): Photo[] {
  const items = all.filter((p) => Boolean(p.deletedAt) === trash && matchesPhoto(p, filter));
  items.sort((a, b) => (b.takenAt ?? b.createdAt).localeCompare(a.takenAt ?? a.createdAt) || b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id));
  return items;
}

/** "Pilih semua" applied here: every photo the filter shows now, minus those unticked afterwards. */
function selectedIds(ctx: HandlerContext, select: { filter: MediaFilter; except: string[] }): string[] {
  const except = new Set(select.except);
  const ids = filteredPhotos(ctx.store.collections.media.all(), select.filter, false)
    .filter((p) => !except.has(p.id))
    .map((p) => p.id);
  if (!ids.length) throw new ApiError('invalid_input', 'the filter shows no photo', { params: { reason: 'nothing_selected' } });
  if (ids.length > MAX_BATCH_PHOTOS) throw new ApiError('invalid_input', `${ids.length} photos: at most ${MAX_BATCH_PHOTOS} per batch`, { params: { reason: 'too_many_photos', n: ids.length, max: MAX_BATCH_PHOTOS } });
  return ids;
}

export const mediaHandlers: HandlersFor<typeof mediaContract> = {
  async 'media.import'({ name, dataBase64 }, ctx) {
    return importPhoto(ctx, name, Buffer.from(dataBase64, 'base64'));
  },

  async 'media.list'(input, ctx) {
    const all = ctx.store.collections.media.all();
    const tagCount = new Map<string, number>();
    let trashCount = 0;
    for (const p of all) {
      if (p.deletedAt) {
        trashCount++;
        continue;
      }
      for (const t of p.tags) tagCount.set(t, (tagCount.get(t) ?? 0) + 1);
    }
    const items = filteredPhotos(all, input, Boolean(input.trash));
    const tags = [...tagCount].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t);
    const offset = Math.min(input.offset ?? 0, items.length);
    if (input.idsOnly) {
      // Which of a selection the filter still shows: bounded by the selection, never every id.
      const within = new Set(input.within);
      return { items: [], ids: items.filter((p) => within.has(p.id)).map((p) => p.id), total: items.length, offset: 0, trashCount, tags };
    }
    // A page of summaries: the grid and the pickers ask for the pages they show.
    const page = items.slice(offset, offset + (input.limit ?? MEDIA_PAGE)).map(photoSummary);
    return { items: page, total: items.length, offset, trashCount, tags };
  },

  async 'media.get'({ id }, ctx) {
    return requirePhoto(ctx, id);
  },

  async 'media.update'({ id, baseRev, patch }, ctx) {
    const prev = requirePhoto(ctx, id);
    if (prev.rev !== baseRev) throw new ApiError('conflict', `photo ${id} changed (rev ${prev.rev}, base ${baseRev})`, { params: { id } });
    const changes: Partial<Photo> = { ...patch };
    if (patch.tags) changes.tags = normalizeTags(patch.tags);
    if (patch.postIds) changes.postIds = [...new Set(patch.postIds)];
    return save(ctx, prev, changes);
  },

  async 'media.trash'({ id }, ctx) {
    const prev = requirePhoto(ctx, id);
    if (prev.deletedAt) return prev;
    return save(ctx, prev, { deletedAt: ctx.store.now().toISOString() });
  },

  async 'media.restore'({ id }, ctx) {
    const prev = requirePhoto(ctx, id);
    if (!prev.deletedAt) return prev;
    return save(ctx, prev, { deletedAt: null });
  },

  async 'media.render'({ id, presetId, options }, ctx) {
    const r = await renderRendition(ctx, id, presetId, options ?? {});
    return { presetId: r.presetId, url: fileUrl('renditions', r.name), width: r.width, height: r.height, bytes: r.bytes, format: r.format, tooSmall: r.tooSmall };
  },

  async 'media.batchStart'({ mediaIds, select, presetIds, options }, ctx) {
    return { jobId: mediaBatch(ctx).startJob(mediaIds ?? selectedIds(ctx, select!), presetIds, options ?? {}) };
  },

  async 'media.batchStatus'({ jobId }, ctx) {
    return mediaBatch(ctx).status(jobId);
  },

  async 'media.batchCancel'({ jobId }, ctx) {
    return mediaBatch(ctx).cancel(jobId);
  },

  async 'media.saveFolder'(_input, ctx) {
    return saveFolderInfo(ctx);
  },

  async 'media.batchSaveToFolder'({ jobId, choose }, ctx) {
    return saveBatchToFolder(ctx, jobId, choose ?? false);
  },
};
