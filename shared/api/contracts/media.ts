import { z } from 'zod';
import { idSchema, isoDateSchema } from '@shared/domain/common';
import { photoEditSchema, renditionOptionsSchema, type Photo, type PhotoSummary } from '@shared/media/photo';
import { PRESET_IDS } from '@shared/media/presets';
import { base64Schema, method } from '@shared/api/define';

/** Largest photo file accepted over the API (the transport body limit is 128 MB; base64 adds a third). */
export const MAX_PHOTO_BYTES = 60 * 1024 * 1024;

const presetIdSchema = z.string().refine((id) => PRESET_IDS.includes(id), 'unknown preset');

export interface MediaImportResult {
  /** duplicate: the same bytes were imported before; `photo` is that existing photo. */
  status: 'imported' | 'duplicate' | 'restored';
  photo: Photo;
}

/** Photos per media.list page: about 40 KB of summaries. */
export const MEDIA_PAGE = 120;

export interface MediaListResult {
  /** One page of the filtered, sorted list (newest taken first), from `offset`. */
  items: PhotoSummary[];
  /** Photos matching the filter (all pages). */
  total: number;
  offset: number;
  /** With `idsOnly` and `within`: those of the given ids that match the filter, in list order; items is then empty. */
  ids?: string[];
  /** Photos in the trash (not in items unless trash: true). */
  trashCount: number;
  /** Every tag in use, most used first. */
  tags: string[];
}

export interface RenditionInfo {
  presetId: string;
  /** URL the UI can open (./files/renditions/<name>). */
  url: string;
  width: number;
  height: number;
  bytes: number;
  format: string;
  /** The source is smaller than the preset: the file is smaller than the channel asks. */
  tooSmall: boolean;
}

export interface BatchError {
  mediaId: string;
  name: string;
  presetId: string | null;
  code: string;
  reason: string;
}

export interface BatchOutput {
  mediaId: string;
  presetId: string;
  name: string;
  url: string;
  width: number;
  height: number;
  bytes: number;
  tooSmall: boolean;
}

export interface BatchStatus {
  jobId: string;
  state: 'running' | 'done' | 'cancelled';
  total: number;
  done: number;
  /** Original name of the photo being rendered now (null when idle). */
  current: string | null;
  /** Estimated seconds left, null until the first file is done. */
  secondsLeft: number | null;
  elapsedMs: number;
  errors: BatchError[];
  outputs: BatchOutput[];
  /** Folder inside the data folder's exports/ that holds the files. */
  folder: string;
  /** Every file of the batch in one ZIP (./files/exports/<folder>.zip), once the batch has ended; null before or when nothing was made. */
  zipUrl: string | null;
}

/** What the photo desk's filter bar sets (the library's view; the trash is never exported). */
export const mediaFilterSchema = z
  .object({
    query: z.string().max(200).optional(),
    tag: z.string().max(60).optional(),
    takenFrom: isoDateSchema.optional(),
    takenTo: isoDateSchema.optional(),
    postId: z.string().max(64).optional(),
  })
  .strict();
export type MediaFilter = z.infer<typeof mediaFilterSchema>;

/** Most photos one batch renders (the same bound for a list of ids and for "Pilih semua" as a filter). */
export const MAX_BATCH_PHOTOS = 5000;

export const mediaContract = {
  'media.import': method<MediaImportResult>()(
    z
      .object({
        name: z.string().min(1).max(255),
        dataBase64: base64Schema(MAX_PHOTO_BYTES),
      })
      .strict(),
  ),
  'media.list': method<MediaListResult>()(
    z
      .object({
        query: z.string().max(200).optional(),
        tag: z.string().max(60).optional(),
        takenFrom: isoDateSchema.optional(),
        takenTo: isoDateSchema.optional(),
        postId: z.string().max(64).optional(),
        trash: z.boolean().optional(),
        /** Paging: the first photo of the page and how many (default MEDIA_PAGE). */
        offset: z.number().int().min(0).max(10_000_000).optional(),
        limit: z.number().int().min(1).max(500).optional(),
        /**
         * Only ids, no summaries: which of `within` (a selection) match the
         * filter. "Pilih semua" no longer ships every id (190 KB at 5,000
         * photos): it is sent to media.batchStart as the filter itself.
         */
        idsOnly: z.boolean().optional(),
        within: z.array(idSchema).max(MAX_BATCH_PHOTOS).optional(),
      })
      .strict()
      .refine((v) => !v.idsOnly || v.within !== undefined, { message: 'idsOnly needs within', path: ['within'] }),
  ),
  'media.get': method<Photo>()(z.object({ id: idSchema }).strict()),
  'media.update': method<Photo>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        patch: photoEditSchema,
      })
      .strict(),
  ),
  'media.trash': method<Photo>()(z.object({ id: idSchema }).strict()),
  'media.restore': method<Photo>()(z.object({ id: idSchema }).strict()),
  'media.render': method<RenditionInfo>()(
    z
      .object({
        id: idSchema,
        presetId: presetIdSchema,
        options: renditionOptionsSchema.optional(),
      })
      .strict(),
  ),
  'media.batchStart': method<{ jobId: string }>()(
    z
      .object({
        /** The chosen photos, or (select) every photo the filter shows but those unticked after "Pilih semua". */
        mediaIds: z.array(idSchema).min(1).max(MAX_BATCH_PHOTOS).optional(),
        select: z.object({ filter: mediaFilterSchema, except: z.array(idSchema).max(MAX_BATCH_PHOTOS) }).strict().optional(),
        presetIds: z.array(presetIdSchema).min(1).max(20),
        options: renditionOptionsSchema.omit({ focal: true }).optional(),
      })
      .strict()
      .refine((v) => (v.mediaIds === undefined) !== (v.select === undefined), { message: 'mediaIds or select, one of them', path: ['mediaIds'] }),
  ),
  'media.batchStatus': method<BatchStatus>()(z.object({ jobId: idSchema }).strict()),
  'media.batchCancel': method<BatchStatus>()(z.object({ jobId: idSchema }).strict()),
  /** Where batches are saved on this PC (desktop app): available is false in the browser, which downloads the ZIP instead. */
  'media.saveFolder': method<{ available: boolean; folder: string | null }>()(z.object({}).strict()),
  /** Copies a finished batch into the remembered folder, or asks for one (choose: always ask). folder null: the dialog was cancelled. */
  'media.batchSaveToFolder': method<{ folder: string | null; saved: string[] }>()(z.object({ jobId: idSchema, choose: z.boolean().optional() }).strict()),
} as const;
