import { useEffect, useRef, useState } from 'react';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import { thumbUrl } from '@shared/files/urls';
import type { Photo, PhotoSummary } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { ACCEPT } from '@ui/features/media/media-ui';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { Dialog } from '@ui/lib/ui/Dialog';
import { importPhotoFile } from './photo-import';

/**
 * Choose a photo from the Media library to insert into the body, or import
 * one from the computer right here (through Media's import, GPS stripped),
 * so an empty library is not a dead end. The library comes in pages.
 */
export function PhotoPicker({ onPick, onClose }: { onPick(photo: Photo): void; onClose(): void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<PhotoSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  const [importing, setImporting] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const importChosen = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    setImporting(t('posts.photoImporting', { name: f.name }));
    const r = await importPhotoFile(f, t);
    setImporting(null);
    if ('error' in r) toast(r.error, 'error');
    else onPick(r.photo);
  };

  // A list entry carries a shortened caption: the whole record goes into the post.
  const pick = (p: PhotoSummary) =>
    api.call('media.get', { id: p.id }).then(onPick, (e) => toast(errorMessage(t, e), 'error'));

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

  const empty = items !== null && items.length === 0 && !query;
  return (
    <Dialog labelledBy="photo-title" onClose={onClose}>
      <h2 id="photo-title">{t('posts.photoTitle')}</h2>
      <input type="search" aria-label={t('posts.photoSearch')} placeholder={t('posts.photoSearch')} value={query} onChange={(e) => setQuery(e.target.value)} autoFocus />
      {empty && <p className="empty-state">{t('posts.photoEmpty')}</p>}
      <div className="row">
        <button type="button" className={empty ? 'primary' : ''} disabled={Boolean(importing)} onClick={() => file.current?.click()}>
          {t('posts.photoImport')}
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
            <button type="button" onClick={() => void pick(p)} aria-label={`${t('posts.photoInsert')}: ${p.caption || p.originalName}`}>
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
    </Dialog>
  );
}
