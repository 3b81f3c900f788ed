import { z } from 'zod';

/** Every stored record carries these fields (see GUIDE §2). */
export const recordMetaSchema = z.object({
  id: z.string().min(1).max(64),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  rev: z.number().int().nonnegative(),
});
export type RecordMeta = z.infer<typeof recordMetaSchema>;

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'id may only hold letters, digits, "-" and "_"');

/** A calendar date (no time) as YYYY-MM-DD. */
export const isoDateSchema = z.iso.date();

export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #RRGGBB');
