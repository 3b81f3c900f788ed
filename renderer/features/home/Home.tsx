import { useApp } from '../../app/AppContext';
import { useI18n } from '../../i18n/i18n';
import { href } from '../../lib/router';

export function Home() {
  const { t } = useI18n();
  const { workspace, info } = useApp();
  const profileIncomplete = !workspace.opd.fullName.trim();
  return (
    <section className="page">
      <header className="page-header">
        <h1>{workspace.opd.shortName || t('home.title')}</h1>
        <p className="muted">{t('home.stats', { n: info.postCount })}</p>
      </header>
      <div className="empty-state">
        <p>{t('home.intro')}</p>
        {profileIncomplete && <p>{t('home.firstStep')}</p>}
        <div className="row">
          {profileIncomplete && (
            <a className="button" href={href('settings')}>
              {t('home.goSettings')}
            </a>
          )}
          <a className="button primary" href={href('posts')}>
            {t('home.goWrite')}
          </a>
        </div>
      </div>
    </section>
  );
}
