import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { HubAccountView, HubTestResult } from '@shared/api/contracts/hub';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import type { SyncConflict } from '@shared/sync/status';
import { aduanDatabase, opdDatabase } from '@shared/sync/topology';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { id, type MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n, type Translate } from '@ui/i18n/i18n';
import { announceSyncChange, useSyncStatus } from './use-sync-status';
import { Field } from '@ui/lib/ui/Field';

/**
 * Pengaturan → Sinkron: the hub address and OPD slug, this PC's hub account,
 * "Tes koneksi" with a precise message per failure, the last sync and the
 * conflicts waiting for a person. `onResolve` opens the resolver for one
 * conflict (the sync engine's merge view).
 */
export function SyncPage({ onResolve }: { onResolve?: (conflict: SyncConflict) => void }) {
  const { t } = useI18n();
  const { workspace, toast } = useApp();
  const { status, reload } = useSyncStatus();
  const [account, setAccount] = useState<HubAccountView | null>(null);
  const [conflicts, setConflicts] = useState<SyncConflict[]>([]);
  const [url, setUrl] = useState('');
  const [slug, setSlug] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'save' | 'signIn' | 'signOut' | 'test' | null>(null);
  const [test, setTest] = useState<HubTestResult | null>(null);
  const ids = useId();

  /** The stored account on screen; what the person is typing in the other form stays as typed. */
  const show = useCallback((a: HubAccountView, part: 'all' | 'hub' | 'account' = 'all') => {
    setAccount(a);
    if (part !== 'account') {
      setUrl(a.url ?? '');
      setSlug(a.opdSlug ?? '');
    }
    if (part !== 'hub') {
      setUsername((typed) => a.username ?? typed);
      setPassword('');
    }
  }, []);

  useEffect(() => {
    api.call('hub.get', {}).then(show, (e: unknown) => toast(errorMessage(t, e), 'error'));
  }, [show, t, toast]);
  useEffect(() => {
    api.call('sync.conflicts', {}).then(setConflicts, () => undefined);
  }, [status?.conflicts]);

  const run = async (what: NonNullable<typeof busy>, op: () => Promise<HubAccountView>, done?: (a: HubAccountView) => string) => {
    setBusy(what);
    try {
      const a = await op();
      show(a, what === 'save' ? 'hub' : 'account');
      if (done) toast(done(a));
      announceSyncChange();
      reload();
    } catch (e) {
      toast(errorMessage(t, e), 'error');
      api.call('hub.get', {}).then(setAccount, () => undefined);
    } finally {
      setBusy(null);
    }
  };

  const saveHub = (e: FormEvent) => {
    e.preventDefault();
    setTest(null);
    void run('save', () => api.call('hub.save', { url, opdSlug: slug }), () => t('sync.hub.saved'));
  };
  const signIn = (e: FormEvent) => {
    e.preventDefault();
    setTest(null);
    void run('signIn', () => api.call('hub.signIn', { username, ...(password ? { password } : {}) }), (a) => t('sync.account.signedIn', { name: a.session?.name ?? username }));
  };
  const signOut = () => void run('signOut', () => api.call('hub.signOut', {}), () => t('sync.account.signedOut'));
  const runTest = async () => {
    setBusy('test');
    setTest(null);
    try {
      // What is on screen is tested, saved or not; the saved password is used only for the saved address.
      setTest(await api.call('hub.test', { url, opdSlug: slug, username, ...(password ? { password } : {}) }));
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    } finally {
      setBusy(null);
    }
  };

  if (!account) return <p className="loading">{t('common.loading')}</p>;
  const zone = workspace.opd.timeZone;
  const slugOk = /^[a-z][a-z0-9-]*$/.test(slug);

  return (
    <section className="page sync-page">
      <header className="page-header">
        <div>
          <h2>{t('sync.title')}</h2>
          <p className="muted">{t('sync.intro')}</p>
        </div>
      </header>

      <div className="card sync-summary" aria-live="polite">
        <dl>
          <dt>{t('sync.status')}</dt>
          <dd data-testid="sync-state">
            {/* 'off' from the engine while a hub is saved: set up, but nothing runs (yet) on this PC. */}
            {(status?.state ?? 'off') === 'off' && account.url ? t('sync.state.idle') : t(`sync.state.${status?.state ?? 'off'}` as MessageKey)}
          </dd>
          <dt>{t('sync.lastSync')}</dt>
          <dd>{status?.lastSyncAt ? formatZonedDateTime(status.lastSyncAt, zone) : t('sync.never')}</dd>
        </dl>
        {status?.error && <p className="sync-error">{reasonText(t, status.error.reason)}</p>}
      </div>

      <form className="card" onSubmit={saveHub} aria-labelledby={`${ids}-hub`}>
        <h2 id={`${ids}-hub`}>{t('sync.hub')}</h2>
        <div className="grid-2">
          <Field label={t('sync.hub.url')} hint={t('sync.hub.urlHint')}>
            <input value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('sync.hub.urlPlaceholder')} inputMode="url" autoComplete="url" spellCheck={false} />
          </Field>
          <Field
            label={t('sync.hub.slug')}
            hint={t('sync.hub.slugHint', { opd: opdDatabase(slugOk ? slug : '…'), aduan: aduanDatabase(slugOk ? slug : '…') })}
            extra={
              account.suggestedSlug &&
              slug !== account.suggestedSlug && (
                <button type="button" className="small" onClick={() => setSlug(account.suggestedSlug)}>
                  {t('sync.hub.useSuggested', { slug: account.suggestedSlug })}
                </button>
              )
            }
          >
            <input value={slug} onChange={(e) => setSlug(e.target.value.trim().toLowerCase())} placeholder={account.suggestedSlug} spellCheck={false} />
          </Field>
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={busy !== null}>
            {t('sync.hub.save')}
          </button>
        </div>
      </form>

      <form className="card" onSubmit={signIn} aria-labelledby={`${ids}-account`}>
        <h2 id={`${ids}-account`}>{t('sync.account')}</h2>
        <div className="grid-2">
          <label className="field">
            <span className="field-label">{t('sync.account.username')}</span>
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" spellCheck={false} />
          </label>
          <label className="field">
            <span className="field-label">{t('sync.account.password')}</span>
            <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" placeholder={account.password === 'saved' ? t('sync.account.passwordSaved') : ''} />
          </label>
        </div>
        <p className="muted" data-testid="hub-account-state">
          {account.signedIn && account.session ? t('sync.account.signedIn', { name: account.session.name }) : t('sync.account.notSignedIn')}
          {account.signedIn && account.session?.roles.length ? ` ${t('sync.account.roles', { roles: account.session.roles.join(', ') })}` : ''}
        </p>
        {account.lastError && (
          <p className="sync-error" role="alert">
            {reasonText(t, account.lastError.reason)}
          </p>
        )}
        <p className="field-hint">
          {account.password === 'locked' ? t('sync.storage.locked', { name: account.passwordOwner ?? '?' }) : t(`sync.storage.${account.storage}`)}
        </p>
        <div className="row">
          <button type="submit" className="primary" disabled={busy !== null || !account.url}>
            {t('sync.account.signIn')}
          </button>
          {account.signedIn && (
            <button type="button" onClick={signOut} disabled={busy !== null}>
              {t('sync.account.signOut')}
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={() => void runTest()} disabled={busy !== null}>
            {busy === 'test' ? t('sync.testing') : t('sync.test')}
          </button>
        </div>
        {test && <TestOutcome result={test} />}
      </form>

      <div className="card" aria-labelledby={`${ids}-conflicts`}>
        <h2 id={`${ids}-conflicts`}>
          {t('sync.conflicts')} {conflicts.length > 0 && <span className="badge">{conflicts.length}</span>}
        </h2>
        {conflicts.length === 0 ? (
          <p className="muted">{t('sync.conflicts.none')}</p>
        ) : (
          <>
            <p className="field-hint">{t('sync.conflicts.hint')}</p>
            <ul className="sync-conflicts">
              {conflicts.map((c) => (
                <li key={`${c.collection}/${c.id}`}>
                  <button type="button" onClick={() => onResolve?.(c)} disabled={!onResolve}>
                    <span className="sync-conflict-kind">{t(collectionKey(c.collection))}</span>
                    <span>{t('sync.conflict.row', { title: c.title, versions: c.versions, since: formatZonedDateTime(c.since, zone) })}</span>
                    <span className="spacer" />
                    <span aria-hidden="true">{t('sync.conflict.resolve')} →</span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}

function collectionKey(collection: string): MessageKey {
  return collection === 'posts' ? 'sync.collection.posts' : collection === 'cards' ? 'sync.collection.cards' : 'sync.collection.other';
}

/** A reason from the main process, in the same errors.reason.<key> words as any API error that carries it. */
function reasonText(t: Translate, reason: string): string {
  const key = `errors.reason.${reason}`;
  return key in id ? t(key as MessageKey) : t('sync.line.error');
}

function TestOutcome({ result }: { result: HubTestResult }) {
  const { t } = useI18n();
  if (result.ok) {
    return (
      <p className="sync-test sync-test-ok" role="status" data-testid="hub-test-result">
        ✓{' '}
        {t('sync.test.ok', {
          vendor: result.server.vendor,
          version: result.server.version,
          name: result.user.name,
          databases: result.databases.join(', '),
          ms: result.ms,
        })}
      </p>
    );
  }
  return (
    <div className="sync-test sync-test-failed" role="alert" data-testid="hub-test-result">
      <strong>{t('sync.test.failed')}:</strong> {reasonText(t, result.reason)}
      {result.database && <span className="muted"> {t('sync.test.database', { database: result.database })}</span>}
      {/* The technical cause, for IT staff on the phone. */}
      <span className="field-hint sync-test-detail">{result.detail}</span>
    </div>
  );
}
