/**
 * WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio):
 * relative luminance of sRGB colours and the (L1 + 0.05) / (L2 + 0.05) ratio.
 */

export function parseHex(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) throw new Error(`not a #RRGGBB colour: ${hex}`);
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function channel(c8: number): number {
  const c = c8 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** AA minimums: 4.5:1 for normal text, 3:1 for large text (WCAG 2.1 SC 1.4.3). */
export const WCAG_AA = { normal: 4.5, large: 3 } as const;

/**
 * Cards are seen on phones at about a third of their pixel size (a 1080 px
 * card fills a ~360 CSS px wide screen). WCAG "large" is 18 pt (24 CSS px) or
 * 14 pt (≈18.7 CSS px) bold, so on the card that is size × (360 / width).
 */
export const PHONE_VIEW_WIDTH = 360;

export function isLargeText(sizePx: number, bold: boolean, cardWidth: number): boolean {
  const css = (sizePx * PHONE_VIEW_WIDTH) / cardWidth;
  return bold ? css >= 18.66 : css >= 24;
}

export function meetsAA(ratio: number, large: boolean): boolean {
  // Round down to 2 decimals so 4.499 never passes as 4.5 (WCAG: no rounding up).
  return Math.floor(ratio * 100) / 100 >= (large ? WCAG_AA.large : WCAG_AA.normal);
}

/** The better of two text colours on a background. */
export function readableOn(bg: string, dark = '#111111', light = '#ffffff'): string {
  return contrastRatio(bg, dark) >= contrastRatio(bg, light) ? dark : light;
}
