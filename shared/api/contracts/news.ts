import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import type { Post } from '@shared/domain/post';
import type { NewsSettings } from '@shared/posts/settings';
import type { FieldDiff, PostVersion, PostVersionSummary } from '@shared/posts/version';
import { method } from '@shared/api/define';

export interface SpellcheckResult {
  /** Words the dictionary rejects, with up to three suggestions each. */
  misspelled: { word: string; suggestions: string[] }[];
  /** Capitalised words no list knows, taken for names ("Tambahkan semua nama di tulisan ini"). */
  names: string[];
}

const word = z.string().trim().min(1).max(80).regex(/^[\p{L}\p{N}'’-]+$/u, 'one word');

/** Writing coach (spelling, workspace dictionary) and version history of posts (issue 3). */
export const newsContract = {
  'news.spellcheck': method<SpellcheckResult>()(z.object({ words: z.array(z.string().max(80)).max(20_000) }).strict()),
  'news.dictionaryAdd': method<{ news: NewsSettings; rev: number }>()(z.object({ word }).strict()),
  'news.dictionaryAddMany': method<{ news: NewsSettings; rev: number }>()(z.object({ words: z.array(word).min(1).max(500) }).strict()),
  'news.dictionaryRemove': method<{ news: NewsSettings; rev: number }>()(z.object({ word }).strict()),
  'posts.versions': method<PostVersionSummary[]>()(z.object({ postId: idSchema }).strict()),
  'posts.versionGet': method<PostVersion>()(z.object({ id: idSchema }).strict()),
  'posts.versionDiff': method<{ from: PostVersionSummary; to: PostVersionSummary; fields: FieldDiff[] }>()(
    z.object({ fromId: idSchema, toId: idSchema }).strict(),
  ),
  'posts.versionRestore': method<Post>()(z.object({ id: idSchema, baseRev: z.number().int().nonnegative() }).strict()),
} as const;
