import { z } from 'zod';
import { skbYearSchema } from './holiday-calendar';
import { HOLIDAYS_2026 } from './holidays';
import { channelTargetsSchema, DEFAULT_CHANNEL_TARGETS, holidaySchema } from './targets-schema';

export { HOLIDAYS_2026, HOLIDAYS_2026_SOURCE } from './holidays';
export { holidaySchema, channelTargetsSchema, HOLIDAY_KINDS, DEFAULT_CHANNEL_TARGETS } from './targets-schema';
export type { Holiday, ChannelTargets } from './targets-schema';

/**
 * The OPD's publishing target (Pengaturan → Target). Every field has a
 * default so workspace files written before targets existed still parse.
 */
export const targetsSchema = z.object({
  perChannel: channelTargetsSchema.default(DEFAULT_CHANNEL_TARGETS),
  /** 'every': the regent's "one item every day"; 'working': Monday–Friday minus holidays. */
  days: z.enum(['every', 'working']).default('every'),
  holidays: z.array(holidaySchema).max(400).default(HOLIDAYS_2026),
  /** Official SKB lists imported in Pengaturan (years the app does not ship); they take precedence over bundled ones. */
  skb: z.array(skbYearSchema).max(30).default([]),
  /** Hour (workspace zone) after which Beranda warns when nothing is out or scheduled today; null = off. */
  reminderHour: z.number().int().min(0).max(23).nullable().default(10),
});
export type Targets = z.infer<typeof targetsSchema>;

export const DEFAULT_TARGETS: Targets = {
  perChannel: DEFAULT_CHANNEL_TARGETS,
  days: 'every',
  holidays: HOLIDAYS_2026,
  skb: [],
  reminderHour: 10,
};
