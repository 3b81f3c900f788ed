import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import type { BackupInfo } from '@shared/api/contract';
import { formatZonedDateTime, TIME_ZONE_CODES, type TimeZoneCode } from '@shared/domain/time-zone';
import { LANGUAGES, ROLES, type Language, type OpdProfile, type Role } from '@shared/domain/workspace';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, makeT, useI18n } from '@ui/i18n/i18n';
import { TargetsPanel } from '@ui/features/activity/TargetsPanel';
import { NewsSettingsPanel } from '@ui/features/posts/NewsSettingsPanel';
import { BrandKitSettings } from '@ui/features/cards/BrandKitSettings';
import { PantauanSettingsPanel } from '@ui/features/pantauan/PantauanSettingsPanel';
import { formatBytes as formatSmall } from '@ui/features/media/media-ui';
import { formatDecimal } from '@shared/activity/format';
import { backupDiskEstimate, retentionOf } from '@shared/backups/retention';
import { BackupRetention } from './BackupRetention';
import { href, useRoute } from '@ui/lib/router';
import { SetupGuide } from '@ui/features/setup/SetupGuide';
import { SETUP_HREF } from '@ui/features/setup/SetupCard';
import { ConnectionsTab } from '@ui/features/publishing/ConnectionsTab';
import type { QueueOverview } from '@shared/api/contracts/publishing';

interface MemberDraft {
  id?: string;
  name: string;
  role: Role;
}

/** Pengaturan's sections, each at #/settings/<slug>; "brand" is kept for the card checks' links (#/settings/brand/<field>). */
export const SETTINGS_SECTIONS = ['profil', 'tim', 'koneksi', 'target', 'merek', 'penulisan', 'data', 'sinkron', 'pantauan'] as const;
export type SettingsSection = (typeof SETTINGS_SECTIONS)[number];
const SECTION_ALIASES: Record<string, SettingsSection> = { brand: 'merek' };

export function settingsSectionOf(slug: string | undefined): SettingsSection {
  if (!slug) return 'profil';
  return (SETTINGS_SECTIONS as readonly string[]).includes(slug) ? (slug as SettingsSection) : (SECTION_ALIASES[slug] ?? 'profil');
}

const SyncArea = lazy(() => import('@ui/features/sync/SyncArea').then((m) => ({ default: m.SyncArea })));

export function Settings() {
  const rest = useRoute().rest;
  // Pengaturan → Panduan penyiapan lives at #/settings/setup.
  return rest[0] === 'setup' ? <SetupGuide /> : <SettingsPage section={settingsSectionOf(rest[0])} />;
}

function SettingsPage({ section }: { section: SettingsSection }) {
  const { t } = useI18n();
  return (
    <section className="page page-wide settings">
      <header className="page-header">
        <h1>{t('settings.title')}</h1>
      </header>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label={t('settings.sections')}>
          <ul>
            {SETTINGS_SECTIONS.map((s) => (
              <li key={s}>
                <a href={href('settings', s)} aria-current={s === section ? 'page' : undefined}>
                  {t(`settings.section.${s}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="settings-body">
          <SectionBody section={section} />
        </div>
      </div>
    </section>
  );
}

function SectionBody({ section }: { section: SettingsSection }) {
  const { t } = useI18n();
  switch (section) {
    case 'profil':
      return <ProfileSection />;
    case 'tim':
      return <TeamSection />;
    case 'koneksi':
      return <SettingsConnections />;
    case 'target':
      return <TargetsPanel />;
    case 'merek':
      return <BrandKitSettings />;
    case 'penulisan':
      return <NewsSettingsPanel />;
    case 'data':
      return <Backups />;
    case 'sinkron':
      return (
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <SyncArea />
        </Suspense>
      );
    case 'pantauan':
      return <PantauanSettingsPanel />;
  }
}

/** Saves one section's part of the workspace, against the revision the form was filled from. */
function useSaveWorkspace() {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  return async (patch: { opd?: OpdProfile; team?: MemberDraft[]; language?: Language; security?: { idleMinutes: number } }) => {
    try {
      const ws = await api.call('settings.update', { baseRev: workspace.rev, ...patch });
      setWorkspace(ws);
      toast(makeT(ws.language)('settings.saved'));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };
}

function ProfileSection() {
  const { t } = useI18n();
  const { workspace } = useApp();
  const save = useSaveWorkspace();
  const [opd, setOpd] = useState<OpdProfile>(workspace.opd);
  const [lang, setLang] = useState<Language>(workspace.language);
  // The form follows the stored settings whenever they change (save, restore).
  useEffect(() => {
    setOpd(workspace.opd);
    setLang(workspace.language);
  }, [workspace]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ opd });
  };

  return (
    <>
      <form className="card" onSubmit={submit} aria-labelledby="opd-h">
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
            <select value={opd.timeZone} aria-describedby="opd-tz-hint" onChange={(e) => setOpd({ ...opd, timeZone: e.target.value as TimeZoneCode })}>
              {TIME_ZONE_CODES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
            <span className="field-hint" id="opd-tz-hint">
              {t('settings.opd.timeZoneHint')}
            </span>
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
        <div className="row">
          <span className="spacer" />
          <button type="submit" className="primary">
            {t('settings.opd.save')}
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
                  void save({ language: l });
                }}
              />
              {t(`lang.${l}`)}
            </label>
          ))}
        </div>
      </div>

      <div className="card">
        <h2>{t('setup.settings.title')}</h2>
        <p className="muted">{t('setup.settings.hint')}</p>
        <a className="button" href={SETUP_HREF}>
          {t('setup.settings.open')}
        </a>
      </div>
    </>
  );
}

function TeamSection() {
  const { t } = useI18n();
  const { workspace } = useApp();
  const save = useSaveWorkspace();
  const [team, setTeam] = useState<MemberDraft[]>(workspace.team);
  const [idleMinutes, setIdleMinutes] = useState(workspace.security.idleMinutes);
  useEffect(() => {
    setTeam(workspace.team);
    setIdleMinutes(workspace.security.idleMinutes);
  }, [workspace]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save({ team: team.filter((m) => m.name.trim()), security: { idleMinutes } });
  };

  return (
    <form className="card" onSubmit={submit} aria-labelledby="team-h">
      <h2 id="team-h">{t('settings.team')}</h2>
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
          {t('settings.team.save')}
        </button>
      </div>
    </form>
  );
}

/** The channel connections (also under Antrean → Koneksi): an admin looks for them in Pengaturan too. */
function SettingsConnections() {
  const { t } = useI18n();
  const [data, setData] = useState<QueueOverview | null>(null);
  const [failed, setFailed] = useState('');
  const load = useCallback(() => {
    api.call('publishing.overview', {}).then(
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

function formatBytes(n: number, lang: Language): string {
  return n >= 1024 ** 3 ? `${formatDecimal(n / 1024 ** 3, 1, lang)} GB` : formatSmall(n, lang);
}

function Backups() {
  const { t, lang } = useI18n();
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
            used: formatBytes(backupDiskEstimate(backups, new Set(backups.map((b) => b.id))), lang),
            max: formatBytes(retentionOf(workspace.backups).maxBytes, lang),
            recent: retentionOf(workspace.backups).keepRecent,
            days: retentionOf(workspace.backups).keepDays,
          })}
        </p>
      )}
      <BackupRetention onSaved={() => void load()} />
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
                {b.newBytes === undefined ? formatBytes(b.bytes, lang) : t('settings.data.newBytes', { size: formatBytes(b.newBytes, lang), total: formatBytes(b.bytes, lang) })}
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
