import { useEffect, useState, type FormEvent } from 'react';
import { BACKUP_KEEP_DAYS, BACKUP_KEEP_RECENT_RANGE, BACKUP_MAX_BYTES_RANGE, parseGigabytes, retentionOf } from '@shared/backups/retention';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { Field } from '@ui/lib/ui/Field';

const GB = 1024 ** 3;

/** Gigabytes as typed back into the field: one decimal at most, the language's decimal mark, no thousands mark (parseGigabytes reads it). */
function gigabytes(bytes: number, lang: string): string {
  const v = String(Math.round((bytes / GB) * 10) / 10);
  return lang === 'id' ? v.replace('.', ',') : v;
}

/** How many backups are kept and how much disk they may take (issue 22: retention by count and by size, set here). */
export function BackupRetention({ onSaved }: { onSaved: () => void }) {
  const { t, lang } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const rules = retentionOf(workspace.backups);
  const gb = (bytes: number) => gigabytes(bytes, lang);
  const [recent, setRecent] = useState(String(rules.keepRecent));
  const [size, setSize] = useState(gb(rules.maxBytes));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  // The form follows the stored settings whenever they change (save, restore).
  useEffect(() => {
    const r = retentionOf(workspace.backups);
    setRecent(String(r.keepRecent));
    setSize(gigabytes(r.maxBytes, lang));
  }, [workspace, lang]);

  const keepRecent = /^\d+$/.test(recent.trim()) ? Number(recent.trim()) : NaN;
  const recentOk = keepRecent >= BACKUP_KEEP_RECENT_RANGE.min && keepRecent <= BACKUP_KEEP_RECENT_RANGE.max;
  const maxBytes = parseGigabytes(size);
  const bounds = { min: BACKUP_KEEP_RECENT_RANGE.min, max: BACKUP_KEEP_RECENT_RANGE.max };
  const sizeBounds = { min: gb(BACKUP_MAX_BYTES_RANGE.min), max: gb(BACKUP_MAX_BYTES_RANGE.max) };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (!recentOk || maxBytes === null) return;
    setBusy(true);
    try {
      setWorkspace(await api.call('settings.update', { baseRev: workspace.rev, backups: { keepRecent, maxBytes } }));
      toast(t('settings.data.retentionSaved'));
      onSaved();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="backup-retention" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t('settings.data.retention')}</h3>
      <Field
        label={t('settings.data.keepRecent')}
        hint={t('settings.data.keepRecentHint', { ...bounds, days: BACKUP_KEEP_DAYS })}
        error={tried && !recentOk ? t('settings.data.keepRecentInvalid', bounds) : undefined}
      >
        <input inputMode="numeric" value={recent} onChange={(e) => setRecent(e.target.value)} />
      </Field>
      <Field
        label={t('settings.data.maxSize')}
        hint={t('settings.data.maxSizeHint')}
        error={tried && maxBytes === null ? t('settings.data.maxSizeInvalid', sizeBounds) : undefined}
      >
        <input inputMode="decimal" value={size} onChange={(e) => setSize(e.target.value)} />
      </Field>
      <button type="submit" disabled={busy}>
        {t('settings.data.retentionSave')}
      </button>
    </form>
  );
}
