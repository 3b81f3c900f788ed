import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import { POST_STATUSES, POST_TEMPLATES, postContentSchema, type Post, type PostSummary } from '@shared/domain/post';
import { method } from '@shared/api/define';
import type { NewsSettings } from '@shared/posts/settings';
import type { FieldDiff, PostVersion, PostVersionSummary } from '@shared/posts/version';

/** The largest page posts.list answers: about 56 KB with realistic titles, so every page stays under 100 KB (issue 22). */
export const POSTS_LIST_MAX = 100;

export interface PostListResult {
  items: PostSummary[];
  total: number;
  counts: Record<(typeof POST_STATUSES)[number] | 'trash', number>;
}

export const postsContract = {
  'posts.list': method<PostListResult>()(
    z
      .object({
        query: z.string().max(200).optional(),
        status: z.enum(POST_STATUSES).optional(),
        trash: z.boolean().optional(),
        offset: z.number().int().nonnegative().max(1_000_000).optional(),
        limit: z.number().int().positive().max(POSTS_LIST_MAX).optional(),
      })
      .strict(),
  ),
  'posts.get': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.create': method<Post>()(
    z
      .object({
        template: z.enum(POST_TEMPLATES).nullable().optional(),
        content: postContentSchema.partial().optional(),
      })
      .strict(),
  ),
  'posts.update': method<Post>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        patch: postContentSchema.partial(),
      })
      .strict(),
  ),
  'posts.trash': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.restore': method<Post>()(z.object({ id: idSchema }).strict()),
  'posts.purge': method<{ id: string }>()(z.object({ id: idSchema }).strict()),

} as const;

export interface SpellcheckResult {
  /** Words the dictionary rejects, with up to three suggestions each. */
  misspelled: { word: string; suggestions: string[] }[];
  /** Capitalised words no list knows, taken for names ("Tambahkan semua nama di tulisan ini"). */
  names: string[];
}

/** Versions per page of the history panel: about 15 KB. */
export const VERSIONS_PAGE = 50;

export interface VersionsPage {
  /** Newest first. */
  items: PostVersionSummary[];
  total: number;
}

const word = z.string().trim().min(1).max(80).regex(/^[\p{L}\p{N}'’-]+$/u, 'one word');

/** Writing coach (spelling, workspace dictionary) and version history of posts (issue 3). */
export const postsCoachContract = {
  'posts.spellcheck': method<SpellcheckResult>()(z.object({ words: z.array(z.string().max(80)).max(20_000) }).strict()),
  'posts.dictionaryAdd': method<{ news: NewsSettings; rev: number }>()(z.object({ word }).strict()),
  'posts.dictionaryAddMany': method<{ news: NewsSettings; rev: number }>()(z.object({ words: z.array(word).min(1).max(500) }).strict()),
  'posts.dictionaryRemove': method<{ news: NewsSettings; rev: number }>()(z.object({ word }).strict()),
  'posts.versions': method<PostVersionSummary[]>()(z.object({ postId: idSchema }).strict()),
  /** One page of a post's versions, newest first (the "Riwayat" panel; a post edited for years keeps hundreds). */
  'posts.versionsPage': method<VersionsPage>()(
    z.object({ postId: idSchema, offset: z.number().int().nonnegative().max(10_000_000).optional(), limit: z.number().int().min(1).max(VERSIONS_PAGE).optional() }).strict(),
  ),
  'posts.versionGet': method<PostVersion>()(z.object({ id: idSchema }).strict()),
  'posts.versionDiff': method<{ from: PostVersionSummary; to: PostVersionSummary; fields: FieldDiff[] }>()(
    z.object({ fromId: idSchema, toId: idSchema }).strict(),
  ),
  'posts.versionRestore': method<Post>()(z.object({ id: idSchema, baseRev: z.number().int().nonnegative() }).strict()),
} as const;
