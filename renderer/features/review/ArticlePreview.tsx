import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Post } from '@shared/domain/post';
import { formatNewsDate } from '@shared/domain/time-zone';
import { creditLine, escapeHtml, markdownToHtml } from '@shared/posts/article';
import { creditLine as photoCreditLine } from '@shared/media/rules';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Anchor, ReviewComment } from '@shared/review/model';
import { locateAnchor, paragraphQuote, paragraphsOf } from '@shared/review/paragraphs';
import { maskMarkdown } from '@shared/posts/text';
import { useI18n } from '@ui/i18n/i18n';
import { sanitizeArticleHtml } from '@ui/lib/sanitize';
import './review-popover.css';

export interface Selected {
  paragraph: number;
  text: string;
}

/**
 * The article as readers will see it (same Markdown rendering and sanitiser
 * as the editor's preview), split into the paragraphs comments anchor to.
 */
export function ArticlePreview({
  post,
  photos,
  comments,
  canComment,
  onCommentParagraph,
  onSelect,
  editing = null,
  onSuggestParagraph,
  renderEditor,
  renderBelow,
}: {
  post: Post;
  photos: ReviewView['photos'];
  comments: ReviewComment[];
  canComment: boolean;
  onCommentParagraph(a: Anchor): void;
  onSelect(s: Selected | null): void;
  /** The paragraph being changed in suggestion mode: its editor stands in its place. */
  editing?: number | null;
  onSuggestParagraph?(paragraph: number): void;
  renderEditor?(paragraph: number, source: string): ReactNode;
  /** Under a paragraph: its pending suggestions as track changes. */
  renderBelow?(paragraph: number, source: string): ReactNode;
}) {
  const { t } = useI18n();
  const paragraphs = useMemo(() => paragraphsOf(post), [post]);
  const html = useMemo(
    () =>
      paragraphs.map((p, i) => {
        if (i === 0) {
          const dl = post.dateline.trim() ? `<strong class="news-dateline">${escapeHtml(post.dateline.trim().toUpperCase())}</strong> – ` : '';
          return sanitizeArticleHtml(`<p class="news-lead">${dl}${escapeHtml(p)}</p>`);
        }
        return sanitizeArticleHtml(markdownToHtml(p));
      }),
    [paragraphs, post.dateline],
  );
  const counts = useMemo(() => {
    const c = new Map<number, number>();
    for (const cm of comments) {
      if (cm.parentId || cm.resolved || !cm.anchor) continue;
      const at = locateAnchor(paragraphs, cm.anchor);
      if (at !== null) c.set(at, (c.get(at) ?? 0) + 1);
    }
    return c;
  }, [comments, paragraphs]);

  // Commented passages are highlighted in the text itself (CSS Custom Highlight API: no change to the article's DOM).
  const rootRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined;
    if (!registry || typeof Highlight === 'undefined' || !rootRef.current) return;
    const ranges: Range[] = [];
    for (const cm of comments) {
      if (cm.parentId || cm.resolved || !cm.anchor?.passage) continue;
      const at = locateAnchor(paragraphs, cm.anchor);
      const el = at === null ? null : rootRef.current.querySelector(`[data-paragraph="${at}"] .review-para-text`);
      const r = el && rangeOfText(el, cm.anchor.quote);
      if (r) ranges.push(r);
    }
    registry.set('review-passage', new Highlight(...ranges));
    return () => void registry.delete('review-passage');
  }, [comments, paragraphs, html]);

  const captureSelection = () => {
    const sel = window.getSelection();
    const text = sel?.toString().replace(/\s+/g, ' ').trim() ?? '';
    if (!sel || !text || sel.rangeCount === 0) return onSelect(null);
    const paraOf = (n: Node | null) => (n instanceof Element ? n : n?.parentElement)?.closest<HTMLElement>('[data-paragraph]');
    const a = paraOf(sel.anchorNode);
    const b = paraOf(sel.focusNode);
    if (!a || a !== b) return onSelect(null);
    onSelect({ paragraph: Number(a.dataset.paragraph), text: text.slice(0, 2000) });
  };

  const credits = creditLine(post);
  return (
    <article ref={rootRef} className="card news-article review-article" onMouseUp={captureSelection} onKeyUp={captureSelection}>
      <header className="news-header">
        {post.category.trim() && <p className="news-category">{post.category}</p>}
        <h2 className="news-title">{post.title || t('posts.untitled')}</h2>
        {post.eventDate && <p className="news-date">{formatNewsDate(post.eventDate)}</p>}
      </header>
      {photos.length > 0 && (
        <div className="review-media">
          {photos.map((m) => (
            <figure key={m.url}>
              <img src={m.url} alt={m.caption} loading="lazy" />
              {(m.caption || m.credit) && (
                <figcaption>
                  {m.caption}
                  {m.credit ? ` (${m.credit})` : ''}
                </figcaption>
              )}
            </figure>
          ))}
        </div>
      )}
      {paragraphs.map((p, i) =>
        i === 0 && !p && !post.dateline ? null : (
          <div key={i} className={`review-para${counts.get(i) ? ' has-comments' : ''}`} data-paragraph={i}>
            {editing === i && renderEditor ? (
              <div className="review-para-main">{renderEditor(i, p)}</div>
            ) : (
              <div className="review-para-main">
                <div className="review-para-text" dangerouslySetInnerHTML={{ __html: html[i] }} />
                {renderBelow?.(i, p)}
              </div>
            )}
            {canComment && editing !== i && (
              <span className="review-para-actions">
              <button
                type="button"
                className="ghost review-para-button"
                title={t('review.paragraph.comment', { n: i === 0 ? t('review.paragraph.lead') : i })}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  const sel = window.getSelection();
                  const text = sel?.toString().replace(/\s+/g, ' ').trim() ?? '';
                  const inThis = text && p.replace(/\s+/g, ' ').includes(text);
                  onCommentParagraph({ paragraph: i, quote: inThis ? text.slice(0, 2000) : paragraphQuote(p), passage: Boolean(inThis) });
                }}
              >
                <span aria-hidden="true">+ </span>
                {/* The name starts with the visible label; which paragraph is told to screen readers only. */}
                {t('review.paragraph.commentShort')}
                <span className="sr-only"> {t('review.paragraph.which', { n: i === 0 ? t('review.paragraph.lead') : i })}</span>
                {counts.get(i) ? <span className="review-para-count"> {counts.get(i)}</span> : null}
              </button>
              {onSuggestParagraph && hasProse(p) && (
                <button type="button" className="ghost review-para-button" title={t('review.track.suggestTitle', { n: i === 0 ? t('review.paragraph.lead') : i })} onClick={() => onSuggestParagraph(i)}>
                  {t('review.track.suggest')}
                  <span className="sr-only"> {t('review.paragraph.which', { n: i === 0 ? t('review.paragraph.lead') : i })}</span>
                </button>
              )}
              </span>
            )}
          </div>
        ),
      )}
      {(credits || post.photoCredits.trim()) && (
        <footer className="news-credits">
          {credits && <p className="news-credit" data-testid="review-credit">{credits}</p>}
          {post.photoCredits.trim() && <p className="news-photo-credit">{photoCreditLine(post.photoCredits)}</p>}
        </footer>
      )}
    </article>
  );
}

/** The range of a quote (whitespace folded, as selections are stored) inside an element's text, across formatting. */
export function rangeOfText(root: Element, quote: string): Range | null {
  const want = quote.replace(/\s+/g, ' ').trim();
  if (!want) return null;
  const chars: { node: Text; offset: number }[] = [];
  let text = '';
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
    for (let i = 0; i < n.data.length; i++) {
      const space = /\s/.test(n.data[i]);
      if (space && (text === '' || text.endsWith(' '))) continue;
      text += space ? ' ' : n.data[i];
      chars.push({ node: n, offset: i });
    }
  }
  const at = text.indexOf(want);
  if (at < 0) return null;
  const start = chars[at];
  const end = chars[at + want.length - 1];
  const range = document.createRange();
  range.setStart(start.node, start.offset);
  range.setEnd(end.node, end.offset + 1);
  return range;
}

/** Whether a paragraph has words of its own (a photo alone has nothing to reword in place). */
function hasProse(md: string): boolean {
  return /[\p{L}\p{N}]/u.test(maskMarkdown(md));
}
