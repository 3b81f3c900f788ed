import { useMemo } from 'react';
import { captionsFor, CAPTION_CHANNELS, excessHashtags, type CaptionChannel, type CaptionPost } from '@shared/cards/captions';
import type { CardContent } from '@shared/cards/card';
import { countFor } from '@shared/channels/count';
import type { PostSummary } from '@shared/domain/post';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';

/** Captions per channel, drafted from the card (and linked article), with live counters. */
export function CaptionPanel({
  content,
  post,
  posts,
  onChange,
}: {
  content: CardContent;
  post: CaptionPost | null;
  posts: PostSummary[];
  onChange(patch: Partial<CardContent>): void;
}) {
  const { t, lang } = useI18n();
  const { workspace } = useApp();
  const drafted = useMemo(() => captionsFor({ card: content, post, brand: workspace.brand, website: workspace.opd.website }), [content, post, workspace]);
  const nf = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB');
  const setCaption = (ch: CaptionChannel, text: string | null) => {
    const next = { ...content.captions };
    if (text === null) delete next[ch];
    else next[ch] = text;
    onChange({ captions: next });
  };
  return (
    <section className="card cards-captions" aria-labelledby="cards-captions-h">
      <h2 id="cards-captions-h">{t('cards.captions.title')}</h2>
      <label className="field">
        <span className="field-label">{t('cards.captions.post')}</span>
        <select value={content.postId ?? ''} onChange={(e) => onChange({ postId: e.target.value || null })}>
          <option value="">{t('cards.captions.noPost')}</option>
          {posts.map((p) => (
            <option key={p.id} value={p.id}>
              {p.title || p.id}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">{t('cards.captions.intro', { post: post ? t('cards.captions.fromPost') : '' })}</p>
      {CAPTION_CHANNELS.map((ch) => {
        const text = content.captions[ch] ?? drafted[ch];
        const c = countFor(ch, text);
        const over = c.used > c.limit;
        const extra = excessHashtags(ch, text);
        const counterId = `cards-count-${ch}`;
        return (
          <div className="field cards-caption" key={ch}>
            <div className="row cards-caption-head">
              <label className="field-label" htmlFor={`cards-caption-${ch}`}>
                {t(`cards.channel.${ch}` as MessageKey)}
              </label>
              {content.captions[ch] !== undefined && <span className="badge">{t('cards.captions.edited')}</span>}
              <span id={counterId} className={over || extra.length ? 'cards-counter over' : 'cards-counter'} data-testid={`caption-count-${ch}`} aria-live="polite">
                {t(ch === 'x' ? 'cards.captions.countX' : 'cards.captions.count', { used: nf.format(c.used), limit: nf.format(c.limit) })}
                {c.hashtagLimit !== null && <> · {t('cards.captions.tags', { n: c.hashtags, max: c.hashtagLimit })}</>}
                {over && <> · {t('cards.captions.over')}</>}
              </span>
            </div>
            <textarea id={`cards-caption-${ch}`} rows={ch === 'x' ? 4 : 7} value={text} aria-describedby={counterId} onChange={(e) => setCaption(ch, e.target.value)} />
            {extra.length > 0 && <span className="field-hint cards-warn">{t('cards.captions.overTags', { tags: extra.map((h) => `#${h}`).join(' ') })}</span>}
            {content.captions[ch] !== undefined && (
              <div>
                <button type="button" className="ghost" onClick={() => setCaption(ch, null)}>
                  {t('cards.captions.reset')}
                </button>
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
