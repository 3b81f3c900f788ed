import { useCallback, useEffect, useId, useState, type ChangeEvent, type FormEvent, type ReactNode } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import type { PublicMember } from '@shared/api/contracts/review';
import { MAX_LOGO_BYTES } from '@shared/api/contracts/cards';
import { ApiError } from '@shared/api/errors';
import type { ChannelTargets } from '@shared/activity/targets';
import { TIME_ZONE_CODES, type TimeZoneCode } from '@shared/domain/time-zone';
import { ROLES, type OpdProfile, type Role } from '@shared/domain/workspace';
import { TEMPLATES } from '@shared/posts/templates';
import type { PostTemplate } from '@shared/domain/post';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { channelLabel } from '@ui/features/activity/labels';
import { thumbUrl } from '@ui/features/media/media-ui';
import { ConnectionsTab } from '@ui/features/publishing/ConnectionsTab';
import { fileToBase64, setSession, useSession } from '@ui/features/review/session-store';
import { Field } from '@ui/lib/ui/Field';
import type { StepProps } from './SetupGuide';
import { useDraft } from './use-draft';

const PIN_RE = /^\d{4,8}$/;
const TARGET_CHANNELS = ['website', 'facebook', 'instagram', 'x', 'whatsapp'] as const;

function StepForm({ onSubmit, error, nav, children, label }: { onSubmit(): void; error: string; nav: ReactNode; children: ReactNode; label: string }) {
  return (
    <form
      className="setup-form"
      aria-label={label}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      {error && (
        <p className="setup-error" role="alert">
          {error}
        </p>
      )}
      {nav}
    </form>
  );
}

function DraftNote({ shown }: { shown: boolean }) {
  const { t } = useI18n();
  return shown ? <p className="field-hint setup-draft">{t('setup.draftKept')}</p> : null;
}

export function ProfileStep({ save, nav, error, setError }: StepProps) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const draft = useDraft<Pick<OpdProfile, 'fullName' | 'shortName' | 'dateline' | 'timeZone' | 'website'>>('profile', () => ({
    fullName: workspace.opd.fullName,
    shortName: workspace.opd.shortName,
    dateline: workspace.opd.dateline,
    timeZone: workspace.opd.timeZone,
    website: workspace.opd.website,
  }));
  const v = draft.value;
  const submit = async () => {
    const missing = (['fullName', 'shortName', 'dateline'] as const).find((k) => !v[k].trim());
    if (missing) {
      setError(t('setup.required', { field: t(`settings.opd.${missing}`) }));
      document.getElementById(`setup-${missing}`)?.focus();
      return;
    }
    if (await save({ opd: { ...v, fullName: v.fullName.trim(), shortName: v.shortName.trim(), dateline: v.dateline.trim(), website: v.website.trim() } })) draft.clear();
  };
  return (
    <StepForm onSubmit={() => void submit()} error={error} nav={nav} label={t('setup.step.profile')}>
      <DraftNote shown={draft.restored} />
      <div className="grid-2">
        <Field id="setup-fullName" label={t('settings.opd.fullName')}>
          <input id="setup-fullName" value={v.fullName} placeholder={t('settings.opd.fullNamePlaceholder')} maxLength={200} aria-required="true" onChange={(e) => draft.set({ ...v, fullName: e.target.value })} />
        </Field>
        <Field id="setup-shortName" label={t('settings.opd.shortName')}>
          <input id="setup-shortName" value={v.shortName} placeholder={t('settings.opd.shortNamePlaceholder')} maxLength={60} aria-required="true" onChange={(e) => draft.set({ ...v, shortName: e.target.value })} />
        </Field>
        <Field id="setup-dateline" label={t('settings.opd.dateline')} hint={t('setup.profile.datelineHint')}>
          <input id="setup-dateline" value={v.dateline} maxLength={40} aria-required="true" aria-describedby="setup-dateline-hint" onChange={(e) => draft.set({ ...v, dateline: e.target.value.toUpperCase() })} />
        </Field>
        <Field id="setup-zone" label={t('settings.opd.timeZone')} hint={t('setup.profile.timeZoneHint')}>
          <select id="setup-zone" value={v.timeZone} aria-describedby="setup-zone-hint" onChange={(e) => draft.set({ ...v, timeZone: e.target.value as TimeZoneCode })}>
            {TIME_ZONE_CODES.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </Field>
        <Field id="setup-web" label={t('settings.opd.website')} hint={t('setup.profile.websiteHint')}>
          <input id="setup-web" type="url" value={v.website} maxLength={200} aria-describedby="setup-web-hint" onChange={(e) => draft.set({ ...v, website: e.target.value })} />
        </Field>
      </div>
    </StepForm>
  );
}

