import { useState } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import { ApiError } from '@shared/api/errors';
import { isInsecureSiteUrl, type Connection, type ConnectionTestResult, type SecretState } from '@shared/publishing/connection';
import { formatZonedDateTime, type TimeZoneCode } from '@shared/domain/time-zone';
import { acceptedTypeNames, knownImageTypes } from '@shared/publishing/site-images';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { AuthorMap } from './AuthorMap';
import { XConnect } from './XConnect';
import { Field } from '@ui/lib/ui/Field';

type Kind = 'website' | 'x' | 'facebook' | 'instagram';

export function ConnectionsTab({ data, onChange }: { data: QueueOverview; onChange: () => void }) {
  const { t } = useI18n();
  const [adding, setAdding] = useState<Kind | null>(null);
  const web = data.connections.filter((c) => c.channel === 'website' || c.channel === 'x' || c.channel === 'facebook' || c.channel === 'instagram');
  return (
    <div>
      <section className="card">
        <h2>{t('publishing.conn.title')}</h2>
        {/* The OS keeps them in Electron; browser mode explains its own sealing below. */}
        {data.secrets.kind !== 'pin' && <p className="muted">{t('publishing.conn.intro')}</p>}
        {data.secrets.unavailable === 'basic_text' && <div className="notice">{t('publishing.conn.basic_text')}</div>}
        {data.secrets.unavailable === 'unavailable' && <div className="notice">{t('publishing.conn.unavailable')}</div>}
        {data.secrets.kind === 'memory' && <p className="field-hint">{t('publishing.conn.memory')}</p>}
        {data.secrets.kind === 'pin' && <p className="field-hint">{t('publishing.conn.pinSealed')}</p>}
        {data.secrets.kind === 'pin' && data.secrets.locked && Object.values(data.secrets.states ?? {}).includes('locked') && (
          <div className="notice" role="status">
            {t('publishing.conn.pinLocked')}
          </div>
        )}
        {(data.secrets.memoryOnly ?? 0) > 0 && (
          <div className="notice" role="status">
            {t('publishing.conn.pinMemoryOnly', { n: data.secrets.memoryOnly ?? 0 })}
          </div>
        )}
        {web.length === 0 && !adding && <p className="muted">{t('publishing.conn.none')}</p>}
        <p className="field-hint">{t('publishing.conn.otherChannels')}</p>
      </section>
      {web.map((c) => (
        <ConnectionForm key={c.id} channel={c.channel as Kind} conn={c} online={data.outbox.online[c.id]} secretState={data.secrets.states?.[c.id]} onChange={onChange} />
      ))}
      {adding === 'x' && (
        <section className="card" aria-label={t('publishing.x.title')}>
          <XConnect conn={null} label={t('publishing.x.defaultLabel')} onDone={() => (setAdding(null), onChange())} />
          <details>
            <summary>{t('publishing.x.manual')}</summary>
            <ConnectionForm channel="x" conn={null} online={undefined} onChange={() => (setAdding(null), onChange())} onCancel={() => setAdding(null)} />
          </details>
          <button type="button" className="ghost" onClick={() => setAdding(null)}>
            {t('common.cancel')}
          </button>
        </section>
      )}
      {adding && adding !== 'x' ? (
        <ConnectionForm channel={adding} conn={null} online={undefined} onChange={() => (setAdding(null), onChange())} onCancel={() => setAdding(null)} />
      ) : adding === 'x' ? null : (
        <div className="row">
          <button className="primary" onClick={() => setAdding('website')}>
            {t('publishing.conn.add')}
          </button>
          <button onClick={() => setAdding('facebook')}>{t('publishing.conn.addFb')}</button>
          <button onClick={() => setAdding('instagram')}>{t('publishing.conn.addIg')}</button>
          <button onClick={() => setAdding('x')}>{t('publishing.conn.addX')}</button>
        </div>
      )}
    </div>
  );
}

