import { useEffect, useState, type FormEvent } from 'react';
import type { FileLink } from '@shared/api/contracts/activity';
import type { PantauanSettingsView } from '@shared/api/contracts/pantauan';
import { PARTICIPANT_KINDS, REQUIRED_DAY_MODES, SLUG_RE, type PantauanSettings, type Participant } from '@shared/pantauan/settings';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';

/** Pengaturan → Pantauan: this OPD's place in the regency's rollup, the file route, and Diskominfo's monitoring with its participants. */
export function PantauanSettingsPanel() {
  const { t } = useI18n();
  const { toast, setWorkspace } = useApp();
  const [view, setView] = useState<PantauanSettingsView | null>(null);
  const [s, setS] = useState<PantauanSettings | null>(null);
  const [link, setLink] = useState<FileLink | null>(null);

  useEffect(() => {
    api.call('pantauan.settings', {}).then(
      (v) => {
        setView(v);
        setS(v.settings);
      },
      (e) => toast(errorMessage(t, e), 'error'),
    );
  }, [t, toast]);
  if (!view || !s) return null;

  const slugOk = (v: string) => v === '' || SLUG_RE.test(v);
  const valid = slugOk(s.region) && slugOk(s.opdSlug) && s.participants.every((p) => SLUG_RE.test(p.slug) && p.name.trim());
  const setP = (i: number, patch: Partial<Participant>) => setS({ ...s, participants: s.participants.map((p, j) => (j === i ? { ...p, ...patch } : p)) });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) {
      toast(t('pantauan.settings.badSlug'), 'error');
      return;
    }
    try {
      const v = await api.call('pantauan.saveSettings', { baseRev: view.workspaceRev, settings: s });
      setView(v);
      setS(v.settings);
      setWorkspace(await api.call('settings.get', {}));
      toast(t('pantauan.settings.saved'));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };
  const exportFile = async () => {
    try {
      setLink(await api.call('pantauan.exportFile', {}));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    }
  };

  return (
    <form className="card pantauan-settings" onSubmit={(e) => void save(e)} aria-labelledby="pantauan-settings-title">
      <h2 id="pantauan-settings-title">{t('pantauan.settings.title')}</h2>
      <p className="muted small">{t('pantauan.settings.intro', { region: s.region || '…' })}</p>
      <label>
        {t('pantauan.settings.region')}
        <input value={s.region} onChange={(e) => setS({ ...s, region: e.target.value.trim() })} aria-invalid={!slugOk(s.region)} />
      </label>
      <label>
        {t('pantauan.settings.slug')}
        <input value={s.opdSlug} onChange={(e) => setS({ ...s, opdSlug: e.target.value.trim() })} aria-invalid={!slugOk(s.opdSlug)} />
      </label>
      {view.opdSlug && <p className="muted small">{t('pantauan.settings.slugNow', { slug: view.opdSlug })}</p>}
      <label>
        {t('pantauan.settings.kind')}
        <select value={s.kind} onChange={(e) => setS({ ...s, kind: e.target.value as PantauanSettings['kind'] })}>
          {PARTICIPANT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`pantauan.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={s.shareAuthors} onChange={(e) => setS({ ...s, shareAuthors: e.target.checked })} />
        {t('pantauan.settings.shareAuthors')}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={s.monitor} onChange={(e) => setS({ ...s, monitor: e.target.checked })} />
        {t('pantauan.settings.monitor')}
      </label>
      {s.monitor && (
        <fieldset>
          <legend>{t('pantauan.settings.requiredDays')}</legend>
          <select value={s.requiredDays} onChange={(e) => setS({ ...s, requiredDays: e.target.value as PantauanSettings['requiredDays'] })} aria-label={t('pantauan.settings.requiredDays')}>
            {REQUIRED_DAY_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`pantauan.settings.days.${m}`)}
              </option>
            ))}
          </select>
          <h3>{t('pantauan.settings.participants')}</h3>
          {s.participants.map((p, i) => (
            <div className="row" key={i}>
              <input aria-label={t('pantauan.settings.pSlug')} placeholder={t('pantauan.settings.pSlug')} value={p.slug} onChange={(e) => setP(i, { slug: e.target.value.trim() })} aria-invalid={!SLUG_RE.test(p.slug)} />
              <input aria-label={t('pantauan.settings.pName')} placeholder={t('pantauan.settings.pName')} value={p.name} onChange={(e) => setP(i, { name: e.target.value })} />
              <select aria-label={t('pantauan.settings.kind')} value={p.kind} onChange={(e) => setP(i, { kind: e.target.value as Participant['kind'] })}>
                {PARTICIPANT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`pantauan.kind.${k}`)}
                  </option>
                ))}
              </select>
              <select aria-label={t('pantauan.settings.requiredDays')} value={p.days} onChange={(e) => setP(i, { days: e.target.value as Participant['days'] })}>
                {REQUIRED_DAY_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`pantauan.settings.days.${m}`)}
                  </option>
                ))}
              </select>
              <input type="number" min={1} max={20} aria-label={t('pantauan.settings.pMin')} value={p.minPerDay} onChange={(e) => setP(i, { minPerDay: Math.max(1, Math.min(20, Number(e.target.value) || 1)) })} />
              <button type="button" onClick={() => setS({ ...s, participants: s.participants.filter((_, j) => j !== i) })}>
                {t('pantauan.settings.remove')}
              </button>
            </div>
          ))}
          <button type="button" onClick={() => setS({ ...s, participants: [...s.participants, { slug: '', name: '', kind: 'vertikal', days: 'working', minPerDay: 1 }] })}>
            {t('pantauan.settings.add')}
          </button>
        </fieldset>
      )}
      <p className="muted small">{t('pantauan.settings.hub', { state: t(`pantauan.settings.hub.${view.hub}`) })}</p>
      <div className="row">
        <button className="primary" type="submit">
          {t('pantauan.settings.save')}
        </button>
        <button type="button" onClick={() => void exportFile()}>
          {t('pantauan.settings.export')}
        </button>
        {link && (
          <a href={link.url} download={link.name}>
            {t('pantauan.download', { name: link.name })}
          </a>
        )}
      </div>
    </form>
  );
}
