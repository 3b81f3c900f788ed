import { useEffect, useId, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import { api } from '@ui/api/client';
import { useI18n } from '@ui/i18n/i18n';
import type { Selected } from './ArticlePreview';
import './review-popover.css';

type Run = (fn: () => Promise<ReviewView>, done?: string) => Promise<boolean>;

/**
 * Comment or suggest right where the eye is (issue 20): a small popover under
 * the highlighted passage, instead of a composer at the far edge of the
 * screen. Escape closes it and returns the keyboard to the article.
 */
export function SelectionPopover({ post, selected, host, busy, run, onDone }: { post: Post; selected: Selected; host: RefObject<HTMLElement | null>; busy: boolean; run: Run; onDone(): void }) {
  const { t } = useI18n();
  const ids = useId();
  const [mode, setMode] = useState<'menu' | 'comment' | 'suggest'>('menu');
  const [body, setBody] = useState('');
  const [to, setTo] = useState(selected.text);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  const boxRef = useRef<HTMLDivElement>(null);

  // Placed under the selection, inside the article column.
  useLayoutEffect(() => {
    const sel = window.getSelection();
    const frame = host.current?.getBoundingClientRect();
    if (!sel || sel.rangeCount === 0 || !frame) return;
    const r = sel.getRangeAt(0).getBoundingClientRect();
    const width = 340;
    setPos({ top: r.bottom - frame.top + 8, left: Math.max(0, Math.min(r.left - frame.left, frame.width - width)) });
  }, [selected, host]);

  useEffect(() => {
    if (mode !== 'menu') boxRef.current?.querySelector<HTMLElement>('textarea')?.focus();
  }, [mode]);

  const close = () => {
    onDone();
    host.current?.querySelector<HTMLElement>(`[data-paragraph="${selected.paragraph}"] button`)?.focus();
  };

  const anchor = { paragraph: selected.paragraph, quote: selected.text, passage: true };
  const send = async () => {
    if (mode === 'comment') {
      if (!body.trim()) return;
      if (await run(() => api.call('review.comment', { postId: post.id, anchor, body }), t('review.popover.commented'))) onDone();
      return;
    }
    if (to === selected.text) return;
    const field = selected.paragraph === 0 ? 'lead' : 'bodyMd';
    const ok = await run(() => api.call('review.suggest', { postId: post.id, field, from: selected.text, to, note: body.trim() || undefined }), t('review.popover.suggested'));
    if (ok && body.trim()) await run(() => api.call('review.comment', { postId: post.id, anchor, body }));
    if (ok) onDone();
  };

  if (!pos) return null;
  return (
    <div
      ref={boxRef}
      className="card review-popover"
      role="dialog"
      aria-label={t('review.popover.label', { quote: selected.text.slice(0, 60) })}
      style={{ top: pos.top, left: pos.left }}
      onMouseUp={(e) => e.stopPropagation()}
      onKeyUp={(e) => e.stopPropagation()}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          close();
        }
      }}
    >
      {mode === 'menu' ? (
        <div className="row">
          <button type="button" className="primary" onClick={() => setMode('comment')}>
            {t('review.popover.comment')}
          </button>
          <button type="button" onClick={() => setMode('suggest')}>
            {t('review.popover.suggest')}
          </button>
          <button type="button" className="ghost" onClick={close}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <p className="muted small">{t('review.comment.onPassage', { quote: selected.text.slice(0, 120) })}</p>
          {mode === 'suggest' && (
            <div className="field">
              <label className="field-label" htmlFor={`${ids}-to`}>
                {t('review.suggest.to')}
              </label>
              <textarea id={`${ids}-to`} rows={3} value={to} onChange={(e) => setTo(e.target.value)} />
            </div>
          )}
          <div className="field">
            <label className="field-label" htmlFor={`${ids}-body`}>
              {mode === 'suggest' ? t('review.popover.note') : t('review.comment.body')}
            </label>
            <textarea id={`${ids}-body`} rows={mode === 'suggest' ? 2 : 3} value={body} onChange={(e) => setBody(e.target.value)} />
          </div>
          <div className="row">
            <button type="submit" className="primary" disabled={busy || (mode === 'comment' ? !body.trim() : to === selected.text)}>
              {mode === 'suggest' ? t('review.suggest.send') : t('review.comment.send')}
            </button>
            <button type="button" className="ghost" onClick={close}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
