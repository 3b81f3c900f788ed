import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import { sharpLib } from '@core/files/lazy-libs';
import { checkLayout, type CardIssue } from '@shared/cards/checks';
import { cardSize, type CardContent, type CardSizeId } from '@shared/cards/card';
import { layoutSlide } from '@shared/cards/compose';
import { drawLayout, layerKey, svgMarkup, type ImageLayers, type LogoLayer } from '@shared/cards/draw';
import { resolveLayout, type Box, type ResolvedLayout } from '@shared/cards/layout';
import type { TemplateBrand } from '@shared/cards/templates';
import { parseHex, readableOn } from '@shared/cards/contrast';
import { loadArabic } from './arabic';
import { emojiInner, loadFamily } from './fonts';

/** Where a photo or logo id points to on disk (null: not found); `name` is the file name the user imported. */
export type ImageResolver = (id: string) => Promise<{ file: string; focal: { x: number; y: number } | null; name?: string } | null>;

/** A logo that is set in the brand kit but cannot be drawn: said by name, never silently left out. */
export function logoIssue(which: 'opd' | 'pemda', name: string, slide = 0): CardIssue {
  return { code: 'logo_unreadable', severity: 'warning', slide, field: which === 'opd' ? 'opdLogo' : 'pemdaLogo', params: { name } };
}

export interface RenderInput {
  card: Pick<CardContent, 'slides' | 'colors' | 'font'>;
  index: number;
  sizeId: CardSizeId;
  brand: TemplateBrand;
  opdLogoId: string | null;
  pemdaLogoId: string | null;
  resolveImage: ImageResolver;
  /** Also encode a JPEG straight from the raster (Instagram exports), instead of decoding the PNG again. */
  jpeg?: boolean;
}

export interface RenderResult {
  /** Empty when only a JPEG was asked for. */
  png: Buffer;
  jpeg?: Buffer;
  width: number;
  height: number;
  layout: ResolvedLayout;
  issues: CardIssue[];
  /** Share of the card covered by photos (0..1), to choose JPEG for photo-heavy slides. */
  photoShare: number;
}

// Cropped photos and fitted logos, keyed by file + box: typing in the editor re-renders the same images.
const imageCache = new Map<string, string>();
function cacheSet(key: string, v: string) {
  if (imageCache.size > 64) imageCache.delete(imageCache.keys().next().value as string);
  imageCache.set(key, v);
}

/** Cover-crop around the focal point (the part of the photo that must stay visible). */
async function photoData(file: string, focal: { x: number; y: number } | null, box: Box): Promise<string | null> {
  const sharp = await sharpLib();
  const w = Math.max(1, Math.round(box.w));
  const h = Math.max(1, Math.round(box.h));
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return null;
  const key = `p|${file}|${stat.mtimeMs}|${focal?.x},${focal?.y}|${w}x${h}`;
  const hit = imageCache.get(key);
  if (hit) return hit;
  try {
    const img = sharp(file, { failOn: 'none' }).rotate();
    const meta = await sharp(file, { failOn: 'none' }).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    const W = (swap ? meta.height : meta.width) ?? w;
    const H = (swap ? meta.width : meta.height) ?? h;
    const scale = Math.max(w / W, h / H);
    const sw = Math.max(w, Math.round(W * scale));
    const sh = Math.max(h, Math.round(H * scale));
    const fx = focal?.x ?? 0.5;
    const fy = focal?.y ?? 0.5;
    const left = Math.min(sw - w, Math.max(0, Math.round(fx * sw - w / 2)));
    const top = Math.min(sh - h, Math.max(0, Math.round(fy * sh - h / 2)));
    const buf = await img.resize(sw, sh, { kernel: 'lanczos3' }).extract({ left, top, width: w, height: h }).jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer();
    const data = `data:image/jpeg;base64,${buf.toString('base64')}`;
    cacheSet(key, data);
    return data;
  } catch {
    return null;
  }
}

