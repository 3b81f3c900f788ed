import type { LayoutElement } from '@shared/cards/layout';
import { contentBox, footer, frameOf, header, spec, type Template } from './common';

/** Carousel cover: kicker, a strong headline and an optional photo. */
export const sampul: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide, width: w, height: h } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const hasPhoto = slide.photoId !== null;
  let hb: number;
  let c;
  if (hasPhoto && f.landscape) {
    const pw = Math.round(w * 0.46);
    els.push({ kind: 'photo', box: { x: w - pw, y: 0, w: pw, h }, photoId: slide.photoId, shape: 'rect', placeholder: f.accent });
    hb = header(ctx, f, els, f.m, f.top, f.bg, f.ink, w - pw - f.m);
    const ft = footer(ctx, f, els, { x: f.m, y: 0, w: w - pw - 2 * f.m, h: f.bottom });
    c = contentBox({ ...ctx, width: w - pw }, f, hb, ft);
  } else if (hasPhoto) {
    const ph = Math.round(h * (f.story ? 0.5 : h / w < 1.1 ? 0.36 : 0.44));
    els.push({ kind: 'photo', box: { x: 0, y: h - ph, w, h: ph }, photoId: slide.photoId, shape: 'rect', placeholder: f.accent });
    els.push({ kind: 'rect', box: { x: 0, y: h - ph - Math.max(6, 12 * s), w, h: Math.max(6, 12 * s) }, fill: f.accent });
    hb = header(ctx, f, els);
    c = contentBox(ctx, f, hb, h - ph - 40 * s);
  } else {
    hb = header(ctx, f, els);
    const ft = footer(ctx, f, els);
    c = contentBox(ctx, f, hb, ft);
  }
  els.push({
    kind: 'stack',
    box: c,
    anchor: hasPhoto && !f.landscape ? 'bottom' : 'center',
    items: [
      { spec: spec(f, 'kicker', slide.kicker.toUpperCase(), { weight: 'bold', maxSize: 34 * s, minSize: f.readable, maxLines: 2, color: f.label }), maxH: Math.max(c.h * 0.14, 34 * s * 1.3), gapBefore: 0 },
      { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 66 : f.story ? 104 : 92) * s, maxLines: 6, lineHeight: 1.06 }), maxH: c.h * 0.62, gapBefore: 22 * s },
      { bar: { w: 120 * s, h: Math.max(4, 10 * s), color: f.accent }, maxH: 10 * s, gapBefore: 32 * s },
      { spec: spec(f, 'label', slide.label, { weight: 'regular', maxSize: 38 * s, maxLines: 3, lineHeight: 1.3 }), maxH: c.h * 0.2, gapBefore: 28 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
