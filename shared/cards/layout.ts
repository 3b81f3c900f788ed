import { contrastRatio, isLargeText, meetsAA } from './contrast';
import { fitText, type FitStyle, type Measurer } from './fit';
import type { FontWeight } from './fonts';
import type { IconName } from './icons';

/**
 * Pure layout descriptions. A template turns a slide into a LayoutSpec (boxes
 * in card pixels); resolveLayout fits every text into its box with the real
 * font metrics; the main process draws the result. Nothing here draws.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type TextRole = 'content' | 'meta';

export interface TextSpec extends FitStyle {
  /** Which slide field the text comes from ("title", "items.2.label", "footer"…), for messages. */
  field: string;
  text: string;
  color: string;
  /** The colour right behind the text (for the contrast check). */
  bg: string;
  align: 'left' | 'center' | 'right';
  /** content counts towards "too many words"; meta (footer, page number) does not. */
  role: TextRole;
  /** Siblings (the values of Capaian, the points of Poin-poin) share one type size: the smallest any of them needs. */
  group?: string;
  /** Colour to use instead when `color` would fail the WCAG AA contrast at the size the text gets (accent figures on a brand slide). */
  fallbackColor?: string;
}

export interface StackItem {
  spec?: TextSpec;
  /** A solid bar (accent rule) instead of text. */
  bar?: { w: number; h: number; color: string };
  /** Largest height this item may take. */
  maxH: number;
  /** Space above the item (dropped for the first visible item). */
  gapBefore: number;
}

export type LayoutElement =
  | { kind: 'rect'; box: Box; fill: string; radius?: number; opacity?: number }
  | { kind: 'circle'; box: Box; fill: string; opacity?: number }
  /** A QR code of `text` (a registration link), dark modules in `color` on a white plate with its quiet zone. */
  | { kind: 'qr'; box: Box; text: string; color: string }
  /** A shape given as SVG path data in card pixels (chart segments); `box` bounds it. */
  | { kind: 'path'; box: Box; d: string; fill: string }
  | { kind: 'photo'; box: Box; photoId: string | null; shape: 'rect' | 'circle'; placeholder: string }
  | { kind: 'icon'; box: Box; icon: IconName; color: string }
  | { kind: 'logo'; box: Box; which: 'opd' | 'pemda'; align: 'left' | 'center' | 'right'; /** The colour behind the logo (for a plate where it would vanish). */ bg?: string }
  | { kind: 'text'; box: Box; spec: TextSpec; vAlign: 'top' | 'center' | 'bottom' }
  | { kind: 'stack'; box: Box; anchor: 'top' | 'center' | 'bottom'; items: StackItem[] };

export interface LayoutSpec {
  width: number;
  height: number;
  background: string;
  elements: LayoutElement[];
}

export interface ResolvedLine {
  text: string;
  /** Left edge of the line and its baseline. */
  x: number;
  y: number;
  width: number;
}

export interface ResolvedText {
  kind: 'text';
  field: string;
  role: TextRole;
  /** The region the text was given (its box, or its stack's box); the lines never leave it. */
  frame: Box;
  /** The part of the frame the lines use. */
  box: Box;
  size: number;
  weight: FontWeight;
  color: string;
  bg: string;
  lines: ResolvedLine[];
  /** Height actually used by the line boxes. */
  usedHeight: number;
  fits: boolean;
  text: string;
  /** Characters no bundled font or emoji set can draw (left out, and named by the checks). */
  missing: string;
}

export type ResolvedElement = Exclude<LayoutElement, { kind: 'text' } | { kind: 'stack' }> | ResolvedText;

export interface ResolvedLayout {
  width: number;
  height: number;
  background: string;
  elements: ResolvedElement[];
}

function placeText(spec: TextSpec, box: Box, vAlign: 'top' | 'center' | 'bottom', m: Measurer, frame: Box = box, cardWidth = 1080): ResolvedText {
  const fit = fitText(spec.text, box, spec, m);
  const bold = spec.weight === 'bold' || spec.weight === 'heavy';
  const color = spec.fallbackColor && !meetsAA(contrastRatio(spec.color, spec.bg), isLargeText(fit.size, bold, cardWidth)) ? spec.fallbackColor : spec.color;
  const lh = fit.size * spec.lineHeight;
  const asc = m.ascent(spec.weight) * fit.size;
  const desc = m.descent(spec.weight) * fit.size;
  const top = vAlign === 'top' ? box.y : vAlign === 'bottom' ? box.y + box.h - fit.height : box.y + (box.h - fit.height) / 2;
  const lines = fit.lines.map((text, i) => {
    const width = m.advance(text, spec.weight) * fit.size;
    const x = spec.align === 'left' ? box.x : spec.align === 'right' ? box.x + box.w - width : box.x + (box.w - width) / 2;
    // Centre the glyph extent (ascender + descender) in the line box.
    const y = top + i * lh + (lh - (asc + desc)) / 2 + asc;
    return { text, x, y, width };
  });
  return {
    kind: 'text',
    field: spec.field,
    role: spec.role,
    frame,
    box: { ...box, y: top, h: fit.height },
    size: fit.size,
    weight: spec.weight,
    color,
    bg: spec.bg,
    lines,
    usedHeight: fit.height,
    fits: fit.fits,
    text: spec.text,
    missing: m.missing?.(fit.lines.join(''), spec.weight) ?? '',
  };
}

