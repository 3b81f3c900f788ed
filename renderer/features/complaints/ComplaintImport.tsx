import { useState } from 'react';
import type { ImportResult } from '../../../shared/api/contracts/complaints';
import { api } from '../../api/client';
import { useApp } from '../../app/AppContext';
import type { MessageKey } from '../../i18n/catalog';
import { useI18n } from '../../i18n/i18n';
import { href, navigate } from '../../lib/router';
import { complaintChannelLabel } from '../activity/labels';
import { complaintError } from './errors';

const MAX_BYTES = 5 * 1024 * 1024;

/** Import from a CSV: a dry run shows every row and its problems before anything is saved. */
export function ComplaintImport() {
  const { t } = useI18n();
  const { toast } = useApp();
  const [csv, setCsv] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return toast(t('errors.invalid_input', { issues: file.name }), 'error');
    const text = await file.text();
    setCsv(text);
    try {
      setResult(await api.call('complaints.importCsv', { csv: text, dryRun: true }));
    } catch (e) {
      toast(complaintError(t, e), 'error');
    }
  };

  const commit = async () => {
    if (!csv) return;
    setBusy(true);
    try {
      const r = await api.call('complaints.importCsv', { csv, dryRun: false });
      toast(t('complaints.import.done', { n: r.imported }));
      navigate('reports');
    } catch (e) {
      toast(complaintError(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const errorText = (code: string) => {
    const key = `complaints.import.err.${code.split(':')[0]}` as MessageKey;
    return code.includes(':') ? `${t(key)} (${code.split(':')[1]})` : t(key);
  };
  const ok = result?.rows.filter((r) => r.ok).length ?? 0;
  const bad = (result?.rows.length ?? 0) - ok;

  return (
    <section className="page complaints">
      <p>
        <a href={href('reports')}>← {t('complaints.back')}</a>
      </p>
      <header className="page-header">
        <h1>{t('complaints.import.title')}</h1>
      </header>
      <div className="card">
        <p className="field-hint">{t('complaints.import.hint')}</p>
        <label className="field">
          <span className="field-label">{t('complaints.import.file')}</span>
          <input type="file" accept=".csv,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
      </div>
      {result && (
        <div className="card">
          <p role="status">{t('complaints.import.preview', { ok, bad })}</p>
          <table className="complaint-import-table">
            <thead>
              <tr>
                <th scope="col">{t('complaints.import.line')}</th>
                <th scope="col">{t('complaints.field.channel')}</th>
                <th scope="col">{t('complaints.field.topic')}</th>
                <th scope="col">{t('complaints.import.result')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.line} className={r.ok ? '' : 'complaint-import-bad'}>
                  <td>{r.line}</td>
                  <td>{r.ok ? complaintChannelLabel(t, r.channel) : r.channel}</td>
                  <td>{r.topic}</td>
                  <td>{r.ok ? t('complaints.import.ok') : r.errors.map(errorText).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button className="primary" disabled={busy || ok === 0} onClick={() => void commit()}>
            {t('complaints.import.confirm', { n: ok })}
          </button>
        </div>
      )}
    </section>
  );
}
