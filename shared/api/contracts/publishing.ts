import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import { CHANNELS, channelVariantSchema, type ChannelVariant, type Post, type PostStatus } from '@shared/domain/post';
import type { Connection, ConnectionTestResult, SecretState, WpUser } from '@shared/publishing/connection';
import { WP_STATUSES, type Job } from '@shared/publishing/job';
import type { MediaCandidate } from '@shared/publishing/media-choice';
import type { Publication } from '@shared/publishing/publication';
import type { SiteMatch } from '@shared/publishing/site-match';
import { base64Schema, method } from '@shared/api/define';

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
  secrets: {
    kind: 'encrypted' | 'memory' | 'pin';
    unavailable: 'basic_text' | 'unavailable' | null;
    /** Browser mode: the PIN-sealed vault is not open yet in this run (jobs wait for an admin's or editor's PIN). */
    locked?: boolean;
    /** Browser mode: passwords typed in but kept in memory only until an admin or editor signs in with a PIN. */
    memoryOnly?: number;
    /** Per connection id, where its saved secret stands. */
    states?: Record<string, SecretState>;
  };
}

/** A photo or a card slide a channel variant may send (see shared/publishing/media-choice.ts). */
export type PhotoFacts = MediaCandidate;

export interface VariantsResult {
  post: Post;
  variants: ChannelVariant[];
  /** Every image the variants may choose, by ref (photo id or card slide ref). */
  photos: Record<string, PhotoFacts>;
  /** The refs of `photos` in the order they are offered: article photos, linked photos, card slides. */
  candidates: string[];
  /** Open jobs of this post per channel. */
  jobs: JobSummary[];
  /** The next free posting slot in the OPD's zone (the scheduler's default time). */
  suggestedAt: string;
  /** Website: the WordPress user the Penulis credit goes out as (null wpName: not mapped, the connection's user). */
  websiteAuthor?: { credit: string; wpName: string | null; fallback: string } | null;
}

export interface XAuthStatusResult {
  state: 'idle' | 'waiting' | 'done' | 'failed';
  /** The callback address to register in the X developer portal. */
  redirectUri: string;
  code?: 'denied' | 'redirect_mismatch' | 'client_invalid' | 'exchange_failed' | 'timeout' | 'save_failed';
  detail?: string;
  connectionId?: string;
  username?: string;
}

export interface WpUsersResult {
  users: WpUser[];
  /** False when the connection's user may not list users: only people who already published are offered. */
  complete: boolean;
  /** Penulis credits of posts and the team's names, to map. */
  credits: string[];
}

/** "Sudah ada di website?" before the website job of a post is created. */
export interface OnSiteResult {
  /** 'checked': the site was asked; otherwise why it could not be (no connection or password, site unreachable). */
  status: 'checked' | 'no_connection' | 'unreachable';
  matches: SiteMatch[];
  /** The site post this post is already linked to, if any (then nothing needs asking). */
  linked: { id: string; url: string } | null;
  detail: string;
}

const isoInstant = z.iso.datetime();

/** Posts per overview page: the Antrean lists draw only the rows in view, so a page can be this long (≈30 KB at 10k posts). */
export const QUEUE_POSTS_PAGE = 100;

export const publishingContract = {
  'publishing.overview': method<QueueOverview>()(
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
  'publishing.job': method<Job>()(z.object({ id: idSchema }).strict()),
  'publishing.variants': method<VariantsResult>()(z.object({ postId: idSchema }).strict()),
  'publishing.saveVariants': method<VariantsResult>()(
    z.object({ postId: idSchema, baseRev: z.number().int().nonnegative(), variants: z.array(channelVariantSchema).max(6) }).strict(),
  ),
  'publishing.schedule': method<JobSummary[]>()(
    z
      .object({
        postId: idSchema,
        channels: z.array(z.enum(CHANNELS)).min(1).max(6),
        /** null: as soon as possible. */
        scheduledAt: isoInstant.nullable(),
        wpStatus: z.enum(WP_STATUSES).optional(),
        /** The admin saw what is already on the website and wants a new post there anyway. */
        newOnSite: z.boolean().optional(),
      })
      .strict(),
  ),
  'publishing.findOnSite': method<OnSiteResult>()(z.object({ postId: idSchema }).strict()),
  /** Link a post to the one already on the website (no second copy): its website job is published with that remote id. */
  'publishing.adopt': method<JobSummary>()(z.object({ postId: idSchema, remoteId: z.string().trim().regex(/^\d{1,20}$/) }).strict()),
  'publishing.reschedule': method<JobSummary>()(z.object({ jobId: idSchema, scheduledAt: isoInstant }).strict()),
  'publishing.resolve': method<JobSummary>()(
    z
      .object({
        jobId: idSchema,
        action: z.enum(['send_now', 'reschedule', 'skip', 'retry', 'mark_published', 'requeue', 'publish_new']),
        scheduledAt: isoInstant.optional(),
        /** mark_published: the public URL of what went out. */
        url: z.string().trim().max(2000).optional(),
        /** mark_published: when it actually went out (default: now). A manual post made last night belongs to last night. */
        publishedAt: isoInstant.optional(),
      })
      .strict(),
  ),
  'publishing.kick': method<{ ok: true }>()(z.object({}).strict()),
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
  /** X: start "Sambungkan akun X" (OAuth 2.0 + PKCE, loopback redirect); `id` reconnects an existing connection. */
  'connections.xAuthStart': method<{ authorizeUrl: string; redirectUri: string; expiresAt: string }>()(
    z
      .object({
        id: idSchema.optional(),
        label: z.string().trim().max(120),
        clientId: z.string().trim().min(10).max(200).regex(/^[A-Za-z0-9_-]+$/),
        apiBase: z.string().trim().max(300).optional(),
      })
      .strict(),
  ),
  'connections.xAuthStatus': method<XAuthStatusResult>()(z.object({}).strict()),
  'connections.xAuthCancel': method<XAuthStatusResult>()(z.object({}).strict()),
  /** X: revoke the tokens at X (best effort) and forget them; the connection stays, without a secret. */
  'connections.xDisconnect': method<Connection>()(z.object({ id: idSchema }).strict()),
  /** WordPress: the site's users and the Penulis credits in use, for the author map. */
  'connections.wpUsers': method<WpUsersResult>()(z.object({ id: idSchema }).strict()),
  /** WordPress: set the author map; every user is checked against the site first. */
  'connections.setAuthors': method<Connection>()(
    z
      .object({
        id: idSchema,
        authors: z.array(z.object({ credit: z.string().trim().min(1).max(200), wpUserId: z.string().regex(/^\d{1,20}$/) })).max(200),
      })
      .strict(),
  ),
  'publishing.exportZip': method<{ url: string; name: string }>()(z.object({ postId: idSchema }).strict()),
  'publishing.exportBatch': method<{ url: string; name: string }>()(
    z.object({ postIds: z.array(idSchema).min(1).max(500), format: z.enum(['wxr', 'csv']) }).strict(),
  ),
  'publishing.importZip': method<{ postId: string; outcome: 'created' | 'updated' | 'kept_newer' }>()(
    z.object({ name: z.string().max(255), dataBase64: base64Schema(100 * 1024 * 1024) }).strict(),
  ),
} as const;
