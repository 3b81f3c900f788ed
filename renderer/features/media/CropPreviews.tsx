import { useState } from 'react';
import type { RenditionInfo } from '../../../shared/api/contracts/media';
import { cropFractions, planCrop } from '../../../shared/media/crop';
import type { FocalPoint, Photo } from '../../../shared/media/photo';
import { getPreset } from '../../../shared/media/presets';
import { api } from '../../api/client';
import { useApp } from '../../app/AppContext';
import { useI18n } from '../../i18n/i18n';
import { formatBytes, mediaErrorMessage, previewUrl } from './media-ui';

const BOX_H = 132;

/**
 * Live crop previews: the same crop math as the exported files (shared/media/crop),
 * drawn from the preview image, so moving the focal point updates them at once.
 */
export function CropPreviews({ photo, focal, presetIds, onOpen }: { photo: Photo; focal: FocalPoint; presetIds: string[]; onOpen(r: RenditionInfo, label: string): void }) {
  const { t } = useI18n();
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
        const plan = planCrop(photo.width, photo.height, preset, focal);
        const f = cropFractions(photo.width, photo.height, plan.crop);
        const aspect = plan.crop.width / plan.crop.height;
        const boxW = Math.min(240, Math.round(BOX_H * aspect));
        const boxH = Math.round(boxW / aspect);
        const r = made[id];
        const current = r && r.width === plan.outWidth && r.height === plan.outHeight ? r : null;
        return (
          <figure key={id} className="crop-preview" data-preset={id}>
            <div className="crop-box" style={{ width: boxW, height: boxH }}>
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
              <span className="row">
                <button type="button" className="ghost small" onClick={() => void render(id)} disabled={busy !== null}>
                  {busy === id ? t('media.desk.rendering') : t('media.desk.render')}
                </button>
                {current && (
                  <button type="button" className="link-button" onClick={() => onOpen(current, preset.label)}>
                    {t('media.desk.open', { w: current.width, h: current.height, size: formatBytes(current.bytes) })}
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
