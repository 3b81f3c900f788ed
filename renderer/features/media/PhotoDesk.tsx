import { useI18n } from '../../i18n/i18n';

/** The photo desk (issue: Photo desk). */
export function PhotoDesk(_props: { rest: string[] }) {
  const { t } = useI18n();
  return <p className="empty-state">{t('empty.media.body')}</p>;
}
