import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_CLASSIFICATIONS,
  CONFIDENTIALITY,
  isRegentForward,
  type ComplaintChannel,
  type ComplaintClassification,
  type Confidentiality,
} from '@shared/complaints/complaint';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { complaintChannelLabel } from '@ui/features/activity/labels';
import { complaintError } from './errors';
import { blobToBase64, fromZonedInput, pastedImage, toZonedInput } from './shared-ui';
import { DateField, TimeField } from '@ui/lib/DateField';
import { Field } from '@ui/lib/ui/Field';

/** Record a report in seconds: only the text is required; paste a screenshot anywhere in the form. */
export function ComplaintForm({ onSaved, onCancel }: { onSaved(id: string): void; onCancel(): void }) {
  const { t } = useI18n();
  const { workspace, toast } = useApp();
  const zone = workspace.opd.timeZone;
  const [channel, setChannel] = useState<ComplaintChannel>('instagram_comment');
  const [received, setReceived] = useState(() => toZonedInput(new Date(), zone));
  const [link, setLink] = useState('');
  const [handle, setHandle] = useState('');
  const [text, setText] = useState('');
  const [forwardedBy, setForwardedBy] = useState('');
  const [topic, setTopic] = useState('');
  const [bidang, setBidang] = useState('');
  const [trackingNumber, setTrackingNumber] = useState('');
  const [classification, setClassification] = useState<ComplaintClassification>('pengaduan');
  const [confidentiality, setConfidentiality] = useState<Confidentiality>('biasa');
  const [needsFieldCheck, setNeedsFieldCheck] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [shot, setShot] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!shot) return setPreview(null);
    const url = URL.createObjectURL(shot);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [shot]);

  const onPaste = (e: ClipboardEvent<HTMLFormElement>) => {
    const img = pastedImage(e);
    if (img) {
      e.preventDefault();
      setShot(img);
      toast(t('complaints.pasted'));
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const receivedAt = fromZonedInput(received, zone);
    if (!receivedAt || !text.trim()) return;
    if (Date.parse(receivedAt) > Date.now() + 5 * 60_000) {
      toast(t('complaints.error.received_in_future'), 'error');
      return;
    }
    setBusy(true);
    try {
      const v = await api.call('complaints.create', {
        input: { channel, receivedAt, link, reporterHandle: handle, text, forwardedBy, topic, bidang, trackingNumber, classification, confidentiality, needsFieldCheck, urgent },
        screenshot: shot ? await blobToBase64(shot) : undefined,
      });
      toast(t('complaints.saved'));
      onSaved(v.complaint.id);
    } catch (err) {
      toast(complaintError(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page complaints">
      <header className="page-header">
        <h1>{t('complaints.new')}</h1>
      </header>
      <form className="editor-fields" onSubmit={submit} onPaste={onPaste}>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('complaints.field.channel')}</span>
            <select value={channel} onChange={(e) => setChannel(e.target.value as ComplaintChannel)}>
              {COMPLAINT_CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {complaintChannelLabel(t, c)}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field">
            <legend className="field-label">{t('complaints.field.receivedAt', { zone })}</legend>
            {/* Day first and 24-hour, in the app's language (not the browser's datetime-local). */}
            <span className="row">
              <DateField
                aria-label={t('complaints.field.receivedDate')}
                required
                value={received.slice(0, 10)}
                onChange={(d) => setReceived(`${d}T${received.slice(11, 16)}`)}
              />
              <TimeField
                aria-label={t('complaints.field.receivedTime', { zone })}
                required
                value={received.slice(11, 16)}
                onChange={(hm) => setReceived(`${received.slice(0, 10)}T${hm}`)}
              />
            </span>
          </fieldset>
          <label className="field">
            <span className="field-label">{t('complaints.field.link')}</span>
            <input type="url" value={link} maxLength={2000} onChange={(e) => setLink(e.target.value)} placeholder="https://" />
          </label>
          <Field label={t('complaints.field.reporter')} hint={t('complaints.field.reporterHint')}>
            <input value={handle} maxLength={200} onChange={(e) => setHandle(e.target.value)} />
          </Field>
        </div>
        <label className="field">
          <span className="field-label">{t('complaints.field.text')}</span>
          <textarea ref={textRef} required rows={4} value={text} maxLength={10_000} onChange={(e) => setText(e.target.value)} />
        </label>
        <div className="grid-3">
          <Field label={t('complaints.field.forwardedBy')} hint={t('complaints.field.forwardedByHint')}>
            <input
              value={forwardedBy}
              maxLength={200}
              onChange={(e) => {
                setForwardedBy(e.target.value);
                if (isRegentForward(e.target.value)) setUrgent(true);
              }}
            />
          </Field>
          <label className="field">
            <span className="field-label">{t('complaints.field.topic')}</span>
            <input value={topic} maxLength={200} onChange={(e) => setTopic(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('complaints.field.bidang')}</span>
            <input value={bidang} maxLength={200} onChange={(e) => setBidang(e.target.value)} />
          </label>
        </div>
        <div className="grid-3">
          <Field label={t('complaints.field.trackingNumber')} hint={t('complaints.field.trackingNumberHint')}>
            <input value={trackingNumber} maxLength={64} onChange={(e) => setTrackingNumber(e.target.value)} />
          </Field>
          <label className="field">
            <span className="field-label">{t('complaints.field.classification')}</span>
            <select value={classification} onChange={(e) => setClassification(e.target.value as ComplaintClassification)}>
              {COMPLAINT_CLASSIFICATIONS.map((c) => (
                <option key={c} value={c}>
                  {t(`complaints.classification.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <Field label={t('complaints.field.confidentiality')} hint={t(`complaints.confidentiality.${confidentiality}Hint`)}>
            <select value={confidentiality} onChange={(e) => setConfidentiality(e.target.value as Confidentiality)}>
              {CONFIDENTIALITY.map((c) => (
                <option key={c} value={c}>
                  {t(`complaints.confidentiality.${c}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="row">
          <label className="radio">
            <input type="checkbox" checked={urgent} onChange={(e) => setUrgent(e.target.checked)} />
            {t('complaints.field.urgent')}
          </label>
          <label className="radio">
            <input type="checkbox" checked={needsFieldCheck} onChange={(e) => setNeedsFieldCheck(e.target.checked)} />
            {t('complaints.field.needsFieldCheck')}
          </label>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="complaint-shot">
            {t('complaints.field.screenshot')}
          </label>
          <input id="complaint-shot" type="file" accept="image/png,image/jpeg,image/webp" onChange={(e) => setShot(e.target.files?.[0] ?? null)} />
          <span className="field-hint">{t('complaints.field.screenshotHint')}</span>
          {preview && (
            <div className="row">
              <img className="complaint-shot" src={preview} alt={t('complaints.field.screenshotAlt')} />
              <button type="button" className="ghost" onClick={() => setShot(null)}>
                {t('complaints.removeScreenshot')}
              </button>
            </div>
          )}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={busy || !text.trim()}>
            {t('complaints.save')}
          </button>
          <button type="button" className="ghost" onClick={onCancel}>
            {t('complaints.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
