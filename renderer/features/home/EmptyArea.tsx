import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../lib/router';

/** A section that is not built yet says what will be there and what to do first. */
export function EmptyArea({ titleKey, bodyKey }: { titleKey: MessageKey; bodyKey: MessageKey }) {
  const { t } = useI18n();
  return (
    <section className="page">
      <header className="page-header">
        <h1>{t(titleKey)}</h1>
      </header>
      <div className="empty-state">
        <p>{t(bodyKey)}</p>
        <p>{t('empty.firstStep')}</p>
        <a className="button primary" href={href('posts')}>
          {t('home.goWrite')}
        </a>
      </div>
    </section>
  );
}
