import { useEffect, useMemo, useState } from 'react';
import { AUDIT_PAGE, type FileLink, type ReviewView } from '@shared/api/contracts/review';
import type { Post } from '@shared/domain/post';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { fieldText, snapshotDiff, wordDiff, type FieldDiff, type FieldWords } from '@shared/review/diff';
import { snapshotOf } from '@shared/review/rules';
import type { ReviewedField } from '@shared/review/model';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n, type Translate } from '@ui/i18n/i18n';
import { useApiQuery } from '@ui/lib/query';
import { Pager } from '@ui/lib/ui/Pager';
import { VirtualTable } from '@ui/lib/ui/VirtualList';
import { reviewError } from './session-store';

function DiffText({ parts }: { parts: FieldDiff['parts'] }) {
  return (
    <p className="review-diff-text">
      {parts.map((p, i) =>
        p.kind === 'added' ? <ins key={i}>{p.text}</ins> : p.kind === 'removed' ? <del key={i}>{p.text}</del> : <span key={i}>{p.text}</span>,
      )}
    </p>
  );
}

/** The words a field's text is made of, in the UI's language. */
export function fieldWords(t: Translate): FieldWords {
  return {
    role: (r) => t(`review.media.role.${r}`),
    channel: (c) => t(`activity.channel.${c}`),
    off: t('review.variant.off'),
    noCaption: t('review.media.noCaption'),
    images: (n) => t('review.variant.images', { n }),
  };
}

/** Exactly what changed since the last approval or request for changes (word diff). */
export function ChangesPanel({ changes, post }: { changes: NonNullable<ReviewView['changes']>; post: Post }) {
  const { t } = useI18n();
  const { workspace } = useApp();
  // Worded in the UI's language: photo roles and channels by name, never internal codes.
  const fields = useMemo(() => snapshotDiff(changes.before, snapshotOf(post), fieldWords(t)), [changes.before, post, t]);
  return (
    <section className="card review-changes" data-testid="review-changes">
      <h2>
        {t(changes.since === 'approved' ? 'review.changes.title.approved' : 'review.changes.title.changes_requested', {
          by: changes.by,
          at: formatZonedDateTime(changes.at, workspace.opd.timeZone),
        })}
      </h2>
      {fields.map((f) => (
        <div key={f.field} className="review-diff-field">
          <h3>{t(`review.field.${f.field}`)}</h3>
          <DiffText parts={f.parts} />
        </div>
      ))}
    </section>
  );
}

