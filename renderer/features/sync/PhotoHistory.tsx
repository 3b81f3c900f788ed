import { formatZonedDateTime } from '@shared/domain/time-zone';
import type { Photo, PhotoEdit } from '@shared/media/photo';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';

const FIELDS = ['caption', 'credit', 'altText', 'tags', 'postIds', 'focal', 'crops'] as const satisfies readonly (keyof PhotoEdit)[];

/**
 * A photo's texts overwritten by team sync (issue 13): when two PCs edit a
 * photo at once the later edit wins, and the values it replaced are kept in
 * the record's `history`. Shown in the photo desk's details, newest first,
 * so nobody's caption is lost without a trace. Nothing while it is empty.
 */
export function PhotoHistory({ photo }: { photo: Photo }) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const entries = [...(photo.history ?? [])].reverse();
  if (!entries.length) return null;

  const shown = (field: (typeof FIELDS)[number], values: PhotoEdit): string => {
    switch (field) {
      case 'tags':
        return values.tags?.length ? values.tags.join(', ') : t('sync.photoHistory.empty');
      case 'postIds':
        return t('sync.photoHistory.posts', { count: values.postIds?.length ?? 0 });
      case 'focal':
        return values.focal ? `${Math.round(values.focal.x * 100)}% · ${Math.round(values.focal.y * 100)}%` : t('sync.photoHistory.empty');
      case 'crops':
        return t('sync.photoHistory.cropsChanged');
      default:
        return values[field] || t('sync.photoHistory.empty');
    }
  };

  return (
    <details className="photo-history" data-testid="photo-history">
      <summary>{t('sync.photoHistory.title', { count: entries.length })}</summary>
      <p className="muted">{t('sync.photoHistory.hint')}</p>
      <ol>
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`}>
            <time dateTime={e.at}>{Number.isFinite(Date.parse(e.at)) ? formatZonedDateTime(e.at, workspace.opd.timeZone) : e.at}</time>
            <dl>
              {FIELDS.filter((f) => e.values[f] !== undefined).map((f) => (
                <div key={f}>
                  <dt>{t(`sync.photoHistory.${f}`)}</dt>
                  <dd>{shown(f, e.values)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ol>
    </details>
  );
}
