import type { IconName } from '@shared/cards/icons';
import { spec, split, standardFrame, type Template } from './common';

/** An event or announcement: what, date, time, place, contact. */
export const agenda: Template = (ctx) => {
  const { f, els, c } = standardFrame(ctx);
  const { slide } = ctx;
  const s = f.s;
  const rows: { field: string; text: string; icon: IconName }[] = (
    [
      { field: 'date', text: slide.date, icon: 'calendar' },
      { field: 'time', text: slide.time, icon: 'clock' },
      { field: 'place', text: slide.place, icon: 'pin' },
      { field: 'contact', text: slide.contact, icon: 'phone' },
    ] as const
  ).filter((r) => r.text.trim());
  const link = slide.link.trim();
  // Landscape: the QR code goes under the title in the left column.
  const qrLand = link && f.landscape ? Math.round(Math.min(c.h * 0.34, 170 * s)) : 0;
  const headH = f.landscape ? c.h - (qrLand ? qrLand + 20 * s : 0) : c.h * 0.42;
  const headW = f.landscape ? c.w * 0.4 : c.w;
  if (qrLand) els.push({ kind: 'qr', box: { x: c.x, y: c.y + c.h - qrLand, w: qrLand, h: qrLand }, text: link, color: ctx.colors.text });
  els.push({
    kind: 'stack',
    box: { x: c.x, y: c.y, w: headW, h: headH },
    anchor: f.landscape ? 'center' : 'top',
    items: [
      { spec: spec(f, 'kicker', slide.kicker.toUpperCase(), { weight: 'bold', maxSize: 32 * s, minSize: f.readable, maxLines: f.landscape ? 2 : 1, color: f.label }), maxH: Math.max(headH * 0.18, f.readable * 1.3), gapBefore: 0 },
      { spec: spec(f, 'title', slide.title, { weight: 'heavy', maxSize: (f.landscape ? 48 : 70) * s, maxLines: 4, lineHeight: 1.1 }), maxH: headH * (f.landscape ? 0.5 : 0.62), gapBefore: 18 * s },
      { spec: spec(f, 'body', slide.body, { weight: 'regular', maxSize: 30 * s, maxLines: 3, lineHeight: 1.35 }), maxH: headH * (f.landscape ? 0.3 : 0.2), gapBefore: 16 * s },
    ],
  });
  // Landscape: the details sit in a panel to the right of the title.
  const area = f.landscape
    ? { x: c.x + headW + 56 * s, y: c.y + 8 * s, w: c.w - headW - 64 * s, h: c.h - 16 * s }
    : { x: c.x, y: c.y + headH + 30 * s, w: c.w, h: c.h - headH - 30 * s };
  // A tinted panel groups the details, like a ticket.
  els.push({ kind: 'rect', box: { x: area.x - 8 * s, y: area.y - 8 * s, w: area.w + 16 * s, h: area.h + 16 * s }, fill: f.accent, opacity: 0.08, radius: 28 * s });
  const panel = { x: area.x + 28 * s, y: area.y + 24 * s, w: area.w - 56 * s, h: area.h - 48 * s };
  // Portrait, square and story: the QR code (a registration link) sits at the right of the details.
  const qr = link && !f.landscape ? Math.round(Math.min(panel.h, panel.w * 0.34, 300 * s)) : 0;
  if (qr) els.push({ kind: 'qr', box: { x: panel.x + panel.w - qr, y: panel.y + (panel.h - qr) / 2, w: qr, h: qr }, text: link, color: ctx.colors.text });
  const inner = { ...panel, w: panel.w - (qr ? qr + 28 * s : 0) };
  split(inner, Math.max(3, rows.length), 12 * s, 'rows').forEach((b, i) => {
    const r = rows[i];
    if (!r) return;
    const ic = Math.min(60 * s, b.h * 0.8);
    els.push({ kind: 'icon', box: { x: b.x, y: b.y + (b.h - ic) / 2, w: ic, h: ic }, icon: r.icon, color: f.accent });
    const tx = b.x + ic + 28 * s;
    // The panel tint is light: contrast is checked against the page colour.
    els.push({ kind: 'text', box: { x: tx, y: b.y, w: b.x + b.w - tx, h: b.h }, vAlign: 'center', spec: spec(f, r.field, r.text, { weight: 'semibold', maxSize: (f.landscape ? 30 : 40) * s, maxLines: f.landscape ? 3 : 2, lineHeight: 1.22 }) });
  });
  return { background: f.bg, elements: els };
};
