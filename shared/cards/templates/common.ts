import type { CardColors, Slide } from '@shared/cards/card';
import { fitText, type Measurer } from '@shared/cards/fit';
import type { Box, LayoutElement, TextSpec } from '@shared/cards/layout';

export interface TemplateBrand {
  /** Footer line (website or the brand kit footer). */
  footer: string;
  /** Handles as shown ("@dinkesblora"), with the channel name. */
  handles: { channel: string; handle: string }[];
  website: string;
  opdName: string;
  /** Short name (singkatan) from the brand kit, used where the full name cannot fit. */
  opdShortName: string;
  hasOpdLogo: boolean;
  hasPemdaLogo: boolean;
  /** Width / height of each logo (wide logos get a wider box); 1 when unknown. */
  logoAspect?: { opd?: number; pemda?: number };
}

/** Width of a logo box of height h: as wide as the logo, within 0.6 h and 2.4 h. */
export function logoWidth(ctx: TemplateContext, which: 'opd' | 'pemda', h: number): number {
  const a = ctx.brand.logoAspect?.[which] ?? 1;
  return Math.round(h * Math.min(2.4, Math.max(0.6, Number.isFinite(a) && a > 0 ? a : 1)));
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
  /** Font metrics, for parts whose size depends on their text (header, footer). */
  m: Measurer;
}

export type Template = (ctx: TemplateContext) => { background: string; elements: LayoutElement[] };

/** Text below this size is hard to read on a phone: a card is seen ~360 CSS px wide, so 9 CSS px. */
export function readableMin(width: number): number {
  return Math.ceil((9 * width) / 360);
}

/**
 * Instagram draws the profile bar over the top of a story and the reply box
 * over its bottom: keep 250 px clear at each end of a 1080×1920 story
 * (Meta's story ad guidance: "leave roughly 14% (250 pixels) free of text and logos").
 */
export const STORY_SAFE_ZONE = 250;

export interface Frame {
  /** Scale against the 1080 px design grid (landscape cards are shorter, so smaller type). */
  s: number;
  m: number;
  landscape: boolean;
  story: boolean;
  /** Top and bottom of the area where the header and footer go (a story keeps Instagram's overlay zones clear). */
  top: number;
  bottom: number;
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
  const m = Math.round((w / h > 1.3 ? 64 : 84) * s);
  const story = h / w > 1.6;
  const safe = story ? STORY_SAFE_ZONE + Math.round(24 * s) : m;
  return {
    s,
    m,
    landscape: w / h > 1.3,
    story,
    top: safe,
    bottom: h - safe,
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
    group: o.group,
    // Accent-coloured text falls back to the ink colour where the accent would be hard to read.
    fallbackColor: o.fallbackColor ?? (o.color === f.accent && f.accent !== f.ink ? f.ink : undefined),
    lineHeight: o.lineHeight ?? 1.25,
    maxLines: o.maxLines,
    weight: o.weight,
    // Start at a phone-readable size at least; shrinking below it is flagged by the checks.
    maxSize: Math.max(o.maxSize, minSize, f.readable),
    minSize,
  };
}

/** Size rules of the OPD name in the header. */
const NAME_LINE = 1.15;

/**
 * The OPD name for a box `w` wide: the full official name when it fits in
 * `maxLines` lines at no less than the readable size; otherwise the short
 * name from the brand kit; otherwise the full name (cut, and the check
 * names the brand-kit field where a short name goes).
 */
export function opdNameFit(ctx: TemplateContext, f: Frame, w: number, maxLines: number, maxSize: number): { text: string; height: number; size: number; fits: boolean } | null {
  const full = ctx.brand.opdName.trim();
  const short = ctx.brand.opdShortName.trim();
  if (!full && !short) return null;
  const floor = f.readable;
  const style = { weight: 'bold' as const, maxSize: Math.max(maxSize, floor), minSize: floor, lineHeight: NAME_LINE, maxLines };
  const box = { w, h: maxLines * floor * NAME_LINE + 0.5 };
  for (const text of [full, short]) {
    if (!text) continue;
    const fit = fitText(text, box, style, ctx.m);
    if (fit.fits) return { text, height: fit.height, size: fit.size, fits: true };
  }
  return { text: full || short, height: box.h, size: floor, fits: false };
}

/**
 * Logos and the OPD name across the top; the name wraps to up to three lines
 * and the header grows to hold it. Returns the bottom of the header.
 */
