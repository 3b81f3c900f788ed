import type { ReactNode } from 'react';
import { QUEUE_POSTS_PAGE, type QueueOverview } from '@shared/api/contracts/publishing';
import { useI18n } from '@ui/i18n/i18n';
import { Pager } from '@ui/lib/ui/Pager';
import { VirtualList } from '@ui/lib/ui/VirtualList';

type QueuePost = QueueOverview['posts'][number];

/**
 * One page of the queue overview's posts (the overview carries one page):
 * drawn only where in view, with the pager below; the Siapkan and Ekspor
 * tabs differ only in their rows.
 */
export function QueuePosts({
  data,
  offset,
  onOffset,
  label,
  estimateSize,
  renderRow,
}: {
  data: QueueOverview;
  offset: number;
  onOffset: (offset: number) => void;
  label: string;
  estimateSize: number;
  renderRow: (p: QueuePost) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      {data.posts.length === 0 ? (
        <p className="muted">{t('publishing.prepare.none')}</p>
      ) : (
        <VirtualList
          items={data.posts}
          getKey={(p) => p.id}
          estimateSize={estimateSize}
          label={label}
          className="queue-posts"
          rowClassName="queue-post"
          offset={offset}
          total={data.postsTotal}
          resetKey={offset}
          renderRow={renderRow}
        />
      )}
      <Pager
        label={t('publishing.pages')}
        rangeKey="publishing.pageRange"
        offset={offset}
        pageSize={QUEUE_POSTS_PAGE}
        shown={data.posts.length}
        total={data.postsTotal}
        onOffset={onOffset}
      />
    </>
  );
}
