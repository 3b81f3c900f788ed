import { formatDecimal } from '@shared/activity/format';
import { useState } from 'react';
import type { RenditionInfo } from '@shared/api/contracts/media';
import { cropFractions, formatKey, planCrop } from '@shared/media/crop';
import type { CropChoice, FocalPoint, Photo } from '@shared/media/photo';
import { getPreset } from '@shared/media/presets';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { formatBytes, mediaErrorMessage, previewUrl } from './media-ui';

const BOX_H = 132;

/**
 * Live crop previews: the same crop math as the exported files (shared/media/crop),
 * drawn from the preview image, so moving the focal point updates them at once.
 */
interface Props {
  photo: Photo;
  focal: FocalPoint;
  /** Hand-made crops by format (saved with the photo). */
  crops: Record<string, CropChoice>;
  onCrop(key: string, choice: CropChoice | null): void;
  presetIds: string[];
  onOpen(r: RenditionInfo, label: string): void;
}

const round4 = (v: number) => Math.min(1, Math.max(0, Number(v.toFixed(4))));

export function CropPreviews({ photo, focal, crops, onCrop, presetIds, onOpen }: Props) {
  const { t, lang } = useI18n();
  const { toast } = useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [made, setMade] = useState<Record<string, RenditionInfo>>({});

  if (!presetIds.length) return <p className="muted">{t('media.desk.noPresets')}</p>;

  const render = async (presetId: string) => {
    setBusy(presetId);
    try {
      const r = await api.call('media.render', { id: photo.id, presetId, options: { focal } });
      setMade((m) => ({ ...m, [presetId]: r }));
      onOpen(r, getPreset(presetId)?.label ?? presetId);
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="crop-previews" aria-label={t('media.desk.previews')}>
      {presetIds.map((id) => {
        const preset = getPreset(id);
        if (!preset) return null;
        const key = formatKey(preset);
        const choice = key ? (crops[key] ?? null) : null;
        const plan = planCrop(photo.width, photo.height, preset, focal, choice);
        const f = cropFractions(photo.width, photo.height, plan.crop);
        const aspect = plan.crop.width / plan.crop.height;
        const boxW = Math.min(240, Math.round(BOX_H * aspect));
        const boxH = Math.round(boxW / aspect);
        const r = made[id];
        const current = r && r.width === plan.outWidth && r.height === plan.outHeight ? r : null;
        return (
          <figure key={id} className="crop-preview" data-preset={id}>
            <div
              className="crop-box"
              style={{ width: boxW, height: boxH, cursor: key ? 'crosshair' : undefined }}
              role={key ? 'button' : undefined}
              tabIndex={key ? 0 : undefined}
              aria-label={key ? t('media.desk.cropMove', { label: preset.label }) : undefined}
              onClick={(e) => {
                if (!key) return;
                // A click inside the cut re-centres it there (the zoom stays).
                const r = e.currentTarget.getBoundingClientRect();
                const x = f.left + ((e.clientX - r.left) / r.width) * f.width;
                const y = f.top + ((e.clientY - r.top) / r.height) * f.height;
                onCrop(key, { x: round4(x), y: round4(y), zoom: choice?.zoom ?? 1 });
              }}
              onKeyDown={(e) => {
                if (!key) return;
                const step = (e.shiftKey ? 0.1 : 0.02) * f.width;
                const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
                if (!d) return;
                e.preventDefault();
                onCrop(key, { x: round4(f.left + f.width / 2 + d[0]), y: round4(f.top + f.height / 2 + d[1]), zoom: choice?.zoom ?? 1 });
              }}
            >
              <img
                src={previewUrl(photo.sha256)}
                alt=""
                draggable={false}
                style={{
                  width: `${100 / f.width}%`,
                  height: `${100 / f.height}%`,
                  left: `${(-f.left / f.width) * 100}%`,
                  top: `${(-f.top / f.height) * 100}%`,
                }}
              />
            </div>
            <figcaption>
              <strong>{preset.label}</strong>
              <span className="muted">
                {plan.outWidth}×{plan.outHeight}
              </span>
              {plan.tooSmall && (
                <span className="crop-warning" role="note">
                  ⚠ {t('media.desk.tooSmall', { want: `${preset.width}×${preset.height ?? '…'}`, got: `${plan.outWidth}×${plan.outHeight}` })}
                </span>
              )}
              {key && (
                <span className="row crop-zoom">
                  <label>
                    <span className="muted">{t('media.desk.cropZoom', { n: formatDecimal(choice?.zoom ?? 1, 1, lang) })}</span>{' '}
                    <input
                      type="range"
                      min={1}
                      max={3}
                      step={0.1}
                      value={choice?.zoom ?? 1}
                      aria-label={t('media.desk.cropZoomLabel', { label: preset.label })}
                      onChange={(e) => onCrop(key, { x: round4(f.left + f.width / 2), y: round4(f.top + f.height / 2), zoom: Number(e.target.value) })}
                    />
                  </label>
                  {choice && (
                    <button type="button" className="link-button" onClick={() => onCrop(key, null)}>
                      {t('media.desk.cropAuto')}
                    </button>
                  )}
                </span>
              )}
              <span className="row">
                {/* aria-disabled, not disabled: the button keeps focus while it works, so closing the file returns there. */}
                <button type="button" className="ghost small" onClick={() => busy === null && void render(id)} aria-disabled={busy !== null}>
                  {busy === id ? t('media.desk.rendering') : t('media.desk.render')}
                  {/* One button per size: the size in its name tells them apart for screen readers (the visible label starts it). */}
                  <span className="sr-only"> {preset.label}</span>
                </button>
                {current && (
                  <button type="button" className="link-button" onClick={() => onOpen(current, preset.label)}>
                    {t('media.desk.open', { w: current.width, h: current.height, size: formatBytes(current.bytes, lang) })}
                  </button>
                )}
              </span>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
