import { useEffect, useRef, useState } from 'react';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import { thumbUrl } from '@shared/files/urls';
import type { Photo, PhotoSummary } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { importPhotoFile } from '@ui/features/posts/photo-import';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { useApiQuery } from '@ui/lib/query';
import { Dialog } from '@ui/lib/ui/Dialog';
import { ACCEPT } from './media-ui';

export interface PhotoPickerProps {
  /** The dialog's heading (its name). */
  title: string;
  /** The verb on each photo: its button is named "<pickLabel>: <caption>". */
  pickLabel: string;
  /** Shown when the library is empty (the import button is then the main action). */
  emptyText: string;
  /** The photo in use now, marked as pressed. */
  selectedId?: string | null;
  onPick(photo: Photo): void;
  onClose(): void;
}

/**
 * The one photo picker (posts and cards): a search over the Media library in
 * pages, newest first, that follows the library as it changes, and an import
 * from the computer right here (Media's import: decoded, GPS stripped), so an
 * empty library is not a dead end. Picking hands over the whole photo record.
 */
export function PhotoPicker({ title, pickLabel, emptyText, selectedId, onPick, onClose }: PhotoPickerProps) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const [extra, setExtra] = useState<PhotoSummary[]>([]);
  const [importing, setImporting] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);

  // The search runs on the main process, a short pause after typing.
  useEffect(() => {
    const h = setTimeout(() => setQuery(typed.trim()), typed ? 200 : 0);
    return () => clearTimeout(h);
  }, [typed]);
  const first = useApiQuery('media.list', { query: query || undefined, limit: MEDIA_PAGE }, { keepPrevious: true });
  useEffect(() => setExtra([]), [query]);
  useEffect(() => {
    if (first.error) toast(errorMessage(t, first.error), 'error');
  }, [first.error, t, toast]);

  const head = first.data?.items ?? null;
  const seen = new Set(head?.map((p) => p.id));
  const items = head ? [...head, ...extra.filter((p) => !seen.has(p.id))] : null;
  const total = first.data?.total ?? 0;

  const more = () => {
    api.call('media.list', { query: query || undefined, offset: items?.length ?? 0, limit: MEDIA_PAGE }).then(
      (r) => setExtra((l) => [...l, ...r.items]),
      (e) => toast(errorMessage(t, e), 'error'),
    );
  };

  const importChosen = async (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    setImporting(t('posts.photoImporting', { name: f.name }));
    const r = await importPhotoFile(f, t);
    setImporting(null);
    if ('error' in r) toast(r.error, 'error');
    else onPick(r.photo);
  };

  // A list entry carries a shortened caption: the whole record is handed over.
  const pick = (p: PhotoSummary) => api.call('media.get', { id: p.id }).then(onPick, (e) => toast(errorMessage(t, e), 'error'));

  const empty = items !== null && items.length === 0 && !query;
  return (
    <Dialog labelledBy="photo-picker-title" onClose={onClose}>
      <h2 id="photo-picker-title">{title}</h2>
      <input type="search" aria-label={t('posts.photoSearch')} placeholder={t('posts.photoSearch')} value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus />
      {empty && <p className="empty-state">{emptyText}</p>}
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
            <button
              type="button"
              onClick={() => void pick(p)}
              aria-label={`${pickLabel}: ${p.caption || p.originalName}`}
              aria-pressed={selectedId === undefined ? undefined : p.id === selectedId}
              className={p.id === selectedId ? 'selected' : undefined}
            >
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