function ConnectionForm({
  channel,
  conn,
  online,
  secretState,
  onChange,
  onCancel,
}: {
  channel: Kind;
  conn: Connection | null;
  online: boolean | null | undefined;
  secretState?: SecretState;
  onChange: () => void;
  onCancel?: () => void;
}) {
  const isX = channel === 'x';
  const isIg = channel === 'instagram';
  const isFb = channel === 'facebook' || isIg;
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const [label, setLabel] = useState(conn?.label ?? (channel === 'x' ? 'X OPD' : channel === 'facebook' ? 'Facebook OPD' : channel === 'instagram' ? 'Instagram OPD' : 'Website OPD'));
  const [baseUrl, setBaseUrl] = useState(conn?.baseUrl ?? (channel === 'x' ? 'https://api.x.com' : channel === 'facebook' || channel === 'instagram' ? 'https://graph.facebook.com/v21.0' : (workspace.opd.website ?? '')));
  const [username, setUsername] = useState(conn?.username ?? '');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);
  const idp = conn?.id ?? 'new';

  const insecure = isInsecureSiteUrl(baseUrl);

  async function save(e: React.FormEvent) {
    e.preventDefault();
    // A password over plain http can be read on the way: say so before it is sent.
    if (insecure && secret && !window.confirm(t('publishing.conn.insecureConfirm'))) return;
    setBusy(true);
    try {
      const saved = await api.call('connections.save', { id: conn?.id, channel, label, baseUrl, username: isX ? username.replace(/^@/, '') : username, secret: secret || undefined });
      setSecret('');
      toast(t('publishing.conn.saved'));
      // A new or changed website is tested at once: the test also asks which image types it accepts.
      if (channel === 'website' && saved.hasSecret && (secret || saved.baseUrl !== conn?.baseUrl || saved.username !== conn?.username)) {
        setResult(await api.call('connections.test', { id: saved.id }));
      }
      onChange();
    } catch (err) {
      if (err instanceof ApiError && err.params?.reason === 'secrets_basic_text') toast(t('publishing.error.secrets_basic_text'), 'error');
      else toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function test() {
    if (!conn) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.call('connections.test', { id: conn.id }));
      onChange();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!conn) return;
    setBusy(true);
    try {
      await api.call('connections.delete', { id: conn.id });
      toast(t('publishing.conn.deleted'));
      onChange();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card queue-conn" onSubmit={(e) => void save(e)} aria-label={label || t('publishing.conn.add')}>
      <div className="row">
        <h3 className="queue-conn-title">{conn ? conn.label || conn.baseUrl : isX ? t('publishing.conn.addX') : isIg ? t('publishing.conn.addIg') : isFb ? t('publishing.conn.addFb') : t('publishing.conn.add')}</h3>
        {conn && online === true && <span className="badge queue-state-published">{t('publishing.online.ok')}</span>}
        {conn && online === false && <span className="badge queue-state-failed">{t('publishing.state.needs_action')}</span>}
        {conn && !conn.hasSecret && <span className="badge badge-warn">{t('publishing.conn.noSecret')}</span>}
        {conn?.hasSecret && secretState && secretState !== 'ok' && <span className={`badge ${secretState === 'unreadable' || secretState === 'missing' ? 'badge-warn' : ''}`}>{t(`publishing.conn.secret.${secretState}`)}</span>}
      </div>
      <div className="grid-2">
        <label className="field">
          <span className="field-label">{t('publishing.conn.label')}</span>
          <input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={120} />
        </label>
        <Field
          label={isX ? t('publishing.conn.xBase') : isFb ? t('publishing.conn.fbBase') : t('publishing.conn.url')}
          hint={isX ? t('publishing.conn.xBaseHint') : isFb ? t('publishing.conn.fbBaseHint') : t('publishing.conn.urlHint')}
          extra={
            insecure && (
              <span className="field-hint badge-warn" role="alert">
                {t('publishing.conn.insecure')}
              </span>
            )
          }
        >
          <input id={`conn-url-${idp}`} value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} placeholder="https://" required />
        </Field>
        <label className="field">
          <span className="field-label">{isX ? t('publishing.conn.xUser') : isIg ? t('publishing.conn.igUser') : isFb ? t('publishing.conn.fbPage') : t('publishing.conn.user')}</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
        </label>
        <Field
          label={isX ? t('publishing.conn.xToken') : isIg ? t('publishing.conn.igToken') : isFb ? t('publishing.conn.fbToken') : t('publishing.conn.secret')}
          hint={`${isX ? t('publishing.conn.xTokenHint') : isIg ? t('publishing.conn.igTokenHint') : isFb ? t('publishing.conn.fbTokenHint') : t('publishing.conn.secretHint')} ${conn?.hasSecret ? t('publishing.conn.secretKeep') : ''}`.trim()}
        >
          <input type="password" value={secret} onChange={(e) => setSecret(e.target.value)} autoComplete="new-password" required={!conn?.hasSecret} />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={busy}>
          {t('publishing.conn.save')}
        </button>
        {conn && (
          <button type="button" disabled={busy} onClick={() => void test()}>
            {busy ? t('publishing.conn.testing') : t('publishing.conn.test')}
          </button>
        )}
        {conn && (
          <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
            {t('publishing.conn.delete')}
          </button>
        )}
        {onCancel && (
          <button type="button" className="ghost" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
      {result && (
        <div className={`queue-test ${result.ok ? 'ok' : 'bad'}`} role={result.ok ? 'status' : 'alert'}>
          <p>{t(result.code === 'missing_capability' && channel !== 'website' ? 'publishing.conntest.social_permission' : (`publishing.conntest.${result.code}` as MessageKey), { user: result.userName ?? username, detail: result.detail })}</p>
          {!result.ok && <p className="muted">{result.detail}</p>}
        </div>
      )}
      {conn && channel === 'website' && conn.hasSecret && <SiteImageTypesLine conn={conn} timeZone={workspace.opd.timeZone} />}
      {conn && channel === 'website' && conn.hasSecret && <AuthorMap conn={conn} onChange={onChange} />}
      {isX && conn && <XConnect conn={conn} label={label} onDone={onChange} />}
      {!result && conn?.lastTest && (
        <p className="muted">
          {t('publishing.conn.lastTest', { when: formatZonedDateTime(conn.lastTest.at, workspace.opd.timeZone) })}: {t(`publishing.conntest.${conn.lastTest.code}` as MessageKey, { user: username, detail: conn.lastTest.detail })}
        </p>
      )}
    </form>
  );
}

/** What the site was found to accept (a probe upload at Tes koneksi, corrected by refusals while sending). */
function SiteImageTypesLine({ conn, timeZone }: { conn: Connection; timeZone: TimeZoneCode }) {
  const { t } = useI18n();
  const known = knownImageTypes(conn);
  if (!known) return <p className="muted" data-testid="site-image-types">{t('publishing.conn.imageTypesUnknown')}</p>;
  return (
    <p data-testid="site-image-types">
      {t('publishing.conn.imageTypes', { types: acceptedTypeNames(known).join(', ') })}{' '}
      <span className="muted">({t('publishing.conn.imageTypesWhen', { when: formatZonedDateTime(known.checkedAt, timeZone) })})</span>
    </p>
  );
}
