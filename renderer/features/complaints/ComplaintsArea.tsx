import { useEffect, useState } from 'react';
import { COMPLAINTS_PAGE } from '@shared/api/contracts/complaints';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { complaintChannelLabel, complaintStatusLabel } from '@ui/features/activity/labels';
import { ComplaintDetail } from './ComplaintDetail';
import { ComplaintForm } from './ComplaintForm';
import { ComplaintImport } from './ComplaintImport';
import { complaintError } from './errors';
import { useApiQuery } from '@ui/lib/query';
import { Pager, useStayOnAPage } from '@ui/lib/ui/Pager';
import { VirtualList } from '@ui/lib/ui/VirtualList';

type Filter = 'open' | 'overdue' | 'selesai' | 'all';
const FILTERS: Filter[] = ['open', 'overdue', 'selesai', 'all'];

/** Aduan: #/complaints (list), #/complaints/new, #/complaints/import, #/complaints/<id>. */
export function ComplaintsArea({ rest }: { rest: string[] }) {
  const sub = rest[0];
  if (sub === 'new') return <ComplaintForm onSaved={(id) => navigate('complaints', id)} onCancel={() => navigate('complaints')} />;
  if (sub === 'import') return <ComplaintImport />;
  if (sub) return <ComplaintDetail id={sub} />;
  return <ComplaintList />;
}

const COMPLAINT_COLLECTIONS = ['complaints'] as const;

function ComplaintList() {
  const { t } = useI18n();
  const { workspace, toast } = useApp();
  const zone = workspace.opd.timeZone;
  const [filter, setFilter] = useState<Filter>('open');
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState('');
  const [offset, setOffset] = useState(0);
  const [includeIdentity, setIncludeIdentity] = useState(false);
  const [exported, setExported] = useState<{ name: string; url: string } | null>(null);

  useEffect(() => {
    const h = setTimeout(() => setSearched(query.trim()), query ? 200 : 0);
    return () => clearTimeout(h);
  }, [query]);
  // A new filter or search starts at the first page.
  useEffect(() => setOffset(0), [filter, searched]);
  // One page (issue 22); a complaint arriving from the team's hub, or changed in another window, refreshes it.
  const list = useApiQuery(
    'complaints.list',
    { status: filter, query: searched || undefined, offset, limit: COMPLAINTS_PAGE },
    { collections: COMPLAINT_COLLECTIONS, keepPrevious: true },
  );
  const data = list.data ?? null;
  const failed = list.error;
  useEffect(() => {
    if (failed) toast(complaintError(t, failed), 'error');
  }, [failed, t, toast]);
  useStayOnAPage(data, offset, COMPLAINTS_PAGE, setOffset);

  const exportCsv = async () => {
    try {
      setExported(await api.call('complaints.exportCsv', { includeIdentity }));
    } catch (e) {
      toast(complaintError(t, e), 'error');
    }
  };

  return (
    <section className="page complaints">
      <header className="page-header">
        <h1>{t('complaints.title')}</h1>
        <div className="row">
          <a className="button" href={href('complaints', 'import')}>
            {t('complaints.import')}
          </a>
          <a className="button primary" href={href('complaints', 'new')}>
            {t('complaints.new')}
          </a>
        </div>
      </header>

      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('common.search')}
          placeholder={t('complaints.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <p className="field-hint">{t('complaints.overdueDefinition')}</p>
      <div className="filters" role="group" aria-label={t('posts.filter.status')}>
        {FILTERS.map((f) => (
          <button key={f} className={`chip${filter === f ? ' active' : ''}`} aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`complaints.filter.${f}`)}
            {data && f !== 'all' && <span className="chip-count">{f === 'selesai' ? data.counts.selesai : data.counts[f]}</span>}
          </button>
        ))}
      </div>

      {data && data.items.length === 0 && !list.isPlaceholderData ? (
        <div className="empty-state">
          <p>{data.counts.open + data.counts.selesai + data.counts.ditolak + data.counts.bukan_kewenangan === 0 ? t('complaints.empty') : t('complaints.emptyFiltered')}</p>
        </div>
      ) : (
        <VirtualList
          items={data?.items ?? []}
          getKey={(c) => c.id}
          estimateSize={104}
          label={t('complaints.title')}
          className="post-list complaint-list"
          rowClassName={(c) => `post-row${c.overdue ? ' complaint-overdue' : ''}`}
          offset={offset}
          total={data?.total}
          resetKey={`${offset}|${searched}|${filter}`}
          renderRow={(c) => {
            const left = c.workingDaysLeft;
            const closed = ['selesai', 'ditolak', 'bukan_kewenangan', 'dijawab'].includes(c.status);
            return (
              <>
                <div className="post-main">
                  <a className="post-title" href={href('complaints', c.id)}>
                    {c.topic || c.excerpt}
                  </a>
                  <p className="post-excerpt">{c.excerpt}</p>
                  <p className="post-meta">
                    <span className={`badge complaint-status-${c.status}`}>{complaintStatusLabel(t, c.status)}</span>
                    <span>{complaintChannelLabel(t, c.channel)}</span>
                    {c.trackingNumber && <span>#{c.trackingNumber}</span>}
                    {c.bidang && <span>{c.bidang}</span>}
                    <span>{t('complaints.received', { when: formatZonedDateTime(c.receivedAt, zone) })}</span>
                    {c.forwardedBy && <span>{t('complaints.forwardedBy', { who: c.forwardedBy })}</span>}
                  </p>
                </div>
                {!closed && c.next && (
                  <div className="complaint-due" data-testid="complaint-next">
                    {c.next.overdue ? (
                      <span className="badge complaint-badge-overdue">{t('complaints.overdue')}</span>
                    ) : (
                      <span className="badge">{left === 0 ? t('complaints.dueToday') : t('complaints.daysLeft', { n: left })}</span>
                    )}
                    {c.urgent && <span className="badge complaint-badge-urgent">{t('complaints.urgent')}</span>}
                    <span className="muted">{t('complaints.next', { kind: t(`complaints.deadline.${c.next.kind}`), when: formatZonedDateTime(c.next.due, zone) })}</span>
                  </div>
                )}
              </>
            );
          }}
        />
      )}
      {data && (
        <Pager
          label={t('complaints.pages')}
          rangeKey="complaints.pageRange"
          offset={offset}
          pageSize={COMPLAINTS_PAGE}
          shown={data.items.length}
          total={data.total}
          onOffset={setOffset}
        />
      )}

      <div className="card complaint-export">
        <h2>{t('complaints.export')}</h2>
        <label className="radio">
          <input type="checkbox" checked={includeIdentity} onChange={(e) => setIncludeIdentity(e.target.checked)} />
          {t('complaints.export.identity')}
        </label>
        <p className="field-hint">{t('complaints.export.identityHint')}</p>
        <div className="row">
          <button onClick={() => void exportCsv()}>{t('complaints.export')}</button>
          {exported && (
            <a href={exported.url} download={exported.name}>
              {t('complaints.export.ready', { name: exported.name })}
            </a>
          )}
        </div>
      </div>
    </section>
  );
}
