import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { checkLayout, type CardIssue } from '../../../shared/cards/checks';
import { cardSize, type CardContent, type CardSizeId } from '../../../shared/cards/card';
import { layoutSlide } from '../../../shared/cards/compose';
import { ICONS } from '../../../shared/cards/icons';
import { resolveLayout, type Box, type ResolvedElement, type ResolvedLayout } from '../../../shared/cards/layout';
import type { TemplateBrand } from '../../../shared/cards/templates';
import { linePath, loadFamily } from './fonts';

/** Where a photo or logo id points to on disk (null: not found). */
export type ImageResolver = (id: string) => Promise<{ file: string; focal: { x: number; y: number } | null } | null>;

export interface RenderInput {
  card: Pick<CardContent, 'slides' | 'colors' | 'font'>;
  index: number;
  sizeId: CardSizeId;
  brand: TemplateBrand;
  opdLogoId: string | null;
  pemdaLogoId: string | null;
  resolveImage: ImageResolver;
}

export interface RenderResult {
  png: Buffer;
  width: number;
  height: number;
  layout: ResolvedLayout;
  issues: CardIssue[];
  /** Share of the card covered by photos (0..1), to choose JPEG for photo-heavy slides. */
  photoShare: number;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (v: number) => (Math.round(v * 100) / 100).toString();

// Cropped photos and fitted logos, keyed by file + box: typing in the editor re-renders the same images.
const imageCache = new Map<string, string>();
function cacheSet(key: string, v: string) {
  if (imageCache.size > 64) imageCache.delete(imageCache.keys().next().value as string);
  imageCache.set(key, v);
}

/** Cover-crop around the focal point (the part of the photo that must stay visible). */
async function photoData(file: string, focal: { x: number; y: number } | null, box: Box): Promise<string | null> {
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

async function logoData(file: string, box: Box): Promise<{ data: string; w: number; h: number } | null> {
  const stat = await fsp.stat(file).catch(() => null);
  if (!stat) return null;
  const key = `l|${file}|${stat.mtimeMs}|${Math.round(box.w)}x${Math.round(box.h)}`;
  const hit = imageCache.get(key);
  try {
    const { data, info } = await sharp(file, { failOn: 'none', density: 300 })
      .rotate()
      .resize(Math.round(box.w), Math.round(box.h), { fit: 'inside', withoutEnlargement: false })
      .png()
      .toBuffer({ resolveWithObject: true });
    const v = { data: hit ?? `data:image/png;base64,${data.toString('base64')}`, w: info.width, h: info.height };
    cacheSet(key, v.data);
    return v;
  } catch {
    return null;
  }
}

function textSvg(el: Extract<ResolvedElement, { kind: 'text' }>, font: ReturnType<typeof loadFamily>): string {
  const face = font.faces[el.weight];
  let d = '';
  for (const line of el.lines) {
    if (!line.text) continue;
    d += linePath(face, line.text, line.x, line.y, el.size);
  }
  return d ? `<path d="${d}" fill="${el.color}"/>` : '';
}

/** Lays out and draws one slide at one size: glyph outlines as paths (no <text>), rasterised by sharp. */
export async function renderSlide(input: RenderInput): Promise<RenderResult> {
  const font = loadFamily(input.card.font);
  const spec = layoutSlide(input.card, input.index, input.sizeId, input.brand, font.measurer);
  const layout = resolveLayout(spec, font.measurer);
  const { width, height } = cardSize(input.sizeId);
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="${layout.background}"/>`];
  let clipId = 0;
  let photoArea = 0;
  for (const el of layout.elements) {
    const b = el.kind === 'text' ? el.box : el.box;
    switch (el.kind) {
      case 'rect':
        parts.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="${n(el.radius ?? 0)}" fill="${el.fill}" fill-opacity="${el.opacity ?? 1}"/>`);
        break;
      case 'circle':
        parts.push(`<ellipse cx="${n(b.x + b.w / 2)}" cy="${n(b.y + b.h / 2)}" rx="${n(b.w / 2)}" ry="${n(b.h / 2)}" fill="${el.fill}" fill-opacity="${el.opacity ?? 1}"/>`);
        break;
      case 'icon':
        parts.push(
          `<g transform="translate(${n(b.x)} ${n(b.y)}) scale(${n(b.w / 24)})"><path d="${ICONS[el.icon]}" fill="none" stroke="${el.color}" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/></g>`,
        );
        break;
      case 'photo': {
        const src = el.photoId ? await input.resolveImage(el.photoId) : null;
        const data = src ? await photoData(src.file, src.focal, b) : null;
        const clip = el.shape === 'circle' ? `clip${++clipId}` : '';
        if (clip) parts.push(`<clipPath id="${clip}"><ellipse cx="${n(b.x + b.w / 2)}" cy="${n(b.y + b.h / 2)}" rx="${n(b.w / 2)}" ry="${n(b.h / 2)}"/></clipPath>`);
        const clipAttr = clip ? ` clip-path="url(#${clip})"` : '';
        if (data) {
          photoArea += b.w * b.h * (el.shape === 'circle' ? Math.PI / 4 : 1);
          parts.push(`<image x="${Math.round(b.x)}" y="${Math.round(b.y)}" width="${Math.round(b.w)}" height="${Math.round(b.h)}" preserveAspectRatio="none" href="${data}"${clipAttr}/>`);
        } else {
          // No photo yet: a tinted panel with a picture symbol, so the layout still reads.
          const shape = clip ? `<ellipse cx="${n(b.x + b.w / 2)}" cy="${n(b.y + b.h / 2)}" rx="${n(b.w / 2)}" ry="${n(b.h / 2)}"` : `<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}"`;
          parts.push(`${shape} fill="${el.placeholder}" fill-opacity="0.16"/>`);
          const s = Math.min(b.w, b.h) * 0.22;
          parts.push(
            `<g transform="translate(${n(b.x + b.w / 2 - s / 2)} ${n(b.y + b.h / 2 - s / 2)}) scale(${n(s / 24)})"><path d="M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15.5 9.5a1.5 1.5 0 1 0 0-.01" fill="none" stroke="${el.placeholder}" stroke-opacity="0.6" stroke-width="1.6" stroke-linecap="round" stroke-linejoin="round"/></g>`,
          );
        }
        break;
      }
      case 'logo': {
        const id = el.which === 'opd' ? input.opdLogoId : input.pemdaLogoId;
        const src = id ? await input.resolveImage(id) : null;
        const logo = src ? await logoData(src.file, b) : null;
        if (!logo) break;
        const x = el.align === 'left' ? b.x : el.align === 'right' ? b.x + b.w - logo.w : b.x + (b.w - logo.w) / 2;
        parts.push(`<image x="${Math.round(x)}" y="${Math.round(b.y + (b.h - logo.h) / 2)}" width="${logo.w}" height="${logo.h}" href="${logo.data}"/>`);
        break;
      }
      case 'text':
        parts.push(textSvg(el, font));
        break;
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  const png = await sharp(Buffer.from(svg), { density: 72 }).png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer();
  const issues = checkLayout(layout, input.index, input.sizeId);
  return { png, width, height, layout, issues, photoShare: photoArea / (width * height) };
}

/** Resolves ids of the media library (photos, logos) and of logos uploaded in the brand kit. */
export function mediaResolver(dataDir: string, getMedia: (id: string) => Promise<{ sha256: string; ext: string; focal: { x: number; y: number } | null } | null>): ImageResolver {
  return async (id) => {
    const brand = /^logo-([0-9a-f]{64})$/.exec(id);
    if (brand) {
      const file = path.join(dataDir, 'brand', `${brand[1]}.png`);
      return existsSync(file) ? { file, focal: null } : null;
    }
    const rec = await getMedia(id).catch(() => null);
    if (!rec) return null;
    const file = path.join(dataDir, 'media', 'originals', `${rec.sha256}${rec.ext}`);
    return existsSync(file) ? { file, focal: rec.focal } : null;
  };
}

export { esc as escapeXml };
