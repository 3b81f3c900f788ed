import { useEffect, useMemo, useState } from 'react';
import { POST_STATUSES, type PostStatus } from '@shared/domain/post';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { useApiQuery } from '@ui/lib/query';
import { Pager, useStayOnAPage } from '@ui/lib/ui/Pager';
import { VirtualList } from '@ui/lib/ui/VirtualList';
import { PasteDialog } from './PasteDialog';

type Filter = PostStatus | 'all' | 'trash';

/**
 * One page of the list: each response stays small however many posts there
 * are (100 is the API's most, ≈45 KB), and only the rows in view are drawn.
 */
export const POSTS_PAGE_SIZE = 100;

const POST_COLLECTIONS = ['posts'] as const;

export function PostList() {
  const { t, lang } = useI18n();
  const nf = useMemo(() => new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB'), [lang]);
  const { workspace, toast, refreshInfo } = useApp();
  const [query, setQuery] = useState('');
  // What is searched: the typed text once typing pauses (the search runs in the main process).
  const [searched, setSearched] = useState('');
  const [filter, setFilter] = useState<Filter>('all');
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState(false);
  const [pasteOpen, setPasteOpen] = useState(false);

  useEffect(() => {
    const h = setTimeout(() => setSearched(query.trim()), query ? 200 : 0);
    return () => clearTimeout(h);
  }, [query]);
  // A new search or filter starts at the first page.
  useEffect(() => setOffset(0), [searched, filter]);

  // A post saved elsewhere (another window, a PC of the team through sync, the outbox) shows without reloading.
  const list = useApiQuery(
    'posts.list',
    {
      query: searched || undefined,
      status: filter !== 'all' && filter !== 'trash' ? filter : undefined,
      trash: filter === 'trash',
      offset,
      limit: POSTS_PAGE_SIZE,
    },
    { collections: POST_COLLECTIONS, keepPrevious: true },
  );
  const result = list.data ?? null;
  const { refetch } = list;
  const load = async () => {
    await refetch();
  };
  const failed = list.error;
  useEffect(() => {
    if (failed) toast(errorMessage(t, failed), 'error');
  }, [failed, t, toast]);

  useStayOnAPage(result, offset, POSTS_PAGE_SIZE, setOffset);

  const create = async () => {
    setBusy(true);
    try {
      const p = await api.call('posts.create', {});
      void refreshInfo();
      navigate('posts', p.id);
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      toast(done);
      await load();
      void refreshInfo();
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };

  const counts = result?.counts;
  const activeTotal = counts ? POST_STATUSES.reduce((n, s) => n + counts[s], 0) : 0;
  const filters: { id: Filter; label: string; n?: number }[] = [
    { id: 'all', label: t('common.all'), n: activeTotal },
    ...POST_STATUSES.map((s) => ({ id: s as Filter, label: t(`status.${s}`), n: counts?.[s] })),
    { id: 'trash', label: t('posts.trash'), n: counts?.trash },
  ];

  return (
    <section className="page">
      <header className="page-header">
        <h1>{t('posts.title')}</h1>
        <div className="row">
          <button onClick={() => setPasteOpen(true)}>{t('posts.pasteButton')}</button>
          <button className="primary" onClick={create} disabled={busy}>
            + {t('posts.new')}
          </button>
        </div>
      </header>
      {pasteOpen && <PasteDialog onClose={() => setPasteOpen(false)} />}
      <div className="toolbar">
        <input
          type="search"
          className="search"
          aria-label={t('common.search')}
          placeholder={t('posts.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      <div className="filters" role="tablist" aria-label={t('posts.filter.status')}>
        {filters.map((f) => (
          <button
            key={f.id}
            role="tab"
            aria-selected={filter === f.id}
            className={filter === f.id ? 'chip active' : 'chip'}
            onClick={() => setFilter(f.id)}
          >
            {f.label}
            {f.n !== undefined && <span className="chip-count">{nf.format(f.n)}</span>}
          </button>
        ))}
      </div>
      {result && result.items.length === 0 && !list.isPlaceholderData && (
        <p className="empty-state">
          {filter === 'trash' ? t('posts.emptyTrash') : query || filter !== 'all' ? t('posts.emptyFiltered') : t('posts.empty')}
        </p>
      )}
      <VirtualList
        items={result?.items ?? []}
        getKey={(p) => p.id}
        estimateSize={92}
        label={t('posts.title')}
        className="post-list"
        rowClassName="post-row"
        testId="posts-list"
        offset={offset}
        total={result?.total}
        resetKey={`${offset}|${searched}|${filter}`}
        renderRow={(p) => (
          <>
            <div className="post-main">
              {filter === 'trash' ? (
                <span className="post-title">{p.title || t('posts.untitled')}</span>
              ) : (
                <a className="post-title" href={href('posts', p.id)}>
                  {p.title || t('posts.untitled')}
                </a>
              )}
              {p.excerpt && <p className="post-excerpt">{p.excerpt}</p>}
              <p className="post-meta">
                <span className={`badge status-${p.status}`}>{t(`status.${p.status}`)}</span>
                {p.category && <span>{p.category}</span>}
                <span>{t('posts.words', { n: p.wordCount })}</span>
                <span>{t('posts.updated', { when: formatZonedDateTime(p.updatedAt, workspace.opd.timeZone) })}</span>
              </p>
            </div>
            <div className="post-actions">
              {filter === 'trash' ? (
                <>
                  <button onClick={() => act(() => api.call('posts.restore', { id: p.id }), t('posts.restored'))}>
                    {t('posts.restore')}
                  </button>
                  <button
                    className="danger"
                    onClick={() =>
                      window.confirm(t('posts.purgeConfirm', { title: p.title || t('posts.untitled') })) &&
                      act(() => api.call('posts.purge', { id: p.id }), t('posts.purge'))
                    }
                  >
                    {t('posts.purge')}
                  </button>
                </>
              ) : (
                <button
                  className="ghost"
                  aria-label={`${t('posts.moveToTrash')}: ${p.title || t('posts.untitled')}`}
                  title={t('posts.moveToTrash')}
                  onClick={() => act(() => api.call('posts.trash', { id: p.id }), t('posts.trashed'))}
                >
                  {/* Drawn, not an emoji: office PCs without an emoji font showed an empty box. */}
                  <svg aria-hidden="true" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round">
                    <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.5 6.5v5M9.5 6.5v5" />
                  </svg>
                </button>
              )}
            </div>
          </>
        )}
      />
      {result && (
        <Pager
          label={t('posts.pages')}
          rangeKey="posts.pageRange"
          offset={offset}
          pageSize={POSTS_PAGE_SIZE}
          shown={result.items.length}
          total={result.total}
          onOffset={setOffset}
        />
      )}
    </section>
  );
}
