import type { CardColors, Slide } from '../card';
import type { Box, LayoutElement, TextSpec } from '../layout';

export interface TemplateBrand {
  /** Footer line (website or the brand kit footer). */
  footer: string;
  /** Handles as shown ("@dinkesblora"), with the channel name. */
  handles: { channel: string; handle: string }[];
  website: string;
  opdName: string;
  hasOpdLogo: boolean;
  hasPemdaLogo: boolean;
}

export interface TemplateContext {
  slide: Slide;
  /** 0-based position in the carousel and the number of slides. */
  index: number;
  count: number;
  width: number;
  height: number;
  colors: CardColors;
  brand: TemplateBrand;
}

export type Template = (ctx: TemplateContext) => { background: string; elements: LayoutElement[] };

/** Text below this size is hard to read on a phone: a card is seen ~360 CSS px wide, so 9 CSS px. */
export function readableMin(width: number): number {
  return Math.ceil((9 * width) / 360);
}

export interface Frame {
  /** Scale against the 1080 px design grid (landscape cards are shorter, so smaller type). */
  s: number;
  m: number;
  landscape: boolean;
  story: boolean;
  bg: string;
  ink: string;
  accent: string;
  /** Colour of text drawn on the accent colour. */
  onAccent: string;
  /** Small accent text (kickers, links): on the brand colour it stays the text colour, for contrast. */
  label: string;
  /** Faint rules and dividers. */
  rule: string;
  readable: number;
}

export function frameOf(ctx: TemplateContext): Frame {
  const { width: w, height: h, colors, slide } = ctx;
  const s = Math.min(w / 1080, h / 760);
  const brand = slide.theme === 'brand';
  return {
    s,
    m: Math.round((w / h > 1.3 ? 64 : 84) * s),
    landscape: w / h > 1.3,
    story: h / w > 1.6,
    bg: brand ? colors.primary : '#ffffff',
    ink: brand ? colors.onPrimary : colors.text,
    accent: brand ? colors.secondary : colors.primary,
    onAccent: brand ? colors.primary : colors.onPrimary,
    rule: brand ? colors.onPrimary : colors.text,
    readable: readableMin(w),
    label: brand ? colors.onPrimary : colors.primary,
  };
}

export function spec(f: Frame, field: string, text: string, o: Partial<TextSpec> & Pick<TextSpec, 'weight' | 'maxSize'>): TextSpec {
  const minSize = o.minSize ?? Math.round(f.readable * 0.8);
  return {
    field,
    text,
    color: o.color ?? f.ink,
    bg: o.bg ?? f.bg,
    align: o.align ?? 'left',
    role: o.role ?? 'content',
    lineHeight: o.lineHeight ?? 1.25,
    maxLines: o.maxLines,
    weight: o.weight,
    // Start at a phone-readable size at least; shrinking below it is flagged by the checks.
    maxSize: Math.max(o.maxSize, minSize, f.readable),
    minSize,
  };
}

/** Logos (or the OPD name) in the top-left corner; returns the bottom of the header. */
export function header(ctx: TemplateContext, f: Frame, els: LayoutElement[], x = f.m, y = f.m, onBg = f.bg, ink = f.ink): number {
  const hLogo = Math.round((f.landscape ? 60 : 76) * f.s);
  let cx = x;
  if (ctx.brand.hasPemdaLogo) {
    els.push({ kind: 'logo', box: { x: cx, y, w: hLogo * 2.4, h: hLogo }, which: 'pemda', align: 'left' });
    cx += hLogo + Math.round(18 * f.s);
  }
  if (ctx.brand.hasOpdLogo) {
    els.push({ kind: 'logo', box: { x: cx, y, w: hLogo * 2.4, h: hLogo }, which: 'opd', align: 'left' });
    cx += hLogo + Math.round(22 * f.s);
  }
  // Landscape cards are short: the OPD name moves out of the header (the footer carries the website).
  if (ctx.brand.opdName && !f.landscape) {
    els.push({
      kind: 'text',
      box: { x: cx, y, w: ctx.width - f.m - cx, h: hLogo },
      vAlign: 'center',
      spec: spec(f, 'opdName', ctx.brand.opdName, { weight: 'bold', maxSize: Math.max(f.readable, 28 * f.s), minSize: f.readable, maxLines: 2, lineHeight: 1.15, role: 'meta', bg: onBg, color: ink }),
    });
  }
  return y + hLogo;
}