/** Long side of the decoded copy of a logo kept in memory (header logos are drawn at most ~300 px). */
const LOGO_DECODE_PIXELS = 640;

interface DecodedLogo {
  /** Raw RGBA, at most LOGO_DECODE_PIXELS on the long side. */
  raw: Buffer;
  width: number;
  height: number;
}

// One decode per logo file version (path + mtime): a 6,000 px logo is decoded once per brand-kit change, not per card.
const logoDecodes = new Map<string, Promise<DecodedLogo | null>>();

/** The logo decoded once (null: the file is missing or cannot be decoded). */
export async function decodeLogo(file: string): Promise<DecodedLogo | null> {
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return null;
  const key = `${file}|${stat.mtimeMs}|${stat.size}`;
  let p = logoDecodes.get(key);
  if (!p) {
    p = (async () => {
      const sharp = await sharpLib();
      try {
        const { data, info } = await sharp(file, { failOn: 'error', density: 300, limitInputPixels: 120_000_000 })
          .rotate()
          .resize(LOGO_DECODE_PIXELS, LOGO_DECODE_PIXELS, { fit: 'inside', withoutEnlargement: true })
          .ensureAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        return { raw: data, width: info.width, height: info.height };
      } catch {
        return null;
      }
    })();
    if (logoDecodes.size > 16) logoDecodes.delete(logoDecodes.keys().next().value as string);
    logoDecodes.set(key, p);
  }
  return p;
}

/**
 * Share of the logo's visible pixels that nearly vanish on `bg` (contrast
 * under 1.6:1): a blue logo on a blue slide. Above half, the logo gets a plate.
 */
