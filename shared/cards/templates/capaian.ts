import type { StatItem } from '@shared/cards/card';
import { barRects, chartValues, donutSegments } from '@shared/cards/chart';
import { parseHex } from '@shared/cards/contrast';
import { fitText } from '@shared/cards/fit';
import type { Box, LayoutElement } from '@shared/cards/layout';
import { contentBox, footer, frameOf, header, sourceText, spec, split, topBar, type Frame, type Template, type TemplateContext } from './common';

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
  const values = chartValues(items);
  if (slide.chart !== 'none' && items.length >= 2 && values.every((v) => v !== null && v >= 0)) {
    drawChart(ctx, f, els, area, items, values as number[]);
    return { background: f.bg, elements: els };
  }
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

/** Mixes two #rrggbb colours (t = share of b). */
function mix(a: string, b: string, t: number): string {
  const [ar, ag, ab] = parseHex(a);
  const [br, bg, bb] = parseHex(b);
  const c = (x: number, y: number) => Math.round(x + (y - x) * t).toString(16).padStart(2, '0');
  return `#${c(ar, br)}${c(ag, bg)}${c(ab, bb)}`;
}

/** Series colours from the brand: distinct from each other and from the slide's background. */
function seriesColors(ctx: TemplateContext, f: Frame): string[] {
  const { primary, secondary, text, onPrimary } = ctx.colors;
  return ctx.slide.theme === 'brand'
    ? [secondary, onPrimary, mix(secondary, onPrimary, 0.5), mix(onPrimary, primary, 0.45), mix(secondary, '#000000', 0.3)]
    : [f.accent, secondary, text, mix(primary, '#ffffff', 0.5), mix(secondary, '#ffffff', 0.45)];
}

/** Bars or a donut from the item values, in brand colours, with each value and label written out. */
function drawChart(ctx: TemplateContext, f: Frame, els: LayoutElement[], area: Box, items: StatItem[], values: number[]): void {
  const s = f.s;
  const colors = seriesColors(ctx, f);
  if (ctx.slide.chart === 'bar') {
    const valueH = Math.round(Math.max(f.readable, 56 * s) * 1.15);
    const labelH = Math.min(area.h * 0.3, Math.ceil(f.readable * 1.2) * 3);
    const bars = { x: area.x, y: area.y + valueH, w: area.w, h: area.h - valueH - labelH - 14 * s };
    const rects = barRects(values, bars, 28 * s);
    rects.forEach((r, i) => {
      els.push({ kind: 'rect', box: r, fill: colors[0], radius: Math.min(10 * s, r.w / 4) });
      els.push({ kind: 'text', box: { x: r.x, y: r.y - valueH, w: r.w, h: valueH }, vAlign: 'bottom', spec: spec(f, `items.${i}.value`, items[i].value, { weight: 'heavy', maxSize: 56 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.1, align: 'center', color: f.accent, group: 'value' }) });
      els.push({ kind: 'text', box: { x: r.x, y: bars.y + bars.h + 14 * s, w: r.w, h: labelH }, vAlign: 'top', spec: spec(f, `items.${i}.label`, items[i].label, { weight: 'semibold', maxSize: 28 * s, maxLines: 3, lineHeight: 1.2, align: 'center', group: 'label' }) });
    });
    els.push({ kind: 'rect', box: { x: bars.x, y: bars.y + bars.h, w: bars.w, h: Math.max(1, 2 * s) }, fill: f.ink, opacity: 0.3 });
    return;
  }
  // Donut: the ring on the left, a legend with every value and label on the right.
  const d = Math.min(area.h, area.w * (f.landscape ? 0.4 : 0.48));
  const ring = { x: area.x, y: area.y + (area.h - d) / 2, w: d, h: d };
  els.push(...donutSegments(values, ring, colors));
  const lx = area.x + d + 40 * s;
  const legend = { x: lx, y: area.y, w: area.x + area.w - lx, h: area.h };
  split(legend, Math.max(3, items.length), 14 * s, 'rows').forEach((b, i) => {
    const it = items[i];
    if (!it) return;
    const sw = Math.round(26 * s);
    els.push({ kind: 'rect', box: { x: b.x, y: b.y + 8 * s, w: sw, h: sw }, fill: colors[i % colors.length], radius: 6 * s });
    const tx = b.x + sw + 18 * s;
    els.push({
      kind: 'stack',
      box: { x: tx, y: b.y, w: b.x + b.w - tx, h: b.h },
      anchor: 'top',
      items: [
        { spec: spec(f, `items.${i}.value`, it.value, { weight: 'heavy', maxSize: 48 * s, minSize: f.readable, maxLines: 1, lineHeight: 1.08, color: f.accent, group: 'value' }), maxH: Math.min(b.h * 0.5, 48 * s * 1.1), gapBefore: 0 },
        { spec: spec(f, `items.${i}.label`, it.label, { weight: 'semibold', maxSize: 28 * s, maxLines: 2, lineHeight: 1.2, group: 'label' }), maxH: b.h - Math.min(b.h * 0.5, 48 * s * 1.1) - 4 * s, gapBefore: 4 * s },
      ],
    });
  });
}
