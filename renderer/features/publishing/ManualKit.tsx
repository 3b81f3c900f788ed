import { useState } from 'react';
import type { Job } from '@shared/publishing/job';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { channelKey, outboxFileUrl } from './queue-ui';
import { useWentOutAt, WentOutAtFields } from './WentOutAt';
import { Field } from '@ui/lib/ui/Field';

/** WhatsApp Channel, TikTok and any channel without a connection: everything to post by hand, then "Tandai sudah tayang". */
export function ManualKit({ job, onChange }: { job: Job; onChange: () => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const wentOut = useWentOutAt();
  const channel = t(channelKey(job.channel));
  const stepsKey: MessageKey = job.channel === 'whatsapp' ? 'publishing.kit.steps.whatsapp' : job.channel === 'other' ? 'publishing.kit.steps.other' : 'publishing.kit.steps.generic';
  const text = job.channel === 'website' ? job.payload.html : job.payload.text;

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      toast(t('publishing.kit.copied'));
    } catch {
      // Clipboard denied (permissions are off in the app): select the text so Ctrl+C works.
      const el = document.getElementById(`kit-text-${job.id}`) as HTMLTextAreaElement | null;
      el?.focus();
      el?.select();
    }
  }

  async function mark(e: React.FormEvent) {
    e.preventDefault();
    if (!/^https?:\/\/\S+$/i.test(url.trim())) {
      toast(t('publishing.kit.urlInvalid'), 'error');
      return;
    }
    if (wentOut.inFuture()) {
      toast(t('publishing.kit.wentOutFuture'), 'error');
      return;
    }
    setBusy(true);
    try {
      await api.call('publishing.resolve', { jobId: job.id, action: 'mark_published', url: url.trim(), publishedAt: wentOut.instant() });
      toast(t('publishing.kit.published', { url: url.trim() }));
      onChange();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card queue-kit" aria-labelledby={`kit-h-${job.id}`}>
      <h2 id={`kit-h-${job.id}`}>{t('publishing.kit.title', { channel })}</h2>
      <div className="grid-2">
        <div>
          <div className="field">
            <label className="field-label" htmlFor={`kit-text-${job.id}`}>
              {t('publishing.kit.text')}
            </label>
            <textarea id={`kit-text-${job.id}`} readOnly value={text} rows={10} />
          </div>
          <div className="row">
            <button type="button" onClick={() => void copy()}>
              {t('publishing.kit.copy')}
            </button>
          </div>
          <h3>{t('publishing.kit.steps')}</h3>
          <ol className="queue-steps">
            {t(stepsKey)
              .split('|')
              .map((s) => (
                <li key={s}>{s.replace(/^\d+\.\s*/, '')}</li>
              ))}
          </ol>
        </div>
        <div>
          <h3>{t('publishing.kit.images', { n: job.payload.media.length })}</h3>
          <ul className="queue-kit-images">
            {job.payload.media.map((m, i) => (
              <li key={m.sha256}>
                <img src={outboxFileUrl(m.file)} alt={m.alt} width={m.width} height={m.height} />
                <a className="button" href={`${outboxFileUrl(m.file)}?download=1`} download={`${job.channel}-${i + 1}.jpg`}>
                  {t('publishing.kit.download', { n: i + 1 })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
      {job.state !== 'published' ? (
        <form className="row queue-kit-mark" onSubmit={(e) => void mark(e)}>
          <Field label={t('publishing.kit.url')} hint={t('publishing.kit.urlHint')} className="queue-url-field">
            <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://" />
          </Field>
          <WentOutAtFields state={wentOut} />
          <button type="submit" className="primary" disabled={busy}>
            {t('publishing.action.markPublished')}
          </button>
        </form>
      ) : (
        <p className="queue-kit-done">{t('publishing.kit.published', { url: job.remote.url ?? '' })}</p>
      )}
    </section>
  );
}
