import type { LayoutElement, StackItem } from '@shared/cards/layout';
import { frameOf, logoWidth, opdNameFit, spec, type Frame, type Template, type TemplateContext } from './common';

function nameItem(ctx: TemplateContext, f: Frame, w: number, maxLines: number, maxSize: number, align: 'left' | 'center'): StackItem {
  const name = opdNameFit(ctx, f, w, maxLines, maxSize);
  // A fixed item: its size was chosen by opdNameFit (full name, else the brand kit's short name).
  return name
    ? { spec: spec(f, 'opdName', name.text, { weight: 'bold', maxSize: name.size, minSize: name.size, maxLines, align, color: f.ink, lineHeight: 1.15 }), maxH: name.height + 1, gapBefore: 0 }
    : { maxH: 0, gapBefore: 0 };
}

/** Carousel closing slide: logos, a call to action, website and social handles. */
export const penutup: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide, width: w, brand } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const logos = [brand.hasPemdaLogo ? 'pemda' : null, brand.hasOpdLogo ? 'opd' : null].filter(Boolean) as ('opd' | 'pemda')[];
  const gap = 36 * s;
  const handles = brand.handles.map((x) => `${x.channel}  ${x.handle}`).join('\n');
  if (f.landscape) {
    // Short and wide: who we are on the left, where to find us on the right.
    const lw = Math.round((w - 2 * f.m) * 0.56);
    const logoH = Math.round(96 * s);
    let y = f.top;
    let lx = f.m;
    for (const which of logos) {
      const lw2 = logoWidth(ctx, which, logoH);
      els.push({ kind: 'logo', box: { x: lx, y, w: lw2, h: logoH }, which, align: 'center', bg: f.bg });
      lx += lw2 + gap;
    }
    if (logos.length) y += logoH + 28 * s;
    const left = { x: f.m, y, w: lw, h: f.bottom - y };
    els.push({
      kind: 'stack',
      box: left,
      anchor: logos.length ? 'top' : 'center',
      items: [
        nameItem(ctx, f, left.w, 3, 30 * s, 'left'),
        { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: 54 * s, maxLines: 3, lineHeight: 1.1 }), maxH: left.h * 0.5, gapBefore: 18 * s },
        { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 30 * s, maxLines: 3, lineHeight: 1.3 }), maxH: left.h * 0.3, gapBefore: 14 * s },
      ],
    });
    const rx = f.m + lw + 64 * s;
    els.push({ kind: 'rect', box: { x: rx - 32 * s, y: f.top, w: Math.max(2, 3 * s), h: f.bottom - f.top }, fill: f.label, opacity: 0.5 });
    els.push({
      kind: 'stack',
      box: { x: rx, y: f.top, w: w - f.m - rx, h: f.bottom - f.top },
      anchor: 'center',
      items: [
        { spec: spec(f, 'website', brand.website, { weight: 'heavy', maxSize: 40 * s, minSize: f.readable, maxLines: 2, color: f.label, lineHeight: 1.15 }), maxH: (f.bottom - f.top) * 0.34, gapBefore: 0 },
        { spec: spec(f, 'handles', handles, { weight: 'semibold', maxSize: 30 * s, minSize: f.readable, maxLines: 6, lineHeight: 1.35, role: 'meta' }), maxH: (f.bottom - f.top) * 0.62, gapBefore: 24 * s },
      ],
    });
    return { background: f.bg, elements: els };
  }
  const logoH = Math.round(150 * s);
  let y = f.top + (f.story ? 80 * s : 60 * s);
  if (logos.length) {
    const widths = logos.map((k) => logoWidth(ctx, k, logoH));
    const total = widths.reduce((a, b) => a + b, 0) + (logos.length - 1) * gap;
    let lx = (w - total) / 2;
    logos.forEach((which, i) => {
      els.push({ kind: 'logo', box: { x: lx, y, w: widths[i], h: logoH }, which, align: 'center', bg: f.bg });
      lx += widths[i] + gap;
    });
    y += logoH + 48 * s;
  }
  const box = { x: f.m, y, w: w - 2 * f.m, h: f.bottom - y };
  els.push({
    kind: 'stack',
    box,
    anchor: logos.length ? 'top' : 'center',
    items: [
      nameItem(ctx, f, box.w, 3, 34 * s, 'center'),
      { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: 76 * s, maxLines: 3, align: 'center', lineHeight: 1.1 }), maxH: box.h * 0.3, gapBefore: 24 * s },
      { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 34 * s, maxLines: 3, align: 'center', lineHeight: 1.35 }), maxH: box.h * 0.2, gapBefore: 20 * s },
      { spec: spec(f, 'website', brand.website, { weight: 'heavy', maxSize: 44 * s, minSize: f.readable, maxLines: 1, align: 'center', color: f.label }), maxH: box.h * 0.12, gapBefore: 44 * s },
      { spec: spec(f, 'handles', handles, { weight: 'semibold', maxSize: 34 * s, minSize: f.readable, maxLines: 5, align: 'center', lineHeight: 1.45, role: 'meta' }), maxH: box.h * 0.3, gapBefore: 24 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
