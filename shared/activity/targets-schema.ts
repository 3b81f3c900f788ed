import { z } from 'zod';
import { isoDateSchema } from '@shared/domain/common';

export const HOLIDAY_KINDS = ['national', 'cuti_bersama', 'local'] as const;

export const holidaySchema = z.object({
  date: isoDateSchema,
  name: z.string().trim().max(120).regex(/^[^\r\n]*$/, 'must be one line'),
  kind: z.enum(HOLIDAY_KINDS),
});
export type Holiday = z.infer<typeof holidaySchema>;

const perDay = z.number().int().min(0).max(20);

/** Channels that count toward the daily target and how many items each needs; 0 = not tracked. */
export const channelTargetsSchema = z.object({
  website: perDay.default(1),
  facebook: perDay.default(1),
  instagram: perDay.default(1),
  x: perDay.default(0),
  whatsapp: perDay.default(0),
  other: perDay.default(0),
});
export type ChannelTargets = z.infer<typeof channelTargetsSchema>;

export const DEFAULT_CHANNEL_TARGETS: ChannelTargets = { website: 1, facebook: 1, instagram: 1, x: 0, whatsapp: 0, other: 0 };
