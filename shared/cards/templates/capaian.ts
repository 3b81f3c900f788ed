import { fitText } from '../fit';
import type { LayoutElement } from '../layout';
import { contentBox, footer, frameOf, header, sourceText, spec, split, topBar, type Template } from './common';

/** Three to five achievements, each a number with an icon and a label. */
export const capaian: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const hb = f.landscape ? topBar(ctx, f, els) : header(ctx, f, els);
  let ft = f.landscape ? f.bottom + Math.round(36 * s) : footer(ctx, f, els);
  const src = sourceText(slide);
  if (src) {
    // One line when it fits, so the items keep the room.
    const h = Math.ceil(f.readable * 1.3) * (ctx.m.advance(src, 'regular') * f.readable > ctx.width - 2 * f.m ? 2 : 1);
    els.push({ kind: 'text', box: { x: f.m, y: f.landscape ? f.bottom - h : ft - h - 12 * s, w: ctx.width - 2 * f.m, h }, vAlign: 'bottom', spec: spec(f, 'source', src, { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 2, lineHeight: 1.3 }) });
    ft -= h + 12 * s;
  }
  const c = contentBox(ctx, f, hb, ft);
  const titleSpec = spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 50 : 62) * s, maxLines: f.landscape ? 2 : 3, lineHeight: 1.12 });
  // The title takes what it needs (up to its share); the items get the rest.
  const titleMax = f.landscape ? c.h * 0.26 : c.h * 0.22;
  const titleH = slide.title.trim() ? Math.min(titleMax, fitText(slide.title, { w: c.w, h: titleMax }, titleSpec, ctx.m).height + 1) : 0;
  els.push({ kind: 'text', box: { x: c.x, y: c.y, w: c.w, h: titleH }, vAlign: 'top', spec: titleSpec });
  const items = slide.items.filter((it) => it.value.trim() || it.label.trim());
  const area = { x: c.x, y: c.y + titleH + 28 * s, w: c.w, h: c.h - titleH - 28 * s };
  // Where rows would be too flat (landscape, square with many items), the items go in a grid.
  const cols = f.landscape ? (items.length > 3 ? Math.ceil(items.length / 2) : Math.max(1, items.length)) : area.h / Math.max(3, items.length) < 170 * s ? 2 : 1;
  if (cols > 1) {
    const rows = Math.ceil(Math.max(1, items.length) / cols);
    split(area, rows, 24 * s, 'rows').forEach((row, r) =>
      split(row, cols, 28 * s, 'cols').forEach((b, k) => {
        const i = r * cols + k;
        const it = items[i];
        if (!it) return;
        // Three columns leave no room for icons beside the words.
        const ic = cols >= 3 ? 0 : Math.min(64 * s, b.h * 0.4);
        if (ic) {
          els.push({ kind: 'circle', box: { x: b.x, y: b.y, w: ic, h: ic }, fill: f.accent, opacity: 0.14 });
          els.push({ kind: 'icon', box: { x: b.x + ic * 0.22, y: b.y + ic * 0.22, w: ic * 0.56, h: ic * 0.56 }, icon: it.icon, color: f.accent });
        }
        const tx = b.x + (ic ? ic + 18 * s : 0);
        els.push({
          kind: 'stack',
          box: { x: tx, y: b.y, w: b.x + b.w - tx, h: b.h },
          anchor: 'top',
          items: [
            { spec: spec(f, `items.${i}.value`, it.value, { weight: 'heavy', maxSize: 60 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.08, color: f.accent, group: 'value' }), maxH: Math.min(b.h * 0.45, 60 * s * 1.08), gapBefore: 0 },
            { spec: spec(f, `items.${i}.label`, it.label, { weight: 'semibold', maxSize: 30 * s, maxLines: 3, lineHeight: 1.2, group: 'label' }), maxH: b.h - 60 * s * 1.08 - 4 * s, gapBefore: 4 * s },
          ],
        });
      }),
    );
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
        { spec: spec(f, `items.${i}.value`, it.value, { weight: 'heavy', maxSize: 76 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.08, color: f.accent, group: 'value' }), maxH: b.h * 0.5, gapBefore: 0 },
        { spec: spec(f, `items.${i}.label`, it.label, { weight: 'semibold', maxSize: 32 * s, maxLines: 3, lineHeight: 1.25, group: 'label' }), maxH: b.h * 0.5 - 6 * s, gapBefore: 6 * s },
      ],
    });
  });
  return { background: f.bg, elements: els };
};
