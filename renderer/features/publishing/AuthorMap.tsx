import { useState } from 'react';
import type { WpUsersResult } from '@shared/api/contracts/publishing';
import { ApiError } from '@shared/api/errors';
import { creditKey, type Connection } from '@shared/publishing/connection';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';

/**
 * "Penulis di WordPress": which site user each Penulis credit is published
 * as. The site's users are read live; a name that matches a user exactly is
 * suggested, nothing is saved until the admin saves.
 */
export function AuthorMap({ conn, onChange }: { conn: Connection; onChange: () => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [site, setSite] = useState<WpUsersResult | null>(null);
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  function fail(err: unknown) {
    const reason = err instanceof ApiError ? String(err.params?.reason ?? '') : '';
    const known = ['site_unreachable', 'site_auth', 'no_connection', 'wp_user_missing', 'wp_user_cannot_publish'];
    toast(known.includes(reason) ? t(`publishing.authors.error.${reason}` as MessageKey, (err as ApiError).params as Record<string, string>) : errorMessage(t, err), 'error');
  }

  async function load() {
    setBusy(true);
    try {
      const r = await api.call('connections.wpUsers', { id: conn.id });
      const next: Record<string, string> = {};
      for (const credit of r.credits) {
        const mapped = (conn.authors ?? []).find((a) => creditKey(a.credit) === creditKey(credit));
        const same = r.users.find((u) => creditKey(u.name) === creditKey(credit));
        next[credit] = mapped?.wpUserId ?? same?.id ?? '';
      }
      setChoice(next);
      setSite(r);
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    try {
      await api.call('connections.setAuthors', { id: conn.id, authors: Object.entries(choice).filter(([, id]) => id).map(([credit, wpUserId]) => ({ credit, wpUserId })) });
      toast(t('publishing.authors.saved'));
      onChange();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="queue-authors" onToggle={(e) => (e.currentTarget.open && !site ? void load() : undefined)}>
      <summary>{t('publishing.authors.title', { n: conn.authors?.length ?? 0 })}</summary>
      <p className="field-hint">{t('publishing.authors.intro', { user: conn.username })}</p>
      {!site && busy && <p className="muted">{t('common.loading')}</p>}
      {site && !site.complete && <p className="notice">{t('publishing.authors.incomplete')}</p>}
      {site && site.credits.length === 0 && <p className="muted">{t('publishing.authors.noCredits')}</p>}
      {site && site.credits.length > 0 && (
        <table className="queue-authors-table">
          <thead>
            <tr>
              <th scope="col">{t('publishing.authors.credit')}</th>
              <th scope="col">{t('publishing.authors.wpUser')}</th>
            </tr>
          </thead>
          <tbody>
            {site.credits.map((credit) => (
              <tr key={credit}>
                <th scope="row">{credit}</th>
                <td>
                  <select aria-label={t('publishing.authors.for', { credit })} value={choice[credit] ?? ''} onChange={(e) => setChoice((c) => ({ ...c, [credit]: e.target.value }))}>
                    <option value="">{t('publishing.authors.fallback', { user: conn.username })}</option>
                    {site.users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.name} (@{u.slug}){u.roles.length ? ` — ${u.roles.join(', ')}` : ''}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {site && (
        <div className="row">
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {t('publishing.authors.save')}
          </button>
          <button type="button" className="ghost" disabled={busy} onClick={() => void load()}>
            {t('publishing.authors.reload')}
          </button>
        </div>
      )}
    </details>
  );
}
