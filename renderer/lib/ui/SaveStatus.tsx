import { zonedParts } from '@shared/domain/time-zone';
import { formatTimeInput } from '@shared/domain/date-input';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import type { SaveStatus as Status } from '../autosave';

const TEXT: Record<Status, MessageKey> = {
  saved: 'editor.saved',
  saving: 'editor.saving',
  dirty: 'editor.dirty',
  error: 'editor.saveError',
  conflict: 'editor.conflictShort',
};

/**
 * The one autosave status line of posts, cards and photos: "Menyimpan…",
 * "Tersimpan 10.42" (time in the workspace zone), "Gagal menyimpan…".
 */
export function SaveStatus({ status, savedAt, testId = 'save-state', className = '' }: { status: Status; savedAt: number | null; testId?: string; className?: string }) {
  const { t, lang } = useI18n();
  const { workspace } = useApp();
  let time: string | null = null;
  if (status === 'saved' && savedAt !== null) {
    const p = zonedParts(new Date(savedAt), workspace.opd.timeZone);
    time = formatTimeInput(`${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`, lang);
  }
  return (
    <span className={`${className} save-state save-${status}`.trim()} role="status">
      <span data-testid={testId}>{t(TEXT[status])}</span>
      {time && (
        <>
          {' '}
          <time dateTime={new Date(savedAt!).toISOString()}>{time}</time>
        </>
      )}
    </span>
  );
}

/** A real conflict (another window or PC), shown the same way everywhere: keep mine, or load the stored copy. */
export function ConflictNotice({ message, onResolve }: { message: MessageKey; onResolve: (keep: 'mine' | 'theirs') => void }) {
  const { t } = useI18n();
  return (
    <div className="notice" role="alert">
      <p>{t(message)}</p>
      <div className="row">
        <button type="button" onClick={() => onResolve('mine')}>
          {t('editor.keepMine')}
        </button>
        <button type="button" onClick={() => onResolve('theirs')}>
          {t('editor.loadTheirs')}
        </button>
      </div>
    </div>
  );
}
