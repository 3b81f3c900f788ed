import { altTextOf } from './alt-text';
import { cardSize, type CardContent, type CardSizeId } from './card';
import { contrastRatio, isLargeText, meetsAA } from './contrast';
import { chartValues } from './chart';
import { shortFigure } from './figures';
import type { ResolvedLayout } from './layout';
import { NUMBER_TEMPLATES, PHOTO_TEMPLATES, readableMin } from './templates';

export const ISSUE_CODES = [
  'too_long',
  'contrast',
  'too_small',
  'too_many_words',
  'missing_source',
  'missing_alt',
  'missing_photo',
  'carousel_cover',
  'logo_unreadable',
  'undrawable',
  'chart_values',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface CardIssue {
  code: IssueCode;
  severity: 'error' | 'warning';
  /** 0-based slide index. */
  slide: number;
  field?: string;
  sizes?: CardSizeId[];
  params: Record<string, string | number>;
}

/** A figure that states a quantity: thousands with dots, a percentage, a rupiah amount, or a decimal. */
const STATISTIC = /\d{1,3}(?:\.\d{3})+|\d\s?(?:%|persen)|Rp\s?\d|\d,\d/i;

/** Fields that hold a key figure. */
const FIGURE_FIELD = /^(number|items\.\d+\.value)$/;

/** More words than this on one slide is hard to take in while scrolling. */
export const MAX_WORDS_PER_SLIDE = 45;

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

function push(out: CardIssue[], issue: CardIssue, size?: CardSizeId) {
  const same = out.find((i) => i.code === issue.code && i.slide === issue.slide && i.field === issue.field);
  if (same) {
    if (size && same.sizes && !same.sizes.includes(size)) same.sizes.push(size);
    return;
  }
  out.push({ ...issue, sizes: size ? [size] : issue.sizes });
}

/** Checks of one rendered layout (fit, contrast, readability, words). */
export function checkLayout(layout: ResolvedLayout, slide: number, sizeId: CardSizeId, out: CardIssue[] = []): CardIssue[] {
  const size = cardSize(sizeId);
  const min = readableMin(size.width);
  let wordCount = 0;
  for (const el of layout.elements) {
    if (el.kind !== 'text' || el.lines.length === 0 && el.fits) continue;
    if (el.role === 'content') wordCount += words(el.text);
    // A key figure that cannot be drawn whole gets its short form offered ("Rp12,3 miliar").
    const short = FIGURE_FIELD.test(el.field) ? shortFigure(el.text) : null;
    const extra: Record<string, string> = short ? { short } : {};
    if (!el.fits) push(out, { code: 'too_long', severity: 'error', slide, field: el.field, params: { field: el.field, ...extra } }, sizeId);
    else if (el.size < min - 0.01) push(out, { code: 'too_small', severity: 'warning', slide, field: el.field, params: { field: el.field, size: Math.round(el.size), min, ...extra } }, sizeId);
    // Never a silent box: what cannot be drawn is named.
    if (el.missing) push(out, { code: 'undrawable', severity: 'warning', slide, field: el.field, params: { field: el.field, chars: el.missing } }, sizeId);
    const ratio = contrastRatio(el.color, el.bg);
    const large = isLargeText(el.size, el.weight === 'bold' || el.weight === 'heavy', size.width);
    if (!meetsAA(ratio, large)) {
      push(out, { code: 'contrast', severity: 'warning', slide, field: el.field, params: { field: el.field, ratio: Math.floor(ratio * 100) / 100, need: large ? 3 : 4.5, color: el.color, bg: el.bg } }, sizeId);
    }
  }
  if (wordCount > MAX_WORDS_PER_SLIDE) push(out, { code: 'too_many_words', severity: 'warning', slide, params: { words: wordCount, max: MAX_WORDS_PER_SLIDE } }, sizeId);
  return out;
}

/** Content checks that do not depend on the layout. */
export function checkContent(card: CardContent, opdName: string, out: CardIssue[] = []): CardIssue[] {
  card.slides.forEach((s, i) => {
    const hasNumber =
      s.template === 'angka-kunci'
        ? /\d/.test(s.number)
        : s.template === 'capaian'
          ? s.items.some((it) => /\d/.test(it.value))
          : // Points carry statistics too ("Rp150.000 per bulan", "92% desa"); a list number or "3x4" is not one.
            s.template === 'poin-poin' && s.points.some((p) => STATISTIC.test(p));
    // "Sumber:" alone, or a word like "-", names no source.
    const source = s.source.replace(/^\s*sumber\s*:?/i, '').trim();
    if ((NUMBER_TEMPLATES.includes(s.template) || s.template === 'poin-poin') && hasNumber && !/\p{L}{2,}/u.test(source)) push(out, { code: 'missing_source', severity: 'warning', slide: i, field: 'source', params: {} });
    // A chart needs a number in every value; otherwise the slide shows the list and says which value.
    if (s.template === 'capaian' && s.chart !== 'none') {
      const vals = chartValues(s.items.filter((it) => it.value.trim() || it.label.trim()));
      const bad = vals.findIndex((v) => v === null);
      if (bad >= 0) push(out, { code: 'chart_values', severity: 'warning', slide: i, field: `items.${bad}.value`, params: { field: `items.${bad}.value` } });
    }
    if (!altTextOf(s, opdName, i).trim()) push(out, { code: 'missing_alt', severity: 'warning', slide: i, field: 'altText', params: {} });
    if (PHOTO_TEMPLATES.includes(s.template) && !s.photoId) push(out, { code: 'missing_photo', severity: 'warning', slide: i, field: 'photoId', params: {} });
  });
  if (card.slides.length >= 3) {
    const first = card.slides[0].template;
    const last = card.slides[card.slides.length - 1].template;
    if (first !== 'sampul' || last !== 'penutup') push(out, { code: 'carousel_cover', severity: 'warning', slide: first !== 'sampul' ? 0 : card.slides.length - 1, params: {} });
  }
  return out;
}