export function BrandStep({ save, nav, error, setError, busy }: StepProps) {
  const { t } = useI18n();
  const { workspace, setWorkspace } = useApp();
  const draft = useDraft('brand', () => ({ ...workspace.opd.colors }));
  const [sha, setSha] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const logoId = workspace.opd.logoMediaId;
  useEffect(() => {
    if (logoId) api.call('media.get', { id: logoId }).then((p) => setSha(p.sha256), () => setSha(null));
    else setSha(null);
  }, [logoId]);

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError('');
    if (file.size > MAX_LOGO_BYTES) {
      setError(t('cards.logo.error.logo_too_large', { name: file.name }));
      return;
    }
    setUploading(true);
    try {
      const r = await api.call('cards.importLogo', { name: file.name, dataBase64: await fileToBase64(file) });
      setWorkspace(await api.call('settings.update', { baseRev: workspace.rev, opd: { logoMediaId: r.photo.id } }));
    } catch (err) {
      // Every logo problem is said in words, naming the file.
      const reason = err instanceof ApiError ? err.params?.reason : undefined;
      setError(typeof reason === 'string' && reason.startsWith('logo_') ? t(`cards.logo.error.${reason}` as MessageKey, { name: file.name }) : errorMessage(t, err));
    } finally {
      setUploading(false);
    }
  };

  const submit = async () => {
    if (await save({ opd: { colors: draft.value } })) draft.clear();
  };

  return (
    <StepForm onSubmit={() => void submit()} error={error} nav={nav} label={t('setup.step.brand')}>
      <DraftNote shown={draft.restored} />
      <div className="setup-logo">
        <div className="setup-logo-box">
          {sha ? <img src={thumbUrl(sha)} alt={t('setup.brand.logoAlt', { name: workspace.opd.shortName || workspace.opd.fullName })} /> : <span className="muted">{t('setup.brand.logoNone')}</span>}
        </div>
        <div className="field">
          <span className="field-label">{t('setup.brand.logo')}</span>
          <label className="button">
            {t('setup.brand.logoPick')}
            <input type="file" className="sr-only" accept="image/png,image/jpeg,image/webp,image/svg+xml,.svg" aria-describedby="setup-logo-hint" disabled={busy || uploading} onChange={(e) => void upload(e)} />
          </label>
          <span className="field-hint" id="setup-logo-hint">
            {t('setup.brand.logoHint')}
          </span>
        </div>
      </div>
      <fieldset className="field colors">
        <legend className="field-label">{t('settings.opd.colors')}</legend>
        {(['primary', 'secondary', 'text'] as const).map((c) => (
          <label key={c} className="color-field">
            <input type="color" value={draft.value[c]} onChange={(e) => draft.set({ ...draft.value, [c]: e.target.value })} />
            {t(`settings.opd.${c}`)}
          </label>
        ))}
      </fieldset>
    </StepForm>
  );
}

interface NewMember {
  name: string;
  role: Role;
}