/** Footer: rule, footer line left, "2/5" right; returns the top of the footer. */
export function footer(ctx: TemplateContext, f: Frame, els: LayoutElement[], box?: Box, onBg = f.bg, ink = f.ink): number {
  const b = box ?? { x: f.m, y: 0, w: ctx.width - 2 * f.m, h: ctx.height - f.m };
  const size = f.readable;
  const lh = Math.round(size * 1.3);
  const top = b.y + b.h - lh;
  const page = ctx.count > 1 ? `${ctx.index + 1}/${ctx.count}` : '';
  const pageW = page ? Math.round(size * 2.6) : 0;
  els.push({ kind: 'rect', box: { x: b.x, y: top - Math.round(22 * f.s), w: b.w, h: Math.max(1, Math.round(2 * f.s)) }, fill: ink, opacity: 0.18 });
  if (ctx.brand.footer) {
    els.push({
      kind: 'text',
      box: { x: b.x, y: top, w: b.w - pageW, h: lh },
      vAlign: 'center',
      spec: spec(f, 'footer', ctx.brand.footer, { weight: 'semibold', maxSize: size, minSize: size, maxLines: 1, role: 'meta', bg: onBg, color: ink }),
    });
  }
  if (page) {
    els.push({
      kind: 'text',
      box: { x: b.x + b.w - pageW, y: top, w: pageW, h: lh },
      vAlign: 'center',
      spec: spec(f, 'page', page, { weight: 'bold', maxSize: size, minSize: size, maxLines: 1, align: 'right', role: 'meta', bg: onBg, color: ink }),
    });
  }
  return top - Math.round(22 * f.s);
}

/** "Sumber: …" line (source of the numbers), above the footer. */
export function sourceText(slide: Slide): string {
  const s = slide.source.trim();
  if (!s) return '';
  return /^sumber\s*:/i.test(s) ? s : `Sumber: ${s}`;
}

/** The content area between header and footer. */
export function contentBox(ctx: TemplateContext, f: Frame, headerBottom: number, footerTop: number): Box {
  const gapTop = Math.round((f.story ? 120 : f.landscape ? 24 : 56) * f.s);
  const gapBottom = Math.round(36 * f.s);
  const y = headerBottom + gapTop;
  return { x: f.m, y, w: ctx.width - 2 * f.m, h: Math.max(0, footerTop - gapBottom - y) };
}

/** The frame most templates share: header, footer, and the content box between them. */
export function standardFrame(ctx: TemplateContext): { f: Frame; els: LayoutElement[]; c: Box } {
  const f = frameOf(ctx);
  const els: LayoutElement[] = [];
  const hb = header(ctx, f, els);
  const ft = footer(ctx, f, els);
  return { f, els, c: contentBox(ctx, f, hb, ft) };
}

/** Splits a box into n equal rows (or columns) with a gap. */
export function split(box: Box, n: number, gap: number, dir: 'rows' | 'cols'): Box[] {
  if (n <= 0) return [];
  if (dir === 'rows') {
    const h = (box.h - gap * (n - 1)) / n;
    return Array.from({ length: n }, (_, i) => ({ x: box.x, y: box.y + i * (h + gap), w: box.w, h }));
  }
  const w = (box.w - gap * (n - 1)) / n;
  return Array.from({ length: n }, (_, i) => ({ x: box.x + i * (w + gap), y: box.y, w, h: box.h }));
}
