import { z } from 'zod';
import { CARD_FONTS } from './fonts';

const handle = z
  .string()
  .trim()
  .max(60)
  .regex(/^[^\r\n]*$/, 'one line');

/**
 * The OPD's brand kit for cards. The OPD logo and colours stay in the OPD
 * profile (opd.logoMediaId, opd.colors); this holds the rest. Every field has
 * a default so data files written before the brand kit existed still parse.
 */
export const brandKitSchema = z.object({
  pemdaLogoMediaId: z.string().max(128).nullable().default(null),
  font: z.enum(CARD_FONTS).default('roboto'),
  /**
   * Short name for cards (singkatan, e.g. "DP3AP2KB Blora"): drawn where the
   * full official name cannot fit. Empty = the profile's short name.
   */
  shortName: z.string().trim().max(40).regex(/^[^\r\n]*$/, 'one line').default(''),
  /** Short footer line, e.g. "blorakab.go.id". */
  footer: z.string().trim().max(80).regex(/^[^\r\n]*$/, 'one line').default(''),
  handles: z
    .object({
      instagram: handle.default(''),
      facebook: handle.default(''),
      x: handle.default(''),
      tiktok: handle.default(''),
      youtube: handle.default(''),
    })
    .default({ instagram: '', facebook: '', x: '', tiktok: '', youtube: '' }),
  /** Without "#"; the caption builder adds them. */
  hashtags: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(60)
        .regex(/^[\p{L}\p{N}_]+$/u, 'hashtag: letters, digits, _'),
    )
    .max(30)
    .default([]),
});
export type BrandKit = z.infer<typeof brandKitSchema>;

export const DEFAULT_BRAND: BrandKit = brandKitSchema.parse({});

/** Social handle shown on cards: "@name" (the user may type it with or without "@"). */
export function atHandle(h: string): string {
  const v = h.trim().replace(/^@+/, '');
  return v ? `@${v}` : '';
}
