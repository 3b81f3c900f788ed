import { useCallback, useEffect, useState } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import { useApiQuery } from '@ui/lib/query';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { CalendarView } from './CalendarView';
import { ConnectionsTab } from './ConnectionsTab';
import { ExportTab } from './ExportTab';
import { JobDetail } from './JobDetail';
import { OutboxList } from './OutboxList';
import { PrepareTab } from './PrepareTab';

type Tab = 'outbox' | 'calendar' | 'prepare' | 'connections' | 'export';
const TABS: Tab[] = ['outbox', 'calendar', 'prepare', 'connections', 'export'];

/** The Antrean area: #/publishing/<tab>[/<id>]. */
export function QueueArea({ rest }: { rest: string[] }) {
  const { t } = useI18n();
  const { toast } = useApp();
  // The overview is bounded (issue 22): one page of posts, and the calendar's window.
  const [postsOffset, setPostsOffset] = useState(0);
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  // Jobs, posts and publications refresh it as the outbox writes them; the interval only follows
  // what the outbox keeps in memory (running, which channels are reachable).
  const overview = useApiQuery('publishing.overview', { postsOffset, ...range }, { keepPrevious: true, refetchMs: 10_000 });
  const data: QueueOverview | null = overview.data ?? null;
  const { refetch } = overview;
  const tab: Tab = rest[0] === 'job' ? 'outbox' : rest[0] === 'post' ? 'prepare' : (TABS as string[]).includes(rest[0]) ? (rest[0] as Tab) : 'outbox';

  const reload = useCallback(async () => {
    const r = await refetch();
    if (r.error) toast(errorMessage(t, r.error), 'error');
  }, [refetch, t, toast]);

  // A first load that fails is said once; a missed background refresh is retried by the next change.
  const failedFirst = !data && overview.error;
  useEffect(() => {
    if (failedFirst) toast(errorMessage(t, failedFirst), 'error');
  }, [failedFirst, t, toast]);

  return (
    <div className="page queue-page">
      <header className="page-header">
        <div>
          <h1>{t('publishing.title')}</h1>
          <p className="muted">{t('publishing.intro')}</p>
        </div>
      </header>
      <nav className="tabs" aria-label={t('publishing.title')}>
        {TABS.map((k) => (
          <a key={k} href={href('publishing', k)} aria-current={tab === k ? 'page' : undefined}>
            {t(`publishing.tab.${k}`)}
            {k === 'outbox' && data ? <AttentionCount data={data} /> : null}
          </a>
        ))}
      </nav>
      {!data ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rest[0] === 'job' && rest[1] ? (
        <JobDetail key={rest[1]} jobId={rest[1]} data={data} onChange={reload} />
      ) : tab === 'outbox' ? (
        <OutboxList data={data} onChange={reload} />
      ) : tab === 'calendar' ? (
        <CalendarView data={data} onChange={reload} onRange={setRange} />
      ) : tab === 'prepare' ? (
        <PrepareTab data={data} postId={rest[0] === 'post' ? rest[1] : undefined} onChange={reload} postsOffset={postsOffset} onPostsOffset={setPostsOffset} />
      ) : tab === 'connections' ? (
        <ConnectionsTab data={data} onChange={reload} />
      ) : (
        <ExportTab data={data} postsOffset={postsOffset} onPostsOffset={setPostsOffset} />
      )}
    </div>
  );
}

function AttentionCount({ data }: { data: QueueOverview }) {
  const n = data.jobs.filter((j) => j.state === 'needs_action' || j.state === 'unconfirmed' || j.state === 'failed').length;
  return n ? (
    <span className="badge badge-warn queue-tab-count" aria-label={`(${n})`}>
      {n}
    </span>
  ) : null;
}
