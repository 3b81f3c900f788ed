import type { QueueOverview } from '@shared/api/contracts/publishing';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { QueuePosts } from './QueuePosts';
import { VariantEditor } from './VariantEditor';

export function PrepareTab({
  data,
  postId,
  onChange,
  postsOffset,
  onPostsOffset,
}: {
  data: QueueOverview;
  postId?: string;
  onChange: () => void;
  postsOffset: number;
  onPostsOffset: (offset: number) => void;
}) {
  const { t } = useI18n();
  if (postId) return <VariantEditor key={postId} postId={postId} connectedChannels={data.connections.filter((c) => c.hasSecret).map((c) => c.channel)} onChange={onChange} />;
  return (
    <section className="card" aria-labelledby="queue-prepare-h">
      <h2 id="queue-prepare-h">{t('publishing.prepare.pick')}</h2>
      <QueuePosts
        data={data}
        offset={postsOffset}
        onOffset={onPostsOffset}
        estimateSize={58}
        label={t('publishing.prepare.pick')}
        renderRow={(p) => (
          <>
            <div>
              <a href={href('publishing', 'post', p.id)} className="queue-post-title">
                {p.title || '—'}
              </a>
              <div className="muted">
                <span className="badge">{t(`publishing.prepare.status.${p.status}` as MessageKey)}</span> {p.category}
                {p.jobCount > 0 && ` · ${p.jobCount} ${t('publishing.title').toLowerCase()}`}
              </div>
            </div>
            <a className="button" href={href('publishing', 'post', p.id)}>
              {t('publishing.prepare.open')}
            </a>
          </>
        )}
      />
    </section>
  );
}
