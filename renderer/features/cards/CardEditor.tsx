import { useCallback, useEffect, useMemo, useState } from 'react';
import type { CardExportResult } from '@shared/api/contracts/cards';
import { POSTS_LIST_MAX } from '@shared/api/contracts/posts';
import { altTextOf, draftAltText } from '@shared/cards/alt-text';
import type { CaptionPost } from '@shared/cards/captions';
import { CARD_SIZE_IDS, CARD_TEMPLATES, MAX_SLIDES, emptySlide, type Card, type CardContent, type CardSizeId, type Slide } from '@shared/cards/card';
import type { CardIssue } from '@shared/cards/checks';
import { CARD_FONTS, FONT_FAMILIES, type CardFont } from '@shared/cards/fonts';
import type { PostSummary } from '@shared/domain/post';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import type { AutosaveSpec } from '@ui/lib/autosave';
import { useApiQuery } from '@ui/lib/query';
import { useAutosave } from '@ui/lib/use-autosave';
import { ConflictNotice, SaveStatus } from '@ui/lib/ui/SaveStatus';
import { href, navigate } from '@ui/lib/router';
import { CaptionPanel } from './CaptionPanel';
import { CardPreview } from './CardPreview';
import { cardErrorMessage, inputIdFor, issueText, SETTINGS_FIELDS } from './card-ui';
import { SlideFields } from './SlideFields';
import { Field } from '@ui/lib/ui/Field';

const contentOf = (c: Card): CardContent => ({ name: c.name, slides: c.slides, sizes: c.sizes, colors: c.colors, font: c.font, postId: c.postId, captions: c.captions });
const NO_POSTS: PostSummary[] = [];
const newSlideId = () => (globalThis.crypto?.randomUUID?.() ?? `s${Date.now()}${Math.random().toString(36).slice(2)}`).replace(/[^A-Za-z0-9_-]/g, '');

