import { z } from 'zod';
import { idSchema } from '../../domain/common';
import { CHANNELS, channelVariantSchema, type ChannelVariant, type Post, type PostStatus } from '../../domain/post';
import type { Connection, ConnectionTestResult } from '../../publishing/connection';
import { WP_STATUSES, type Job } from '../../publishing/job';
import type { Publication } from '../../publishing/publication';
import { base64Schema, method } from '../define';

export interface QueuePostSummary {
  id: string;
  title: string;
  status: PostStatus;
  category: string;
  updatedAt: string;
  /** May be queued now (approved, scheduled, or published for an update). */
  queueable: boolean;
  /** Jobs of this post that were not cancelled. */
  jobCount: number;
}

/** A job without its long attempt log (the list view). */
export type JobSummary = Omit<Job, 'log' | 'payload'> & {
  title: string;
  text: string;
  mediaCount: number;
  media: Job['payload']['media'];
  lastLog: Job['log'][number] | null;
};

/**
 * Bounded at any store size (issue 22): one page of posts; the jobs that are
 * open, the newest finished ones and those in the calendar's window; the
 * publications of that window (or the newest ones).
 */
export interface QueueOverview {
  posts: QueuePostSummary[];
  /** Posts that can be prepared, over all pages. */
  postsTotal: number;
  jobs: JobSummary[];
  /** Open jobs left out beyond the limit (oldest slot first are kept). */
  jobsOmitted: number;
  connections: Connection[];
  publications: Publication[];
  outbox: { running: boolean; online: Record<string, boolean | null> };
  secrets: { kind: 'encrypted' | 'memory'; unavailable: 'basic_text' | 'unavailable' | null };
}

export interface PhotoFacts {
  id: string;
  width: number;
  height: number;
  altText: string;
  caption: string;
  sha256: string;
}

export interface VariantsResult {
  post: Post;
  variants: ChannelVariant[];
  photos: Record<string, PhotoFacts>;
  /** Open jobs of this post per channel. */
  jobs: JobSummary[];
  /** The next free posting slot in the OPD's zone (the scheduler's default time). */
  suggestedAt: string;
}

const isoInstant = z.iso.datetime();

export const QUEUE_POSTS_PAGE = 50;

export const queueContract = {
  'queue.overview': method<QueueOverview>()(
    z
      .object({
        postsOffset: z.number().int().nonnegative().optional(),
        postsLimit: z.number().int().min(1).max(200).optional(),
        /** The calendar's window: jobs and publications inside it are included whatever their age. */
        from: isoInstant.optional(),
        to: isoInstant.optional(),
      })
      .strict(),
  ),
  'queue.job': method<Job>()(z.object({ id: idSchema }).strict()),
  'queue.variants': method<VariantsResult>()(z.object({ postId: idSchema }).strict()),
  'queue.saveVariants': method<VariantsResult>()(
    z.object({ postId: idSchema, baseRev: z.number().int().nonnegative(), variants: z.array(channelVariantSchema).max(6) }).strict(),
  ),
  'queue.schedule': method<JobSummary[]>()(
    z
      .object({
        postId: idSchema,
        channels: z.array(z.enum(CHANNELS)).min(1).max(6),
        /** null: as soon as possible. */
        scheduledAt: isoInstant.nullable(),
        wpStatus: z.enum(WP_STATUSES).optional(),
      })
      .strict(),
  ),
  'queue.reschedule': method<JobSummary>()(z.object({ jobId: idSchema, scheduledAt: isoInstant }).strict()),
  'queue.resolve': method<JobSummary>()(
    z
      .object({
        jobId: idSchema,
        action: z.enum(['send_now', 'reschedule', 'skip', 'retry', 'mark_published', 'requeue']),
        scheduledAt: isoInstant.optional(),
        /** mark_published: the public URL of what went out. */
        url: z.string().trim().max(2000).optional(),
        /** mark_published: when it actually went out (default: now). A manual post made last night belongs to last night. */
        publishedAt: isoInstant.optional(),
      })
      .strict(),
  ),
  'queue.kick': method<{ ok: true }>()(z.object({}).strict()),
  'connections.save': method<Connection>()(
    z
      .object({
        id: idSchema.optional(),
        channel: z.enum(CHANNELS),
        label: z.string().trim().max(120),
        baseUrl: z.string().trim().max(300),
        username: z.string().trim().max(120),
        /** Only when the user typed a new one; never sent back. */
        secret: z.string().max(2000).optional(),
      })
      .strict(),
  ),
  'connections.delete': method<{ id: string }>()(z.object({ id: idSchema }).strict()),
  'connections.test': method<ConnectionTestResult>()(z.object({ id: idSchema }).strict()),
  'queue.exportZip': method<{ url: string; name: string }>()(z.object({ postId: idSchema }).strict()),
  'queue.exportBatch': method<{ url: string; name: string }>()(
    z.object({ postIds: z.array(idSchema).min(1).max(500), format: z.enum(['wxr', 'csv']) }).strict(),
  ),
  'queue.importZip': method<{ postId: string; outcome: 'created' | 'updated' | 'kept_newer' }>()(
    z.object({ name: z.string().max(255), dataBase64: base64Schema(100 * 1024 * 1024) }).strict(),
  ),
} as const;
