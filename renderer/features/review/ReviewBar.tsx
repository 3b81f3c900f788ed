import { useEffect, useState } from 'react';
import type { ReviewView } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { flushAll } from '@ui/lib/flush';
import { href, navigate } from '@ui/lib/router';
import { reviewError, touchInbox } from './session-store';

/**
 * The review strip inside the post editor: where the post stands, the
 * editor's note when changes were requested, and "Ajukan untuk ditinjau".
 */
export function ReviewBar({ post }: { post: Post }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [view, setView] = useState<ReviewView | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.call('review.get', { postId: post.id }).then(setView, () => undefined);
  }, [post.id, post.status]);
  if (post.deletedAt) return null;

  const decision = view?.review?.decision;
  const open = view?.comments.filter((c) => !c.parentId && !c.resolved).length ?? 0;
  const submit = async () => {
    setBusy(true);
    try {
      await flushAll(); // the editor's pending keystrokes belong to what is submitted
      await api.call('review.submit', { postId: post.id });
      touchInbox();
      toast(t('review.bar.submitted'));
      navigate('posts', post.id, 'review');
    } catch (e) {
      toast(reviewError(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={`review-bar review-bar-${post.status}`} role="region" aria-label={t('review.title')}>
      <div className="review-bar-text">
        {post.status === 'in_review' && <p>{t('review.bar.in_review')}</p>}
        {post.status === 'changes_requested' && decision?.kind === 'changes_requested' && (
          <p>
            <strong>{t('review.bar.changes_requested', { by: decision.by.name })}</strong> <span>{decision.note}</span>
          </p>
        )}
        {post.status === 'approved' && decision?.kind === 'approved' && <p>{t('review.bar.approved', { by: decision.by.name })}</p>}
      </div>
      <div className="row">
        {(post.status === 'draft' || post.status === 'changes_requested') && (
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {t('review.bar.submit')}
          </button>
        )}
        <a className="review-open-link" href={href('posts', post.id, 'review')}>
          {open > 0 ? t('review.bar.openWithComments', { n: open }) : t('review.bar.open')}
        </a>
      </div>
    </div>
  );
}
