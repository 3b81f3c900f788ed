import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';

/** A link card on the Settings page to the Sinkron page. */
export function SyncSettingsLink() {
  const { t } = useI18n();
  return (
    <div className="card">
      <h2>{t('sync.title')}</h2>
      <p className="muted">{t('sync.intro')}</p>
      <a className="button" href={href('settings', 'sinkron')}>
        {t('sync.settingsLink')}
      </a>
    </div>
  );
}
