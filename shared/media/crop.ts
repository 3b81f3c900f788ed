import type { ChannelPreset } from './presets';
import type { CropChoice, FocalPoint } from './photo';

/** A crop rectangle in source pixels (integers, inside the source). */
export interface CropRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface CropPlan {
  crop: CropRect;
  /** Output size (never larger than the crop: no upscaling). */
  outWidth: number;
  outHeight: number;
  /** The preset wanted a bigger image than the source can give. */
  tooSmall: boolean;
}

export const CENTER: FocalPoint = { x: 0.5, y: 0.5 };

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The largest rectangle of the target aspect that fits the source, centred on
 * the focal point as far as the edges allow (the same rule as CSS
 * object-position, so the UI preview and the exported file agree).
 */
export function cropForAspect(srcW: number, srcH: number, aspect: number, focal: FocalPoint = CENTER): CropRect {
  let width = srcW;
  let height = Math.round(srcW / aspect);
  if (height > srcH) {
    height = srcH;
    width = Math.round(srcH * aspect);
  }
  width = clamp(width, 1, srcW);
  height = clamp(height, 1, srcH);
  const left = Math.round(clamp(focal.x * srcW - width / 2, 0, srcW - width));
  const top = Math.round(clamp(focal.y * srcH - height / 2, 0, srcH - height));
  return { left, top, width, height };
}

/** The crop of a hand-made choice: the largest cut of the aspect, shrunk by the zoom, centred on the choice as far as the edges allow. */
export function cropForChoice(srcW: number, srcH: number, aspect: number, choice: CropChoice): CropRect {
  const full = cropForAspect(srcW, srcH, aspect);
  const width = clamp(Math.round(full.width / choice.zoom), 1, srcW);
  const height = clamp(Math.round(width / aspect), 1, srcH);
  const left = Math.round(clamp(choice.x * srcW - width / 2, 0, srcW - width));
  const top = Math.round(clamp(choice.y * srcH - height / 2, 0, srcH - height));
  return { left, top, width, height };
}

/** The key of a preset's format in Photo.crops (its aspect label); null for width-only presets. */
export function formatKey(preset: Pick<ChannelPreset, 'aspect' | 'height'>): string | null {
  return preset.height === null ? null : preset.aspect;
}

/**
 * How a preset is cut from a source of srcW x srcH (upright pixels): the
 * hand-made crop of its format when there is one, else centred on the focal point.
 */
export function planCrop(srcW: number, srcH: number, preset: Pick<ChannelPreset, 'width' | 'height'>, focal: FocalPoint | null, choice: CropChoice | null = null): CropPlan {
  if (preset.height === null) {
    // Width-only: whole photo, scaled down to the width (never up).
    const outWidth = Math.min(preset.width, srcW);
    const outHeight = Math.max(1, Math.round((srcH * outWidth) / srcW));
    return { crop: { left: 0, top: 0, width: srcW, height: srcH }, outWidth, outHeight, tooSmall: srcW < preset.width };
  }
  const aspect = preset.width / preset.height;
  const crop = choice ? cropForChoice(srcW, srcH, aspect, choice) : cropForAspect(srcW, srcH, aspect, focal ?? CENTER);
  if (crop.width >= preset.width) {
    return { crop, outWidth: preset.width, outHeight: preset.height, tooSmall: false };
  }
  // Keep the preset's shape but stop at the source's own resolution.
  const outWidth = crop.width;
  const outHeight = Math.max(1, Math.round(outWidth / aspect));
  return { crop, outWidth, outHeight, tooSmall: true };
}

/**
 * Where the crop sits, as fractions of the source: what the UI needs to show a
 * live preview (left/top/width/height in 0..1).
 */
export function cropFractions(srcW: number, srcH: number, crop: CropRect): { left: number; top: number; width: number; height: number } {
  return { left: crop.left / srcW, top: crop.top / srcH, width: crop.width / srcW, height: crop.height / srcH };
}

