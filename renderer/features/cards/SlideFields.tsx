import type { ClipboardEvent } from 'react';
import { CARD_TEXT_LIMITS, type Slide, type StatItem } from '@shared/cards/card';
import { itemsFromTable } from '@shared/cards/chart';
import { ICON_NAMES } from '@shared/cards/icons';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { fieldLabel, inputIdFor } from './card-ui';
import { PhotoPicker } from './PhotoPicker';

type TextField = 'kicker' | 'title' | 'number' | 'label' | 'body' | 'source' | 'speakerName' | 'speakerTitle' | 'date' | 'time' | 'place' | 'contact' | 'link' | 'credit';

const FIELDS: Record<Slide['template'], (TextField | 'items' | 'points' | 'photo')[]> = {
  'angka-kunci': ['kicker', 'number', 'label', 'body', 'source'],
  capaian: ['title', 'items', 'source'],
  kutipan: ['body', 'speakerName', 'speakerTitle', 'photo'],
  'poin-poin': ['title', 'points', 'source'],
  agenda: ['kicker', 'title', 'date', 'time', 'place', 'contact', 'link', 'body'],
  'foto-keterangan': ['photo', 'title', 'body', 'credit'],
  sampul: ['kicker', 'title', 'label', 'photo'],
  penutup: ['title', 'body'],
};

const MAX: Record<TextField, number> = {
  kicker: 60, title: CARD_TEXT_LIMITS.short, number: 24, label: CARD_TEXT_LIMITS.short, body: CARD_TEXT_LIMITS.long, source: CARD_TEXT_LIMITS.short,
  speakerName: 80, speakerTitle: CARD_TEXT_LIMITS.short, date: 60, time: 60, place: CARD_TEXT_LIMITS.short, contact: CARD_TEXT_LIMITS.short, link: 300, credit: CARD_TEXT_LIMITS.short,
};

const HINTS: Partial<Record<TextField, MessageKey>> = { number: 'cards.field.numberHint', source: 'cards.field.sourceHint', link: 'cards.field.linkHint' };

/** The fields of one slide, the ones its template uses. */
export function SlideFields({ slide, index, onChange }: { slide: Slide; index: number; onChange(patch: Partial<Slide>): void }) {
  const { t } = useI18n();
  const idp = (f: string) => inputIdFor(index, f);
  // The hint sits outside the <label> (linked by aria-describedby) so the field's name stays short.
  const text = (f: TextField) => {
    const label = fieldLabel(t, f, slide.template);
    const id = idp(f);
    const hint = HINTS[f] ? t(HINTS[f]) : undefined;
    const described = hint ? `${id}-hint` : undefined;
    const control =
      f === 'body' ? (
        <textarea id={id} rows={3} maxLength={MAX[f]} value={slide[f]} aria-describedby={described} onChange={(e) => onChange({ [f]: e.target.value })} />
      ) : (
        <input id={id} maxLength={MAX[f]} value={slide[f]} aria-describedby={described} onChange={(e) => onChange({ [f]: e.target.value })} />
      );
    return (
      <div className="field" key={f}>
        <label className="field-label" htmlFor={id}>
          {label}
        </label>
        {control}
        {hint && (
          <span className="field-hint" id={described}>
            {hint}
          </span>
        )}
      </div>
    );
  };
  const items = () => {
    const list: StatItem[] = slide.items.length ? slide.items : [];
    const set = (i: number, patch: Partial<StatItem>) => onChange({ items: list.map((it, k) => (k === i ? { ...it, ...patch } : it)) });
    // Rows copied from a spreadsheet fill all the items at once (label and number per row).
    const paste = (e: ClipboardEvent<HTMLInputElement>) => {
      const rows = itemsFromTable(e.clipboardData.getData('text/plain'));
      if (!rows) return;
      e.preventDefault();
      onChange({ items: rows.map((r, k) => ({ ...r, icon: list[k]?.icon ?? r.icon })) });
    };
    return (
      <fieldset className="cards-items" key="items">
        <legend className="field-label">{t('cards.field.items')}</legend>
        <p className="field-hint">{t('cards.field.itemsPasteHint')}</p>
        {list.map((it, i) => (
          <div className="cards-item-row" key={i}>
            <label className="field">
              <span className="field-label">{t('cards.field.itemValue', { n: i + 1 })}</span>
              <input id={idp(`items.${i}.value`)} maxLength={40} value={it.value} onPaste={paste} onChange={(e) => set(i, { value: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('cards.field.itemLabel', { n: i + 1 })}</span>
              <input id={idp(`items.${i}.label`)} maxLength={CARD_TEXT_LIMITS.short} value={it.label} onPaste={paste} onChange={(e) => set(i, { label: e.target.value })} />
            </label>
            <label className="field">
              <span className="field-label">{t('cards.field.itemIcon', { n: i + 1 })}</span>
              <select value={it.icon} onChange={(e) => set(i, { icon: e.target.value as StatItem['icon'] })}>
                {ICON_NAMES.map((n) => (
                  <option key={n} value={n}>
                    {t(`cards.icon.${n}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="ghost cards-remove" aria-label={`${t('cards.field.remove')} ${t('cards.field.itemValue', { n: i + 1 })}`} onClick={() => onChange({ items: list.filter((_, k) => k !== i) })}>
              ×
            </button>
          </div>
        ))}
        {list.length < CARD_TEXT_LIMITS.items && (
          <button type="button" className="ghost" onClick={() => onChange({ items: [...list, { value: '', label: '', icon: 'chart' }] })}>
            + {t('cards.field.addItem')}
          </button>
        )}
      </fieldset>
    );
  };
  const points = () => (
    <fieldset className="cards-items" key="points">
      <legend className="field-label">{t('cards.field.points')}</legend>
      {slide.points.map((p, i) => (
        <div className="cards-point-row" key={i}>
          <label className="field">
            <span className="field-label">{t('cards.field.point', { n: i + 1 })}</span>
            <input id={idp(`points.${i}`)} maxLength={200} value={p} onChange={(e) => onChange({ points: slide.points.map((x, k) => (k === i ? e.target.value : x)) })} />
          </label>
          <button type="button" className="ghost cards-remove" aria-label={`${t('cards.field.remove')} ${t('cards.field.point', { n: i + 1 })}`} onClick={() => onChange({ points: slide.points.filter((_, k) => k !== i) })}>
            ×
          </button>
        </div>
      ))}
      {slide.points.length < CARD_TEXT_LIMITS.points && (
        <button type="button" className="ghost" onClick={() => onChange({ points: [...slide.points, ''] })}>
          + {t('cards.field.addPoint')}
        </button>
      )}
    </fieldset>
  );
  const chart = () => (
    <div className="field" key="chart">
      <label className="field-label" htmlFor={idp('chart')}>
        {t('cards.field.chart')}
      </label>
      <select id={idp('chart')} value={slide.chart} onChange={(e) => onChange({ chart: e.target.value as Slide['chart'] })}>
        <option value="none">{t('cards.chart.none')}</option>
        <option value="bar">{t('cards.chart.bar')}</option>
        <option value="donut">{t('cards.chart.donut')}</option>
      </select>
    </div>
  );
  return (
    <div className="cards-fields">
      {slide.template === 'capaian' && chart()}
      {FIELDS[slide.template].map((f) =>
        f === 'items' ? items() : f === 'points' ? points() : f === 'photo' ? <PhotoPicker key="photo" idPrefix={`card-s${index}`} value={slide.photoId} onChange={(photoId) => onChange({ photoId })} /> : text(f),
      )}
    </div>
  );
}
