import { useI18n } from '../../i18n/i18n';

/** The info-card builder (issue: Kartu info). */
export function CardsArea(_props: { rest: string[] }) {
  const { t } = useI18n();
  return <p className="empty-state">{t('media.cards.intro')}</p>;
}
