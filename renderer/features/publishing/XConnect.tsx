import { useEffect, useRef, useState } from 'react';
import type { XAuthStatusResult } from '@shared/api/contracts/publishing';
import { ApiError } from '@shared/api/errors';
import type { Connection } from '@shared/publishing/connection';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';

/**
 * "Sambungkan akun X": the admin enters the Client ID of the OPD's X app
 * (Native App, callback registered as shown), approves in the browser, and
 * Redaksi keeps the token pair (refreshed by itself). "Putuskan" revokes it.
 */
export function XConnect({ conn, label, onDone }: { conn: Connection | null; label: string; onDone: () => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [clientId, setClientId] = useState('');
  const [status, setStatus] = useState<XAuthStatusResult | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | null>(null);

  useEffect(() => {
    void api.call('connections.xAuthStatus', {}).then(setStatus, () => undefined);
    return () => {
      if (timer.current) window.clearInterval(timer.current);
    };
  }, []);

  function poll() {
    if (timer.current) window.clearInterval(timer.current);
    timer.current = window.setInterval(() => {
      void api.call('connections.xAuthStatus', {}).then((s) => {
        setStatus(s);
        if (s.state === 'waiting') return;
        if (timer.current) window.clearInterval(timer.current);
        timer.current = null;
        setLink(null);
        if (s.state === 'done') {
          toast(s.username ? t('publishing.x.connectedAs', { user: s.username }) : t('publishing.x.connected'));
          onDone();
        }
      });
    }, 1000);
  }

  async function start() {
    setBusy(true);
    try {
      const r = await api.call('connections.xAuthStart', { id: conn?.id, label, clientId: clientId.trim(), ...(conn?.baseUrl ? { apiBase: conn.baseUrl } : {}) });
      setLink(r.authorizeUrl);
      setStatus({ state: 'waiting', redirectUri: r.redirectUri });
      window.open(r.authorizeUrl, '_blank', 'noopener');
      poll();
    } catch (err) {
      const reason = err instanceof ApiError ? String(err.params?.reason ?? '') : '';
      toast(reason === 'x_port_in_use' ? t('publishing.x.portInUse', { uri: status?.redirectUri ?? '' }) : errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function cancel() {
    setStatus(await api.call('connections.xAuthCancel', {}));
    setLink(null);
    if (timer.current) window.clearInterval(timer.current);
  }

  async function disconnect() {
    if (!conn || !window.confirm(t('publishing.x.disconnectConfirm'))) return;
    setBusy(true);
    try {
      await api.call('connections.xDisconnect', { id: conn.id });
      toast(t('publishing.x.disconnected'));
      onDone();
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  const waiting = status?.state === 'waiting';
  return (
    <fieldset className="queue-xconnect">
      <legend className="field-label">{conn?.hasSecret ? t('publishing.x.reconnectTitle') : t('publishing.x.title')}</legend>
      <p className="field-hint">{t('publishing.x.intro')}</p>
      {status && (
        <p className="field-hint">
          {t('publishing.x.callback')} <code>{status.redirectUri}</code>
        </p>
      )}
      <div className="row">
        <label className="field">
          <span className="field-label">{t('publishing.x.clientId')}</span>
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" spellCheck={false} disabled={waiting} />
        </label>
      </div>
      <div className="row">
        <button type="button" className="primary" disabled={busy || waiting || clientId.trim().length < 10} onClick={() => void start()}>
          {conn?.hasSecret ? t('publishing.x.reconnect') : t('publishing.x.connect')}
        </button>
        {waiting && (
          <button type="button" className="ghost" onClick={() => void cancel()}>
            {t('common.cancel')}
          </button>
        )}
        {conn?.hasSecret && !waiting && (
          <button type="button" className="danger" disabled={busy} onClick={() => void disconnect()}>
            {t('publishing.x.disconnect')}
          </button>
        )}
      </div>
      {waiting && (
        <p role="status">
          {t('publishing.x.waiting')}{' '}
          {link && (
            <a href={link} target="_blank" rel="noreferrer">
              {t('publishing.x.openAgain')}
            </a>
          )}
        </p>
      )}
      {status?.state === 'failed' && status.code && (
        <p className="queue-test bad" role="alert">
          {t(`publishing.x.fail.${status.code}` as MessageKey, { uri: status.redirectUri })}
        </p>
      )}
    </fieldset>
  );
}
