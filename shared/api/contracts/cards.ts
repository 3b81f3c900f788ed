import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import { CARD_SIZE_IDS, CARD_TEMPLATES, cardContentSchema, type Card, type CardExportFile, type CardSummary } from '@shared/cards/card';
import type { CardIssue } from '@shared/cards/checks';
import type { LogoLayer } from '@shared/cards/draw';
import type { TextSummary } from '@shared/cards/layout';
import type { TemplateBrand } from '@shared/cards/templates';
import type { MediaImportResult } from './media';
import { base64Schema, method } from '@shared/api/define';

export interface CardPreview {
  /** PNG as a data: URL (downscaled for the editor). */
  image: string;
  width: number;
  height: number;
  issues: CardIssue[];
  /** Render time in the main process. */
  ms: number;
  /** The text lines as laid out for the file (the page's live preview must show the same). */
  texts: TextSummary;
}

/** What the page needs to lay out and draw cards itself (the live preview): small, fetched once per editor. */
export interface CardPreviewKit {
  brand: TemplateBrand;
  /** Names of the bundled emoji pictures (an emoji without one is reported, as in the export). */
  emojiNames: string[];
  /** Changes when a brand-kit logo changes: cached image layers of older versions are dropped. */
  layersVersion: string;
}

export interface CardExportResult {
  folder: string;
  files: (CardExportFile & { url: string })[];
}

/** Largest logo file accepted for the brand kit (SVG, PNG, JPEG, WebP). */
export const MAX_LOGO_BYTES = 20 * 1024 * 1024;

/** Cards per page of the Kartu info list (issue 22); every page stays far under 100 KB. */
export const CARDS_PAGE = 50;

export interface CardListResult {
  /** One page, newest change first. */
  items: CardSummary[];
  /** Cards matching the filter, over all pages. */
  total: number;
  /** Cards in the trash (the list's "Sampah" count). */
  trashCount: number;
}

export const cardsContract = {
  'cards.list': method<CardListResult>()(
    z
      .object({
        trash: z.boolean().optional(),
        /** Words of the card's name. */
        query: z.string().max(200).optional(),
        offset: z.number().int().nonnegative().max(10_000_000).optional(),
        limit: z.number().int().min(1).max(200).optional(),
        /** Only the cards made for this post. */
        postId: idSchema.optional(),
      })
      .strict(),
  ),
  'cards.get': method<Card>()(z.object({ id: idSchema }).strict()),
  'cards.create': method<Card>()(
    z.object({ template: z.enum(CARD_TEMPLATES).optional(), name: z.string().trim().max(120).optional() }).strict(),
  ),
  'cards.update': method<Card>()(
    z.object({ id: idSchema, baseRev: z.number().int().nonnegative(), patch: cardContentSchema.partial() }).strict(),
  ),
  'cards.trash': method<Card>()(z.object({ id: idSchema }).strict()),
  'cards.restore': method<Card>()(z.object({ id: idSchema }).strict()),
  'cards.preview': method<CardPreview>()(
    z
      .object({
        content: cardContentSchema,
        slide: z.number().int().nonnegative().max(9),
        sizeId: z.enum(CARD_SIZE_IDS),
        /** Width of the returned preview image (the card is laid out at full size). */
        previewWidth: z.number().int().min(120).max(1200).optional(),
      })
      .strict(),
  ),
  'cards.previewKit': method<CardPreviewKit>()(z.object({}).strict()),
  /** The photos and logos of one slide at one size, fitted to their boxes, by layerKey (shared/cards/draw.ts). */
  'cards.layers': method<{ layers: Record<string, string | LogoLayer> }>()(
    z.object({ content: cardContentSchema, slide: z.number().int().nonnegative().max(9), sizeId: z.enum(CARD_SIZE_IDS) }).strict(),
  ),
  /** Emoji pictures as data: URLs, by name (names outside the bundled set are left out). */
  'cards.emoji': method<{ emoji: Record<string, string> }>()(z.object({ names: z.array(z.string().regex(/^[0-9a-f]{1,6}(-[0-9a-f]{1,6}){0,9}$/)).max(200) }).strict()),
  'cards.check': method<{ issues: CardIssue[] }>()(z.object({ content: cardContentSchema }).strict()),
  'cards.export': method<CardExportResult>()(z.object({ id: idSchema }).strict()),
  /**
   * A brand-kit logo: an SVG is cleaned and rasterised, a huge raster is
   * scaled down, then it joins the media library as a PNG (the caller sets it
   * as the OPD or Pemda logo with settings.update).
   */
  'cards.importLogo': method<MediaImportResult>()(z.object({ name: z.string().min(1).max(255), dataBase64: base64Schema(MAX_LOGO_BYTES) }).strict()),
  'cards.attach': method<{ postId: string; mediaId: string }>()(z.object({ id: idSchema, postId: idSchema }).strict()),
} as const;
