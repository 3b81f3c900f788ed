import { z } from 'zod';
import { CARD_FONTS } from './fonts';

const handle = z
  .string()
  .trim()
  .max(60)
  .regex(/^[^\r\n]*$/, 'one line');

const oneLine = (max: number) => z.string().trim().max(max).regex(/^[^\r\n]*$/, 'one line');
const hashtag = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N}_]+$/u, 'hashtag: letters, digits, _');
const HANDLE_KEYS = ['instagram', 'facebook', 'x', 'tiktok', 'youtube'] as const;

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
  shortName: oneLine(40).default(''),
  /** Short footer line, e.g. "blorakab.go.id". */
  footer: oneLine(80).default(''),
  handles: z
    .object(Object.fromEntries(HANDLE_KEYS.map((k) => [k, handle.default('')])) as Record<(typeof HANDLE_KEYS)[number], z.ZodDefault<typeof handle>>)
    .default({ instagram: '', facebook: '', x: '', tiktok: '', youtube: '' }),
  /** Without "#"; the caption builder adds them. */
  hashtags: z.array(hashtag).max(30).default([]),
});

/**
 * A change to the brand kit: only the fields given. No defaults here, or a
 * patch that sets a logo would reset the footer, handles and hashtags.
 */
export const brandKitPatchSchema = z
  .object({
    pemdaLogoMediaId: z.string().max(128).nullable(),
    font: z.enum(CARD_FONTS),
    shortName: oneLine(40),
    footer: oneLine(80),
    handles: z.object(Object.fromEntries(HANDLE_KEYS.map((k) => [k, handle])) as Record<(typeof HANDLE_KEYS)[number], typeof handle>).partial(),
    hashtags: z.array(hashtag).max(30),
  })
  .partial();
export type BrandKit = z.infer<typeof brandKitSchema>;

export const DEFAULT_BRAND: BrandKit = brandKitSchema.parse({});

/** Social handle shown on cards: "@name" (the user may type it with or without "@"). */
export function atHandle(h: string): string {
  const v = h.trim().replace(/^@+/, '');
  return v ? `@${v}` : '';
}
