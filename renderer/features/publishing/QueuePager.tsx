import { QUEUE_POSTS_PAGE, type QueueOverview } from '@shared/api/contracts/publishing';
import { useI18n } from '@ui/i18n/i18n';

/** Pages through the posts of the queue overview (the overview carries one page). */
export function QueuePager({ data, offset, onOffset }: { data: QueueOverview; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useI18n();
  if (data.postsTotal <= QUEUE_POSTS_PAGE) return null;
  return (
    <nav className="pager row" aria-label={t('publishing.pages')}>
      <button disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - QUEUE_POSTS_PAGE))}>
        ‹ {t('publishing.pagePrev')}
      </button>
      <span className="muted" aria-live="polite">
        {t('publishing.pageRange', { from: offset + 1, to: offset + data.posts.length, n: data.postsTotal })}
      </span>
      <button disabled={offset + QUEUE_POSTS_PAGE >= data.postsTotal} onClick={() => onOffset(offset + QUEUE_POSTS_PAGE)}>
        {t('publishing.pageNext')} ›
      </button>
    </nav>
  );
}
