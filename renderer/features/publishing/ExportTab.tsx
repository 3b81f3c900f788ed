import { useState } from 'react';
import type { QueueOverview } from '@shared/api/contracts/publishing';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { fileToBase64 } from '@ui/lib/files';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { href } from '@ui/lib/router';
import { QueuePosts } from './QueuePosts';

export function ExportTab({ data, postsOffset, onPostsOffset }: { data: QueueOverview; postsOffset: number; onPostsOffset: (offset: number) => void }) {
  const { t } = useI18n();
  const { toast } = useApp();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [file, setFile] = useState<{ url: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<{ url: string; name: string }>) {
    setBusy(true);
    try {
      const f = await fn();
      setFile(f);
      toast(t('publishing.export.ready', { name: f.name }));
    } catch (err) {
      toast(errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  async function importZip(f: File) {
    setBusy(true);
    try {
      const r = await api.call('publishing.importZip', { name: f.name, dataBase64: await fileToBase64(f) });
      toast(t(`publishing.import.${r.outcome}` as MessageKey));
      if (r.outcome !== 'kept_newer') window.location.hash = href('posts', r.postId);
    } catch (err) {
      const reason = err instanceof ApiError ? String(err.params?.reason ?? '') : '';
      const known = ['checksum_mismatch', 'not_redaksi_zip', 'zip_path'].includes(reason);
      toast(err instanceof ApiError && err.code === 'invalid_input' ? t('publishing.import.bad', { reason: t(`publishing.import.reason.${known ? reason : 'other'}` as MessageKey) }) : errorMessage(t, err), 'error');
    } finally {
      setBusy(false);
    }
  }

  const ids = [...selected];
  return (
    <div>
      <section className="card">
        <h2>{t('publishing.export.title')}</h2>
        <p className="muted">{t('publishing.export.intro')}</p>
        <QueuePosts
          data={data}
          offset={postsOffset}
          onOffset={onPostsOffset}
          estimateSize={52}
          label={t('publishing.export.title')}
          renderRow={(p) => (
            <>
              <label className="row">
                <input
                  type="checkbox"
                  checked={selected.has(p.id)}
                  aria-label={t('publishing.export.select', { title: p.title })}
                  onChange={(e) =>
                    setSelected((s) => {
                      const n = new Set(s);
                      if (e.target.checked) n.add(p.id);
                      else n.delete(p.id);
                      return n;
                    })
                  }
                />
                {p.title}
              </label>
              <button disabled={busy} onClick={() => void run(() => api.call('publishing.exportZip', { postId: p.id }))}>
                {t('publishing.export.zip')}
              </button>
            </>
          )}
        />
        <div className="row">
          <button disabled={busy} onClick={() => (ids.length ? void run(() => api.call('publishing.exportBatch', { postIds: ids, format: 'wxr' })) : toast(t('publishing.export.none'), 'error'))}>
            {t('publishing.export.wxr')}
          </button>
          <button disabled={busy} onClick={() => (ids.length ? void run(() => api.call('publishing.exportBatch', { postIds: ids, format: 'csv' })) : toast(t('publishing.export.none'), 'error'))}>
            {t('publishing.export.csv')}
          </button>
        </div>
        {file && (
          <p className="notice" role="status">
            <a href={file.url} download={file.name}>
              {t('publishing.export.download', { name: file.name })}
            </a>
          </p>
        )}
      </section>
      <section className="card">
        <h2>{t('publishing.import.title')}</h2>
        <label className="field">
          <span className="field-label">{t('publishing.import.file')}</span>
          <input type="file" accept=".zip,application/zip" disabled={busy} onChange={(e) => e.target.files?.[0] && void importZip(e.target.files[0])} />
        </label>
      </section>
    </div>
  );
}
