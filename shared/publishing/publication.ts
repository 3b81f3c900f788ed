import { z } from 'zod';
import { CHANNELS } from '@shared/domain/post';
import { recordMetaSchema } from '@shared/domain/common';

/**
 * One piece of content that actually went out on one channel: written by
 * the outbox when a publish succeeds, or by the user's "Tandai sudah tayang"
 * for manual channels. Activity reports and the daily target count only these.
 */
export const publicationSchema = recordMetaSchema.extend({
  postId: z.string().max(64).nullable(),
  /** Info cards published without a post. */
  cardId: z.string().max(64).nullable(),
  channel: z.enum(CHANNELS),
  /** Instant the content went live. */
  publishedAt: z.iso.datetime(),
  url: z.string().max(2000),
  source: z.enum(['outbox', 'manual']),
  /** Who pressed publish or marked it (team member id), when known. */
  actorId: z.string().max(64).nullable(),
  title: z.string().max(300),
  category: z.string().max(100),
});
export type Publication = z.infer<typeof publicationSchema>;
