import { readableOn } from '@shared/cards/contrast';
import { sourceText, spec, split, standardFrame, type Template } from './common';

/** A title and three to six numbered points. */
export const poinPoin: Template = (ctx) => {
  const { f, els, c: frameBox } = standardFrame(ctx);
  const c = { ...frameBox };
  const { slide } = ctx;
  const s = f.s;
  const points = slide.points.map((p) => p.trim()).filter(Boolean);
  // The numbers sit on accent discs: whichever of the text colour and white reads better there.
  const numberInk = readableOn(f.accent, ctx.colors.text, '#ffffff');
  // Points with statistics carry their source on a line under them.
  const src = sourceText(slide);
  if (src) {
    const h = Math.ceil(f.readable * 1.3) * (ctx.m.advance(src, 'regular') * f.readable > c.w ? 2 : 1);
    els.push({ kind: 'text', box: { x: c.x, y: c.y + c.h - h, w: c.w, h }, vAlign: 'bottom', spec: spec(f, 'source', src, { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 2, lineHeight: 1.3 }) });
    c.h -= h + 20 * s;
  }
  const titleH = f.landscape ? c.h * 0.24 : c.h * 0.22;
  els.push({ kind: 'text', box: { x: c.x, y: c.y, w: c.w, h: titleH }, vAlign: 'top', spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 50 : 64) * s, maxLines: 3, lineHeight: 1.12 }) });
  const area = { x: c.x, y: c.y + titleH + 30 * s, w: c.w, h: c.h - titleH - 30 * s };
  const cols = f.landscape && points.length > 3 ? 2 : 1;
  const perCol = Math.ceil(Math.max(3, points.length) / cols);
  const colBoxes = split(area, cols, 40 * s, 'cols');
  points.forEach((p, i) => {
    const col = colBoxes[Math.floor(i / perCol)];
    const b = split(col, perCol, 18 * s, 'rows')[i % perCol];
    const d = Math.max(Math.min(64 * s, b.h * 0.8), f.readable * 2);
    els.push({ kind: 'circle', box: { x: b.x, y: b.y, w: d, h: d }, fill: f.accent });
    els.push({ kind: 'text', box: { x: b.x, y: b.y, w: d, h: d }, vAlign: 'center', spec: spec(f, `points.${i}.n`, String(i + 1), { weight: 'heavy', maxSize: Math.max(d * 0.5, f.readable), minSize: Math.max(d * 0.5, f.readable), maxLines: 1, lineHeight: 1, align: 'center', color: numberInk, bg: f.accent, role: 'meta' }) });
    const tx = b.x + d + 28 * s;
    els.push({ kind: 'text', box: { x: tx, y: b.y + Math.max(0, (d - 40 * s * 1.3) / 2), w: b.x + b.w - tx, h: b.h - Math.max(0, (d - 40 * s * 1.3) / 2) }, vAlign: 'top', spec: spec(f, `points.${i}`, p, { weight: 'semibold', maxSize: (f.landscape ? 30 : 40) * s, lineHeight: 1.3, maxLines: 4, group: 'point' }) });
  });
  return { background: f.bg, elements: els };
};
