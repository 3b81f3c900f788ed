import { useCallback, useEffect, useState, type ClipboardEvent, type FormEvent } from 'react';
import type { ComplaintView } from '@shared/api/contracts/complaints';
import { COMPLAINT_CHANNELS, TERMINAL_STATUSES, type ComplaintChannel, type ComplaintStatus } from '@shared/complaints/complaint';
import type { DeadlineState } from '@shared/complaints/deadlines';
import {
  COMPLAINT_CLASSIFICATIONS,
  CONFIDENTIALITY,
  DEADLINE_KINDS,
  type ComplaintClassification,
  type Confidentiality,
  type DeadlineKind,
} from '@shared/complaints/complaint';
import { TRANSITIONS } from '@shared/complaints/status';
import { ANSWER_TEMPLATES, fillTemplate, type AnswerTemplateId } from '@shared/complaints/templates';
import { formatNewsDate, formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { complaintChannelLabel, complaintStatusLabel } from '@ui/features/activity/labels';
import { complaintError } from './errors';
import { blobToBase64, pastedImage } from './shared-ui';
import { DateField } from '@ui/lib/DateField';
import { Field } from '@ui/lib/ui/Field';

const NEEDS_REASON: ComplaintStatus[] = ['ditolak', 'bukan_kewenangan'];

export function ComplaintDetail({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { workspace, toast } = useApp();
  const zone = workspace.opd.timeZone;
  const [v, setV] = useState<ComplaintView | null>(null);
  const [missing, setMissing] = useState(false);
  const [fields, setFields] = useState({
    channel: 'other' as ComplaintChannel,
    link: '',
    reporterHandle: '',
    text: '',
    forwardedBy: '',
    topic: '',
    bidang: '',
    trackingNumber: '',
    classification: 'pengaduan' as ComplaintClassification,
    confidentiality: 'biasa' as Confidentiality,
    urgent: false,
    needsFieldCheck: false,
  });
  const [change, setChange] = useState({ target: 'final' as DeadlineKind, kind: 'extend' as 'extend' | 'postpone', reason: '', newDue: '' });
  const [showChange, setShowChange] = useState(false);
  const [draft, setDraft] = useState('');
  const [answerUrl, setAnswerUrl] = useState('');
  const [pending, setPending] = useState<ComplaintStatus | null>(null);
  const [reason, setReason] = useState('');

  const apply = useCallback((next: ComplaintView) => {
    setV(next);
    const c = next.complaint;
    setFields({
      channel: c.channel,
      link: c.link,
      reporterHandle: c.reporterHandle,
      text: c.text,
      forwardedBy: c.forwardedBy,
      topic: c.topic,
      bidang: c.bidang,
      trackingNumber: c.trackingNumber,
      classification: c.classification,
      confidentiality: c.confidentiality,
      urgent: c.urgent,
      needsFieldCheck: c.needsFieldCheck,
    });
    setDraft(c.answerDraft);
    setAnswerUrl(c.answerUrl);
  }, []);

  useEffect(() => {
    api.call('complaints.get', { id }).then(apply, (e) => {
      setMissing(true);
      toast(complaintError(t, e), 'error');
    });
  }, [id, apply, t, toast]);

  const run = async (p: Promise<ComplaintView>) => {
    try {
      apply(await p);
      return true;
    } catch (e) {
      toast(complaintError(t, e), 'error');
      // Someone else may have changed it: show the current state.
      api.call('complaints.get', { id }).then(apply, () => undefined);
      return false;
    }
  };

  if (missing) {
    return (
      <section className="page">
        <a href={href('complaints')}>{t('complaints.back')}</a>
      </section>
    );
  }
  if (!v) return <p className="muted">{t('common.loading')}</p>;
  const c = v.complaint;
  const closed = TERMINAL_STATUSES.includes(c.status);
  const base = { id: c.id, baseRev: c.rev };
  const when = (iso: string) => formatZonedDateTime(iso, zone);

  const replaceShot = async (file: Blob) => {
    if (await run(api.call('complaints.update', { ...base, patch: {}, screenshot: await blobToBase64(file) }))) toast(t('complaints.pasted'));
  };
  const onPaste = (e: ClipboardEvent<HTMLFormElement>) => {
    const img = pastedImage(e);
    if (img && !closed) {
      e.preventDefault();
      void replaceShot(img);
    }
  };

  const saveDetails = (e: FormEvent) => {
    e.preventDefault();
    void run(api.call('complaints.update', { ...base, patch: fields }));
  };

  const move = async (to: ComplaintStatus) => {
    if (NEEDS_REASON.includes(to) && pending !== to) {
      setPending(to);
      setReason('');
      return;
    }
    const ok = await run(
      api.call('complaints.transition', {
        ...base,
        to,
        reason: NEEDS_REASON.includes(to) ? reason : undefined,
        answerUrl: to === 'dijawab' || to === 'selesai' ? answerUrl : undefined,
      }),
    );
    if (ok) setPending(null);
  };

  const verifiedDone = v.deadlines.verification.doneAt !== null;
  const deadline = (label: string, d: DeadlineState, testId: string) => (
    <div key={testId} className={`complaint-deadline${d.overdue ? ' complaint-overdue' : ''}`} data-testid={testId}>
      <span className="field-label">{label}</span>
      <span>{when(d.due)}</span>
      {d.doneAt ? (
        <span className={d.late ? 'badge complaint-badge-overdue' : 'badge status-approved'}>
          {t('complaints.deadline.done', { when: when(d.doneAt) })} · {d.late ? t('complaints.late') : t('complaints.onTime')}
        </span>
      ) : closed ? null : d.overdue ? (
        <span className="badge complaint-badge-overdue">{t('complaints.overdue')}</span>
      ) : (
        <span className="badge">{d.workingDaysLeft === 0 ? t('complaints.dueToday') : t('complaints.daysLeft', { n: d.workingDaysLeft })}</span>
      )}
    </div>
  );

  const answerEditable = c.status === 'diteruskan' || c.status === 'menunggu_atasan' || c.status === 'baru';

  return (
    <section className="page complaints">
      <p>
        <a href={href('complaints')}>← {t('complaints.back')}</a>
      </p>
      <header className="page-header">
        <h1>{c.topic || t('complaints.title')}</h1>
        <span className={`badge complaint-status-${c.status}`} data-testid="complaint-status">
          {complaintStatusLabel(t, c.status)}
        </span>
      </header>

      <div className="card">
        <h2>{t('complaints.deadlines')}</h2>
        {c.urgent && (
          <p>
            <span className="badge complaint-badge-urgent">{t('complaints.urgent')}</span>
          </p>
        )}
        <div className="grid-3 complaint-deadlines">
          {/* Nearest open deadline first, then the ones already met. */}
          {[...v.deadlines.open.map((o) => o.kind), ...DEADLINE_KINDS.filter((k) => !v.deadlines.open.some((o) => o.kind === k))].map((k) =>
            deadline(t(`complaints.deadline.${k}`), v.deadlines[k], `deadline-${k}`),
          )}
        </div>
        <div className="row">
          {!closed && !verifiedDone && (
            <button className="ghost" onClick={() => void run(api.call('complaints.verify', base))}>
              {t('complaints.verify')}
            </button>
          )}
          {!closed && !c.firstReplyAt && !c.answeredAt && (
            <button className="ghost" onClick={() => void run(api.call('complaints.markFirstReply', base))}>
              {t('complaints.markFirstReply')}
            </button>
          )}
          {!closed && v.deadlines.open.length > 0 && (
            <button className="ghost" aria-expanded={showChange} onClick={() => setShowChange((x) => !x)}>
              {t('complaints.changeDeadline')}
            </button>
          )}
        </div>
        {showChange && !closed && (
          <form
            className="grid-2 complaint-change"
            onSubmit={(e) => {
              e.preventDefault();
              void run(api.call('complaints.changeDeadline', { ...base, ...change })).then((ok) => ok && setShowChange(false));
            }}
          >
            <label className="field">
              <span className="field-label">{t('complaints.changeDeadline.target')}</span>
              <select value={change.target} onChange={(e) => setChange({ ...change, target: e.target.value as DeadlineKind })}>
                {v.deadlines.open.map((o) => (
                  <option key={o.kind} value={o.kind}>
                    {t(`complaints.deadline.${o.kind}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('complaints.changeDeadline.kind')}</span>
              <select value={change.kind} onChange={(e) => setChange({ ...change, kind: e.target.value as 'extend' | 'postpone' })}>
                <option value="extend">{t('complaints.changeDeadline.extend')}</option>
                <option value="postpone">{t('complaints.changeDeadline.postpone')}</option>
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('complaints.changeDeadline.newDue')}</span>
              <DateField required value={change.newDue} onChange={(v) => setChange({ ...change, newDue: v })} />
            </label>
            <label className="field">
              <span className="field-label">{t('complaints.changeDeadline.reason')}</span>
              <input required minLength={3} maxLength={2000} value={change.reason} onChange={(e) => setChange({ ...change, reason: e.target.value })} />
            </label>
            <div className="row">
              <button type="submit" className="primary">
                {t('complaints.changeDeadline.save')}
              </button>
            </div>
          </form>
        )}
        {v.holidaysCounted.length > 0 && (
          <p className="field-hint" data-testid="deadline-holidays">
            {t('complaints.holidaysCounted', {
              list: v.holidaysCounted.map((h) => `${h.name} (${formatNewsDate(h.date, lang)}${h.estimated ? `, ${t('complaints.holidayEstimated')}` : ''})`).join('; '),
            })}
          </p>
        )}
        {c.deadlineChanges.length > 0 && (
          <ul className="complaint-changes">
            {c.deadlineChanges.map((x) => (
              <li key={x.at}>
                {t('complaints.changeDeadline.history', {
                  kind: t(`complaints.changeDeadline.${x.kind}`),
                  target: t(`complaints.deadline.${x.target}`).toLowerCase(),
                  from: formatNewsDate(x.previousDue, lang),
                  to: formatNewsDate(x.newDue, lang),
                  reason: x.reason,
                })}
              </li>
            ))}
          </ul>
        )}
      </div>

      {(TRANSITIONS[c.status].length > 0 || c.reason) && (
        <div className="card">
          <h2>{t('complaints.workflow')}</h2>
          {c.reason && <p>{t('complaints.closedReason', { reason: c.reason })}</p>}
          <div className="row">
            {TRANSITIONS[c.status].map((to) => (
              <button
                key={to}
                className={NEEDS_REASON.includes(to) ? 'ghost' : to === 'diteruskan' && c.status === 'menunggu_atasan' ? '' : 'primary'}
                aria-expanded={NEEDS_REASON.includes(to) ? pending === to : undefined}
                onClick={() => void move(to)}
              >
                {to === 'diteruskan' && c.status === 'menunggu_atasan' ? t('complaints.to.backToBidang') : t(`complaints.to.${to}` as MessageKey)}
              </button>
            ))}
          </div>
          {pending && (
            <div className="field complaint-reason">
              <label className="field-label" htmlFor="complaint-reason">
                {t('complaints.reason')}
              </label>
              <textarea id="complaint-reason" rows={2} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
              <div className="row">
                <button className="danger" disabled={!reason.trim()} onClick={() => void move(pending)}>
                  {t('complaints.confirmReason')} — {t(`complaints.to.${pending}` as MessageKey)}
                </button>
                <button className="ghost" onClick={() => setPending(null)}>
                  {t('complaints.cancel')}
                </button>
              </div>
            </div>
          )}
        </div>
      )}

      {!NEEDS_REASON.includes(c.status) && (
        <div className="card">
          <h2>{t('complaints.answer')}</h2>
          {answerEditable && (
            <label className="field">
              <span className="field-label">{t('complaints.template')}</span>
              <select
                value=""
                onChange={(e) => {
                  const tid = e.target.value as AnswerTemplateId;
                  if (tid)
                    setDraft(fillTemplate(tid, { handle: c.reporterHandle, topic: c.topic, opd: workspace.opd.shortName || workspace.opd.fullName, bidang: c.bidang }));
                }}
              >
                <option value="">{t('complaints.template.none')}</option>
                {(Object.keys(ANSWER_TEMPLATES) as AnswerTemplateId[]).map((k) => (
                  <option key={k} value={k}>
                    {t(`complaints.template.${k}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field">
            <span className="field-label">{t('complaints.answer')}</span>
            <textarea rows={4} value={draft} readOnly={!answerEditable} maxLength={10_000} onChange={(e) => setDraft(e.target.value)} />
          </label>
          {v.draftedByName && <p className="field-hint">{t('complaints.draftedBy', { name: v.draftedByName })}</p>}
          <div className="row">
            {answerEditable && (
              <button disabled={draft === c.answerDraft} onClick={() => void run(api.call('complaints.update', { ...base, patch: { answerDraft: draft } }))}>
                {t('complaints.saveDraft')}
              </button>
            )}
            {c.status === 'menunggu_atasan' && !c.approvedBy && (
              <button className="primary" onClick={() => void run(api.call('complaints.approve', base))}>
                {t('complaints.approve')}
              </button>
            )}
            <button
              className="ghost"
              disabled={!c.answerDraft.trim()}
              onClick={() =>
                navigator.clipboard.writeText(c.answerDraft).then(
                  () => toast(t('complaints.copied')),
                  (e) => toast(complaintError(t, e), 'error'),
                )
              }
            >
              {t('complaints.copy')}
            </button>
          </div>
          {c.status === 'menunggu_atasan' && !c.approvedBy && <p className="field-hint">{t('complaints.approveHint')}</p>}
          {c.approvedBy && c.approvedAt && (
            <p className="complaint-approved" data-testid="complaint-approved">
              {t('complaints.approvedBy', { name: v.approvedByName || c.approvedBy, when: when(c.approvedAt) })}
            </p>
          )}
          {(c.status === 'menunggu_atasan' || c.status === 'dijawab' || c.status === 'selesai') && (
            <Field label={t('complaints.answerUrl')} hint={t('complaints.answerUrlHint')}>
              <input type="url" value={answerUrl} readOnly={c.status === 'selesai'} maxLength={2000} onChange={(e) => setAnswerUrl(e.target.value)} placeholder="https://" />
            </Field>
          )}
        </div>
      )}

      <form className="card" onSubmit={saveDetails} onPaste={onPaste}>
        <h2>{t('complaints.details')}</h2>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('complaints.field.channel')}</span>
            <select disabled={closed} value={fields.channel} onChange={(e) => setFields({ ...fields, channel: e.target.value as ComplaintChannel })}>
              {COMPLAINT_CHANNELS.map((ch) => (
                <option key={ch} value={ch}>
                  {complaintChannelLabel(t, ch)}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <span className="field-label">{t('complaints.field.receivedAt', { zone })}</span>
            <span>{when(c.receivedAt)}</span>
          </div>
          {v.identityHidden ? (
            <p className="notice">{t('complaints.identityHidden', { name: v.handlerName || '–' })}</p>
          ) : fields.confidentiality === 'anonim' ? (
            <p className="field-hint">{t('complaints.confidentiality.anonimHint')}</p>
          ) : (
            <>
              <Field label={t('complaints.field.reporter')} hint={t('complaints.field.reporterHint')}>
                <input readOnly={closed} value={fields.reporterHandle} maxLength={200} onChange={(e) => setFields({ ...fields, reporterHandle: e.target.value })} />
              </Field>
              <label className="field">
                <span className="field-label">{t('complaints.field.link')}</span>
                <input readOnly={closed} type="url" value={fields.link} maxLength={2000} onChange={(e) => setFields({ ...fields, link: e.target.value })} />
              </label>
            </>
          )}
          <label className="field">
            <span className="field-label">{t('complaints.field.trackingNumber')}</span>
            <input readOnly={closed} value={fields.trackingNumber} maxLength={64} onChange={(e) => setFields({ ...fields, trackingNumber: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('complaints.field.classification')}</span>
            <select disabled={closed} value={fields.classification} onChange={(e) => setFields({ ...fields, classification: e.target.value as ComplaintClassification })}>
              {COMPLAINT_CLASSIFICATIONS.map((x) => (
                <option key={x} value={x}>
                  {t(`complaints.classification.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="field-label">{t('complaints.field.confidentiality')}</span>
            <select disabled={closed} value={fields.confidentiality} onChange={(e) => setFields({ ...fields, confidentiality: e.target.value as Confidentiality })}>
              {CONFIDENTIALITY.map((x) => (
                <option key={x} value={x}>
                  {t(`complaints.confidentiality.${x}`)}
                </option>
              ))}
            </select>
          </label>
          <div className="field">
            <label className="radio">
              <input type="checkbox" disabled={closed} checked={fields.urgent} onChange={(e) => setFields({ ...fields, urgent: e.target.checked })} />
              {t('complaints.field.urgent')}
            </label>
            <label className="radio">
              <input type="checkbox" disabled={closed} checked={fields.needsFieldCheck} onChange={(e) => setFields({ ...fields, needsFieldCheck: e.target.checked })} />
              {t('complaints.field.needsFieldCheck')}
            </label>
          </div>
        </div>
        <label className="field">
          <span className="field-label">{t('complaints.field.text')}</span>
          <textarea readOnly={closed} rows={4} value={fields.text} maxLength={10_000} onChange={(e) => setFields({ ...fields, text: e.target.value })} />
        </label>
        <div className="grid-3">
          <label className="field">
            <span className="field-label">{t('complaints.field.forwardedBy')}</span>
            <input readOnly={closed} value={fields.forwardedBy} maxLength={200} onChange={(e) => setFields({ ...fields, forwardedBy: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('complaints.field.topic')}</span>
            <input readOnly={closed} value={fields.topic} maxLength={200} onChange={(e) => setFields({ ...fields, topic: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('complaints.field.bidang')}</span>
            <input readOnly={closed} value={fields.bidang} maxLength={200} onChange={(e) => setFields({ ...fields, bidang: e.target.value })} />
          </label>
        </div>
        <div className="field">
          <span className="field-label">{t('complaints.field.screenshot')}</span>
          {v.screenshotUrl && <img className="complaint-shot" src={v.screenshotUrl} alt={t('complaints.field.screenshotAlt')} />}
          {!closed && (
            <div className="row">
              <label className="button ghost complaint-shot-pick">
                {t('complaints.field.screenshot')}…
                <input
                  type="file"
                  className="sr-only"
                  accept="image/png,image/jpeg,image/webp"
                  onChange={(e) => {
                    const f = e.target.files?.[0];
                    if (f) void replaceShot(f);
                  }}
                />
              </label>
              {v.screenshotUrl && (
                <button type="button" className="ghost" onClick={() => void run(api.call('complaints.update', { ...base, patch: {}, screenshot: null }))}>
                  {t('complaints.removeScreenshot')}
                </button>
              )}
            </div>
          )}
          {!closed && <span className="field-hint">{t('complaints.field.screenshotHint')}</span>}
        </div>
        {!closed && (
          <div className="row">
            <button type="submit">{t('complaints.saveDetails')}</button>
          </div>
        )}
      </form>

      <div className="card">
        <h2>{t('complaints.history')}</h2>
        <ol className="complaint-history">
          {c.history.map((h, i) => (
            <li key={i}>
              <span className="muted">{when(h.at)}</span> {complaintStatusLabel(t, h.to)}
              {h.note && <span className="muted"> — {h.note}</span>}
            </li>
          ))}
        </ol>
        <button
          className="danger"
          onClick={() => {
            if (!window.confirm(t('complaints.trashConfirm'))) return;
            api.call('complaints.trash', { id: c.id }).then(
              () => navigate('complaints'),
              (e) => toast(complaintError(t, e), 'error'),
            );
          }}
        >
          {t('complaints.trash')}
        </button>
      </div>
    </section>
  );
}
