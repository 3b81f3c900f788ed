import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { type BrandKit } from '@shared/cards/brand';
import { CARD_FONTS, FONT_FAMILIES, type CardFont } from '@shared/cards/fonts';
import { INSTAGRAM_HASHTAG_LIMIT } from '@shared/channels/limits';
import { MAX_LOGO_BYTES } from '@shared/api/contracts/cards';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { fileToBase64 } from '@ui/lib/files';
import type { MessageKey } from '@ui/i18n/catalog';
import { useApp } from '@ui/app/AppContext';
import { errorMessage, useI18n } from '@ui/i18n/i18n';
import { thumbUrl } from '@ui/features/media/media-ui';
import { Field } from '@ui/lib/ui/Field';

const HANDLE_KEYS = ['instagram', 'facebook', 'x', 'tiktok', 'youtube'] as const;
const HANDLE_LABEL: Record<(typeof HANDLE_KEYS)[number], string> = { instagram: 'Instagram', facebook: 'Facebook', x: 'X', tiktok: 'TikTok', youtube: 'YouTube' };

/** Settings → brand kit for info cards: logos, typeface, footer, handles, default hashtags. */
export function BrandKitSettings() {
  const { t } = useI18n();
  const { workspace, setWorkspace, toast } = useApp();
  const [brand, setBrand] = useState<BrandKit>(workspace.brand);
  const [tags, setTags] = useState(workspace.brand.hashtags.map((h) => `#${h}`).join(' '));
  const [logoSha, setLogoSha] = useState<Record<string, string>>({});
  useEffect(() => {
    setBrand(workspace.brand);
    setTags(workspace.brand.hashtags.map((h) => `#${h}`).join(' '));
  }, [workspace]);
  useEffect(() => {
    for (const id of [workspace.opd.logoMediaId, workspace.brand.pemdaLogoMediaId]) {
      if (id && !logoSha[id]) api.call('media.get', { id }).then((p) => setLogoSha((m) => ({ ...m, [id]: p.sha256 })), () => undefined);
    }
  }, [workspace, logoSha]);

  // A card check links here ("#/settings/brand/<field>"): bring that field into view.
  useEffect(() => {
    const m = /^#\/settings\/brand\/(\w+)/.exec(window.location.hash);
    if (!m) return;
    const el = document.getElementById(`brand-${m[1]}`);
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }, []);

  const save = async (patch: Parameters<typeof api.call<'settings.update'>>[1], message = t('cards.brand.saved')) => {
    try {
      const ws = await api.call('settings.update', patch);
      setWorkspace(ws);
      toast(message);
    } catch (e) {
      toast(errorMessage(t, e), 'error');
    }
  };
  const upload = async (which: 'opd' | 'pemda', e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > MAX_LOGO_BYTES) {
      toast(t('cards.logo.error.logo_too_large', { name: file.name }), 'error');
      return;
    }
    try {
      const r = await api.call('cards.importLogo', { name: file.name, dataBase64: await fileToBase64(file) });
      await save(which === 'opd' ? { baseRev: workspace.rev, opd: { logoMediaId: r.photo.id } } : { baseRev: workspace.rev, brand: { pemdaLogoMediaId: r.photo.id } }, t('cards.brand.uploaded'));
    } catch (err) {
      // Every logo problem is said in words, naming the file.
      const reason = err instanceof ApiError ? err.params?.reason : undefined;
      toast(typeof reason === 'string' && reason.startsWith('logo_') ? t(`cards.logo.error.${reason}` as MessageKey, { name: file.name }) : errorMessage(t, err), 'error');
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const hashtags = [...new Set(tags.split(/[\s,]+/).map((x) => x.replace(/^#+/, '').trim()).filter((x) => /^[\p{L}\p{N}_]+$/u.test(x)))].slice(0, 30);
    void save({ baseRev: workspace.rev, brand: { font: brand.font, shortName: brand.shortName, footer: brand.footer, handles: brand.handles, hashtags } });
  };
  const logo = (which: 'opd' | 'pemda') => {
    const id = which === 'opd' ? workspace.opd.logoMediaId : workspace.brand.pemdaLogoMediaId;
    const label = which === 'opd' ? t('cards.brand.opdLogo') : t('cards.brand.pemdaLogo');
    return (
      <div className="field cards-logo">
        <span className="field-label">{label}</span>
        <div className="row">
          {id && logoSha[id] ? <img src={thumbUrl(logoSha[id])} alt={label} className="cards-logo-img" /> : <span className="muted">{t('cards.brand.noLogo')}</span>}
          <label className="button ghost">
            {t('cards.brand.upload')}
            <input id={`brand-${which}Logo`} type="file" accept="image/svg+xml,.svg,image/png,image/jpeg,image/webp" className="cards-file-input" aria-label={`${label}: ${t('cards.brand.upload')}`} onChange={(e) => void upload(which, e)} />
          </label>
          {id && (
            <button type="button" className="ghost" onClick={() => void save(which === 'opd' ? { baseRev: workspace.rev, opd: { logoMediaId: null } } : { baseRev: workspace.rev, brand: { pemdaLogoMediaId: null } })}>
              {t('cards.brand.removeLogo')}
            </button>
          )}
        </div>
      </div>
    );
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="cards-brand-h">
      <h2 id="cards-brand-h">{t('cards.brand.title')}</h2>
      <p className="muted">{t('cards.brand.intro')}</p>
      <div className="grid-2">
        {logo('opd')}
        {logo('pemda')}
        <Field label={t('cards.brand.font')} hint={t('cards.brand.fontHint')}>
          <select value={brand.font} onChange={(e) => setBrand({ ...brand, font: e.target.value as CardFont })}>
            {CARD_FONTS.map((f) => (
              <option key={f} value={f}>
                {FONT_FAMILIES[f].label} ({FONT_FAMILIES[f].licence})
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('cards.brand.shortName')} hint={t('cards.brand.shortNameHint')}>
          <input id="brand-shortName" value={brand.shortName} maxLength={40} placeholder={workspace.opd.shortName} onChange={(e) => setBrand({ ...brand, shortName: e.target.value })} />
        </Field>
        <Field label={t('cards.brand.footer')} hint={t('cards.brand.footerHint')}>
          <input id="brand-footer" value={brand.footer} maxLength={80} onChange={(e) => setBrand({ ...brand, footer: e.target.value })} />
        </Field>
      </div>
      <fieldset className="cards-handles">
        <legend className="field-label">{t('cards.brand.handles')}</legend>
        <div className="grid-3">
          {HANDLE_KEYS.map((k) => (
            <label className="field" key={k}>
              <span className="field-label">{HANDLE_LABEL[k]}</span>
              <input value={brand.handles[k]} maxLength={60} onChange={(e) => setBrand({ ...brand, handles: { ...brand.handles, [k]: e.target.value } })} />
            </label>
          ))}
        </div>
      </fieldset>
      <Field label={t('cards.brand.hashtags')} hint={t('cards.brand.hashtagsHint', { n: INSTAGRAM_HASHTAG_LIMIT.value })}>
        <input value={tags} onChange={(e) => setTags(e.target.value)} placeholder={t('cards.brand.hashtagsPlaceholder')} />
      </Field>
      <div className="row">
        <button type="submit" className="primary">
          {t('cards.brand.save')}
        </button>
      </div>
    </form>
  );
}
