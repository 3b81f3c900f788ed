import { useEffect, useRef, useState } from 'react';
import type { BatchOutput, BatchStatus, MediaFilter } from '@shared/api/contracts/media';
import { WATERMARK_POSITIONS, type WatermarkOptions, type WatermarkPosition } from '@shared/media/photo';
import { getPreset } from '@shared/media/presets';
import { CREDIT_METADATA_MODES, type CreditMetadataMode } from '@shared/media/rules';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { formatBytes, mediaErrorMessage, reasonText } from './media-ui';
import { Field } from '@ui/lib/ui/Field';

/** What a batch renders: chosen photos, or "Pilih semua" as the filter itself (the main process lists the photos). */
export type BatchTarget = { mediaIds: string[] } | { select: { filter: MediaFilter; except: string[] } };

interface Props {
  target: BatchTarget;
  /** How many photos the target holds (the button's count). */
  count: number;
  presetIds: string[];
  onOpen(o: BatchOutput): void;
  /** Shown above the photo details (several photos selected). */
  first?: boolean;
}

const POLL_MS = 400;

/** Renders the selected photos × chosen presets in the main process, with progress and cancel. */
export function BatchExport({ target, count, presetIds, onOpen, first = false }: Props) {
  const { t, lang } = useI18n();
  const { toast, workspace } = useApp();
  const hasLogo = Boolean(workspace.opd.logoMediaId);
  const [useWm, setUseWm] = useState(false);
  const [wm, setWm] = useState<WatermarkOptions>({ position: 'bottom-right', size: 0.16, opacity: 0.85 });
  const [band, setBand] = useState(false);
  const [credit, setCredit] = useState<CreditMetadataMode>('website');
  const [status, setStatus] = useState<BatchStatus | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const jobId = status?.jobId;
  // The desktop app saves into a folder of the PC (remembered); the browser downloads the ZIP.
  const [saveFolder, setSaveFolder] = useState<{ available: boolean; folder: string | null }>({ available: false, folder: null });
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let live = true;
    api
      .call('media.saveFolder', {})
      .then((f) => live && setSaveFolder(f))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  const saveToFolder = async (choose: boolean) => {
    if (!status) return;
    setSaving(true);
    try {
      const r = await api.call('media.batchSaveToFolder', { jobId: status.jobId, choose });
      if (r.folder) {
        setSaveFolder({ available: true, folder: r.folder });
        toast(t('media.desk.savedToFolder', { n: r.saved.length, folder: r.folder }));
      }
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    } finally {
      setSaving(false);
    }
  };

  // Bring the progress bar into view when a batch starts (the side panel scrolls on small screens).
  useEffect(() => {
    if (jobId) statusRef.current?.scrollIntoView({ block: 'nearest' });
  }, [jobId]);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const poll = (jobId: string) => {
    timer.current = setTimeout(async () => {
      try {
        const s = await api.call('media.batchStatus', { jobId });
        setStatus(s);
        if (s.state === 'running') poll(jobId);
        else toast(s.state === 'done' ? t('media.desk.done', { n: s.outputs.length, folder: s.folder }) : t('media.desk.cancelled', { n: s.outputs.length }));
      } catch (e) {
        toast(mediaErrorMessage(t, e), 'error');
      }
    }, POLL_MS);
  };

  const start = async () => {
    setStarting(true);
    try {
      const { jobId } = await api.call('media.batchStart', {
        ...target,
        presetIds,
        options: { watermark: useWm && hasLogo ? wm : null, captionBand: band, creditMetadata: credit },
      });
      setStatus(await api.call('media.batchStatus', { jobId }));
      poll(jobId);
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    } finally {
      setStarting(false);
    }
  };

  const cancel = async () => {
    if (!status) return;
    try {
      setStatus(await api.call('media.batchCancel', { jobId: status.jobId }));
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    }
  };

  const running = status?.state === 'running';
  const timeLeft = (s: number) => (s >= 90 ? t('media.desk.minutes', { n: Math.round(s / 60) }) : t('media.desk.seconds', { n: s }));

  return (
    <section className="batch-export card" aria-labelledby="batch-export-title" style={{ order: first ? -1 : 1 }}>
      <h2 id="batch-export-title">{t('media.desk.export')}</h2>
      <p className="field-hint">{t('media.desk.exportHint')}</p>
      <fieldset className="batch-options" disabled={running}>
        <label className="row">
          <input type="checkbox" checked={useWm && hasLogo} disabled={!hasLogo} onChange={(e) => setUseWm(e.target.checked)} />
          {t('media.desk.watermark')}
        </label>
        {!hasLogo && <p className="field-hint">{t('media.desk.noLogo')}</p>}
        {useWm && hasLogo && (
          <div className="batch-wm">
            <label className="field">
              <span className="field-label">{t('media.desk.wmPosition')}</span>
              <select value={wm.position} onChange={(e) => setWm({ ...wm, position: e.target.value as WatermarkPosition })}>
                {WATERMARK_POSITIONS.map((p) => (
                  <option key={p} value={p}>
                    {t(`media.desk.wmPos.${p}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field-label">{t('media.desk.wmSize', { n: Math.round(wm.size * 100) })}</span>
              <input type="range" min={5} max={40} value={Math.round(wm.size * 100)} onChange={(e) => setWm({ ...wm, size: Number(e.target.value) / 100 })} />
            </label>
            <label className="field">
              <span className="field-label">{t('media.desk.wmOpacity', { n: Math.round(wm.opacity * 100) })}</span>
              <input type="range" min={10} max={100} value={Math.round(wm.opacity * 100)} onChange={(e) => setWm({ ...wm, opacity: Number(e.target.value) / 100 })} />
            </label>
          </div>
        )}
        <label className="row">
          <input type="checkbox" checked={band} onChange={(e) => setBand(e.target.checked)} />
          {t('media.desk.captionBand')}
        </label>
        <Field label={t('media.desk.creditMeta')} hint={t('media.desk.creditMetaHint')}>
          <select value={credit} onChange={(e) => setCredit(e.target.value as CreditMetadataMode)}>
            {CREDIT_METADATA_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`media.desk.creditMeta.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <div className="row">
        <button type="button" className="primary" disabled={running || starting || !count || !presetIds.length} onClick={() => void start()}>
          {t('media.desk.exportButton', { photos: count, presets: presetIds.length })}
        </button>
        {running && (
          <button type="button" className="danger" onClick={() => void cancel()}>
            {t('media.desk.cancel')}
          </button>
        )}
      </div>
      {status && (
        <div className="batch-status" aria-live="polite" ref={statusRef}>
          <progress max={status.total} value={status.done} aria-label={t('media.desk.progress', { done: status.done, total: status.total })} />
          <p className="batch-line">
            <span data-testid="batch-count">{t('media.desk.progress', { done: status.done, total: status.total })}</span>
            {running && status.current && <span className="muted">{t('media.desk.current', { name: status.current })}</span>}
            {running && <span className="muted">{status.secondsLeft === null ? t('media.desk.estimating') : t('media.desk.timeLeft', { t: timeLeft(status.secondsLeft) })}</span>}
            {status.state === 'cancelled' && <span className="badge">{t('media.desk.cancelled', { n: status.outputs.length })}</span>}
          </p>
          {saveFolder.available && status.state !== 'running' && status.outputs.length > 0 && (
            <p className="row batch-save-folder">
              <button type="button" className="primary" disabled={saving} onClick={() => void saveToFolder(false)} data-testid="batch-save-folder">
                {saveFolder.folder ? t('media.desk.saveToFolder', { folder: saveFolder.folder }) : t('media.desk.chooseFolder')}
              </button>
              {saveFolder.folder && (
                <button type="button" disabled={saving} onClick={() => void saveToFolder(true)}>
                  {t('media.desk.changeFolder')}
                </button>
              )}
            </p>
          )}
          {status.zipUrl && (
            <p>
              <a className="button primary" href={`${status.zipUrl}?download=1`} download={`${status.folder}.zip`} data-testid="batch-zip">
                {t('media.desk.downloadZip', { n: status.outputs.length })}
              </a>
            </p>
          )}
          {status.errors.length > 0 && (
            <details open className="batch-errors">
              <summary>{t('media.desk.errors', { n: status.errors.length })}</summary>
              <ul>
                {status.errors.map((e) => (
                  <li key={`${e.mediaId}-${e.presetId ?? ''}`}>
                    <strong>{e.name}</strong>: {reasonText(t, e.reason) ?? t('media.desk.reason.render_failed')}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {status.outputs.length > 0 && (
            <details className="batch-outputs" open={!running}>
              <summary>{t('media.desk.outputs')}</summary>
              <ul>
                {status.outputs.slice(0, 300).map((o) => (
                  <li key={o.url}>
                    <button type="button" className="link-button" onClick={() => onOpen(o)}>
                      {o.name}
                    </button>{' '}
                    <span className="muted">
                      {getPreset(o.presetId)?.label} · {o.width}×{o.height} · {formatBytes(o.bytes, lang)}
                    </span>{' '}
                    <a href={`${o.url}?download=1`} download={o.name}>
                      {t('media.desk.download')}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </section>
  );
}
