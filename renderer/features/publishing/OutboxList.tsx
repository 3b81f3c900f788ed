import type { JobSummary, QueueOverview } from '@shared/api/contracts/publishing';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { VirtualList } from '@ui/lib/ui/VirtualList';
import { JobActions } from './JobActions';
import { channelKey, stateClass, stateKey } from './queue-ui';

const ATTENTION = new Set(['needs_action', 'unconfirmed', 'failed']);

export function OutboxList({ data, onChange }: { data: QueueOverview; onChange: () => void }) {
  const { t } = useI18n();
  const attention = data.jobs.filter((j) => ATTENTION.has(j.state));
  const waiting = data.jobs.filter((j) => j.state === 'queued' || j.state === 'sending');
  const done = data.jobs.filter((j) => j.state === 'published').sort((a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '')).slice(0, 30);
  const offline = data.connections.filter((c) => data.outbox.online[c.id] === false);
  // Browser mode after a restart: jobs of a connection whose password is sealed wait for an admin's or editor's PIN.
  const lockedConn = new Set(Object.entries(data.secrets.states ?? {}).filter(([, st]) => st === 'locked').map(([id]) => id));
  const waitingForPin = waiting.filter((j) => j.mode === 'api' && j.connectionId && lockedConn.has(j.connectionId)).length;

  return (
    <div className="queue-outbox">
      {offline.map((c) => (
        <div key={c.id} className="notice queue-offline" role="status">
          <p>{t('publishing.online.off', { site: c.baseUrl })}</p>
        </div>
      ))}
      {data.jobsOmitted > 0 && (
        <div className="notice" role="status">
          <p>{t('publishing.list.omitted', { n: data.jobsOmitted })}</p>
        </div>
      )}
      {waitingForPin > 0 && (
        <div className="notice" role="status">
          <p>{t('publishing.list.waitingForPin', { n: waitingForPin })}</p>
        </div>
      )}
      {attention.length > 0 && (
        <section className="card" aria-labelledby="queue-attention-h">
          <h2 id="queue-attention-h">{t('publishing.list.attention', { n: attention.length })}</h2>
          <JobList jobs={attention} label={t('publishing.list.attention', { n: attention.length })} onChange={onChange} withActions />
        </section>
      )}
      <section className="card" aria-labelledby="queue-waiting-h">
        <h2 id="queue-waiting-h">{t('publishing.state.queued')}</h2>
        {waiting.length === 0 && attention.length === 0 && done.length === 0 ? (
          <p className="muted">{t('publishing.list.empty')}</p>
        ) : (
          <JobList jobs={waiting} label={t('publishing.state.queued')} onChange={onChange} />
        )}
      </section>
      {done.length > 0 && (
        <section className="card" aria-labelledby="queue-done-h">
          <h2 id="queue-done-h">{t('publishing.state.published')}</h2>
          <JobList jobs={done} label={t('publishing.state.published')} onChange={onChange} />
        </section>
      )}
    </div>
  );
}

/** Open jobs can number in the hundreds (the overview keeps up to 200): only the rows in view are drawn. */
function JobList({ jobs, label, onChange, withActions }: { jobs: JobSummary[]; label: string; onChange: () => void; withActions?: boolean }) {
  return (
    <VirtualList
      items={jobs}
      getKey={(j) => j.id}
      estimateSize={withActions ? 120 : 96}
      label={label}
      className="queue-jobs"
      rowClassName="queue-job"
      rowProps={(j) => ({ 'data-state': j.state, 'data-channel': j.channel })}
      renderRow={(j) => <JobRow job={j} onChange={onChange} withActions={withActions} />}
    />
  );
}

function JobRow({ job, onChange, withActions }: { job: JobSummary; onChange: () => void; withActions?: boolean }) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const zone = workspace.opd.timeZone;
  return (
    <>
      <div className="queue-job-main">
        <span className={`badge queue-channel queue-channel-${job.channel}`}>{t(channelKey(job.channel))}</span>
        <a className="queue-job-title" href={href('publishing', 'job', job.id)}>
          {job.title || '—'}
        </a>
        <span className={`badge ${stateClass(job)}`}>{t(stateKey(job))}</span>
      </div>
      <div className="queue-job-meta muted">
        <span>
          {t('publishing.list.when')}: {job.state === 'published' && job.publishedAt ? formatZonedDateTime(job.publishedAt, zone) : job.scheduledAt ? formatZonedDateTime(job.scheduledAt, zone) : t('publishing.list.asap')}
        </span>
        {job.attempts > 0 && <span>{t('publishing.list.attempts', { n: job.attempts })}</span>}
        {job.state === 'queued' && job.nextAttemptAt && <span>{t('publishing.list.nextTry', { when: formatZonedDateTime(job.nextAttemptAt, zone) })}</span>}
        {job.remote.url && job.state === 'published' && (
          <a href={job.remote.url} target="_blank" rel="noreferrer noopener">
            {job.remote.url}
          </a>
        )}
      </div>
      {withActions && <JobActions job={job} onChange={onChange} />}
      {job.mode === 'manual' && job.state === 'queued' && (
        <a className="button" href={href('publishing', 'job', job.id)}>
          {t('publishing.list.kit')}
        </a>
      )}
    </>
  );
}
