import { useDeferredValue, useMemo, useState } from 'react';
import { createPortal } from 'react-dom';
import type { PostContent } from '@shared/domain/post';
import type { Workspace } from '@shared/domain/workspace';
import { renderArticle } from '@shared/posts/article';
import { sanitizeArticleHtml } from '@ui/lib/sanitize';
import { useI18n } from '@ui/i18n/i18n';
import { Dialog } from '@ui/lib/ui/Dialog';

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
  const [reader, setReader] = useState(false);
  const site = workspace.opd.shortName || workspace.opd.fullName || t('posts.previewSite');
  return (
    <section className="preview" aria-label={t('posts.preview')}>
      <button type="button" className="small preview-reader-open" aria-haspopup="dialog" onClick={() => setReader(true)}>
        {t('posts.readerOpen')}
      </button>
      <div className="preview-site">{site}</div>
      <div className="preview-article" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />
      {/* On the page itself: the side panel is sticky (its own stacking context), which would keep the dialog under the fields. */}
      {reader && createPortal(<ReaderPreview html={html} site={site} onClose={() => setReader(false)} />, document.body)}
    </section>
  );
}

/** Column widths a reader sees: the website's article column and a common phone screen (CSS px). */
const READER_WIDTHS = { desktop: 720, phone: 360 } as const;
type ReaderWidth = keyof typeof READER_WIDTHS;

/**
 * The article at the width a reader sees it, on demand: the website's
 * 720 px article column, or a 360 px phone screen. Same markup as the side
 * preview (one renderer, one sanitiser); only the column changes.
 */
function ReaderPreview({ html, site, onClose }: { html: string; site: string; onClose(): void }) {
  const { t } = useI18n();
  const [width, setWidth] = useState<ReaderWidth>('desktop');
  return (
    <Dialog labelledBy="reader-preview-title" onClose={onClose} className="modal card reader-preview">
      <div className="row reader-preview-head">
        <h2 id="reader-preview-title">{t('posts.readerTitle')}</h2>
        <div className="row" role="group" aria-label={t('posts.readerWidth')}>
          {(Object.keys(READER_WIDTHS) as ReaderWidth[]).map((w) => (
            <button key={w} type="button" className="small" aria-pressed={width === w} onClick={() => setWidth(w)}>
              {t(`posts.readerWidth.${w}`, { px: READER_WIDTHS[w] })}
            </button>
          ))}
          <button type="button" className="small" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
      <div className="reader-preview-stage">
        <section className={`preview reader-preview-column reader-${width}`} style={{ width: READER_WIDTHS[width] }} aria-label={t(`posts.readerWidth.${width}`, { px: READER_WIDTHS[width] })}>
          <div className="preview-site">{site}</div>
          <div className="preview-article reader-article" dangerouslySetInnerHTML={{ __html: html }} />
        </section>
      </div>
    </Dialog>
  );
}
