import { useEffect, useRef, useState } from 'react';
import type { Photo } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { ACCEPT } from '@ui/features/media/media-ui';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { importPhotoFile } from './photo-import';

/**
 * Choose a photo from the Media library to insert into the body, or import
 * one from the computer right here (through Media's import, GPS stripped),
 * so an empty library is not a dead end.
 */
export function PhotoPicker({ onPick, onClose }: { onPick(photo: Photo): void; onClose(): void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<Photo[] | null>(null);
  const [importing, setImporting] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const importChosen = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    setImporting(t('news.photoImporting', { name: f.name }));
    const r = await importPhotoFile(f, t);
    setImporting(null);
    if ('error' in r) toast(r.error, 'error');
    else onPick(r.photo);
  };

  useEffect(() => {
    let live = true;
    const h = setTimeout(() => {
      api.call('media.list', { query: query || undefined }).then(
        (r) => live && setItems(r.items),
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
        {items && items.length === 0 && !query && <p className="empty-state">{t('news.photoEmpty')}</p>}
        <div className="row">
          <button type="button" className={items && items.length === 0 && !query ? 'primary' : ''} disabled={Boolean(importing)} onClick={() => file.current?.click()}>
            {t('news.photoImport')}
          </button>
          <input ref={file} type="file" accept={ACCEPT} hidden tabIndex={-1} aria-hidden="true" onChange={(e) => void importChosen(e.target.files)} />
          {importing && (
            <span className="small-text muted" role="status">
              {importing}
            </span>
          )}
        </div>
        <ul className="photo-pick">
          {items?.map((p) => (
            <li key={p.id}>
              <button type="button" onClick={() => onPick(p)} aria-label={`${t('news.photoInsert')}: ${p.caption || p.originalName}`}>
                <img src={`./files/thumbs/${p.sha256}.webp`} alt="" loading="lazy" />
                <span className="small-text">{p.caption || p.originalName}</span>
              </button>
            </li>
          ))}
        </ul>
        <div className="row">
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
