import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import { POST_STATUSES, POST_TEMPLATES, postContentSchema, type Post, type PostSummary } from '@shared/domain/post';
import { method } from '@shared/api/define';

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
        limit: z.number().int().positive().max(500).optional(),
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
