import { sourceText, spec, standardFrame, type Template } from './common';

/** One big number with its label and a line of context. */
export const angkaKunci: Template = (ctx) => {
  const { f, els, c } = standardFrame(ctx);
  const { slide } = ctx;
  const s = f.s;
  if (f.landscape) {
    // Short and wide: the number on the left, its meaning on the right.
    const lw = c.w * 0.46;
    const gap = 48 * s;
    els.push({
      kind: 'stack',
      box: { x: c.x, y: c.y, w: lw, h: c.h },
      anchor: 'center',
      items: [
        { spec: spec(f, 'kicker', slide.kicker.toUpperCase(), { weight: 'bold', maxSize: 30 * s, minSize: f.readable, maxLines: 2, color: f.label }), maxH: c.h * 0.3, gapBefore: 0 },
        { spec: spec(f, 'number', slide.number, { weight: 'heavy', maxSize: 170 * s, minSize: Math.round(f.readable * 1.6), maxLines: 2, lineHeight: 1.05, color: f.accent }), maxH: c.h * 0.7, gapBefore: 12 * s },
      ],
    });
    const rx = c.x + lw + gap;
    els.push({ kind: 'rect', box: { x: rx - gap / 2, y: c.y + c.h * 0.1, w: Math.max(2, 3 * s), h: c.h * 0.8 }, fill: f.accent });
    els.push({
      kind: 'stack',
      box: { x: rx, y: c.y, w: c.x + c.w - rx, h: c.h },
      anchor: 'center',
      items: [
        { spec: spec(f, 'label', slide.label, { weight: 'bold', maxSize: 46 * s, maxLines: 4, lineHeight: 1.18 }), maxH: c.h * 0.45, gapBefore: 0 },
        { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 30 * s, lineHeight: 1.35 }), maxH: c.h * 0.38, gapBefore: 16 * s },
        { spec: spec(f, 'source', sourceText(slide), { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 2, lineHeight: 1.3 }), maxH: f.readable * 2.7, gapBefore: 16 * s },
      ],
    });
    return { background: f.bg, elements: els };
  }
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
