import { useCallback, useEffect, useState } from 'react';
import type { SyncConflictView } from '@shared/api/contracts/sync';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { fieldText } from '@shared/review/diff';
import type { ReviewedField } from '@shared/review/model';
import type { SyncConflict, SyncRefusal } from '@shared/sync/status';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { useApiQuery } from '@ui/lib/query';
import { reviewError } from '@ui/features/review/session-store';

type Choices = Partial<Record<ReviewedField, 'mine' | 'theirs'>>;

/**
 * Conflicting versions of a post after team sync (issue 13), for the Sinkron
 * page: the list of conflicts, and for one post the two versions side by
 * side, chosen per contested field, with the same markup as the review
 * conflict panel (renderer/features/review/ReviewExtras.tsx). What merged
 * without asking is already merged; the losing versions leave the hub only
 * after the choice is saved. Below: hub versions refused on arrival, with
 * "trust this key" for an editor's key not yet known here.
 */
export function ConflictResolver({
  onChanged,
  openPostId,
  hideList = false,
  hideRefused = false,
}: {
  onChanged?: () => void;
  /** Open this post's conflict (chosen in the Sinkron page's list). */
  openPostId?: { id: string } | null;
  /** The page lists conflicts itself: show only the open one and the refusals. */
  hideList?: boolean;
  /** Shown for one post (the review screen): no list of refused hub versions. */
  hideRefused?: boolean;
}) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  // The engine keeps both lists; posts and keys arriving or being trusted change them, and the interval covers the rest.
  const conflictsQ = useApiQuery('sync.conflicts', {}, { collections: ['posts', 'keys'], refetchMs: 15_000 });
  const refusedQ = useApiQuery('sync.refused', {}, { collections: ['posts', 'keys'], refetchMs: 15_000 });
  const conflicts: SyncConflict[] = conflictsQ.data ?? [];
  const refused: SyncRefusal[] = refusedQ.data ?? [];
  const [open, setOpen] = useState<SyncConflictView | null>(null);
  const [choices, setChoices] = useState<Choices>({});
  const [busy, setBusy] = useState(false);

  const refetchConflicts = conflictsQ.refetch;
  const refetchRefused = refusedQ.refetch;
  const load = useCallback(async () => {
    await Promise.all([refetchConflicts(), refetchRefused()]);
  }, [refetchConflicts, refetchRefused]);
  const loadError = conflictsQ.error ?? refusedQ.error;
  useEffect(() => {
    if (loadError) toast(reviewError(t, loadError), 'error');
  }, [loadError, t, toast]);

  async function run(fn: () => Promise<unknown>, done: string) {
    setBusy(true);
    try {
      await fn();
      toast(done);
      await load();
      onChanged?.();
      return true;
    } catch (err) {
      toast(reviewError(t, err), 'error');
      return false;
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (openPostId) void openConflict(openPostId.id);
  }, [openPostId]);

  async function openConflict(postId: string) {
    setBusy(true);
    try {
      setChoices({});
      setOpen(await api.call('sync.conflict', { postId }));
    } catch (err) {
      toast(reviewError(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  if (open) {
    const theirs = open.theirsBy ? t('syncEngine.resolve.theirs', { by: open.theirsBy }) : t('syncEngine.resolve.theirsUnknown');
    return (
      <section className="card review-conflict" role="region" aria-label={t('syncEngine.resolve.title', { title: open.title })}>
        <h2>{t('syncEngine.resolve.title', { title: open.title })}</h2>
        <p className="muted">{t('syncEngine.resolve.intro')}</p>
        {open.fields.map((f) => (
          <fieldset key={f} className="review-conflict-field">
            <legend>{t(`review.field.${f}` as MessageKey)}</legend>
            <div className="grid-2">
              {(['mine', 'theirs'] as const).map((side) => (
                <label key={side} className={`review-side-choice${(choices[f] ?? 'mine') === side ? ' chosen' : ''}`}>
                  <span className="row">
                    <input type="radio" name={`sync-conflict-${f}`} checked={(choices[f] ?? 'mine') === side} onChange={() => setChoices({ ...choices, [f]: side })} />
                    <strong>{side === 'mine' ? t('syncEngine.resolve.mine') : theirs}</strong>
                  </span>
                  <span className="review-side-text">{fieldText(open[side], f)}</span>
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="row">
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() =>
              void run(() => api.call('sync.resolveConflict', { postId: open.postId, baseRev: open.rev, choices }), t('syncEngine.resolve.saved')).then((ok) => ok && setOpen(null))
            }
          >
            {t('syncEngine.resolve.save')}
          </button>
          <button type="button" disabled={busy} onClick={() => setOpen(null)}>
            {t('syncEngine.resolve.cancel')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <>
      {!hideList && (
      <section className="card" aria-labelledby="sync-conflicts-title">
        <h2 id="sync-conflicts-title">{t('syncEngine.conflicts.title')}</h2>
        {conflicts.length === 0 ? (
          <p className="empty-state">{t('syncEngine.conflicts.empty')}</p>
        ) : (
          <ul className="list">
            {conflicts.map((c) => (
              <li key={`${c.collection}:${c.id}`} className="row">
                <span>{t('syncEngine.conflicts.item', { title: c.title, versions: c.versions, since: formatZonedDateTime(c.since, workspace.opd.timeZone) })}</span>
                {c.collection === 'posts' && (
                  <button type="button" disabled={busy} onClick={() => void openConflict(c.id)}>
                    {t('syncEngine.conflicts.open')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      )}
      {!hideRefused && refused.length > 0 && (
        <section className="card" aria-labelledby="sync-refused-title">
          <h2 id="sync-refused-title">{t('syncEngine.refused.title')}</h2>
          <p className="muted">{t('syncEngine.refused.intro')}</p>
          <ul className="list">
            {refused.map((r) => (
              <li key={`${r.collection}:${r.id}`}>
                <p>{t(`syncEngine.refused.reason.${r.reason}` as MessageKey, { fingerprint: r.fingerprint ?? '', name: r.name ?? '' })}</p>
                {r.reason === 'key_unknown' && r.publicKey && (
                  <button
                    type="button"
                    disabled={busy}
                    onClick={() => void run(() => api.call('review.trustKey', { publicKey: r.publicKey!, name: r.name || '—', role: 'editor' }), t('syncEngine.refused.trusted'))}
                  >
                    {t('syncEngine.refused.trust')}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
