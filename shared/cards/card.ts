import { z } from 'zod';
import { hexColorSchema, recordMetaSchema } from '@shared/domain/common';
import { CHANNELS } from '@shared/channels/limits';
import { CARD_FONTS } from './fonts';
import { ICON_NAMES } from './icons';

/** Slide templates. "sampul" and "penutup" open and close a carousel. */
export const CARD_TEMPLATES = [
  'angka-kunci',
  'capaian',
  'kutipan',
  'poin-poin',
  'agenda',
  'foto-keterangan',
  'sampul',
  'penutup',
] as const;
export type CardTemplate = (typeof CARD_TEMPLATES)[number];

/** Card sizes: the photo desk presets a card can be exported at (shared/media/presets.ts ids). */
export const CARD_SIZES = [
  { id: 'ig-portrait', width: 1080, height: 1350 },
  { id: 'ig-square', width: 1080, height: 1080 },
  { id: 'ig-story', width: 1080, height: 1920 },
  { id: 'fb-link', width: 1200, height: 630 },
] as const;
export type CardSizeId = (typeof CARD_SIZES)[number]['id'];
export const CARD_SIZE_IDS = CARD_SIZES.map((s) => s.id) as [CardSizeId, ...CardSizeId[]];
export function cardSize(id: CardSizeId): { id: CardSizeId; width: number; height: number } {
  return CARD_SIZES.find((s) => s.id === id) ?? CARD_SIZES[0];
}

export const MAX_SLIDES = 10;
export const CARD_TEXT_LIMITS = { short: 120, medium: 300, long: 700, items: 5, points: 6 } as const;

const line = (max: number) => z.string().max(max).default('');

export const statItemSchema = z.object({
  value: z.string().max(40).default(''),
  label: z.string().max(CARD_TEXT_LIMITS.short).default(''),
  icon: z.enum(ICON_NAMES).default('chart'),
});
export type StatItem = z.infer<typeof statItemSchema>;

export const SLIDE_THEMES = ['light', 'brand'] as const;
export type SlideTheme = (typeof SLIDE_THEMES)[number];

/**
 * One slide. Fields are shared by all templates; each template reads the
 * ones it needs (so switching template keeps what was typed).
 */
export const slideSchema = z.object({
  id: z.string().min(1).max(64),
  template: z.enum(CARD_TEMPLATES),
  theme: z.enum(SLIDE_THEMES).default('light'),
  kicker: line(60),
  title: line(CARD_TEXT_LIMITS.short),
  number: line(24),
  label: line(CARD_TEXT_LIMITS.short),
  body: line(CARD_TEXT_LIMITS.long),
  source: line(CARD_TEXT_LIMITS.short),
  speakerName: line(80),
  speakerTitle: line(CARD_TEXT_LIMITS.short),
  date: line(60),
  time: line(60),
  place: line(CARD_TEXT_LIMITS.short),
  contact: line(CARD_TEXT_LIMITS.short),
  /** Agenda/Pengumuman: a link (registration form, details) drawn as a QR code. */
  link: line(300),
  credit: line(CARD_TEXT_LIMITS.short),
  items: z.array(statItemSchema).max(CARD_TEXT_LIMITS.items).default([]),
  /** Capaian: draw the item values as a chart (bars or a donut) instead of a list. */
  chart: z.enum(['none', 'bar', 'donut']).default('none'),
  points: z.array(z.string().max(200)).max(CARD_TEXT_LIMITS.points).default([]),
  photoId: z.string().max(128).nullable().default(null),
  /** null = use the drafted alt text; '' = the user removed it. */
  altText: z.string().max(1000).nullable().default(null),
});
export type Slide = z.infer<typeof slideSchema>;
export type SlideInput = z.input<typeof slideSchema>;

export const cardColorsSchema = z.object({
  primary: hexColorSchema,
  secondary: hexColorSchema,
  text: hexColorSchema,
  /** Text drawn on the primary colour. */
  onPrimary: hexColorSchema,
});
export type CardColors = z.infer<typeof cardColorsSchema>;

/** The editable content of a card (what the editor sends for a preview). */
export const cardContentSchema = z.object({
  name: z.string().trim().max(120),
  slides: z.array(slideSchema).min(1).max(MAX_SLIDES),
  sizes: z.array(z.enum(CARD_SIZE_IDS)).min(1).max(CARD_SIZES.length),
  colors: cardColorsSchema,
  font: z.enum(CARD_FONTS),
  postId: z.string().max(64).nullable(),
  /** Captions the user edited, per channel (absent = drafted). */
  captions: z.partialRecord(z.enum(CHANNELS), z.string().max(70000)).default({}),
});
export type CardContent = z.infer<typeof cardContentSchema>;
export type CardContentInput = z.input<typeof cardContentSchema>;

export const cardExportFileSchema = z.object({
  name: z.string().max(255),
  sizeId: z.enum(CARD_SIZE_IDS),
  slide: z.number().int().nonnegative(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.enum(['png', 'jpeg', 'txt']),
  bytes: z.number().int().nonnegative(),
});
export type CardExportFile = z.infer<typeof cardExportFileSchema>;

export const cardSchema = recordMetaSchema.extend({
  ...cardContentSchema.shape,
  lastExport: z
    .object({ at: z.iso.datetime(), folder: z.string().max(255), files: z.array(cardExportFileSchema).max(200) })
    .nullable()
    .default(null),
  deletedAt: z.iso.datetime().nullable().default(null),
});
export type Card = z.infer<typeof cardSchema>;

export interface CardSummary {
  id: string;
  name: string;
  updatedAt: string;
  slides: number;
  firstTemplate: CardTemplate;
  postId: string | null;
}

/** A new slide with empty fields. */
export function emptySlide(id: string, template: CardTemplate, theme: SlideTheme = 'light'): Slide {
  return slideSchema.parse({ id, template, theme });
}
