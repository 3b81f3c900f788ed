import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo } from '@shared/api/contract';
import { formatZonedDateTime, TIME_ZONE_CODES, type TimeZoneCode } from '@shared/domain/time-zone';
import { LANGUAGES, ROLES, type Language, type OpdProfile, type Role } from '@shared/domain/workspace';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, makeT, useI18n } from '@ui/i18n/i18n';
import { TargetsPanel } from '@ui/features/activity/TargetsPanel';
import { NewsSettingsPanel } from '@ui/features/posts/NewsSettingsPanel';
import { BrandKitSettings } from '@ui/features/cards/BrandKitSettings';
import { SyncSettingsLink } from '@ui/features/sync/SyncSettingsLink';
import { PantauanSettingsPanel } from '@ui/features/pantauan/PantauanSettingsPanel';
import { formatBytes as formatSmall } from '@ui/features/media/media-ui';
import { backupDiskEstimate, BACKUP_KEEP_DAYS, BACKUP_KEEP_RECENT, BACKUP_MAX_BYTES } from '@shared/backups/retention';
import { useRoute } from '@ui/lib/router';
import { SetupGuide } from '@ui/features/setup/SetupGuide';
import { SETUP_HREF } from '@ui/features/setup/SetupCard';
import { ConnectionsTab } from '@ui/features/publishing/ConnectionsTab';
import type { QueueOverview } from '@shared/api/contracts/queue';

interface MemberDraft {
  id?: string;
  name: string;
  role: Role;
}

export function Settings() {
  // Pengaturan → Panduan penyiapan lives at #/settings/setup.
  return useRoute().rest[0] === 'setup' ? <SetupGuide /> : <SettingsPage />;
}

