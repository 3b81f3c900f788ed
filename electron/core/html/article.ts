import type { Post } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { renderArticle, type ArticleOptions } from '@shared/posts/article';
import { loadSanitizer, sanitizeArticleHtml } from './sanitize';

/**
 * The sanitised portal-style article HTML of a post, as the preview shows it:
 * for exports and the website. An empty dateline falls back to the OPD's.
 */
export async function articleHtml(post: Post, workspace: Workspace, opts: Pick<ArticleOptions, 'omitTitle'> = {}): Promise<string> {
  await loadSanitizer();
  const fields = { ...post, dateline: post.dateline.trim() || workspace.opd.dateline };
  return sanitizeArticleHtml(renderArticle(fields, opts));
}