function vanishingShare(logo: DecodedLogo, bg: string): number {
  const [br, bgc, bb] = parseHex(bg);
  const lum = (r: number, g: number, b: number) => {
    const c = (v: number) => {
      const x = v / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
  };
  const lb = lum(br, bgc, bb);
  let seen = 0;
  let faint = 0;
  const step = Math.max(1, Math.floor((logo.width * logo.height) / 4096));
  for (let i = 0; i < logo.width * logo.height; i += step) {
    const o = i * 4;
    if (logo.raw[o + 3] < 128) continue;
    seen++;
    const l = lum(logo.raw[o], logo.raw[o + 1], logo.raw[o + 2]);
    if ((Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05) < 1.6) faint++;
  }
  return seen ? faint / seen : 0;
}

async function logoData(file: string, box: Box, bg: string): Promise<{ data: string; w: number; h: number; plate: string | null } | null> {
  const sharp = await sharpLib();
  const logo = await decodeLogo(file);
  if (!logo) return null;
  const key = `l|${file}|${logo.width}x${logo.height}|${Math.round(box.w)}x${Math.round(box.h)}|${bg}`;
  const hit = logoCache.get(key);
  if (hit) return hit;
  const plate = vanishingShare(logo, bg) > 0.5 ? readableOn(bg, '#1c2430', '#ffffff') : null;
  // On a plate the logo sits inside a padding, so plate and logo stay within the box.
  const pad = plate ? Math.round(Math.min(box.w, box.h) * 0.12) : 0;
  const { data, info } = await sharp(logo.raw, { raw: { width: logo.width, height: logo.height, channels: 4 } })
    .resize(Math.max(1, Math.round(box.w) - 2 * pad), Math.max(1, Math.round(box.h) - 2 * pad), { fit: 'inside', kernel: 'lanczos3' })
    .png()
    .toBuffer({ resolveWithObject: true });
  const v = { data: `data:image/png;base64,${data.toString('base64')}`, w: info.width + 2 * pad, h: info.height + 2 * pad, plate };
  if (logoCache.size > 64) logoCache.delete(logoCache.keys().next().value as string);
  logoCache.set(key, v);
  return v;
}
const logoCache = new Map<string, { data: string; w: number; h: number; plate: string | null }>();

export interface PreparedLayers {
  images: ImageLayers;
  /** The same layers by layerKey, for the page's live preview. */
  byKey: Record<string, string | LogoLayer>;
  photoArea: number;
  logoProblems: { which: 'opd' | 'pemda'; name: string }[];
}

/** Decodes (or takes from the caches) every photo and logo of a laid-out slide, ready for drawing. */
export async function imageLayers(input: Pick<RenderInput, 'opdLogoId' | 'pemdaLogoId' | 'resolveImage'>, layout: ResolvedLayout): Promise<PreparedLayers> {
  const byKey: Record<string, string | LogoLayer> = {};
  let photoArea = 0;
  const logoProblems: PreparedLayers['logoProblems'] = [];
  for (const el of layout.elements) {
    const b = el.box;
    if (el.kind === 'photo') {
      const src = el.photoId ? await input.resolveImage(el.photoId) : null;
      const data = src ? await photoData(src.file, src.focal, b) : null;
      if (data) {
        byKey[layerKey(el, layout.background)] = data;
        photoArea += b.w * b.h * (el.shape === 'circle' ? Math.PI / 4 : 1);
      }
    } else if (el.kind === 'logo') {
      const id = el.which === 'opd' ? input.opdLogoId : input.pemdaLogoId;
      const src = id ? await input.resolveImage(id) : null;
      const logo = src ? await logoData(src.file, b, el.bg ?? layout.background) : null;
      if (logo) byKey[layerKey(el, layout.background)] = logo;
      else if (id) logoProblems.push({ which: el.which, name: src?.name ?? '' });
    }
  }
  const images: ImageLayers = {
    photo: (el) => (byKey[layerKey(el, layout.background)] as string | undefined) ?? null,
    logo: (el) => (byKey[layerKey(el, layout.background)] as LogoLayer | undefined) ?? null,
  };
  return { images, byKey, photoArea, logoProblems };
}

/** Lays out and draws one slide at one size: glyph outlines as paths (no <text>), rasterised by sharp. */
export async function renderSlide(input: RenderInput): Promise<RenderResult> {
  const sharp = await sharpLib();
  await loadArabic();
  const font = await loadFamily(input.card.font);
  const spec = layoutSlide(input.card, input.index, input.sizeId, input.brand, font.measurer);
  const layout = resolveLayout(spec, font.measurer);
  const { width, height } = cardSize(input.sizeId);
  const layers = await imageLayers(input, layout);
  const parts = svgMarkup(drawLayout(layout, font, layers.images), emojiInner);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts}</svg>`;
  // The card starts with an opaque full-size rectangle, so dropping alpha for JPEG changes no pixel.
  const raster = sharp(Buffer.from(svg), { density: 72 });
  const [png, jpeg] = await Promise.all([
    input.jpeg ? Promise.resolve(Buffer.alloc(0)) : raster.clone().png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer(),
    input.jpeg ? raster.clone().removeAlpha().jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer() : Promise.resolve(undefined),
  ]);
  const issues = checkLayout(layout, input.index, input.sizeId);
  for (const p of layers.logoProblems) issues.push(logoIssue(p.which, p.name, input.index));
  return { png, jpeg, width, height, layout, issues, photoShare: layers.photoArea / (width * height) };
}

/** Resolves ids of the media library (photos, logos) and of logos uploaded in the brand kit. */
export function mediaResolver(dataDir: string, getMedia: (id: string) => Promise<{ sha256: string; ext: string; focal: { x: number; y: number } | null; name?: string } | null>): ImageResolver {
  return async (id) => {
    const brand = /^logo-([0-9a-f]{64})$/.exec(id);
    if (brand) {
      const file = path.join(dataDir, 'brand', `${brand[1]}.png`);
      return existsSync(file) ? { file, focal: null } : null;
    }
    const rec = await getMedia(id).catch(() => null);
    if (!rec) return null;
    const file = path.join(dataDir, 'media', 'originals', `${rec.sha256}${rec.ext}`);
    return existsSync(file) ? { file, focal: rec.focal, name: rec.name } : null;
  };
}