export function header(ctx: TemplateContext, f: Frame, els: LayoutElement[], x = f.m, y = f.top, onBg = f.bg, ink = f.ink, right = ctx.width - f.m): number {
  const hLogo = Math.round((f.landscape ? 60 : 76) * f.s);
  const logos = (['pemda', 'opd'] as const).filter((k) => (k === 'opd' ? ctx.brand.hasOpdLogo : ctx.brand.hasPemdaLogo));
  const gap = Math.round(20 * f.s);
  const widths = logos.map((k) => logoWidth(ctx, k, hLogo));
  const tx = x + widths.reduce((a, w) => a + w + gap, 0);
  // Landscape cards are short: the name gets one line there, and only when it fits (the footer carries the website).
  const name = opdNameFit(ctx, f, right - tx, f.landscape ? 1 : 3, Math.max(f.readable, 28 * f.s));
  const showName = name !== null && (!f.landscape || (name.fits && name.height <= hLogo + 1));
  const band = Math.max(hLogo, showName ? name.height : 0);
  let lx = x;
  logos.forEach((which, i) => {
    els.push({ kind: 'logo', box: { x: lx, y: y + (band - hLogo) / 2, w: widths[i], h: hLogo }, which, align: 'left', bg: onBg });
    lx += widths[i] + gap;
  });
  if (showName) {
    els.push({
      kind: 'text',
      box: { x: tx, y, w: right - tx, h: band },
      vAlign: 'center',
      spec: spec(f, 'opdName', name.text, { weight: 'bold', maxSize: name.size, minSize: f.readable, maxLines: f.landscape ? 1 : 3, lineHeight: NAME_LINE, role: 'meta', bg: onBg, color: ink }),
    });
  }
  return y + band;
}

/** Footer: rule, footer line left, "2/5" right; returns the top of the footer. */
export function footer(ctx: TemplateContext, f: Frame, els: LayoutElement[], box?: Box, onBg = f.bg, ink = f.ink): number {
  const b = box ?? { x: f.m, y: 0, w: ctx.width - 2 * f.m, h: f.bottom };
  const size = f.readable;
  const page = ctx.count > 1 ? `${ctx.index + 1}/${ctx.count}` : '';
  const pageW = page ? Math.round(size * 2.6) : 0;
  // A website and a handle may not fit one line of a narrow footer: then it takes two.
  const lines = ctx.brand.footer && ctx.m.advance(ctx.brand.footer, 'semibold') * size > b.w - pageW ? 2 : 1;
  const lh = Math.ceil(size * 1.3) * lines;
  const top = b.y + b.h - lh;
  els.push({ kind: 'rect', box: { x: b.x, y: top - Math.round(22 * f.s), w: b.w, h: Math.max(1, Math.round(2 * f.s)) }, fill: ink, opacity: 0.18 });
  if (ctx.brand.footer) {
    els.push({
      kind: 'text',
      box: { x: b.x, y: top, w: b.w - pageW, h: lh },
      vAlign: 'center',
      spec: spec(f, 'footer', ctx.brand.footer, { weight: 'semibold', maxSize: size, minSize: size, maxLines: lines, lineHeight: 1.3, role: 'meta', bg: onBg, color: ink }),
    });
  }
  if (page) {
    els.push({
      kind: 'text',
      box: { x: b.x + b.w - pageW, y: top + lh - Math.ceil(size * 1.3), w: pageW, h: Math.ceil(size * 1.3) },
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
  if (f.landscape) {
    const hb = topBar(ctx, f, els);
    return { f, els, c: contentBox(ctx, f, hb, f.bottom + Math.round(36 * f.s)) };
  }
  const hb = header(ctx, f, els);
  const ft = footer(ctx, f, els);
  return { f, els, c: contentBox(ctx, f, hb, ft) };
}

/**
 * Landscape cards are short: logos, the OPD name and the footer line share
 * one bar at the top (footer and slide number on the right), so the content
 * gets the height a bottom footer would take. Returns the bottom of the bar.
 */
export function topBar(ctx: TemplateContext, f: Frame, els: LayoutElement[], x = f.m, right = ctx.width - f.m): number {
  const size = f.readable;
  const page = ctx.count > 1 ? `${ctx.index + 1}/${ctx.count}` : '';
  const text = [ctx.brand.footer, page].filter(Boolean).join('  ·  ');
  const lh = Math.ceil(size * 1.3);
  let fw = 0;
  let lines = 1;
  if (text) {
    const full = Math.ceil(ctx.m.advance(text, 'semibold') * size);
    const hLogo = Math.round(60 * f.s);
    const logosW = (ctx.brand.hasOpdLogo ? logoWidth(ctx, 'opd', hLogo) + 20 * f.s : 0) + (ctx.brand.hasPemdaLogo ? logoWidth(ctx, 'pemda', hLogo) + 20 * f.s : 0);
    const free = right - x - logosW;
    // One line when it fits beside the logos (the name shows too when there is room); else two lines.
    if (full <= free) fw = full;
    else {
      lines = 2;
      fw = Math.ceil(Math.max(free * 0.5, full / 2 + size * 4));
    }
  }
  const band = Math.max(Math.round(60 * f.s), lines * lh);
  const hb = header(ctx, f, els, x, f.top + (band - Math.round(60 * f.s)) / 2, f.bg, f.ink, right - (fw ? fw + Math.round(32 * f.s) : 0));
  if (text) {
    els.push({
      kind: 'text',
      box: { x: right - fw, y: f.top, w: fw, h: band },
      vAlign: 'center',
      spec: spec(f, 'footer', text, { weight: 'semibold', maxSize: size, minSize: size, maxLines: lines, lineHeight: 1.3, align: 'right', role: 'meta' }),
    });
  }
  return Math.max(hb, f.top + band);
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
