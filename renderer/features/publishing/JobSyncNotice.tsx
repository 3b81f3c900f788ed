import { useCallback, useEffect, useState } from 'react';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import type { Job } from '@shared/publishing/job';
import type { JobSyncView } from '@shared/sync/status';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';

/** A PC id as people can tell PCs apart (the first characters). */
const shortPc = (pc: string | null) => (pc ?? '').slice(0, 8);

/**
 * Team sync in the Antrean's job detail (issue 13): why the job waits for
 * the hub, which PC sends it, and, when that PC has gone quiet, the
 * explicit take-over with a confirmation that explains what it means.
 * Nothing is shown while sync is off or the job simply goes out from here.
 */
export function JobSyncNotice({ job, onChange }: { job: Job; onChange: () => void }) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const [view, setView] = useState<JobSyncView | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setView(await api.call('sync.job', { jobId: job.id }));
    } catch {
      // Sync is off on this PC: nothing to say.
      setView(null);
    }
  }, [job.id]);

  useEffect(() => {
    void load();
    const timer = setInterval(() => void load(), 5000);
    return () => clearInterval(timer);
  }, [load, job.rev]);

  if (!view || job.state === 'published' || job.state === 'cancelled') return null;
  const seen = view.ownerLastSeenAt ? formatZonedDateTime(view.ownerLastSeenAt, zone) : t('sync.job.neverSeen');
  const waiting = view.waiting;
  const other = !view.mine;
  if (!other && !waiting) return null;

  const takeOver = async () => {
    if (!window.confirm(t('sync.job.takeOverConfirm', { title: job.payload.title, pc: shortPc(view.ownerPc), seen }))) return;
    setBusy(true);
    try {
      await api.call('sync.takeOverJob', { jobId: job.id });
      toast(t('sync.job.takenOver'));
      onChange();
      await load();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-label={t('sync.job.title')} data-testid="job-sync">
      <h2>{t('sync.job.title')}</h2>
      {!other && waiting?.reason === 'hub_unreachable' && <p role="status">{t('sync.job.waitHub', { detail: waiting.detail })}</p>}
      {!other && waiting?.reason === 'hub_signed_out' && <p role="status">{t('sync.job.waitSignedOut')}</p>}
      {other && <p>{t('sync.job.otherPc', { pc: shortPc(view.ownerPc), seen })}</p>}
      {other && view.ownerGone && job.state !== 'sending' && (
        <>
          <p className="muted">{t('sync.job.gone')}</p>
          <button type="button" onClick={() => void takeOver()} disabled={busy}>
            {t('sync.job.takeOver')}
          </button>
        </>
      )}
    </section>
  );
}