function SettingsPage() {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const [opd, setOpd] = useState<OpdProfile>(workspace.opd);
  const [team, setTeam] = useState<MemberDraft[]>(workspace.team);
  const [lang, setLang] = useState<Language>(workspace.language);
  const [idleMinutes, setIdleMinutes] = useState(workspace.security.idleMinutes);
  // The form follows the stored settings whenever they change (save, restore).
  useEffect(() => {
    setOpd(workspace.opd);
    setTeam(workspace.team);
    setLang(workspace.language);
    setIdleMinutes(workspace.security.idleMinutes);
  }, [workspace]);

  const saveWith = async (patch: { opd?: OpdProfile; team?: MemberDraft[]; language?: Language; security?: { idleMinutes: number } }) => {
    try {
      const ws = await api.call('settings.update', { baseRev: workspace.rev, ...patch });
      setWorkspace(ws);
      toast(makeT(ws.language)('settings.saved'));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };

  const submitProfile = (e: FormEvent) => {
    e.preventDefault();
    void saveWith({ opd, team: team.filter((m) => m.name.trim()), security: { idleMinutes } });
  };

  return (
    <section className="page settings">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>

      <div className="card">
        <h2>{t('setup.settings.title')}</h2>
        <p className="muted">{t('setup.settings.hint')}</p>
        <a className="button" href={SETUP_HREF}>
          {t('setup.settings.open')}
        </a>
      </div>

      <form className="card" onSubmit={submitProfile} aria-labelledby="opd-h">
        <h2 id="opd-h">{t('settings.opd')}</h2>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('settings.opd.fullName')}</span>
            <input value={opd.fullName} placeholder={t('settings.opd.fullNamePlaceholder')} onChange={(e) => setOpd({ ...opd, fullName: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('settings.opd.shortName')}</span>
            <input value={opd.shortName} placeholder={t('settings.opd.shortNamePlaceholder')} onChange={(e) => setOpd({ ...opd, shortName: e.target.value })} />
          </label>
          <label className="field">
            <span className="field-label">{t('settings.opd.dateline')}</span>
            <input value={opd.dateline} onChange={(e) => setOpd({ ...opd, dateline: e.target.value.toUpperCase() })} />
          </label>
          <label className="field">
            <span className="field-label">{t('settings.opd.timeZone')}</span>
            <select value={opd.timeZone} onChange={(e) => setOpd({ ...opd, timeZone: e.target.value as TimeZoneCode })}>
              {TIME_ZONE_CODES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <span className="field-hint">{t('settings.opd.timeZoneHint')}</span>
          </label>
          <label className="field">
            <span className="field-label">{t('settings.opd.website')}</span>
            <input value={opd.website} placeholder="https://" onChange={(e) => setOpd({ ...opd, website: e.target.value })} />
          </label>
          <fieldset className="field colors">
            <legend className="field-label">{t('settings.opd.colors')}</legend>
            {(['primary', 'secondary', 'text'] as const).map((c) => (
              <label key={c} className="color-field">
                <input type="color" value={opd.colors[c]} onChange={(e) => setOpd({ ...opd, colors: { ...opd.colors, [c]: e.target.value } })} />
                {t(`settings.opd.${c}`)}
              </label>
            ))}
          </fieldset>
        </div>

        <h2>{t('settings.team')}</h2>
        <p className="muted">{t('settings.team.hint')}</p>
        {team.length === 0 && <p className="muted">{t('settings.team.empty')}</p>}
        <ul className="team-list">
          {team.map((m, i) => (
            <li key={m.id ?? `new-${i}`} className="row">
              <input
                aria-label={t('settings.team.name')}
                placeholder={t('settings.team.name')}
                value={m.name}
                onChange={(e) => setTeam(team.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)))}
              />
              <select
                aria-label={t('settings.team.role')}
                value={m.role}
                onChange={(e) => setTeam(team.map((x, j) => (j === i ? { ...x, role: e.target.value as Role } : x)))}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
              <button type="button" className="ghost" onClick={() => setTeam(team.filter((_, j) => j !== i))}>
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
        <label className="field field-inline">
          <span className="field-label">{t('settings.team.idle')}</span>
          <select value={idleMinutes} onChange={(e) => setIdleMinutes(Number(e.target.value))}>
            {[...new Set([15, 30, 60, 120, 240, 480, 0, idleMinutes])].map((n) => (
              <option key={n} value={n}>
                {n === 0 ? t('settings.team.idleNever') : t('settings.team.idleMinutes', { n })}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          <button type="button" onClick={() => setTeam([...team, { name: '', role: 'penulis' }])}>
            + {t('settings.team.add')}
          </button>
          <span className="spacer" />
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        </div>
      </form>

      <div className="card">
        <h2>{t('settings.language')}</h2>
        <div className="row" role="radiogroup" aria-label={t('lang.label')}>
          {LANGUAGES.map((l) => (
            <label key={l} className="radio">
              <input
                type="radio"
                name="lang"
                checked={lang === l}
                onChange={() => {
                  setLang(l);
                  void saveWith({ language: l });
                }}
              />
              {t(`lang.${l}`)}
            </label>
          ))}
        </div>
      </div>

      <SettingsConnections />
      <TargetsPanel />
      <NewsSettingsPanel />
      <BrandKitSettings />
      <SyncSettingsLink />
      <PantauanSettingsPanel />
      <Backups />
    </section>
  );
}

/** The channel connections (also under Antrean → Koneksi): an admin looks for them in Pengaturan too. */
function SettingsConnections() {
  const { t } = useI18n();
  const [data, setData] = useState<QueueOverview | null>(null);
  const [failed, setFailed] = useState('');
  const load = useCallback(() => {
    api.call('queue.overview', {}).then(
      (d) => (setData(d), setFailed('')),
      (e) => setFailed(errorMessage(t, e)),
    );
  }, [t]);
  useEffect(load, [load]);
  if (failed) {
    return (
      <p className="notice" role="alert">
        {failed}
      </p>
    );
  }
  return data ? <ConnectionsTab data={data} onChange={load} /> : null;
}

function formatBytes(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : formatSmall(n);
}

function Backups() {
  const { t } = useI18n();
  const { info, workspace, toast, refreshInfo, setWorkspace } = useApp();
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [busy, setBusy] = useState(false);
  const zone = workspace.opd.timeZone;

  const load = useCallback(() => api.call('backups.list', {}).then(setBackups, (e) => toast(errorMessage(t, e), 'error')), [t, toast]);
  useEffect(() => void load(), [load]);

  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      toast(await fn());
      await load();
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="card">
      <h2>{t('settings.data')}</h2>
      <p>
        {t('settings.data.folder')}: <code className="path">{info.dataDir}</code>
      </p>
      <p className="muted">{t('settings.data.hint')}</p>
      <button disabled={busy} onClick={() => run(async () => (await api.call('backups.create', {}), t('settings.data.backupDone')))}>
        {t('settings.data.backupNow')}
      </button>
      {backups && backups.length > 0 && (
        <p className="muted" data-testid="backup-usage">
          {t('settings.data.usage', {
            used: formatBytes(backupDiskEstimate(backups, new Set(backups.map((b) => b.id)))),
            max: formatBytes(BACKUP_MAX_BYTES),
            recent: BACKUP_KEEP_RECENT,
            days: BACKUP_KEEP_DAYS,
          })}
        </p>
      )}
      {backups && backups.length === 0 && <p className="muted">{t('settings.data.none')}</p>}
      <ul className="backup-list">
        {backups?.map((b) => {
          const when = formatZonedDateTime(b.createdAt, zone);
          return (
            <li key={b.id} className="row">
              <span>{when}</span>
              <span className="muted">{t(`backup.reason.${b.reason}`)}</span>
              <span className="muted">{t('settings.data.files', { n: b.files })}</span>
              <span className="muted">
                {b.newBytes === undefined ? formatBytes(b.bytes) : t('settings.data.newBytes', { size: formatBytes(b.newBytes), total: formatBytes(b.bytes) })}
              </span>
              <span className="spacer" />
              <button
                disabled={busy}
                onClick={() =>
                  window.confirm(t('settings.data.restoreConfirm', { when })) &&
                  run(async () => {
                    await api.call('backups.restore', { id: b.id });
                    setWorkspace(await api.call('settings.get', {}));
                    await refreshInfo();
                    return t('settings.data.restored', { when });
                  })
                }
              >
                {t('settings.data.restore')}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
