import { useCallback, useEffect, useState } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import type { Job } from '@shared/publishing/job';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { summarize } from './summarize';
import { JobActions } from './JobActions';
import { JobSyncNotice } from './JobSyncNotice';
import { ManualKit } from './ManualKit';
import { channelKey, stateClass, stateKey } from './queue-ui';
import { logLine } from './job-log';

export function JobDetail({ jobId, data, onChange }: { jobId: string; data: QueueOverview; onChange: () => void }) {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const [job, setJob] = useState<Job | null>(null);
  const summary = data.jobs.find((j) => j.id === jobId);

  const load = useCallback(async () => {
    try {
      setJob(await api.call('publishing.job', { id: jobId }));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  }, [jobId, t, toast]);

  // Follow the overview's polling: reload when the job's revision changes.
  useEffect(() => {
    void load();
  }, [load, summary?.rev]);

  if (!job) return <p className="muted">{t('common.loading')}</p>;
  const changed = () => {
    onChange();
    void load();
  };
  return (
    <div className="queue-detail">
      <p>
        <a href={href('publishing', 'outbox')}>← {t('common.back')}</a>
      </p>
      <section className="card">
        <div className="row">
          <span className={`badge queue-channel queue-channel-${job.channel}`}>{t(channelKey(job.channel))}</span>
          <h2 className="queue-detail-title">{job.payload.title}</h2>
          <span className={`badge ${stateClass(job)}`}>{t(stateKey(job))}</span>
        </div>
        <p className="muted">
          {t('publishing.list.when')}: {job.scheduledAt ? formatZonedDateTime(job.scheduledAt, zone) : t('publishing.list.asap')}
          {job.remote.url && (
            <>
              {' · '}
              {t('publishing.detail.remote')}:{' '}
              <a href={job.remote.url} target="_blank" rel="noreferrer noopener">
                {job.remote.url}
              </a>
            </>
          )}
        </p>
        {job.state !== 'published' && job.state !== 'cancelled' && job.mode === 'api' && <JobActions job={summarize(job)} onChange={changed} />}
      </section>
      <JobSyncNotice job={job} onChange={changed} />
      {job.mode === 'manual' && <ManualKit job={job} onChange={changed} />}
      <section className="card">
        <h2>{t('publishing.detail.log')}</h2>
        <div className="queue-log-wrap">
          <table className="queue-log">
            <thead>
              <tr>
                <th scope="col">{t('publishing.detail.logTime')}</th>
                <th scope="col">{t('publishing.detail.logAction')}</th>
                <th scope="col">{t('publishing.detail.logResult')}</th>
              </tr>
            </thead>
            <tbody>
              {[...job.log].reverse().map((l, i) => {
                const line = logLine(t, l, zone);
                return (
                  <tr key={i} data-outcome={l.outcome}>
                    <td>{formatZonedDateTime(l.at, zone)}</td>
                    <td>
                      {line.text}
                      {/* The channel's own words, for IT staff: folded away, never the line people read. */}
                      {line.coded && (l.detail || l.status !== null) && (
                        <details className="queue-log-trace">
                          <summary>{t('publishing.detail.trace')}</summary>
                          <code>
                            {l.action}
                            {l.status !== null ? ` (HTTP ${l.status})` : ''}
                            {l.detail ? ` — ${l.detail}` : ''}
                          </code>
                        </details>
                      )}
                      {!line.coded && l.status !== null ? ` (HTTP ${l.status})` : ''}
                    </td>
                    <td>
                      <span className={`badge queue-outcome-${l.outcome}`}>{t(`publishing.detail.outcome.${l.outcome}` as MessageKey)}</span>
                      {l.remoteId ? ` · id ${l.remoteId}` : ''}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
