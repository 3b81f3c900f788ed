import { useDeferredValue, useMemo } from 'react';
import type { PostContent } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { renderArticle } from '@shared/posts/article';
import { sanitizeArticleHtml } from '@ui/lib/sanitize';
import { useI18n } from '@ui/i18n/i18n';

/** Markup of the preview, as the website will show it (same renderer and policy as the main process). */
export function previewHtml(draft: PostContent, workspace: Workspace): string {
  return sanitizeArticleHtml(renderArticle({ ...draft, dateline: draft.dateline.trim() || workspace.opd.dateline }));
}

/**
 * Portal-style preview. Rendering follows a deferred copy of the draft so a
 * long article never delays a keystroke. Every string goes through the
 * article sanitiser before it reaches the DOM.
 */
export function PreviewPane({ draft, workspace }: { draft: PostContent; workspace: Workspace }) {
  const { t } = useI18n();
  const deferred = useDeferredValue(draft);
  const html = useMemo(() => previewHtml(deferred, workspace), [deferred, workspace]);
  return (
    <section className="preview" aria-label={t('posts.preview')}>
      <div className="preview-site">{workspace.opd.shortName || workspace.opd.fullName || t('posts.previewSite')}</div>
      <div className="preview-article" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />
    </section>
  );
}
