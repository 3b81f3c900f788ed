import { useEffect, useRef } from 'react';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import type { SiteMatch } from '@shared/publishing/site-match';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';

/**
 * "Sudah ada di website?": the posts on the OPD's WordPress that look like
 * this one, and the admin's choice: link one (nothing published twice),
 * link it and send this version as its update, or publish a new post.
 */
export function OnSiteChoice({
  matches,
  busy,
  onLink,
  onNew,
  onCancel,
  allowUpdate = true,
}: {
  matches: SiteMatch[];
  busy: boolean;
  onLink: (remoteId: string, thenUpdate: boolean) => void;
  onNew: () => void;
  onCancel?: () => void;
  allowUpdate?: boolean;
}) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card queue-onsite" role="alertdialog" aria-labelledby="queue-onsite-h" aria-describedby="queue-onsite-body">
      <h3 id="queue-onsite-h" tabIndex={-1} ref={heading}>
        {t('publishing.onsite.title')}
      </h3>
      <p id="queue-onsite-body">{t('publishing.onsite.body', { n: matches.length })}</p>
      <ul className="queue-onsite-list">
        {matches.map((m) => (
          <li key={m.id} className="queue-onsite-item">
            <div>
              <a href={m.link} target="_blank" rel="noreferrer">
                {m.title || m.slug}
              </a>
              <p className="muted">
                {t(`publishing.onsite.kind.${m.kind}`)} · {t(`publishing.onsite.status.${m.status === 'publish' || m.status === 'future' || m.status === 'draft' || m.status === 'pending' || m.status === 'private' ? m.status : 'other'}`)}
                {m.date ? ` · ${formatZonedDateTime(m.date, workspace.opd.timeZone)}` : ''}
              </p>
            </div>
            <div className="row">
              <button type="button" className="primary" disabled={busy} onClick={() => onLink(m.id, false)}>
                {t('publishing.onsite.link')}
              </button>
              {allowUpdate && (
                <button type="button" disabled={busy} onClick={() => onLink(m.id, true)}>
                  {t('publishing.onsite.linkUpdate')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" disabled={busy} onClick={onNew}>
          {t('publishing.onsite.new')}
        </button>
        {onCancel && (
          <button type="button" className="ghost" disabled={busy} onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </section>
  );
}
