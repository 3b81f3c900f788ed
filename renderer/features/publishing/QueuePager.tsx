import { QUEUE_POSTS_PAGE, type QueueOverview } from '@shared/api/contracts/publishing';
import { useI18n } from '@ui/i18n/i18n';
import { Pager } from '@ui/lib/ui/Pager';

/** Pages through the posts of the queue overview (the overview carries one page). */
export function QueuePager({ data, offset, onOffset }: { data: QueueOverview; offset: number; onOffset: (offset: number) => void }) {
  const { t } = useI18n();
  return (
    <Pager
      label={t('publishing.pages')}
      rangeKey="publishing.pageRange"
      offset={offset}
      pageSize={QUEUE_POSTS_PAGE}
      shown={data.posts.length}
      total={data.postsTotal}
      onOffset={onOffset}
    />
  );
}
