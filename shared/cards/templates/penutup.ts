import type { LayoutElement } from '../layout';
import { frameOf, spec, type Template } from './common';

/** Carousel closing slide: logos, a call to action, website and social handles. */
export const penutup: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide, width: w, height: h, brand } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const logoH = Math.round((f.landscape ? 110 : 150) * s);
  const logos = [brand.hasPemdaLogo ? 'pemda' : null, brand.hasOpdLogo ? 'opd' : null].filter(Boolean) as ('opd' | 'pemda')[];
  const gap = 36 * s;
  const top = f.m + (f.story ? 200 * s : f.landscape ? 0 : 60 * s);
  let y = top;
  if (logos.length) {
    const total = logos.length * logoH + (logos.length - 1) * gap;
    logos.forEach((which, i) => els.push({ kind: 'logo', box: { x: (w - total) / 2 + i * (logoH + gap), y, w: logoH, h: logoH }, which, align: 'center' }));
    y += logoH + 48 * s;
  }
  const handles = brand.handles.map((x) => `${x.channel}  ${x.handle}`).join('\n');
  const box = { x: f.m, y, w: w - 2 * f.m, h: h - f.m - y };
  els.push({
    kind: 'stack',
    box,
    anchor: logos.length ? 'top' : 'center',
    items: [
      { spec: spec(f, 'opdName', brand.opdName, { weight: 'bold', maxSize: 34 * s, minSize: f.readable, maxLines: 2, align: 'center', color: f.ink, lineHeight: 1.2 }), maxH: box.h * 0.14, gapBefore: 0 },
      { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 56 : 76) * s, maxLines: 3, align: 'center', lineHeight: 1.1 }), maxH: box.h * 0.3, gapBefore: 24 * s },
      { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 34 * s, maxLines: 3, align: 'center', lineHeight: 1.35 }), maxH: box.h * 0.2, gapBefore: 20 * s },
      { spec: spec(f, 'website', brand.website, { weight: 'heavy', maxSize: 44 * s, minSize: f.readable, maxLines: 1, align: 'center', color: f.label }), maxH: box.h * 0.12, gapBefore: 44 * s },
      { spec: spec(f, 'handles', handles, { weight: 'semibold', maxSize: 34 * s, minSize: f.readable, maxLines: 5, align: 'center', lineHeight: 1.45, role: 'meta' }), maxH: box.h * 0.3, gapBefore: 24 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
