import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { syncLine } from './sync-line';
import { useSyncStatus } from './use-sync-status';

/** The sidebar's sync line on every screen; nothing at all while no hub is set up. */
export function SyncStatusLine() {
  const { t } = useI18n();
  const { workspace } = useApp();
  const { status, readAt } = useSyncStatus();
  const parts = status ? syncLine(status, t, readAt, workspace.opd.timeZone) : [];
  if (!parts.length) return null;
  return (
    <a className="sync-line" href={href('settings', 'sinkron')} aria-label={`${t('sync.line.label')}: ${parts.map((p) => p.text).join(', ')}`} data-state={status?.state}>
      {parts.map((p, i) => (
        <span key={i} className={`sync-part sync-${p.tone}`}>
          {p.text}
        </span>
      ))}
    </a>
  );
}
