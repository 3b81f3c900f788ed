import type { LayoutElement } from '@shared/cards/layout';
import { footer, frameOf, header, logoWidth, spec, type Template } from './common';

/** A photo with a caption band (headline, caption, photo credit). */
export const fotoKeterangan: Template = (ctx) => {
  const f = frameOf(ctx);
  const { slide, width: w, height: h } = ctx;
  const s = f.s;
  const els: LayoutElement[] = [];
  const credit = slide.credit.trim() ? (/^foto\s*:/i.test(slide.credit.trim()) ? slide.credit.trim() : `Foto: ${slide.credit.trim()}`) : '';
  if (f.landscape) {
    const pw = Math.round(w * 0.48);
    els.push({ kind: 'photo', box: { x: 0, y: 0, w: pw, h }, photoId: slide.photoId, shape: 'rect', placeholder: f.accent });
    const x = pw + f.m * 0.8;
    const bw = w - x - f.m * 0.8;
    const hb = header(ctx, f, els, x, f.m * 0.8);
    const ft = footer(ctx, f, els, { x, y: 0, w: bw, h: h - f.m * 0.8 });
    const top = hb + 30 * s;
    els.push({
      kind: 'stack',
      box: { x, y: top, w: bw, h: ft - 24 * s - top },
      anchor: 'center',
      items: [
        { bar: { w: 80 * s, h: Math.max(4, 8 * s), color: f.accent }, maxH: 8 * s, gapBefore: 0 },
        { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: 44 * s, maxLines: 4, lineHeight: 1.12 }), maxH: (ft - top) * 0.4, gapBefore: 20 * s },
        { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 28 * s, lineHeight: 1.3 }), maxH: (ft - top) * 0.42, gapBefore: 16 * s },
        { spec: spec(f, 'credit', credit, { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 1, lineHeight: 1.3 }), maxH: f.readable * 1.4, gapBefore: 14 * s },
      ],
    });
    return { background: f.bg, elements: els };
  }
  const ph = Math.round(h * (f.story ? 0.6 : h / w > 1.1 ? 0.58 : 0.52));
  els.push({ kind: 'photo', box: { x: 0, y: 0, w, h: ph }, photoId: slide.photoId, shape: 'rect', placeholder: f.accent });
  // Logos sit on a white plate so they stay visible on any photo.
  if (ctx.brand.hasOpdLogo || ctx.brand.hasPemdaLogo) {
    const lh = Math.round(76 * s);
    const lw = (ctx.brand.hasOpdLogo ? logoWidth(ctx, 'opd', lh) + Math.round(20 * s) : 0) + (ctx.brand.hasPemdaLogo ? logoWidth(ctx, 'pemda', lh) + Math.round(20 * s) : 0) - Math.round(20 * s);
    els.push({ kind: 'rect', box: { x: f.m - 18 * s, y: f.top - 18 * s, w: lw + 36 * s, h: lh + 36 * s }, fill: '#ffffff', radius: 20 * s, opacity: 0.92 });
    header({ ...ctx, brand: { ...ctx.brand, opdName: '', opdShortName: '' } }, f, els, f.m, f.top, '#ffffff');
  }
  els.push({ kind: 'rect', box: { x: 0, y: ph, w, h: Math.max(6, 12 * s) }, fill: f.accent });
  const ft = footer(ctx, f, els);
  const top = ph + 12 * s + 52 * s;
  const avail = ft - 30 * s - top;
  els.push({
    kind: 'stack',
    box: { x: f.m, y: top, w: w - 2 * f.m, h: avail },
    anchor: 'top',
    items: [
      { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.story ? 60 : 52) * s, maxLines: 3, lineHeight: 1.12 }), maxH: avail * 0.46, gapBefore: 0 },
      { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 32 * s, lineHeight: 1.4 }), maxH: avail * 0.4, gapBefore: 18 * s },
      { spec: spec(f, 'credit', credit, { weight: 'regular', maxSize: f.readable, minSize: f.readable, maxLines: 1, lineHeight: 1.3 }), maxH: f.readable * 1.4, gapBefore: 16 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
