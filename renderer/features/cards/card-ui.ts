import type { CardIssue } from '@shared/cards/checks';
import type { CardTemplate } from '@shared/cards/card';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, type Translate } from '@ui/i18n/i18n';
import { ApiError } from '@shared/api/errors';
import { MAX_SLIDES } from '@shared/cards/card';
import type { Language } from '@shared/domain/workspace';

const BODY_LABEL: Partial<Record<CardTemplate, MessageKey>> = {
  'angka-kunci': 'cards.field.body.context',
  kutipan: 'cards.field.body.quote',
  'foto-keterangan': 'cards.field.body.caption',
};

/** The label of a slide field as the editor shows it (for messages naming a field). */
export function fieldLabel(t: Translate, field: string, template: CardTemplate): string {
  const item = /^items\.(\d+)\.(value|label)$/.exec(field);
  if (item) return t(item[2] === 'value' ? 'cards.field.itemValue' : 'cards.field.itemLabel', { n: Number(item[1]) + 1 });
  const point = /^points\.(\d+)/.exec(field);
  if (point) return t('cards.field.point', { n: Number(point[1]) + 1 });
  if (field === 'body') return t(BODY_LABEL[template] ?? 'cards.field.body.note');
  if (field === 'label' && template === 'sampul') return t('cards.field.subtitle');
  return t(`cards.field.${field}` as MessageKey);
}

/**
 * Fields that come from Pengaturan, not from the slide: where a message about
 * them sends the user (the brand kit field, or the OPD profile).
 */
export const SETTINGS_FIELDS: Record<string, string> = { opdName: 'shortName', footer: 'footer', handles: 'handles', website: 'website', page: 'footer', opdLogo: 'opdLogo', pemdaLogo: 'pemdaLogo' };

/** Numbers in messages the way the language writes them ("2,32:1" in Indonesian). */
function localParams(params: CardIssue['params'], lang: Language): Record<string, string | number> {
  const fmt = new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', { maximumFractionDigits: 2 });
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' && !Number.isInteger(v) ? fmt.format(v) : v]));
}

export function issueText(t: Translate, issue: CardIssue, template: CardTemplate, lang: Language = 'id'): string {
  const field = issue.field ? fieldLabel(t, issue.field, template) : '';
  const params = { ...localParams(issue.params, lang), field };
  if (issue.code === 'too_long' && issue.field && issue.field in SETTINGS_FIELDS) return t(issue.field === 'opdName' ? 'cards.issue.too_long_opdName' : 'cards.issue.too_long_brand', params);
  if ((issue.code === 'too_long' || issue.code === 'too_small') && typeof issue.params.short === 'string') return t(`cards.issue.${issue.code}_figure`, params);
  return t(`cards.issue.${issue.code}` as MessageKey, params);
}

/** Parent key of a field for focusing its input ("items.2.label" → "items.2.label", "points.1.n" → "points.1"). */
export function inputIdFor(slide: number, field: string): string {
  return `card-s${slide}-${field.replace(/\.n$/, '').replace(/\./g, '-')}`;
}

/**
 * A refusal of the cards API in the user's language: the schema's limits
 * (ten slides, field lengths) are said in words, not as an English schema
 * message; anything else goes through the shared translation.
 */
export function cardErrorMessage(t: Translate, err: unknown): string {
  if (err instanceof ApiError && err.code === 'invalid_input') {
    const paths = (err.issues ?? []).map((i) => i.path);
    if (paths.some((p) => /(^|\.)slides$/.test(p))) return t('cards.error.maxSlides', { n: MAX_SLIDES });
    if (paths.some((p) => /(^|\.)slides\.\d+\./.test(p) || /(^|\.)name$/.test(p))) return t('cards.error.fieldTooLong');
    if (paths.some((p) => /(^|\.)sizes$/.test(p))) return t('cards.error.sizes');
  }
  return errorMessage(t, err);
}
