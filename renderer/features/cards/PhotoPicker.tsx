import { useState } from 'react';
import { PhotoPicker as LibraryPicker } from '@ui/features/media/PhotoPicker';
import { useI18n } from '@ui/i18n/i18n';
import { useApiQuery } from '@ui/lib/query';

/** A slide's photo: the one chosen, and the shared picker to choose another (the crop keeps the photo's focal point). */
export function PhotoPicker({ value, onChange, idPrefix }: { value: string | null; onChange(id: string | null): void; idPrefix: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const chosen = useApiQuery('media.get', { id: value ?? '' }, { enabled: Boolean(value) });
  return (
    <div className="field cards-photo" id={`${idPrefix}-photoId`}>
      <span className="field-label">{t('cards.field.photo')}</span>
      <div className="row">
        {value ? <span className="badge">{chosen.data?.originalName ?? value.slice(0, 8)}</span> : <span className="muted">{t('cards.field.photoNone')}</span>}
        <button type="button" className="ghost" aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {t('cards.field.photoPick')}
        </button>
        {value && (
          <button type="button" className="ghost" onClick={() => onChange(null)}>
            {t('cards.field.photoRemove')}
          </button>
        )}
      </div>
      {open && (
        <LibraryPicker
          title={t('cards.field.photoPick')}
          pickLabel={t('cards.field.photoChoose')}
          emptyText={t('cards.field.photoEmpty')}
          selectedId={value}
          onPick={(p) => {
            onChange(p.id);
            setOpen(false);
          }}
          onClose={() => setOpen(false)}
        />
      )}
      <span className="field-hint">{t('cards.field.photoFocal')}</span>
    </div>
  );
}
