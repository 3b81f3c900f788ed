import { api } from '@ui/api/client';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { useApp } from './AppContext';

/** Tells the user what the store did on their behalf (recovery, restore, upgrade). */
export function Notices() {
  const { t } = useI18n();
  const { info, refreshInfo, toast } = useApp();
  if (!info.notices.length) return null;
  return (
    <div className="notices">
      {info.notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.kind}`} role="alert">
          <p>
            {t(`notice.${n.kind}`, {
              file: n.file,
              movedTo: n.movedTo ?? '—',
              backup: n.backupId ?? '—',
              detail: n.detail ?? '',
            })}
          </p>
          <button
            onClick={() =>
              api.call('app.dismissNotice', { id: n.id }).then(refreshInfo, (e) => toast(errorMessage(t, e), 'error'))
            }
          >
            {t('notice.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
