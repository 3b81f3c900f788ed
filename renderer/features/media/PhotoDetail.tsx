import { useId, type KeyboardEvent, type MouseEvent } from 'react';
import type { RenditionInfo } from '@shared/api/contracts/media';
import type { PostSummary } from '@shared/domain/post';
import { effectiveFocal, type FocalPoint, type Photo } from '@shared/media/photo';
import { photoPublishProblems } from '@shared/media/rules';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import { useI18n } from '@ui/i18n/i18n';
import { PhotoHistory } from '@ui/features/sync/PhotoHistory';
import { ConflictNotice, SaveStatus } from '@ui/lib/ui/SaveStatus';
import { CropPreviews } from './CropPreviews';
import { formatBytes, mediaErrorMessage, previewUrl } from './media-ui';
import { usePhotoAutosave } from './use-photo-autosave';

interface Props {
  photo: Photo;
  posts: PostSummary[];
  presetIds: string[];
  onChanged(p: Photo): void;
  onTrash(p: Photo): void;
  onOpenRendition(r: RenditionInfo, label: string): void;
}

/** Height cap of the focal-point picture; its box always keeps the photo's shape so clicks map exactly. */
const FOCAL_MAX_H = 260;

/** One photo: its texts, focal point and live crop previews, saved as they are typed (like posts). */
export function PhotoDetail({ photo, posts, presetIds, onChanged, onTrash, onOpenRendition }: Props) {
  const { t, lang } = useI18n();
  const { toast, workspace, setWorkspace } = useApp();
  const { draft, state, savedAt, update, save, resolve } = usePhotoAutosave(photo, onChanged);
  const focal = effectiveFocal({ focal: draft.focal, autoFocal: photo.autoFocal });
  const uid = useId();

  const moveFocal = (f: FocalPoint) => {
    const c = { x: Math.min(1, Math.max(0, Number(f.x.toFixed(4)))), y: Math.min(1, Math.max(0, Number(f.y.toFixed(4)))) };
    // Saved shortly after the last move so dragging with the keys is one write.
    update({ focal: c }, 400);
  };

  const onFocalClick = (e: MouseEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    moveFocal({ x: (e.clientX - r.left) / r.width, y: (e.clientY - r.top) / r.height });
  };

  const onFocalKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 0.1 : 0.02;
    const d = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }[e.key];
    if (!d) return;
    e.preventDefault();
    moveFocal({ x: focal.x + d[0], y: focal.y + d[1] });
  };

  const resetFocal = () => update({ focal: null }, 0);

  const makeLogo = async () => {
    try {
      const ws = await api.call('settings.update', { baseRev: workspace.rev, opd: { logoMediaId: photo.id } });
      setWorkspace(ws);
      toast(t('media.desk.logoSet'));
    } catch (e) {
      toast(mediaErrorMessage(t, e), 'error');
    }
  };

  const problems = photoPublishProblems({ ...photo, ...draft });
  const linked = draft.postIds.map((id) => posts.find((p) => p.id === id) ?? { id, title: id });
  const isLogo = workspace.opd.logoMediaId === photo.id;

  return (
    <div className="photo-detail" aria-label={t('media.desk.detail')}>
      {state === 'conflict' && <ConflictNotice message="media.desk.conflict" onResolve={(keep) => void resolve(keep)} />}
      <div className="focal-wrap">
        <div
          className="focal-target"
          role="button"
          tabIndex={0}
          aria-label={t('media.desk.focalLabel')}
          onClick={onFocalClick}
          onKeyDown={onFocalKey}
          data-testid="focal-target"
          style={{ aspectRatio: `${photo.width} / ${photo.height}`, width: `min(100%, ${Math.round((FOCAL_MAX_H * photo.width) / photo.height)}px)` }}
        >
          <img src={previewUrl(photo.sha256)} alt={photo.altText || photo.originalName} draggable={false} />
          <span className="focal-dot" style={{ left: `${focal.x * 100}%`, top: `${focal.y * 100}%` }} aria-hidden="true" />
        </div>
        <p className="field-hint">
          {t('media.desk.focalHint')}{' '}
          {draft.focal ? (
            <button type="button" className="link-button" onClick={resetFocal}>
              {t('media.desk.focalReset')}
            </button>
          ) : (
            <span className="muted">({t('media.desk.focalAuto')})</span>
          )}
        </p>
      </div>

      <div className="photo-facts">
        <strong className="photo-name">{photo.originalName}</strong>
        <span className="muted">{t('media.desk.facts', { w: photo.width, h: photo.height, size: formatBytes(photo.bytes, lang) })}</span>
        <span className="muted">{photo.takenAt ? t('media.desk.takenAt', { when: photo.takenAt.replace('T', ' ').slice(0, 16) }) : t('media.desk.noExifDate')}</span>
        {(photo.cameraMake || photo.cameraModel) && <span className="muted">{t('media.desk.camera', { camera: [photo.cameraMake, photo.cameraModel].filter(Boolean).join(' ') })}</span>}
        {photo.hasGps && (
          <span className="badge badge-gps" title={t('media.desk.gpsTitle')}>
            {t('media.desk.gps')}
          </span>
        )}
        {photo.hasGps && <span className="field-hint">{t('media.desk.gpsTitle')}</span>}
      </div>

      <form
        className="photo-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label className="field-label" htmlFor={`${uid}-caption`}>
            {t('media.desk.caption')}
          </label>
          <textarea id={`${uid}-caption`} aria-describedby={`${uid}-caption-hint`} rows={2} maxLength={1000} value={draft.caption} onChange={(e) => update({ caption: e.target.value })} />
          <span className="field-hint" id={`${uid}-caption-hint`}>
            {t('media.desk.captionHint')}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${uid}-credit`}>
            {t('media.desk.credit')}
          </label>
          <input id={`${uid}-credit`} aria-describedby={`${uid}-credit-hint`} maxLength={200} value={draft.credit} onChange={(e) => update({ credit: e.target.value })} />
          <span className="field-hint" id={`${uid}-credit-hint`}>
            {t('media.desk.creditHint')}
          </span>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${uid}-alt`}>
            {t('media.desk.alt')}
          </label>
          <textarea
            id={`${uid}-alt`}
            aria-describedby={`${uid}-alt-hint`}
            rows={2}
            maxLength={500}
            value={draft.altText}
            aria-invalid={problems.includes('alt_missing')}
            onChange={(e) => update({ altText: e.target.value })}
          />
          <span className="field-hint" id={`${uid}-alt-hint`}>
            {t('media.desk.altHint')}
          </span>
        </div>
        <label className="field">
          <span className="field-label">{t('media.desk.tags')}</span>
          <input value={draft.tags} onChange={(e) => update({ tags: e.target.value })} />
        </label>
        <div className="field">
          <span className="field-label">{t('media.desk.posts')}</span>
          <div className="row">
            {linked.map((p) => (
              <span key={p.id} className="chip">
                {p.title || p.id}{' '}
                <button type="button" className="link-button" aria-label={t('media.desk.unlinkPost', { title: p.title || p.id })} onClick={() => update({ postIds: draft.postIds.filter((x) => x !== p.id) }, 0)}>
                  ×
                </button>
              </span>
            ))}
            <select
              aria-label={t('media.desk.linkPost')}
              value=""
              onChange={(e) => e.target.value && update({ postIds: [...new Set([...draft.postIds, e.target.value])] }, 0)}
            >
              <option value="">{t('media.desk.linkPost')}</option>
              {posts
                .filter((p) => !draft.postIds.includes(p.id))
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title || p.id}
                  </option>
                ))}
            </select>
          </div>
        </div>
        {problems.length > 0 && (
          <ul className="photo-problems" role="status">
            {problems.includes('alt_missing') && <li>{t('media.desk.altRequired')}</li>}
            {problems.includes('caption_missing') && <li>{t('media.desk.captionRequired')}</li>}
            {problems.includes('credit_missing') && <li>{t('media.desk.creditRequired')}</li>}
          </ul>
        )}
        <div className="row">
          {/* Saving is automatic; the button saves at once and shows the state. */}
          <button type="submit" className="primary" disabled={state !== 'dirty' && state !== 'error'}>
            {state === 'saving' ? t('media.desk.saving') : state === 'dirty' || state === 'error' ? t('media.desk.save') : t('media.desk.saved')}
          </button>
          <SaveStatus status={state} savedAt={savedAt} testId="photo-save-state" className="muted" />
          {isLogo ? (
            <span className="badge">{t('media.desk.isLogo')}</span>
          ) : (
            <button type="button" className="ghost" onClick={() => void makeLogo()}>
              {t('media.desk.makeLogo')}
            </button>
          )}
          <button type="button" className="danger" onClick={() => onTrash(photo)}>
            {t('media.desk.trash')}
          </button>
        </div>
      </form>
      <PhotoHistory photo={photo} />

      <h3 className="photo-section-title">{t('media.desk.previews')}</h3>
      <CropPreviews
        photo={photo}
        focal={focal}
        crops={draft.crops}
        onCrop={(key, choice) => {
          const next = { ...draft.crops };
          if (choice) next[key] = choice;
          else delete next[key];
          update({ crops: next }, 400);
        }}
        presetIds={presetIds}
        onOpen={onOpenRendition}
      />
    </div>
  );
}
