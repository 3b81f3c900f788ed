import { useEffect, useState } from 'react';
import { MEDIA_PAGE } from '@shared/api/contracts/media';
import type { PhotoSummary } from '@shared/media/photo';
import { api } from '@ui/api/client';
import { useI18n } from '@ui/i18n/i18n';
import { thumbUrl } from '@ui/features/media/media-ui';

/** Picks a photo from the media library (the crop keeps the photo's focal point). */
export function PhotoPicker({ value, onChange, idPrefix }: { value: string | null; onChange(id: string | null): void; idPrefix: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [photos, setPhotos] = useState<PhotoSummary[] | null>(null);
  const [total, setTotal] = useState(0);
  useEffect(() => {
    if (!open || photos) return;
    void api.call('media.list', { limit: MEDIA_PAGE }).then(
      (r) => {
        setPhotos(r.items);
        setTotal(r.total);
      },
      () => setPhotos([]),
    );
  }, [open, photos]);
  const more = () => {
    void api.call('media.list', { offset: photos?.length ?? 0, limit: MEDIA_PAGE }).then((r) => setPhotos((l) => [...(l ?? []), ...r.items]), () => undefined);
  };
  const chosen = value && photos ? photos.find((p) => p.id === value) : null;
  return (
    <div className="field cards-photo" id={`${idPrefix}-photoId`}>
      <span className="field-label">{t('cards.field.photo')}</span>
      <div className="row">
        {value ? <span className="badge">{chosen?.originalName ?? value.slice(0, 8)}</span> : <span className="muted">{t('cards.field.photoNone')}</span>}
        <button type="button" className="ghost" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('cards.field.photoPick')}
        </button>
        {value && (
          <button type="button" className="ghost" onClick={() => onChange(null)}>
            {t('cards.field.photoRemove')}
          </button>
        )}
      </div>
      {open && (
        <div className="cards-photo-grid" role="listbox" aria-label={t('cards.field.photoPick')}>
          {photos && photos.length === 0 && <p className="muted">{t('cards.field.photoEmpty')}</p>}
          {photos?.map((p) => (
            <button
              key={p.id}
              type="button"
              role="option"
              aria-selected={p.id === value}
              className={p.id === value ? 'cards-photo-option selected' : 'cards-photo-option'}
              onClick={() => {
                onChange(p.id);
                setOpen(false);
              }}
            >
              <img src={thumbUrl(p.sha256)} alt={p.altText || p.originalName} loading="lazy" />
            </button>
          ))}
        </div>
      )}
      {open && photos && photos.length < total && (
        <button type="button" className="ghost" onClick={more}>
          {t('media.picker.more', { n: Math.min(MEDIA_PAGE, total - photos.length) })}
        </button>
      )}
      <span className="field-hint">{t('cards.field.photoFocal')}</span>
    </div>
  );
}
