import { z } from 'zod';
import { recordMetaSchema } from '@shared/domain/common';

export const PHOTO_FORMATS = ['jpeg', 'png', 'webp', 'heif'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

/** A point on the photo as fractions of its (upright) width and height. */
export const focalPointSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
});
export type FocalPoint = z.infer<typeof focalPointSchema>;

/**
 * A crop chosen by hand for one format (aspect ratio): its centre as
 * fractions of the upright photo and a zoom (1 = the largest cut of that
 * shape, 2 = half as wide).
 */
export const cropChoiceSchema = z
  .object({
    x: z.number().min(0).max(1),
    y: z.number().min(0).max(1),
    zoom: z.number().min(1).max(4),
  })
  .strict();
export type CropChoice = z.infer<typeof cropChoiceSchema>;

/** Hand-made crops by format key (the preset's aspect, e.g. "4:5"); formats not in it use the focal point. */
export const cropChoicesSchema = z.record(z.string().max(12), cropChoiceSchema).refine((r) => Object.keys(r).length <= 20, 'too many crops');

export const MEDIA_TEXT_LIMITS = { caption: 1000, credit: 200, altText: 500, tag: 60, tags: 30 } as const;

/** The texts and links a user edits, with the same limits in the record and in an edit. */
const photoTextShape = {
  caption: z.string().max(MEDIA_TEXT_LIMITS.caption),
  credit: z.string().max(MEDIA_TEXT_LIMITS.credit),
  altText: z.string().max(MEDIA_TEXT_LIMITS.altText),
  tags: z.array(z.string().trim().min(1).max(MEDIA_TEXT_LIMITS.tag)).max(MEDIA_TEXT_LIMITS.tags),
  postIds: z.array(z.string().max(64)).max(200),
};

/** The fields a user edits. */
export const photoEditSchema = z
  .object({
    ...photoTextShape,
    focal: focalPointSchema.nullable(),
    crops: cropChoicesSchema,
  })
  .partial()
  .strict();
export type PhotoEdit = z.infer<typeof photoEditSchema>;

/** How many overwritten versions a photo keeps. */
export const PHOTO_HISTORY_MAX = 50;

/** Values of a photo that a later edit on another PC overwrote, and when they had been written. */
export const photoHistoryEntrySchema = z
  .object({
    at: z.string().max(40),
    values: photoEditSchema,
  })
  .strict();
export type PhotoHistoryEntry = z.infer<typeof photoHistoryEntrySchema>;

/**
 * One imported photo (collection `media`). The original lives in
 * <dataDir>/media/originals/<sha256>.<ext>. Privacy: the record keeps only
 * whether the original had a GPS position (hasGps), never the coordinates,
 * and only the camera make/model, never serial numbers or owner names.
 */
export const photoSchema = recordMetaSchema
  .extend({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    originalName: z.string().max(255),
    /** Extension of the stored original, with the dot (".jpg"). */
    ext: z.enum(['.jpg', '.png', '.webp', '.heic']),
    /** Size after EXIF orientation (as the photo is seen upright). */
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    format: z.enum(PHOTO_FORMATS),
    bytes: z.number().int().nonnegative(),
    /** EXIF DateTimeOriginal as a local wall-clock ISO string without zone ("2024-05-01T09:30:00"), or null. */
    takenAt: z.string().max(40).nullable(),
    cameraMake: z.string().max(80).nullable(),
    cameraModel: z.string().max(120).nullable(),
    hasGps: z.boolean(),
    ...photoTextShape,
    /** Focal point the user set by clicking the photo; wins over autoFocal. */
    focal: focalPointSchema.nullable(),
    /** Centre of interest found on import by sharp's attention strategy. */
    autoFocal: focalPointSchema.nullable(),
    crops: cropChoicesSchema.default({}),
    /** Values overwritten when two PCs edited the photo at once (the later edit wins; issue 13), oldest first. */
    history: z.array(photoHistoryEntrySchema).max(PHOTO_HISTORY_MAX).optional(),
    deletedAt: z.iso.datetime().nullable(),
  })
  .strict();
export type Photo = z.infer<typeof photoSchema>;

export const WATERMARK_POSITIONS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type WatermarkPosition = (typeof WATERMARK_POSITIONS)[number];

/** OPD logo stamped on a rendition. size = logo width as a fraction of the image width. */
export const watermarkSchema = z
  .object({
    position: z.enum(WATERMARK_POSITIONS),
    size: z.number().min(0.05).max(0.4),
    opacity: z.number().min(0.1).max(1),
  })
  .strict();
export type WatermarkOptions = z.infer<typeof watermarkSchema>;

/** Options of a rendition beyond the preset. */
export const renditionOptionsSchema = z
  .object({
    /** Overrides the photo's stored focal point (live preview before saving). */
    focal: focalPointSchema.nullable().optional(),
    watermark: watermarkSchema.nullable().optional(),
    /** Put the caption (and credit) in a band across the bottom. */
    captionBand: z.boolean().optional(),
    /** Which presets carry creator, credit line and copyright in their metadata (default: the website ones). */
    creditMetadata: z.enum(['website', 'all', 'none']).optional(),
    /** The website presets as WebP instead of JPEG (WordPress 5.8 and later take WebP uploads). */
    webp: z.boolean().optional(),
    /** The website presets as AVIF (only where the site was found to take AVIF uploads: shared/publishing/site-images.ts). */
    avif: z.boolean().optional(),
  })
  .strict();
export type RenditionOptions = z.infer<typeof renditionOptionsSchema>;

/** The focal point used for crops: the user's, else the automatic one, else the centre. */
export function effectiveFocal(p: Pick<Photo, 'focal' | 'autoFocal'>): FocalPoint {
  return p.focal ?? p.autoFocal ?? { x: 0.5, y: 0.5 };
}

/**
 * What a list of photos carries for each (Media grid, photo pickers): enough
 * to draw a thumbnail, its name and badges, never the whole record (crops,
 * focal points, tags, post links). A caption is cut to SUMMARY_CAPTION
 * characters. The whole record comes from media.get when a photo is opened.
 */
export type PhotoSummary = Pick<Photo, 'id' | 'rev' | 'sha256' | 'originalName' | 'caption' | 'altText' | 'credit' | 'hasGps' | 'width' | 'height' | 'takenAt' | 'createdAt' | 'deletedAt'>;

export const SUMMARY_CAPTION = 160;

export function photoSummary(p: Photo): PhotoSummary {
  return {
    id: p.id,
    rev: p.rev,
    sha256: p.sha256,
    originalName: p.originalName,
    caption: p.caption.length > SUMMARY_CAPTION ? `${p.caption.slice(0, SUMMARY_CAPTION - 1)}…` : p.caption,
    altText: p.altText.length > SUMMARY_CAPTION ? `${p.altText.slice(0, SUMMARY_CAPTION - 1)}…` : p.altText,
    credit: p.credit,
    hasGps: p.hasGps,
    width: p.width,
    height: p.height,
    takenAt: p.takenAt,
    createdAt: p.createdAt,
    deletedAt: p.deletedAt,
  };
}
