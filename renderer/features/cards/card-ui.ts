import type { CardIssue } from '../../../shared/cards/checks';
import type { CardTemplate } from '../../../shared/cards/card';
import type { MessageKey } from '../../i18n/catalog';
import type { Translate } from '../../i18n/i18n';

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

export function issueText(t: Translate, issue: CardIssue, template: CardTemplate): string {
  const field = issue.field ? fieldLabel(t, issue.field, template) : '';
  return t(`cards.issue.${issue.code}` as MessageKey, { ...issue.params, field });
}

/** Parent key of a field for focusing its input ("items.2.label" → "items.2.label", "points.1.n" → "points.1"). */
export function inputIdFor(slide: number, field: string): string {
  return `card-s${slide}-${field.replace(/\.n$/, '').replace(/\./g, '-')}`;
}
