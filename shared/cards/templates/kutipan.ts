import { spec, standardFrame, type Template } from './common';

/** A quote with the speaker's photo, name and position. */
export const kutipan: Template = (ctx) => {
  const { f, els, c } = standardFrame(ctx);
  const { slide } = ctx;
  const s = f.s;
  const hasPhoto = slide.photoId !== null;
  const quote = slide.body.trim() ? `“${slide.body.trim().replace(/^["“]+|["”]+$/g, '')}”` : '';
  if (f.landscape) {
    const ph = Math.min(c.h * 0.78, 300 * s);
    const left = hasPhoto ? ph + 56 * s : 0;
    if (hasPhoto) els.push({ kind: 'photo', box: { x: c.x, y: c.y + (c.h - ph) / 2, w: ph, h: ph }, photoId: slide.photoId, shape: 'circle', placeholder: f.accent });
    els.push({
      kind: 'stack',
      box: { x: c.x + left, y: c.y, w: c.w - left, h: c.h },
      anchor: 'center',
      items: [
        { spec: spec(f, 'body', quote, { weight: 'semibold', maxSize: 46 * s, lineHeight: 1.3 }), maxH: c.h * 0.66, gapBefore: 0 },
        { bar: { w: 90 * s, h: Math.max(4, 8 * s), color: f.accent }, maxH: 8 * s, gapBefore: 24 * s },
        { spec: spec(f, 'speakerName', slide.speakerName, { weight: 'bold', maxSize: 34 * s, maxLines: 1, lineHeight: 1.2 }), maxH: c.h * 0.14, gapBefore: 20 * s },
        { spec: spec(f, 'speakerTitle', slide.speakerTitle, { weight: 'regular', maxSize: 28 * s, maxLines: 2, lineHeight: 1.25 }), maxH: c.h * 0.16, gapBefore: 4 * s },
      ],
    });
    return { background: f.bg, elements: els };
  }
  const mark = Math.round(180 * s);
  els.push({ kind: 'text', box: { x: c.x - 8 * s, y: c.y - 30 * s, w: mark, h: 260 * s }, vAlign: 'top', spec: spec(f, 'quoteMark', '“', { weight: 'heavy', maxSize: 260 * s, minSize: 260 * s, lineHeight: 1, color: f.accent, role: 'meta' }) });
  const ph = hasPhoto ? Math.round((f.story ? 220 : 170) * s) : 0;
  const bottomH = Math.max(ph, 150 * s);
  const qBox = { x: c.x, y: c.y + mark * 0.62, w: c.w, h: c.h - mark * 0.62 - bottomH - 48 * s };
  els.push({ kind: 'text', box: qBox, vAlign: 'center', spec: spec(f, 'body', quote, { weight: 'semibold', maxSize: (f.story ? 64 : 58) * s, lineHeight: 1.3 }) });
  const by = c.y + c.h - bottomH;
  if (hasPhoto) els.push({ kind: 'photo', box: { x: c.x, y: by + (bottomH - ph) / 2, w: ph, h: ph }, photoId: slide.photoId, shape: 'circle', placeholder: f.accent });
  const tx = c.x + (hasPhoto ? ph + 36 * s : 0);
  els.push({
    kind: 'stack',
    box: { x: tx, y: by, w: c.x + c.w - tx, h: bottomH },
    anchor: 'center',
    items: [
      { bar: { w: 72 * s, h: Math.max(4, 8 * s), color: f.accent }, maxH: 8 * s, gapBefore: 0 },
      { spec: spec(f, 'speakerName', slide.speakerName, { weight: 'bold', maxSize: 40 * s, maxLines: 2, lineHeight: 1.15 }), maxH: bottomH * 0.45, gapBefore: 16 * s },
      { spec: spec(f, 'speakerTitle', slide.speakerTitle, { weight: 'regular', maxSize: 30 * s, maxLines: 2, lineHeight: 1.25 }), maxH: bottomH * 0.4, gapBefore: 6 * s },
    ],
  });
  return { background: f.bg, elements: els };
};