export function TeamStep({ save, advance, nav, error, setError, busy }: StepProps) {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const session = useSession();
  const ids = useId();
  // Names and roles wait in the draft; PINs never leave this component's memory.
  const draft = useDraft<{ me: string; others: NewMember[] }>('team', () => ({ me: '', others: [] }));
  const [pin, setPin] = useState('');
  const [pin2, setPin2] = useState('');
  const { me, others } = draft.value;
  const team = workspace.team;
  const signedIn = session?.member ?? null;
  const myEntry: PublicMember | undefined = session?.members.find((m) => m.id === signedIn?.id);

  const checkPin = (): boolean => {
    if (!PIN_RE.test(pin)) {
      setError(t('setup.team.pinInvalid'));
      document.getElementById(`${ids}-pin`)?.focus();
      return false;
    }
    if (pin !== pin2) {
      setError(t('setup.team.pinMismatch'));
      document.getElementById(`${ids}-pin2`)?.focus();
      return false;
    }
    return true;
  };

  const newOnes = others.filter((m) => m.name.trim()).map((m) => ({ name: m.name.trim(), role: m.role }));

  const submit = async () => {
    setError('');
    if (team.length === 0) {
      if (!me.trim()) {
        setError(t('setup.required', { field: t('setup.team.yourName') }));
        document.getElementById(`${ids}-me`)?.focus();
        return;
      }
      if (!checkPin()) return;
      // The team, then signing in as its admin and sealing the profile with the PIN: only then the next step.
      const ws = await save({ team: [{ name: me.trim(), role: 'admin' }, ...newOnes] }, { advance: false });
      if (!ws) return;
      draft.clear();
      const mine = ws.team.find((m) => m.role === 'admin' && m.name === me.trim());
      if (!mine) return;
      try {
        await api.call('session.signIn', { memberId: mine.id });
        setSession(await api.call('session.setPin', { memberId: mine.id, pin }));
        // Setting a PIN writes the workspace too: take its new revision.
        setWorkspace(await api.call('settings.get', {}));
        toast(t('setup.team.created', { name: mine.name }));
        advance();
      } catch (e) {
        setError(errorMessage(t, e));
      }
      return;
    }
    // A team exists: add colleagues, and set the signed-in person's PIN if it has none.
    if (myEntry && !myEntry.hasPin && (pin || pin2)) {
      if (!checkPin()) return;
      try {
        setSession(await api.call('session.setPin', { memberId: myEntry.id, pin }));
        setWorkspace(await api.call('settings.get', {}));
        toast(t('setup.team.pinSet'));
      } catch (e) {
        setError(errorMessage(t, e));
        return;
      }
    }
    const ws = await save(newOnes.length ? { team: [...team.map((m) => ({ id: m.id, name: m.name, role: m.role })), ...newOnes] } : {});
    if (ws) draft.clear();
  };

  const setOther = (i: number, m: NewMember) => draft.set({ me, others: others.map((x, j) => (j === i ? m : x)) });

  return (
    <StepForm onSubmit={() => void submit()} error={error} nav={nav} label={t('setup.step.team')}>
      <DraftNote shown={draft.restored} />
      {team.length === 0 ? (
        <fieldset className="setup-fieldset">
          <legend>{t('setup.team.you')}</legend>
          <div className="grid-2">
            <Field id={`${ids}-me`} label={t('setup.team.yourName')}>
              <input id={`${ids}-me`} value={me} maxLength={120} autoComplete="name" aria-required="true" onChange={(e) => draft.set({ me: e.target.value, others })} />
            </Field>
            <span />
            <PinFields ids={ids} pin={pin} pin2={pin2} setPin={setPin} setPin2={setPin2} />
          </div>
        </fieldset>
      ) : (
        <div className="setup-fieldset">
          <h3>{t('setup.team.existing')}</h3>
          <ul className="setup-team">
            {(session?.members ?? []).map((m) => (
              <li key={m.id}>
                <strong>{m.name}</strong> · {t(`role.${m.role}`)} · <span className="muted">{m.hasPin ? t('setup.team.hasPin') : t('setup.team.noPin')}</span>
              </li>
            ))}
          </ul>
          {signedIn ? <p className="muted">{t('setup.team.signedInAs', { name: signedIn.name })}</p> : <p className="notice">{t('setup.team.signInFirst')}</p>}
          {myEntry && !myEntry.hasPin && (
            <>
              <p>{t('setup.team.setYourPin')}</p>
              <div className="grid-2">
                <PinFields ids={ids} pin={pin} pin2={pin2} setPin={setPin} setPin2={setPin2} />
              </div>
            </>
          )}
        </div>
      )}
      <fieldset className="setup-fieldset">
        <legend>{t('setup.team.others')}</legend>
        <p className="field-hint">{t('setup.team.othersHint')}</p>
        <ul className="setup-others">
          {others.map((m, i) => (
            <li key={i} className="row">
              <input aria-label={t('setup.team.memberName', { n: i + 1 })} value={m.name} maxLength={120} onChange={(e) => setOther(i, { ...m, name: e.target.value })} />
              <select aria-label={t('setup.team.memberRole', { n: i + 1 })} value={m.role} onChange={(e) => setOther(i, { ...m, role: e.target.value as Role })}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
              <button type="button" className="ghost" aria-label={t('setup.team.removeMember', { n: i + 1 })} onClick={() => draft.set({ me, others: others.filter((_, j) => j !== i) })}>
                {t('common.remove')}
              </button>
            </li>
          ))}
        </ul>
        <button type="button" disabled={busy} onClick={() => draft.set({ me, others: [...others, { name: '', role: 'penulis' }] })}>
          {t('setup.team.addMember')}
        </button>
      </fieldset>
    </StepForm>
  );
}

