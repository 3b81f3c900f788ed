import type { LayoutElement } from '../layout';
import { contentBox, footer, frameOf, header, sourceText, spec, split, type Template } from './common';

/** Three to five achievements, each a number with an icon and a label. */
export const capaian: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const hb = header(ctx, f, els);
  let ft = footer(ctx, f, els);
  const src = sourceText(slide);
  if (src) {
    const h = f.readable * 2.6;
    els.push({ kind: 'text', box: { x: f.m, y: ft - h - 12 * s, w: ctx.width - 2 * f.m, h }, vAlign: 'bottom', spec: spec(f, 'source', src, { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 2, lineHeight: 1.3 }) });
    ft -= h + 12 * s;
  }
  const c = contentBox(ctx, f, hb, ft);
  const titleH = f.landscape ? c.h * 0.26 : c.h * 0.22;
  els.push({ kind: 'text', box: { x: c.x, y: c.y, w: c.w, h: titleH }, vAlign: 'top', spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 50 : 62) * s, maxLines: 3, lineHeight: 1.12 }) });
  const items = slide.items.filter((it) => it.value.trim() || it.label.trim());
  const area = { x: c.x, y: c.y + titleH + 28 * s, w: c.w, h: c.h - titleH - 28 * s };
  if (f.landscape) {
    split(area, Math.max(1, items.length), 28 * s, 'cols').forEach((b, i) => {
      const it = items[i];
      if (!it) return;
      const ic = Math.min(84 * s, b.h * 0.3);
      els.push({ kind: 'circle', box: { x: b.x, y: b.y, w: ic, h: ic }, fill: f.accent, opacity: 0.14 });
      els.push({ kind: 'icon', box: { x: b.x + ic * 0.22, y: b.y + ic * 0.22, w: ic * 0.56, h: ic * 0.56 }, icon: it.icon, color: f.accent });
      const ty = b.y + ic + 16 * s;
      els.push({ kind: 'text', box: { x: b.x, y: ty, w: b.w, h: (b.h - ic) * 0.42 }, vAlign: 'top', spec: spec(f, `items.${i}.value`, it.value, { weight: 'heavy', maxSize: 64 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.1, color: f.accent }) });
      els.push({ kind: 'text', box: { x: b.x, y: ty + (b.h - ic) * 0.42, w: b.w, h: b.y + b.h - ty - (b.h - ic) * 0.42 }, vAlign: 'top', spec: spec(f, `items.${i}.label`, it.label, { weight: 'semibold', maxSize: 28 * s, lineHeight: 1.25 }) });
    });
    return { background: f.bg, elements: els };
  }
  split(area, Math.max(3, items.length), 20 * s, 'rows').forEach((b, i) => {
    const it = items[i];
    if (!it) return;
    const ic = Math.min(120 * s, b.h * 0.9);
    els.push({ kind: 'circle', box: { x: b.x, y: b.y + (b.h - ic) / 2, w: ic, h: ic }, fill: f.accent, opacity: 0.14 });
    els.push({ kind: 'icon', box: { x: b.x + ic * 0.24, y: b.y + (b.h - ic) / 2 + ic * 0.24, w: ic * 0.52, h: ic * 0.52 }, icon: it.icon, color: f.accent });
    const tx = b.x + ic + 36 * s;
    const tw = b.x + b.w - tx;
    els.push({
      kind: 'stack',
      box: { x: tx, y: b.y, w: tw, h: b.h },
      anchor: 'center',
      items: [
        { spec: spec(f, `items.${i}.value`, it.value, { weight: 'heavy', maxSize: 76 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.08, color: f.accent }), maxH: b.h * 0.5, gapBefore: 0 },
        { spec: spec(f, `items.${i}.label`, it.label, { weight: 'semibold', maxSize: 32 * s, maxLines: 3, lineHeight: 1.25 }), maxH: b.h * 0.5 - 6 * s, gapBefore: 6 * s },
      ],
    });
  });
  return { background: f.bg, elements: els };
};