/** The card editor: fields on the left, live previews per size on the right, checks, captions and export below. */
export function CardEditor({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { workspace, toast } = useApp();
  const [active, setActive] = useState(0);
  const [issues, setIssues] = useState<CardIssue[]>([]);
  const [exported, setExported] = useState<CardExportResult | null>(null);
  const [exporting, setExporting] = useState(false);
  const opdName = workspace.opd.fullName || workspace.opd.shortName;

  // The card and the articles it can link follow the store (another window, another PC by sync).
  const cardQuery = useApiQuery('cards.get', { id });
  const loaded = cardQuery.data ?? null;
  useEffect(() => {
    if (cardQuery.error && !cardQuery.data) toast(cardErrorMessage(t, cardQuery.error), 'error');
  }, [cardQuery.error, cardQuery.data, t, toast]);
  const posts: PostSummary[] = useApiQuery('posts.list', { limit: POSTS_LIST_MAX }).data?.items ?? NO_POSTS;

  // The shared autosave (as posts and photos): a pause after the last change, one save at a time, flushed on leave.
  const spec = useMemo<AutosaveSpec<Card, CardContent>>(
    () => ({
      key: `cards:${id}`,
      rev: (c) => c.rev,
      draftOf: contentOf,
      send: (patch, baseRev) => api.call('cards.update', { id, baseRev, patch }, { keepalive: true }),
      fetch: () => api.call('cards.get', { id }),
      isConflict: (e) => e instanceof ApiError && e.code === 'conflict',
    }),
    [id],
  );
  const { doc: card, draft, status, savedAt, error, edit: update, flush: saveNow, resolve, adopt } = useAutosave(loaded?.id === id ? loaded : null, spec);
  useEffect(() => {
    if (status === 'error') toast(cardErrorMessage(t, error), 'error');
  }, [status, error, t, toast]);

  // Checks of every slide at every size, after a short pause.
  useEffect(() => {
    if (!draft) return;
    let live = true;
    const timer = window.setTimeout(() => {
      api.call('cards.check', { content: draft }).then((r) => live && setIssues(r.issues), () => undefined);
    }, 200);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [draft, workspace]);

  // The linked article feeds the caption drafts.
  const linked = useApiQuery('posts.get', { id: draft?.postId ?? '' }, { enabled: Boolean(draft?.postId) }).data;
  const post: CaptionPost | null = useMemo(() => (draft?.postId && linked ? { title: linked.title, lead: linked.lead, url: null } : null), [draft?.postId, linked]);

  const updateSlide = useCallback(
    (i: number, patch: Partial<Slide>) => update((d) => ({ slides: d.slides.map((s, k) => (k === i ? { ...s, ...patch } : s)) })),
    [update],
  );

  const previewWidth = useMemo(() => {
    const n = draft?.sizes.length ?? 1;
    return n <= 1 ? 420 : n === 2 ? 300 : 220;
  }, [draft?.sizes.length]);

  if (!card || !draft) return <p className="muted">{t('common.loading')}</p>;
  const slide = draft.slides[Math.min(active, draft.slides.length - 1)];
  const ai = Math.min(active, draft.slides.length - 1);
  const hasErrors = issues.some((i) => i.severity === 'error');

  const addSlide = (template: Slide['template']) => {
    if (draft.slides.length >= MAX_SLIDES) {
      toast(t('cards.error.maxSlides', { n: MAX_SLIDES }), 'error');
      return;
    }
    const s = emptySlide(newSlideId(), template, template === 'sampul' || template === 'penutup' ? 'brand' : 'light');
    const at = template === 'sampul' ? 0 : draft.slides[draft.slides.length - 1]?.template === 'penutup' && template !== 'penutup' ? draft.slides.length - 1 : draft.slides.length;
    update({ slides: [...draft.slides.slice(0, at), s, ...draft.slides.slice(at)] });
    setActive(at);
  };
  const makeCarousel = () => {
    const slides = [...draft.slides];
    if (slides[0].template !== 'sampul') slides.unshift(emptySlide(newSlideId(), 'sampul', 'brand'));
    if (slides[slides.length - 1].template !== 'penutup') slides.push(emptySlide(newSlideId(), 'penutup', 'brand'));
    // Never drop a slide the writer made: say why instead.
    if (slides.length > MAX_SLIDES) {
      toast(t('cards.error.maxSlides', { n: MAX_SLIDES }), 'error');
      return;
    }
    update({ slides });
  };
  const move = (from: number, to: number) => {
    if (to < 0 || to >= draft.slides.length) return;
    const slides = [...draft.slides];
    const [s] = slides.splice(from, 1);
    slides.splice(to, 0, s);
    update({ slides });
    setActive(to);
  };
  const removeSlide = (i: number) => {
    if (draft.slides.length <= 1) return;
    update({ slides: draft.slides.filter((_, k) => k !== i) });
    setActive(Math.max(0, i - 1));
  };
  const flush = saveNow;
  const doExport = async () => {
    if (hasErrors) {
      toast(t('cards.export.hasErrors'), 'error');
      return;
    }
    setExporting(true);
    try {
      if (!(await flush())) return;
      const r = await api.call('cards.export', { id });
      setExported(r);
      toast(t('cards.export.done', { n: r.files.length }));
      adopt(await api.call('cards.get', { id }));
    } catch (e) {
      toast(cardErrorMessage(t, e), 'error');
    } finally {
      setExporting(false);
    }
  };
  const attach = async () => {
    if (!draft.postId) {
      toast(t('cards.export.pickPost'), 'error');
      return;
    }
    try {
      if (!(await flush())) return;
      await api.call('cards.attach', { id, postId: draft.postId });
      adopt(await api.call('cards.get', { id }));
      toast(t('cards.export.attached'));
    } catch (e) {
      toast(cardErrorMessage(t, e), 'error');
    }
  };
  const trash = async () => {
    try {
      await api.call('cards.trash', { id });
      toast(t('cards.editor.deleted'));
      navigate('media', 'cards');
    } catch (e) {
      toast(cardErrorMessage(t, e), 'error');
    }
  };
  const focusIssue = (i: CardIssue) => {
    // Header and footer texts come from the brand kit: the fix is there.
    if (i.field && i.field in SETTINGS_FIELDS) {
      void saveNow().then(() => navigate('settings', 'brand', SETTINGS_FIELDS[i.field as string]));
      return;
    }
    setActive(i.slide);
    window.setTimeout(() => document.getElementById(inputIdFor(i.slide, i.field ?? ''))?.focus(), 50);
  };
  // The writer accepts the short form a check offers for a figure that cannot be drawn whole.
  const acceptShort = (i: number, field: string, short: string) => {
    const item = /^items\.(\d+)\.value$/.exec(field);
    const s = draft.slides[i];
    if (item) updateSlide(i, { items: s.items.map((it, k) => (k === Number(item[1]) ? { ...it, value: short.slice(0, 40) } : it)) });
    else if (field === 'number') updateSlide(i, { number: short.slice(0, 24) });
  };
  const altDraft = draftAltText(slide, opdName, ai);

  return (
    <div className="cards-editor">
      <div className="row cards-editor-bar">
        <a href={href('media', 'cards')}>← {t('cards.editor.back')}</a>
        <SaveStatus status={status} savedAt={savedAt} className="muted" />
        <button type="button" className="danger" onClick={() => void trash()}>
          {t('cards.editor.delete')}
        </button>
      </div>
      {status === 'conflict' && <ConflictNotice message="cards.editor.conflict" onResolve={(keep) => void resolve(keep)} />}
      <div className="cards-layout">
        <div className="cards-form">
          <section className="card">
            <label className="field">
              <span className="field-label">{t('cards.editor.name')}</span>
              <input value={draft.name} maxLength={120} onChange={(e) => update({ name: e.target.value })} />
            </label>
            <fieldset className="cards-sizes">
              <legend className="field-label">{t('cards.editor.sizes')}</legend>
              {CARD_SIZE_IDS.map((s) => (
                <label key={s} className="row">
                  <input
                    type="checkbox"
                    checked={draft.sizes.includes(s)}
                    disabled={draft.sizes.length === 1 && draft.sizes.includes(s)}
                    onChange={(e) => update({ sizes: CARD_SIZE_IDS.filter((x) => (x === s ? e.target.checked : draft.sizes.includes(x))) })}
                  />
                  {t(`cards.size.${s}` as MessageKey)}
                </label>
              ))}
              <span className="field-hint">{t('cards.editor.sizesHint')}</span>
            </fieldset>
            <fieldset className="cards-colors">
              <legend className="field-label">{t('cards.editor.colors')}</legend>
              {(['primary', 'secondary', 'text', 'onPrimary'] as const).map((k) => (
                <label key={k} className="field">
                  <span className="field-label">{t(`cards.color.${k}`)}</span>
                  <span className="row">
                    <input type="color" aria-label={t(`cards.color.${k}`)} value={draft.colors[k]} onChange={(e) => update({ colors: { ...draft.colors, [k]: e.target.value } })} />
                    <input
                      className="cards-hex"
                      aria-label={t('cards.color.hex', { name: t(`cards.color.${k}`) })}
                      data-testid={`color-${k}`}
                      defaultValue={draft.colors[k]}
                      key={draft.colors[k]}
                      maxLength={7}
                      onBlur={(e) => /^#[0-9a-fA-F]{6}$/.test(e.target.value) && update({ colors: { ...draft.colors, [k]: e.target.value.toLowerCase() } })}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                      }}
                    />
                  </span>
                </label>
              ))}
            </fieldset>
            <label className="field">
              <span className="field-label">{t('cards.editor.font')}</span>
              <select value={draft.font} onChange={(e) => update({ font: e.target.value as CardFont })}>
                {CARD_FONTS.map((f) => (
                  <option key={f} value={f}>
                    {FONT_FAMILIES[f].label}
                  </option>
                ))}
              </select>
            </label>
          </section>

          <section className="card" aria-labelledby="cards-slides-h">
            <h2 id="cards-slides-h">{t('cards.editor.slides')}</h2>
            <ol className="cards-slide-tabs">
              {draft.slides.map((s, i) => (
                <li key={s.id}>
                  <button type="button" className={i === ai ? 'chip active' : 'chip'} aria-pressed={i === ai} onClick={() => setActive(i)}>
                    {t('cards.editor.slideN', { n: i + 1, name: t(`cards.template.${s.template}` as MessageKey) })}
                    {issues.some((x) => x.slide === i && x.severity === 'error') ? ' ⚠' : ''}
                  </button>
                </li>
              ))}
            </ol>
            <div className="row">
              <label className="field">
                <span className="field-label">{t('cards.editor.addSlide')}</span>
                <select
                  value=""
                  disabled={draft.slides.length >= MAX_SLIDES}
                  onChange={(e) => {
                    if (e.target.value) addSlide(e.target.value as Slide['template']);
                  }}
                >
                  <option value="">{t('cards.editor.addSlide')}…</option>
                  {CARD_TEMPLATES.map((tp) => (
                    <option key={tp} value={tp}>
                      {t(`cards.template.${tp}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              {draft.slides.length < MAX_SLIDES && (draft.slides[0].template !== 'sampul' || draft.slides[draft.slides.length - 1].template !== 'penutup') && (
                <button type="button" className="ghost" onClick={makeCarousel}>
                  {t('cards.editor.addCarousel')}
                </button>
              )}
            </div>
            {draft.slides.length >= MAX_SLIDES && <p className="field-hint">{t('cards.editor.maxSlides')}</p>}

            <div className="cards-slide-head">
              <h3>{t('cards.editor.slideN', { n: ai + 1, name: t(`cards.template.${slide.template}` as MessageKey) })}</h3>
              <div className="row">
                <button type="button" className="ghost" onClick={() => move(ai, ai - 1)} disabled={ai === 0} aria-label={t('cards.editor.moveUp')}>
                  ↑
                </button>
                <button type="button" className="ghost" onClick={() => move(ai, ai + 1)} disabled={ai === draft.slides.length - 1} aria-label={t('cards.editor.moveDown')}>
                  ↓
                </button>
                <button type="button" className="ghost" onClick={() => removeSlide(ai)} disabled={draft.slides.length <= 1}>
                  {t('cards.editor.removeSlide')}
                </button>
              </div>
            </div>
            <div className="grid-2">
              <label className="field">
                <span className="field-label">{t('cards.editor.template')}</span>
                <select value={slide.template} onChange={(e) => updateSlide(ai, { template: e.target.value as Slide['template'] })}>
                  {CARD_TEMPLATES.map((tp) => (
                    <option key={tp} value={tp}>
                      {t(`cards.template.${tp}` as MessageKey)}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                <span className="field-label">{t('cards.editor.theme')}</span>
                <select value={slide.theme} onChange={(e) => updateSlide(ai, { theme: e.target.value as Slide['theme'] })}>
                  <option value="light">{t('cards.theme.light')}</option>
                  <option value="brand">{t('cards.theme.brand')}</option>
                </select>
              </label>
            </div>
            <SlideFields key={slide.id} slide={slide} index={ai} onChange={(p) => updateSlide(ai, p)} />
            <Field label={t('cards.field.altText')} hint={t('cards.field.altHint')}>
              <textarea id={inputIdFor(ai, 'altText')} rows={3} maxLength={1000} value={altTextOf(slide, opdName, ai)} onChange={(e) => updateSlide(ai, { altText: e.target.value })} />
            </Field>
            {slide.altText !== null && slide.altText !== altDraft && (
              <button type="button" className="ghost" onClick={() => updateSlide(ai, { altText: null })}>
                {t('cards.field.altReset')}
              </button>
            )}
          </section>
        </div>

        <div className="cards-side">
          <section className="card cards-previews" aria-label={t('cards.editor.preview')}>
            <div className="cards-preview-row">
              {draft.sizes.map((s: CardSizeId) => (
                <CardPreview key={s} content={draft} slide={ai} sizeId={s} width={previewWidth} />
              ))}
            </div>
          </section>
          <section className="card" aria-labelledby="cards-checks-h">
            <h2 id="cards-checks-h">{t('cards.checks.title')}</h2>
            {issues.length === 0 ? (
              <p className="muted" data-testid="cards-checks-ok">{t('cards.checks.none')}</p>
            ) : (
              <ul className="cards-issues" data-testid="cards-issues">
                {issues.map((i, k) => (
                  <li key={k} className={`cards-issue ${i.severity}`} data-code={i.code}>
                    <button type="button" className="cards-issue-link" onClick={() => focusIssue(i)}>
                      <span className="badge">{t(`cards.severity.${i.severity}`)}</span> <strong>{t('cards.checks.slide', { n: i.slide + 1 })}</strong>
                      {i.sizes && i.sizes.length < draft.sizes.length && <span className="muted"> ({t('cards.checks.sizes', { sizes: i.sizes.map((s) => t(`cards.size.${s}` as MessageKey).split(' (')[0]).join(', ') })})</span>}
                    </button>
                    <p>{issueText(t, i, draft.slides[i.slide]?.template ?? 'angka-kunci', lang)}</p>
                    {typeof i.params.short === 'string' && i.field && (
                      <button type="button" className="ghost" onClick={() => acceptShort(i.slide, i.field as string, i.params.short as string)}>
                        {t('cards.issue.useShort', { short: i.params.short })}
                      </button>
                    )}
                    {i.field && i.field in SETTINGS_FIELDS && (
                      <a className="button ghost" href={href('settings', 'brand', SETTINGS_FIELDS[i.field])}>
                        {t('cards.issue.openSettings')}
                      </a>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section className="card" aria-labelledby="cards-export-h">
            <h2 id="cards-export-h">{t('cards.export.title')}</h2>
            <div className="row">
              <button type="button" className="primary" onClick={() => void doExport()} disabled={exporting}>
                {exporting ? t('cards.export.running') : t('cards.export.run')}
              </button>
              <button type="button" className="ghost" onClick={() => void attach()}>
                {t('cards.export.attach')}
              </button>
            </div>
            {exported && (
              <ul className="cards-export-list" data-testid="cards-export-list">
                {exported.files.map((f) => (
                  <li key={f.name}>
                    <a href={f.url} download={f.name}>
                      {f.format === 'txt' ? f.name : t('cards.export.file', { name: f.name, w: f.width, h: f.height, kb: Math.round(f.bytes / 1024) })}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      </div>
      <CaptionPanel content={draft} post={post} posts={posts} onChange={update} />
    </div>
  );
}