function PinFields({ ids, pin, pin2, setPin, setPin2 }: { ids: string; pin: string; pin2: string; setPin(v: string): void; setPin2(v: string): void }) {
  const { t } = useI18n();
  const digits = (v: string) => v.replace(/\D/g, '').slice(0, 8);
  return (
    <>
      <Field id={`${ids}-pin`} label={t('setup.team.pin')} hint={t('setup.team.pinHint')}>
        <input id={`${ids}-pin`} type="password" inputMode="numeric" autoComplete="new-password" value={pin} aria-describedby={`${ids}-pin-hint`} onChange={(e) => setPin(digits(e.target.value))} />
      </Field>
      <Field id={`${ids}-pin2`} label={t('setup.team.pinRepeat')}>
        <input id={`${ids}-pin2`} type="password" inputMode="numeric" autoComplete="new-password" value={pin2} onChange={(e) => setPin2(digits(e.target.value))} />
      </Field>
    </>
  );
}

export function TargetsStep({ save, nav, error }: StepProps) {
  const { t } = useI18n();
  const { workspace } = useApp();
  const draft = useDraft<{ perChannel: ChannelTargets; days: 'every' | 'working'; reminderHour: number | null }>('targets', () => ({
    perChannel: { ...workspace.targets.perChannel },
    days: workspace.targets.days,
    reminderHour: workspace.targets.reminderHour,
  }));
  const v = draft.value;
  const submit = async () => {
    if (await save({ targets: { ...workspace.targets, ...v } })) draft.clear();
  };
  return (
    <StepForm onSubmit={() => void submit()} error={error} nav={nav} label={t('setup.step.targets')}>
      <DraftNote shown={draft.restored} />
      <fieldset className="setup-fieldset">
        <legend>{t('setup.targets.perChannel')}</legend>
        <div className="setup-targets">
          {TARGET_CHANNELS.map((c) => (
            <label key={c} className="field">
              <span className="field-label" aria-hidden="true">
                {channelLabel(t, c)}
              </span>
              <input
                type="number"
                min={0}
                max={20}
                aria-label={t('setup.targets.channel', { channel: channelLabel(t, c) })}
                value={v.perChannel[c]}
                onChange={(e) => draft.set({ ...v, perChannel: { ...v.perChannel, [c]: Math.max(0, Math.min(20, Math.trunc(Number(e.target.value) || 0))) } })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="setup-fieldset">
        <legend>{t('setup.targets.days')}</legend>
        {(['every', 'working'] as const).map((d) => (
          <label key={d} className="radio">
            <input type="radio" name="setup-days" checked={v.days === d} onChange={() => draft.set({ ...v, days: d })} />
            {t(`setup.targets.${d}`)}
          </label>
        ))}
      </fieldset>
      <Field id="setup-reminder" className="setup-narrow" label={t('setup.targets.reminder')}>
        <select id="setup-reminder" value={v.reminderHour ?? ''} onChange={(e) => draft.set({ ...v, reminderHour: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">{t('setup.targets.reminderOff')}</option>
          {Array.from({ length: 24 }, (_, h) => (
            <option key={h} value={h}>
              {t('setup.targets.hour', { hour: String(h).padStart(2, '0') })}
            </option>
          ))}
        </select>
      </Field>
      <p className="field-hint">{t('setup.targets.more')}</p>
    </StepForm>
  );
}

export function ChannelsStep({ confirm, nav, error, onConnections }: StepProps & { onConnections(): void }) {
  const { t } = useI18n();
  const [data, setData] = useState<QueueOverview | null>(null);
  const [loadError, setLoadError] = useState('');
  const load = useCallback(() => {
    api.call('publishing.overview', {}).then(
      (d) => {
        setData(d);
        setLoadError('');
        onConnections();
      },
      (e) => setLoadError(errorMessage(t, e)),
    );
  }, [t, onConnections]);
  useEffect(load, [load]);
  return (
    <div className="setup-channels">
      {loadError && (
        <p className="setup-error" role="alert">
          {loadError}
        </p>
      )}
      {data ? <ConnectionsTab data={data} onChange={load} /> : !loadError && <p className="muted">{t('setup.channels.loading')}</p>}
      {data && <p className="muted">{t('setup.channels.count', { n: data.connections.length })}</p>}
      <p className="field-hint">{t('setup.channels.later')}</p>
      <StepForm onSubmit={() => void confirm()} error={error} nav={nav} label={t('setup.step.channels')}>
        {null}
      </StepForm>
    </div>
  );
}

export function FirstPostStep({ nav, error, busy, finish }: StepProps & { finish(postId: string | null): Promise<unknown> }) {
  const { t } = useI18n();
  const [creating, setCreating] = useState<PostTemplate | null>(null);
  const [createError, setCreateError] = useState('');
  const start = async (template: PostTemplate) => {
    setCreating(template);
    setCreateError('');
    try {
      const p = await api.call('posts.create', { template });
      await finish(p.id);
    } catch (e) {
      setCreateError(errorMessage(t, e));
    } finally {
      setCreating(null);
    }
  };
  return (
    <StepForm onSubmit={() => void finish(null)} error={error || createError} nav={nav} label={t('setup.step.firstPost')}>
      <ul className="setup-coach">
        {(['coach', 'preview', 'history', 'ready'] as const).map((p) => (
          <li key={p}>{t(`setup.coach.${p}`)}</li>
        ))}
      </ul>
      <h3>{t('setup.firstPost.pick')}</h3>
      <div className="template-grid">
        {TEMPLATES.map((tp) => (
          <button key={tp.id} type="button" className="template-card" disabled={busy || creating !== null} onClick={() => void start(tp.id)}>
            <strong>{t(`posts.tpl.${tp.id}`)}</strong>
            <span className="muted">{t(`posts.tpl.${tp.id}.desc`)}</span>
          </button>
        ))}
      </div>
      {creating && <p className="muted">{t('setup.firstPost.creating')}</p>}
    </StepForm>
  );
}
