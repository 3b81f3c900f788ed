import { useEffect, useState } from 'react';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import type { PhotoSummary } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { thumbUrl } from '@shared/files/urls';

/** Choose a photo from the Media library to insert into the body. */
export function PhotoPicker({ onPick, onClose }: { onPick(photo: PhotoSummary): void; onClose(): void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<PhotoSummary[] | null>(null);
  const [total, setTotal] = useState(0);

  // The search runs on the main process; the picker shows its pages, newest first.
  const more = () => {
    api.call('media.list', { query: query || undefined, offset: items?.length ?? 0, limit: MEDIA_PAGE }).then(
      (r) => setItems((l) => [...(l ?? []), ...r.items]),
      (e) => toast(errorMessage(t, e), 'error'),
    );
  };

  useEffect(() => {
    let live = true;
    const h = setTimeout(() => {
      api.call('media.list', { query: query || undefined, limit: MEDIA_PAGE }).then(
        (r) => {
          if (!live) return;
          setItems(r.items);
          setTotal(r.total);
        },
        (e) => live && toast(errorMessage(t, e), 'error'),
      );
    }, query ? 200 : 0);
    return () => {
      live = false;
      clearTimeout(h);
    };
  }, [query, t, toast]);

  return (
    <div className="modal-backdrop" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="modal card" role="dialog" aria-modal="true" aria-labelledby="photo-title">
        <h2 id="photo-title">{t('news.photoTitle')}</h2>
        <input type="search" aria-label={t('news.photoSearch')} placeholder={t('news.photoSearch')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
        {items && items.length === 0 && <p className="empty-state">{t('news.photoEmpty')}</p>}
        <ul className="photo-pick">
          {items?.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onPick(p)} aria-label={`${t('news.photoInsert')}: ${p.caption || p.originalName}`}>
                <img src={thumbUrl(p.sha256)} alt="" loading="lazy" />
                <span className="small-text">{p.caption || p.originalName}</span>
              </button>
            </li>
          ))}
        </ul>
        {items && items.length < total && (
          <button type="button" className="ghost" onClick={more}>
            {t('media.picker.more', { n: Math.min(MEDIA_PAGE, total - items.length) })}
          </button>
        )}
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
