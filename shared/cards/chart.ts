import Papa from 'papaparse';
import { CARD_TEXT_LIMITS, type StatItem } from './card';
import { parseFigure } from './figures';
import type { Box, LayoutElement } from './layout';

/**
 * Charts for Capaian, drawn from the numbers the writer entered: bars whose
 * heights follow the values, or a donut whose segments are the shares of the
 * total. Pure geometry; the template adds the labels as text.
 */

/** The values of the items, or null for an item whose value is not a number. */
export function chartValues(items: StatItem[]): (number | null)[] {
  return items.map((it) => parseFigure(it.value)?.value ?? null);
}

const r2 = (v: number) => Math.round(v * 100) / 100;

/** Vertical bars in `area`, tallest = full height; every bar at least a sliver so zero still shows. */
export function barRects(values: number[], area: Box, gap: number): Box[] {
  const max = Math.max(...values, 0);
  const n = values.length;
  const w = (area.w - gap * (n - 1)) / n;
  return values.map((v, i) => {
    const h = max > 0 ? Math.max(2, (v / max) * area.h) : 2;
    return { x: area.x + i * (w + gap), y: area.y + area.h - h, w, h };
  });
}

/** One ring segment from angle a0 to a1 (radians, 0 = 12 o'clock, clockwise) as SVG path data. */
export function ringSegment(cx: number, cy: number, r: number, inner: number, a0: number, a1: number): string {
  // A full ring is two halves: one arc cannot start and end at the same point.
  if (a1 - a0 >= Math.PI * 2 - 1e-9) return `${ringSegment(cx, cy, r, inner, 0, Math.PI)}${ringSegment(cx, cy, r, inner, Math.PI, Math.PI * 2)}`;
  const pt = (rad: number, a: number) => `${r2(cx + rad * Math.sin(a))} ${r2(cy - rad * Math.cos(a))}`;
  const large = a1 - a0 > Math.PI ? 1 : 0;
  return `M${pt(r, a0)}A${r2(r)} ${r2(r)} 0 ${large} 1 ${pt(r, a1)}L${pt(inner, a1)}A${r2(inner)} ${r2(inner)} 0 ${large} 0 ${pt(inner, a0)}Z`;
}

/** Donut segments for the values' shares of their total, clockwise from 12 o'clock. */
export function donutSegments(values: number[], box: Box, colors: string[]): LayoutElement[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return [];
  const r = Math.min(box.w, box.h) / 2;
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  let a = 0;
  return values.map((v, i) => {
    const a1 = a + (v / total) * Math.PI * 2;
    const el: LayoutElement = { kind: 'path', box, d: ringSegment(cx, cy, r, r * 0.58, a, a1), fill: colors[i % colors.length] };
    a = a1;
    return el;
  });
}

/**
 * Capaian items from rows copied out of a spreadsheet (tab-separated, as
 * Excel and Google Sheets put them on the clipboard; commas and semicolons
 * work too): in each row the cell that is a figure becomes the value and
 * the first other cell the label. Header rows without a figure are skipped.
 * Null when the text is not a table (a plain paste into one field).
 */
export function itemsFromTable(text: string): StatItem[] | null {
  if (!/[\t\n;]/.test(text.trim())) return null;
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const items: StatItem[] = [];
  for (const row of parsed.data) {
    const cells = row.map((c) => String(c).trim()).filter(Boolean);
    const vi = cells.findIndex((c) => parseFigure(c) !== null);
    if (vi < 0) continue;
    const label = cells.find((_, i) => i !== vi) ?? '';
    items.push({ value: cells[vi].slice(0, 40), label: label.slice(0, CARD_TEXT_LIMITS.short), icon: 'chart' });
    if (items.length === CARD_TEXT_LIMITS.items) break;
  }
  return items.length ? items : null;
}
