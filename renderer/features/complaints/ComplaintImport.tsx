import Papa from 'papaparse';
import { useState } from 'react';
import { ApiError } from '@shared/api/errors';
import { IMPORT_FIELDS, type ImportField, type ImportResult } from '@shared/api/contracts/complaints';
import { COMPLAINT_CHANNELS, type ComplaintChannel } from '@shared/complaints/complaint';
import { formatZonedDateTime } from '@shared/domain/time-zone';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { href, navigate } from '@ui/lib/router';
import { complaintChannelLabel } from '@ui/features/activity/labels';
import { complaintError } from './errors';

const MAX_BYTES = 5 * 1024 * 1024;
const MAPPING_KEY = 'redaksi.complaints.importMapping.';

type Mapping = Partial<Record<ImportField, string>>;
interface Remembered {
  mapping: Mapping;
  defaultChannel: ComplaintChannel | '';
}

/** The header row as written: a source (LAPOR! export, the OPD's own sheet) is recognised by it. */
function headersOf(text: string): string[] {
  const r = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { preview: 1, delimitersToGuess: [',', ';', '\t'] });
  return (r.data[0] ?? []).map((h) => String(h).trim());
}
const sourceKey = (headers: string[]) => MAPPING_KEY + headers.map((h) => h.toLowerCase()).join('|');

function remembered(headers: string[]): Remembered | null {
  try {
    const v = JSON.parse(localStorage.getItem(sourceKey(headers)) ?? 'null') as Remembered | null;
    return v && typeof v === 'object' && v.mapping ? v : null;
  } catch {
    return null;
  }
}

/** Import from a CSV: map columns once per source, then a dry run shows every row, numbered as the spreadsheet does, before anything is saved. */
export function ComplaintImport() {
  const { t } = useI18n();
  const { toast, workspace } = useApp();
  const zone = workspace.opd.timeZone;
  const [csv, setCsv] = useState<string | null>(null);
  const [headers, setHeaders] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [defaultChannel, setDefaultChannel] = useState<ComplaintChannel | ''>('');
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);

  const preview = async (text: string, m: Mapping, ch: ComplaintChannel | '') => {
    setResult(null);
    try {
      const r = await api.call('complaints.importCsv', { csv: text, dryRun: true, mapping: m, defaultChannel: ch || undefined });
      setResult(r);
      // Show what was recognised, so the admin sees and can correct it.
      setMapping({ ...r.mapping, ...m });
    } catch (e) {
      if (!(e instanceof ApiError && e.params?.reason === 'csv_columns')) throw e;
      toast(complaintError(t, e), 'error');
    }
  };

  const pick = async (file: File | undefined) => {
    setResult(null);
    if (!file) return;
    if (file.size > MAX_BYTES) return toast(t('errors.invalid_input', { issues: file.name }), 'error');
    const text = await file.text();
    const hs = headersOf(text);
    const saved = remembered(hs);
    setCsv(text);
    setHeaders(hs);
    setMapping(saved?.mapping ?? {});
    setDefaultChannel(saved?.defaultChannel ?? '');
    if (saved) toast(t('complaints.import.mappingRemembered'));
    await preview(text, saved?.mapping ?? {}, saved?.defaultChannel ?? '').catch((e) => toast(complaintError(t, e), 'error'));
  };

  const commit = async () => {
    if (!csv) return;
    setBusy(true);
    try {
      const r = await api.call('complaints.importCsv', { csv, dryRun: false, mapping, defaultChannel: defaultChannel || undefined });
      localStorage.setItem(sourceKey(headers), JSON.stringify({ mapping, defaultChannel } satisfies Remembered));
      toast(t('complaints.import.done', { n: r.imported }));
      navigate('complaints');
    } catch (e) {
      toast(complaintError(t, e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const errorText = (code: string) => {
    const [name, arg] = code.split(':');
    const key = `complaints.import.err.${name}` as MessageKey;
    if (name === 'duplicate_row') return t('complaints.import.err.duplicate_row', { line: arg });
    return arg ? `${t(key)} (${arg})` : t(key);
  };
  const ok = result?.rows.filter((r) => r.ok).length ?? 0;
  const bad = (result?.rows.length ?? 0) - ok;
  const when = (v: string) => (/^\d{4}-\d{2}-\d{2}T/.test(v) ? formatZonedDateTime(v, zone) : v);

  return (
    <section className="page complaints">
      <p>
        <a href={href('complaints')}>← {t('complaints.back')}</a>
      </p>
      <header className="page-header">
        <h1>{t('complaints.import.title')}</h1>
      </header>
      <div className="card">
        <p className="field-hint">{t('complaints.import.hint')}</p>
        <label className="field">
          <span className="field-label">{t('complaints.import.file')}</span>
          <input type="file" accept=".csv,.tsv,.txt,text/csv" onChange={(e) => void pick(e.target.files?.[0])} />
        </label>
      </div>
      {csv && headers.length > 0 && (
        <form
          className="card complaint-import-mapping"
          onSubmit={(e) => {
            e.preventDefault();
            void preview(csv, mapping, defaultChannel).catch((err) => toast(complaintError(t, err), 'error'));
          }}
        >
          <h2>{t('complaints.import.mapping')}</h2>
          <p className="field-hint">{t('complaints.import.mappingHint')}</p>
          <div className="grid-3">
            <label className="field">
              <span className="field-label">{t('complaints.import.defaultChannel')}</span>
              <select value={defaultChannel} onChange={(e) => setDefaultChannel(e.target.value as ComplaintChannel | '')}>
                <option value="">{t('complaints.import.noDefault')}</option>
                {COMPLAINT_CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {complaintChannelLabel(t, c)}
                  </option>
                ))}
              </select>
            </label>
            {IMPORT_FIELDS.map((f) => (
              <label key={f} className="field">
                <span className="field-label">{t(`complaints.import.field.${f}`)}</span>
                <select value={mapping[f] ?? ''} onChange={(e) => setMapping({ ...mapping, [f]: e.target.value })}>
                  <option value="">{t('complaints.import.notInFile')}</option>
                  {headers.map((h) => (
                    <option key={h} value={h}>
                      {h}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <button type="submit">{t('complaints.import.rerun')}</button>
        </form>
      )}
      {result && (
        <div className="card">
          <p role="status">{t('complaints.import.preview', { ok, bad })}</p>
          <table className="complaint-import-table">
            <thead>
              <tr>
                <th scope="col">{t('complaints.import.line')}</th>
                <th scope="col">{t('complaints.import.date')}</th>
                <th scope="col">{t('complaints.import.excerpt')}</th>
                <th scope="col">{t('complaints.field.trackingNumber')}</th>
                <th scope="col">{t('complaints.field.channel')}</th>
                <th scope="col">{t('complaints.import.result')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr key={r.line} className={r.ok ? '' : 'complaint-import-bad'} data-line={r.line}>
                  <td>{r.line}</td>
                  <td>{when(r.receivedAt)}</td>
                  <td>{r.excerpt || r.topic}</td>
                  <td>{r.trackingNumber}</td>
                  <td>{(COMPLAINT_CHANNELS as readonly string[]).includes(r.channel) ? complaintChannelLabel(t, r.channel as ComplaintChannel) : r.channel}</td>
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
