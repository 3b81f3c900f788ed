import type { LayoutElement } from '../layout';
import { contentBox, footer, frameOf, header, sourceText, spec, type Template } from './common';

/** One big number with its label and a line of context. */
export const angkaKunci: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide } = ctx;
  const els: LayoutElement[] = [];
  const hb = header(ctx, f, els);
  const ft = footer(ctx, f, els);
  const c = contentBox(ctx, f, hb, ft);
  const s = f.s;
  els.push({
    kind: 'stack',
    box: c,
    anchor: 'center',
    items: [
      { spec: spec(f, 'kicker', slide.kicker.toUpperCase(), { weight: 'bold', maxSize: 34 * s, minSize: f.readable, maxLines: 2, color: f.label }), maxH: c.h * 0.12, gapBefore: 0 },
      { spec: spec(f, 'number', slide.number, { weight: 'heavy', maxSize: (f.landscape ? 180 : 250) * s, minSize: Math.round(f.readable * 1.6), maxLines: 2, lineHeight: 1.05, color: f.accent }), maxH: c.h * 0.36, gapBefore: 24 * s },
      { bar: { w: 120 * s, h: Math.max(4, 10 * s), color: f.accent }, maxH: 10 * s, gapBefore: 28 * s },
      { spec: spec(f, 'label', slide.label, { weight: 'bold', maxSize: 60 * s, maxLines: 4, lineHeight: 1.18 }), maxH: c.h * 0.26, gapBefore: 36 * s },
      { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 36 * s, lineHeight: 1.4 }), maxH: c.h * 0.22, gapBefore: 24 * s },
      { spec: spec(f, 'source', sourceText(slide), { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 2, lineHeight: 1.3 }), maxH: f.readable * 2.7, gapBefore: 30 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