/** Both sides changed the text: the two versions side by side, chosen per field. */
export function ConflictPanel({
  view,
  busy,
  run,
}: {
  view: ReviewView;
  busy: boolean;
  run: (fn: () => Promise<ReviewView>, done?: string) => Promise<boolean>;
}) {
  const { t } = useI18n();
  const conflict = view.review!.conflict!;
  const fields = conflict.fields as ReviewedField[];
  const [choices, setChoices] = useState<Partial<Record<ReviewedField, 'mine' | 'theirs'>>>({});
  return (
    <section className="card review-conflict" role="region" aria-label={t('review.conflict.title', { from: conflict.fromName })}>
      <h2>{t('review.conflict.title', { from: conflict.fromName })}</h2>
      <p className="muted">{t('review.conflict.intro')}</p>
      {fields.map((f) => (
        <fieldset key={f} className="review-conflict-field">
          <legend>{t(`review.field.${f}`)}</legend>
          <div className="grid-2">
            {(['mine', 'theirs'] as const).map((side) => (
              <label key={side} className={`review-side-choice${(choices[f] ?? 'mine') === side ? ' chosen' : ''}`}>
                <span className="row">
                  <input
                    type="radio"
                    name={`conflict-${f}`}
                    checked={(choices[f] ?? 'mine') === side}
                    onChange={() => setChoices({ ...choices, [f]: side })}
                  />
                  <strong>{side === 'mine' ? t('review.conflict.mine') : t('review.conflict.theirs', { from: conflict.fromName })}</strong>
                </span>
                <SideText mine={fieldText(conflict.mine, f, fieldWords(t))} theirs={fieldText(conflict.theirs, f, fieldWords(t))} side={side} />
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() => void run(() => api.call('review.resolveConflict', { postId: view.post.id, choices }), t('review.conflict.saved'))}
      >
        {t('review.conflict.save')}
      </button>
    </section>
  );
}

/**
 * One side of a conflicting field with the words that differ from the other
 * side highlighted (issue 12), so the author sees at a glance what each
 * version says that the other does not.
 */
function SideText({ mine, theirs, side }: { mine: string; theirs: string; side: 'mine' | 'theirs' }) {
  const parts = useMemo(() => wordDiff(mine, theirs), [mine, theirs]);
  const own = side === 'mine' ? 'removed' : 'added';
  const other = side === 'mine' ? 'added' : 'removed';
  return (
    <span className="review-side-text">
      {parts.map((p, i) =>
        p.kind === other ? null : p.kind === own ? (
          <mark key={i} className="review-side-diff">
            {p.text}
          </mark>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

export function ChannelVariants({ post }: { post: Post }) {
  const { t } = useI18n();
  if (post.channelVariants.length === 0) return <p className="empty-state">{t('review.noChannels')}</p>;
  return (
    <div className="grid-2">
      {post.channelVariants.map((v, i) => (
        <section key={`${v.channel}-${i}`} className={`card review-channel${v.enabled ? '' : ' off'}`}>
          <h2>
            {v.channel} {!v.enabled && <span className="badge">{t('review.channelOff')}</span>}
          </h2>
          <p className="review-channel-text">{v.text}</p>
        </section>
      ))}
    </div>
  );
}

const AUDIT_COLLECTIONS = ['audit'] as const;

export function AuditTrail({ postId }: { postId: string }) {
  const { t } = useI18n();
  const { workspace, toast } = useApp();
  const [offset, setOffset] = useState(0);
  const [link, setLink] = useState<FileLink | null>(null);
  // One page, newest first (issue 22); a new event (a save, a decision from another PC) refreshes it.
  const page = useApiQuery('review.auditPage', { postId, offset, limit: AUDIT_PAGE }, { collections: AUDIT_COLLECTIONS, keepPrevious: true });
  const failed = page.error;
  useEffect(() => {
    if (failed) toast(reviewError(t, failed), 'error');
  }, [failed, t, toast]);
  if (!page.data) return <p className="loading">{t('common.loading')}</p>;
  const events = page.data.items;
  const zone = workspace.opd.timeZone;
  return (
    <section className="card">
      <div className="row review-audit-actions">
        <button
          type="button"
          onClick={() => api.call('review.auditCsv', { postId }).then(setLink, (e) => toast(reviewError(t, e), 'error'))}
        >
          {t('review.files.auditCsv')}
        </button>
        {link && (
          <a href={link.url} download={link.fileName}>
            {t('review.files.download', { name: link.fileName })}
          </a>
        )}
      </div>
      {events.length === 0 ? (
        <p className="muted">{t('review.audit.empty')}</p>
      ) : (
        <div className="review-audit-scroll">
          <VirtualTable
            items={events}
            getKey={(e) => e.id}
            estimateSize={34}
            className="review-audit"
            label={t('review.tab.audit')}
            textOnly
            columns={5}
            offset={offset}
            total={page.data.total}
            resetKey={offset}
            head={
              <>
                <th scope="col">{t('review.audit.when')}</th>
                <th scope="col">{t('review.audit.who')}</th>
                <th scope="col">{t('review.audit.what')}</th>
                <th scope="col">{t('review.audit.version')}</th>
                <th scope="col">{t('review.audit.detail')}</th>
              </>
            }
            renderCells={(e) => (
              <>
                <td>{formatZonedDateTime(e.at, zone)}</td>
                <td>{e.actorName || t('review.audit.nobody')}</td>
                <td>
                  {t(`review.action.${e.action}`)}
                  {e.count > 1 && <span className="muted"> ({t('review.audit.times', { n: e.count })})</span>}
                </td>
                <td>
                  <code>{e.hash.slice(0, 8).toUpperCase()}</code>
                </td>
                <td className="review-audit-detail">{e.detail}</td>
              </>
            )}
          />
        </div>
      )}
      <Pager label={t('review.audit.pages')} rangeKey="review.audit.pageRange" offset={offset} pageSize={AUDIT_PAGE} shown={events.length} total={page.data.total} onOffset={setOffset} />
    </section>
  );
}
