import { useCallback, useEffect, useState } from 'react';
import type { FieldDiff, PostVersionSummary } from '@shared/posts/version';
import { VERSIONS_PAGE } from '@shared/api/contracts/posts';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { VirtualTable } from '@ui/lib/ui/VirtualList';
import { Pager } from '@ui/lib/ui/Pager';

/**
 * Version history: pick any two versions to see a word-level comparison,
 * restore one (which saves a new version; nothing is deleted).
 */
export function HistoryPanel({ postId, postRev, onRestore }: { postId: string; postRev: number; onRestore(versionId: string): Promise<void> }) {
  const { t } = useI18n();
  const { workspace, toast } = useApp();
  // One page, newest first (issue 22): a post edited for years keeps hundreds of versions.
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ items: PostVersionSummary[]; total: number } | null>(null);
  const versions = page?.items ?? null;
  const [fromId, setFromId] = useState<string | null>(null);
  const [toId, setToId] = useState<string | null>(null);
  const [diff, setDiff] = useState<FieldDiff[] | null>(null);

  const load = useCallback(async () => {
    try {
      setPage(await api.call('posts.versionsPage', { postId, offset, limit: VERSIONS_PAGE }));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  }, [postId, offset, t, toast]);

  useEffect(() => {
    void load();
  }, [load, postRev]);

  // Default comparison: the previous version against the newest (a choice made on another page is kept).
  useEffect(() => {
    if (!versions || versions.length < 2 || offset > 0) return;
    setToId((cur) => (cur && versions.some((v) => v.id === cur) ? cur : versions[0].id));
    setFromId((cur) => (cur && versions.some((v) => v.id === cur) ? cur : versions[1].id));
  }, [versions, offset]);

  useEffect(() => {
    if (!fromId || !toId || fromId === toId) {
      setDiff(null);
      return;
    }
    let live = true;
    api.call('posts.versionDiff', { fromId, toId }).then(
      (r) => live && setDiff(r.fields),
      (e) => live && toast(errorMessage(t, e), 'error'),
    );
    return () => {
      live = false;
    };
  }, [fromId, toId, t, toast]);

  if (!versions) return <p className="muted">{t('common.loading')}</p>;
  const label = (v: PostVersionSummary) =>
    `${formatZonedDateTime(v.updatedAt, workspace.opd.timeZone)} · ${t(`posts.reason.${v.reason}`)}${v.author ? ` ${t('posts.versionBy', { name: v.author.name || '—' })}` : ''} · ${t(`status.${v.status}`)}`;

  return (
    <section className="history" aria-label={t('posts.history')}>
      <p className="muted small-text">{t('posts.historyHint')}</p>
      {/* A post edited for years keeps hundreds of versions: only the rows in view are drawn. */}
      <VirtualTable
        items={versions}
        getKey={(v) => v.id}
        estimateSize={52}
        className="version-table"
        label={t('posts.history')}
        columns={4}
        offset={offset}
        total={page!.total}
        resetKey={offset}
        rowClassName={(_v, i) => (offset + i === 0 ? 'current-version' : undefined)}
        head={
          <>
            <th scope="col">{t('posts.compareFrom')}</th>
            <th scope="col">{t('posts.compareTo')}</th>
            <th scope="col">{t('posts.version')}</th>
            <th scope="col">
              <span className="sr-only">{t('posts.actions')}</span>
            </th>
          </>
        }
        renderCells={(v, i) => (
          <>
            <td>
              <input type="radio" name="from" aria-label={`${t('posts.compareFrom')}: ${label(v)}`} checked={fromId === v.id} onChange={() => setFromId(v.id)} />
            </td>
            <td>
              <input type="radio" name="to" aria-label={`${t('posts.compareTo')}: ${label(v)}`} checked={toId === v.id} onChange={() => setToId(v.id)} />
            </td>
            <td>
              <div className="version-label">{label(v)}</div>
              <div className="muted small-text">
                {v.title || t('posts.untitled')} · {t('posts.words', { n: v.wordCount })}
                {offset + i === 0 && ` · ${t('posts.currentVersion')}`}
              </div>
            </td>
            <td>
              {offset + i > 0 && (
                <button
                  type="button"
                  className="small"
                  aria-label={`${t('posts.restoreVersion')}: ${label(v)}`}
                  onClick={() => window.confirm(t('posts.restoreConfirm')) && void onRestore(v.id).then(load)}
                >
                  {t('posts.restoreVersion')}
                </button>
              )}
            </td>
          </>
        )}
      />
      <Pager label={t('posts.versionPages')} rangeKey="posts.versionPageRange" offset={offset} pageSize={VERSIONS_PAGE} shown={versions.length} total={page!.total} onOffset={setOffset} />
      {page!.total < 2 && <p className="muted">{t('posts.oneVersion')}</p>}
      {diff && (
        <div className="diff" data-testid="version-diff" aria-live="polite">
          {diff.length === 0 && <p className="muted">{t('posts.noDifferences')}</p>}
          {diff.map((d) => (
            <div key={d.key} className="diff-field">
              <h4>{d.label}</h4>
              <p className="diff-text">
                {d.parts.map((p, i) =>
                  p.op === 'a' ? (
                    <ins key={i}>{p.text}</ins>
                  ) : p.op === 'r' ? (
                    <del key={i}>{p.text}</del>
                  ) : (
                    <span key={i}>{p.text.length > 320 ? `${p.text.slice(0, 140)} … ${p.text.slice(-140)}` : p.text}</span>
                  ),
                )}
              </p>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
