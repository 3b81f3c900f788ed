import { useEffect, useState } from 'react';
import type { JobSummary } from '@shared/api/contracts/publishing';
import { formatZonedDateTime, zonedDate } from '@shared/domain/time-zone';
import { zonedInstant, zonedTime } from '@shared/publishing/schedule';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { useWentOutAt, WentOutAtFields } from './WentOutAt';
import { OnSiteChoice } from './OnSiteChoice';
import type { SiteMatch } from '@shared/publishing/site-match';
import { ApiError } from '@shared/api/errors';
import type { MessageKey } from '@ui/i18n/catalog';
import { DateField, TimeField } from '@ui/lib/DateField';

type Action = 'send_now' | 'reschedule' | 'skip' | 'retry' | 'mark_published' | 'requeue' | 'publish_new';

/** The decisions a job in trouble asks for: missed slot, unconfirmed outcome, auth, failure. */
export function JobActions({ job, onChange }: { job: JobSummary; onChange: () => void }) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const now = new Date();
  const [date, setDate] = useState(zonedDate(job.scheduledAt ?? now, zone));
  const [time, setTime] = useState(zonedTime(job.scheduledAt ?? now, zone));
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [showResched, setShowResched] = useState(false);
  const wentOut = useWentOutAt();
  const askOnSite = job.state === 'needs_action' && job.needsAction?.reason === 'on_site';
  const [matches, setMatches] = useState<SiteMatch[] | null>(null);
  useEffect(() => {
    if (!askOnSite) return;
    let live = true;
    api
      .call('publishing.findOnSite', { postId: job.postId })
      .then((r) => live && setMatches(r.matches))
      .catch(() => live && setMatches([]));
    return () => {
      live = false;
    };
  }, [askOnSite, job.postId]);

  async function link(remoteId: string) {
    setBusy(true);
    try {
      await api.call('publishing.adopt', { postId: job.postId, remoteId });
      toast(t('publishing.onsite.linked'));
      onChange();
    } catch (err) {
      const reason = err instanceof ApiError ? String(err.params?.reason ?? '') : '';
      toast(['site_post_missing', 'site_unreachable', 'site_auth', 'already_linked', 'no_connection'].includes(reason) ? t(`publishing.onsite.error.${reason}` as MessageKey) : errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function act(action: Action, extra: { scheduledAt?: string; url?: string; publishedAt?: string } = {}) {
    setBusy(true);
    try {
      await api.call('publishing.resolve', { jobId: job.id, action, ...extra });
      toast(t('publishing.action.done'));
      onChange();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  const reason = job.needsAction?.reason;
  return (
    <div className="queue-actions">
      {job.state === 'needs_action' && reason === 'missed_slot' && (
        <p>
          <strong>{t('publishing.missed.title')}.</strong> {t('publishing.missed.body', { when: job.scheduledAt ? formatZonedDateTime(job.scheduledAt, zone) : '' })}
        </p>
      )}
      {job.state === 'needs_action' && reason === 'auth' && <p>{t('publishing.auth.body')}</p>}
      {job.state === 'needs_action' && reason === 'no_connection' && <p>{t('publishing.noconn.body')}</p>}
      {job.state === 'needs_action' && reason === 'review_copy' && <p>{t('publishing.reviewcopy.body')}</p>}
      {askOnSite && matches === null && <p className="muted">{t('common.loading')}</p>}
      {askOnSite && matches !== null && matches.length > 0 && <OnSiteChoice matches={matches} busy={busy} allowUpdate={false} onLink={(id) => void link(id)} onNew={() => void act('publish_new')} />}
      {askOnSite && matches !== null && matches.length === 0 && <p>{t('publishing.onsite.gone')}</p>}
      {job.state === 'unconfirmed' && <p>{t('publishing.unconfirmed.body')}</p>}
      {job.state === 'failed' && <p>{t('publishing.failed.body', { error: job.lastError?.message ?? '' })}</p>}
      <div className="row">
        {askOnSite && matches !== null && matches.length === 0 && (
          <button className="primary" disabled={busy} onClick={() => void act('publish_new')}>
            {t('publishing.onsite.new')}
          </button>
        )}
        {(job.state === 'needs_action' || job.state === 'failed') && !askOnSite && (
          <button className="primary" disabled={busy} onClick={() => void act(reason === 'missed_slot' ? 'send_now' : 'retry')}>
            {reason === 'missed_slot' ? t('publishing.action.sendNow') : t('publishing.action.retry')}
          </button>
        )}
        {job.state === 'unconfirmed' && (
          <button disabled={busy} onClick={() => void act('requeue')}>
            {t('publishing.action.notPublished')}
          </button>
        )}
        {(job.state === 'needs_action' || job.state === 'queued') && (
          <button disabled={busy} onClick={() => setShowResched((v) => !v)} aria-expanded={showResched}>
            {t('publishing.action.reschedule')}
          </button>
        )}
        {job.state !== 'published' && job.state !== 'cancelled' && job.state !== 'sending' && (
          <button className="ghost" disabled={busy} onClick={() => void act('skip')}>
            {t('publishing.action.skip')}
          </button>
        )}
      </div>
      {showResched && (
        <form
          className="row queue-resched"
          onSubmit={(e) => {
            e.preventDefault();
            void act('reschedule', { scheduledAt: zonedInstant(date, time, zone) });
          }}
        >
          <label className="field">
            <span className="field-label">{t('publishing.schedule.date')}</span>
            <DateField value={date} onChange={setDate} required />
          </label>
          <label className="field">
            <span className="field-label">{t('publishing.schedule.time', { zone })}</span>
            <TimeField value={time} onChange={setTime} required />
          </label>
          <button type="submit" className="primary" disabled={busy}>
            {t('common.save')}
          </button>
        </form>
      )}
      {job.state === 'unconfirmed' && (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (!/^https?:\/\/\S+$/i.test(url.trim())) return toast(t('publishing.kit.urlInvalid'), 'error');
            if (wentOut.inFuture()) return toast(t('publishing.kit.wentOutFuture'), 'error');
            void act('mark_published', { url: url.trim(), publishedAt: wentOut.instant() });
          }}
        >
          <label className="field queue-url-field">
            <span className="field-label">{t('publishing.kit.url')}</span>
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
          </label>
          <WentOutAtFields state={wentOut} />
          <button type="submit" disabled={busy}>
            {t('publishing.action.markPublished')}
          </button>
        </form>
      )}
    </div>
  );
}