/**
 * Fits every text with the font metrics and places stacked items one under
 * another. Texts of one group are then fitted again at the group's smallest
 * size, so siblings never differ in size.
 */
export function resolveLayout(spec: LayoutSpec, m: Measurer): ResolvedLayout {
  const first = resolveOnce(spec, m);
  const sizes = new Map<string, number>();
  const specs = new Map<string, TextSpec>();
  for (const el of spec.elements) {
    if (el.kind === 'text' && el.spec.group) specs.set(el.spec.field, el.spec);
    if (el.kind === 'stack') for (const it of el.items) if (it.spec?.group) specs.set(it.spec.field, it.spec);
  }
  if (specs.size === 0) return first;
  for (const el of first.elements) {
    const g = el.kind === 'text' ? specs.get(el.field)?.group : undefined;
    if (g && el.kind === 'text') sizes.set(g, Math.min(sizes.get(g) ?? Infinity, el.size));
  }
  const cap = (s: TextSpec): TextSpec => {
    const size = s.group ? sizes.get(s.group) : undefined;
    return size === undefined ? s : { ...s, maxSize: Math.min(s.maxSize, size), minSize: Math.min(s.minSize, size) };
  };
  return resolveOnce(
    {
      ...spec,
      elements: spec.elements.map((el) => (el.kind === 'text' ? { ...el, spec: cap(el.spec) } : el.kind === 'stack' ? { ...el, items: el.items.map((it) => (it.spec ? { ...it, spec: cap(it.spec) } : it)) } : el)),
    },
    m,
  );
}

function resolveOnce(spec: LayoutSpec, m: Measurer): ResolvedLayout {
  const out: ResolvedElement[] = [];
  for (const el of spec.elements) {
    if (el.kind === 'text') {
      if (el.spec.text.trim()) out.push(placeText(el.spec, el.box, el.vAlign, m, el.box, spec.width));
      continue;
    }
    if (el.kind !== 'stack') {
      out.push(el);
      continue;
    }
    const items = el.items.filter((it) => it.bar || (it.spec && it.spec.text.trim()));
    // Scale the allowances down if the template asked for more than the box holds.
    const gaps = items.reduce((s, it, i) => s + (i === 0 ? 0 : it.gapBefore), 0);
    // Fixed items (bars, one-size lines such as "Sumber: …") keep their height; the others share what is left.
    const fixed = (it: StackItem) => !!it.bar || (it.spec !== undefined && it.spec.minSize >= it.spec.maxSize);
    const fixedH = items.reduce((s, it) => s + (fixed(it) ? (it.bar ? it.bar.h : it.maxH) : 0), 0);
    const want = items.reduce((s, it) => s + (fixed(it) ? 0 : it.maxH), 0);
    const room = el.box.h - gaps - fixedH;
    const k = want + gaps + fixedH > el.box.h && want > 0 ? Math.max(0, room / want) : 1;
    const placed: { el: ResolvedElement; h: number; gap: number }[] = [];
    // Height an earlier item was allowed but did not use (a short title) goes to
    // the items after it, so a body below a short title is not shrunk for nothing.
    let slack = 0;
    for (const [i, it] of items.entries()) {
      const gap = i === 0 ? 0 : it.gapBefore;
      if (it.bar) {
        placed.push({ el: { kind: 'rect', box: { x: el.box.x, y: 0, w: it.bar.w, h: it.bar.h }, fill: it.bar.color }, h: it.bar.h, gap });
        continue;
      }
      const s = it.spec as TextSpec;
      const allowed = fixed(it) ? it.maxH : it.maxH * k + slack;
      const r = placeText(s, { x: el.box.x, y: 0, w: el.box.w, h: allowed }, 'top', m, el.box, spec.width);
      if (!fixed(it)) slack = Math.max(0, allowed - r.usedHeight);
      placed.push({ el: r, h: r.usedHeight, gap });
    }
    const total = placed.reduce((s, p) => s + p.h + p.gap, 0);
    let y = el.anchor === 'top' ? el.box.y : el.anchor === 'bottom' ? el.box.y + el.box.h - total : el.box.y + (el.box.h - total) / 2;
    for (const p of placed) {
      y += p.gap;
      out.push(shiftY(p.el, y));
      y += p.h;
    }
  }
  return { width: spec.width, height: spec.height, background: spec.background, elements: out };
}

function shiftY(el: ResolvedElement, y: number): ResolvedElement {
  if (el.kind === 'text') {
    const dy = y - el.box.y;
    return { ...el, box: { ...el.box, y }, lines: el.lines.map((l) => ({ ...l, y: l.y + dy })) };
  }
  return { ...el, box: { ...el.box, y } } as ResolvedElement;
}


/** Text lines, sizes and positions of a layout (rounded to 0.1 px), to compare the page's preview with the export's layout. */
export type TextSummary = [field: string, size: number, lines: [text: string, x: number, y: number][]][];

export function textSummary(layout: ResolvedLayout): TextSummary {
  const r = (v: number) => Math.round(v * 10) / 10;
  return layout.elements.flatMap((e): TextSummary => (e.kind === 'text' ? [[e.field, r(e.size), e.lines.map((l): [string, number, number] => [l.text, r(l.x), r(l.y)])]] : []));
}
