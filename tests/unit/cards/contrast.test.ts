import { describe, expect, it } from 'vitest';
import { contrastRatio, isLargeText, meetsAA, relativeLuminance } from '@shared/cards/contrast';

// Known values from the WCAG 2.1 definition and the WebAIM contrast checker.
describe('WCAG contrast', () => {
  it('matches known ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
    expect(contrastRatio('#ff0000', '#ffffff')).toBeCloseTo(4.0, 2);
    expect(relativeLuminance('#808080')).toBeCloseTo(0.2159, 4);
  });
  it('is symmetric', () => {
    expect(contrastRatio('#0b5cab', '#f2a900')).toBeCloseTo(contrastRatio('#f2a900', '#0b5cab'), 10);
  });
  it('applies AA: 4.5 for normal text, 3 for large, without rounding up', () => {
    expect(meetsAA(contrastRatio('#767676', '#ffffff'), false)).toBe(true);
    expect(meetsAA(contrastRatio('#777777', '#ffffff'), false)).toBe(false);
    expect(meetsAA(contrastRatio('#777777', '#ffffff'), true)).toBe(true);
    expect(meetsAA(contrastRatio('#ff0000', '#ffffff'), false)).toBe(false);
    expect(meetsAA(4.499, false)).toBe(false);
  });
  it('judges "large" at phone scale (18 pt, or 14 pt bold)', () => {
    // A 1080 px card is seen ~360 CSS px wide: 72 px on the card = 24 CSS px.
    expect(isLargeText(72, false, 1080)).toBe(true);
    expect(isLargeText(70, false, 1080)).toBe(false);
    expect(isLargeText(56, true, 1080)).toBe(true);
    expect(isLargeText(54, true, 1080)).toBe(false);
  });
});
