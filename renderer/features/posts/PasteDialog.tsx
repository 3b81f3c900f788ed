import { useMemo, useState } from 'react';
import { splitPastedArticle } from '@shared/posts/paste';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { navigate } from '@ui/lib/router';
import { Dialog } from '@ui/lib/ui/Dialog';

/**
 * "Tempel artikel": paste an article from WhatsApp, Word or a website; see
 * how it is split (title, dateline, date, lead, paragraphs, quotes, credits)
 * and create a post from it.
 */
export function PasteDialog({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const { toast, refreshInfo, workspace } = useApp();
  const [raw, setRaw] = useState('');
  const [busy, setBusy] = useState(false);
  // The OPD's own dateline chosen over an outlet's ("RIAUBERNAS.COM"), for this paste.
  const [ownDateline, setOwnDateline] = useState(false);
  const split = useMemo(() => (raw.trim() ? splitPastedArticle(raw) : null), [raw]);
  const opdDateline = workspace.opd.dateline.trim().toUpperCase();
  const dateline = split ? (ownDateline && opdDateline ? opdDateline : split.dateline) : '';

  const create = async () => {
    if (!split) return;
    setBusy(true);
    try {
      const p = await api.call('posts.create', {
        content: {
          title: split.title.slice(0, 300),
          dateline: dateline.slice(0, 60),
          eventDate: split.eventDate,
          lead: split.lead,
          bodyMd: split.bodyMd,
          authorCredit: split.authorCredit.slice(0, 200),
          editorCredit: split.editorCredit.slice(0, 200),
          photoCredits: split.photoCredits.slice(0, 500),
        },
      });
      void refreshInfo();
      onClose();
      navigate('posts', p.id);
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog labelledBy="paste-title" onClose={onClose}>
        <h2 id="paste-title">{t('posts.pasteTitle')}</h2>
        <p className="muted">{t('posts.pasteHint')}</p>
        <label className="field">
          <span className="field-label">{t('posts.pasteLabel')}</span>
          <textarea rows={8} value={raw} onChange={(e) => setRaw(e.target.value)} autoFocus />
        </label>
        {split && (
          <dl className="paste-result" data-testid="paste-result">
            <dt>{t('posts.field.title')}</dt>
            <dd>{split.title || '—'}</dd>
            {split.caption && (
              <>
                <dt>{t('posts.pasteCaption')}</dt>
                <dd data-testid="paste-caption">{split.caption}</dd>
              </>
            )}
            <dt>{t('posts.field.dateline')}</dt>
            <dd>
              {dateline || '—'}
              {split.datelineOutlet && <span className="muted"> ({t('posts.pasteOutlet')}: {split.datelineOutlet})</span>}
              {opdDateline && dateline !== opdDateline && (
                <button type="button" className="small" onClick={() => setOwnDateline(true)}>
                  {t('posts.pasteUseOwnDateline', { dateline: opdDateline })}
                </button>
              )}
            </dd>
            <dt>{t('posts.pasteDate')}</dt>
            <dd>{split.eventDate ?? '—'}</dd>
            <dt>{t('posts.field.lead')}</dt>
            <dd>{split.lead || '—'}</dd>
            <dt>{t('posts.pasteParagraphs')}</dt>
            <dd>{split.paragraphs.length}</dd>
            <dt>{t('posts.pasteQuotes')}</dt>
            <dd>
              {split.quotes.length === 0
                ? '—'
                : split.quotes.map((q, i) => (
                    <div key={i} className="small-text">
                      “{q.text.length > 90 ? q.text.slice(0, 90) + '…' : q.text}” — {q.attribution || t('posts.pasteNoAttribution')}
                    </div>
                  ))}
            </dd>
            <dt>{t('posts.field.author')}</dt>
            <dd>{split.authorCredit || '—'}</dd>
            <dt>{t('posts.editorCredit')}</dt>
            <dd>{split.editorCredit || '—'}</dd>
          </dl>
        )}
        <div className="row">
          <button type="button" className="primary" disabled={!split || busy} onClick={create}>
            {t('posts.pasteCreate')}
          </button>
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
    </Dialog>
  );
}
