import { diffWordsWithSpace } from 'diff';
import { z } from 'zod';
import { idSchema, recordMetaSchema } from '@shared/domain/common';
import { POST_STATUSES, postContentSchema, type PostContent } from '@shared/domain/post';

/** 'discarded': a side's text that lost in a conflict resolution, kept with its author so nothing is lost (issue 12). */
export const VERSION_REASONS = ['created', 'edit', 'status', 'restore', 'discarded'] as const;
export type VersionReason = (typeof VERSION_REASONS)[number];

/** A saved state of a post (collection `postVersions`). Never deleted by restore. */
export const postVersionSchema = recordMetaSchema.extend({
  postId: idSchema,
  /** The post's rev this version holds. */
  postRev: z.number().int().nonnegative(),
  status: z.enum(POST_STATUSES),
  reason: z.enum(VERSION_REASONS),
  /** For reason 'restore': the version that was brought back. */
  restoredFrom: z.string().max(64).nullable(),
  content: postContentSchema,
  wordCount: z.number().int().nonnegative(),
  /** Who wrote this version, when it is not the post's own history (a discarded side of a conflict). */
  author: z.object({ id: z.string().max(128).nullable(), name: z.string().max(200) }).nullable().default(null),
});
export type PostVersion = z.infer<typeof postVersionSchema>;

export type PostVersionSummary = Omit<PostVersion, 'content'> & { title: string };

/** The fields shown in a version comparison, with Indonesian labels. */
export const DIFF_FIELDS: readonly { key: keyof PostContent; label: string }[] = [
  { key: 'title', label: 'Judul' },
  { key: 'dateline', label: 'Dateline' },
  { key: 'eventDate', label: 'Tanggal peristiwa' },
  { key: 'lead', label: 'Teras berita' },
  { key: 'bodyMd', label: 'Isi berita' },
  { key: 'category', label: 'Kategori' },
  { key: 'tags', label: 'Tag' },
  { key: 'infoClass', label: 'Klasifikasi informasi' },
  { key: 'authorCredit', label: 'Penulis' },
  { key: 'editorCredit', label: 'Editor' },
  { key: 'photoCredits', label: 'Kredit foto' },
];

export interface DiffPart {
  /** 'same' | 'added' | 'removed' */
  op: 's' | 'a' | 'r';
  text: string;
}

export interface FieldDiff {
  key: keyof PostContent;
  label: string;
  parts: DiffPart[];
}

function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  return String(v);
}

/** Word-level differences per changed field (jsdiff). Unchanged fields are left out. */
export function diffContents(from: PostContent, to: PostContent): FieldDiff[] {
  const out: FieldDiff[] = [];
  for (const { key, label } of DIFF_FIELDS) {
    const a = asText(from[key]);
    const b = asText(to[key]);
    if (a === b) continue;
    const parts: DiffPart[] = diffWordsWithSpace(a, b).map((c) => ({ op: c.added ? 'a' : c.removed ? 'r' : 's', text: c.value }));
    out.push({ key, label, parts });
  }
  return out;
}
