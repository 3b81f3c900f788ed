import { z } from 'zod';
import { idSchema, isoDateSchema, recordMetaSchema } from './common';
import { maskMarkdown } from '@shared/posts/text';

export const POST_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const CHANNELS = ['website', 'facebook', 'instagram', 'x', 'whatsapp', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Public-information classes from UU 14/2008 (KIP). */
export const INFO_CLASSES = ['berkala', 'serta_merta', 'setiap_saat'] as const;
export type InfoClass = (typeof INFO_CLASSES)[number];

export const POST_TEMPLATES = [
  'berita_kegiatan',
  'siaran_pers',
  'pengumuman',
  'artikel_edukasi',
  'capaian_kinerja',
] as const;
export type PostTemplate = (typeof POST_TEMPLATES)[number];

export const mediaRefSchema = z.object({
  mediaId: z.string().min(1).max(128),
  role: z.enum(['featured', 'inline', 'gallery', 'card']),
  caption: z.string().max(1000),
});
export type MediaRef = z.infer<typeof mediaRefSchema>;

export const channelVariantSchema = z.object({
  channel: z.enum(CHANNELS),
  enabled: z.boolean(),
  text: z.string().max(100_000),
  mediaIds: z.array(z.string().max(128)).max(20),
});
export type ChannelVariant = z.infer<typeof channelVariantSchema>;

const line = (max: number) => z.string().max(max).regex(/^[^\r\n]*$/, 'must be one line');

/** The fields an author edits. Everything else on a post is managed by the app. */
export const postContentSchema = z.object({
  title: line(300),
  dateline: line(60),
  eventDate: isoDateSchema.nullable(),
  lead: z.string().max(10_000),
  bodyMd: z.string().max(1_000_000),
  category: line(100),
  tags: z.array(line(60)).max(30),
  infoClass: z.enum(INFO_CLASSES),
  template: z.enum(POST_TEMPLATES).nullable(),
  authorId: idSchema.nullable(),
  authorCredit: line(200),
  editorCredit: line(200),
  photoCredits: line(500),
  media: z.array(mediaRefSchema).max(100),
  channelVariants: z.array(channelVariantSchema).max(20),
  dismissedFindings: z.array(z.string().max(200)).max(1000),
});
export type PostContent = z.infer<typeof postContentSchema>;

export const postSchema = recordMetaSchema.extend({
  ...postContentSchema.shape,
  status: z.enum(POST_STATUSES),
  /** Set when the post is in the trash; purge removes it for good. */
  deletedAt: z.iso.datetime().nullable(),
});
export type Post = z.infer<typeof postSchema>;

/** What the post list needs; keeps list responses small. */
export interface PostSummary {
  id: string;
  title: string;
  status: PostStatus;
  category: string;
  authorCredit: string;
  eventDate: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  rev: number;
  excerpt: string;
  wordCount: number;
}

/**
 * A post as the store's summary index keeps it (issue 22): the list fields
 * plus what search and the list filters read, without the body, so that
 * listing and searching never read the post files.
 */
export interface PostListEntry extends PostSummary {
  lead: string;
  tags: string[];
  authorId: string | null;
}

export function postListEntry(p: Post): PostListEntry {
  return { ...summarizePost(p), lead: p.lead, tags: p.tags, authorId: p.authorId };
}

/** The API's list fields of an entry (no search text). */
export function listSummary(e: PostListEntry): PostSummary {
  const { lead: _l, tags: _t, authorId: _a, ...summary } = e;
  return summary;
}

export function emptyPostContent(): PostContent {
  return {
    title: '',
    dateline: '',
    eventDate: null,
    lead: '',
    bodyMd: '',
    category: '',
    tags: [],
    infoClass: 'berkala',
    template: null,
    authorId: null,
    authorCredit: '',
    editorCredit: '',
    photoCredits: '',
    media: [],
    channelVariants: [],
    dismissedFindings: [],
  };
}

export function countWords(text: string): number {
  const m = text.match(/[\p{L}\p{N}]+(?:[-'’][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

export function summarizePost(p: Post): PostSummary {
  // The prose as a reader sees it: Markdown syntax, images and link targets out; brackets, hyphens and dashes of the text kept.
  const source = maskMarkdown(p.lead || p.bodyMd)
    .replace(/[\u2063\u2064]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    category: p.category,
    authorCredit: p.authorCredit,
    eventDate: p.eventDate,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    deletedAt: p.deletedAt,
    rev: p.rev,
    excerpt: source.slice(0, 160),
    wordCount: countWords(p.lead) + countWords(p.bodyMd),
  };
}
