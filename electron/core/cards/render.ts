import { existsSync, promises as fsp } from 'node:fs';
import path from 'node:path';
import qrcode from 'qrcode-generator';
import sharp from 'sharp';
import { checkLayout, type CardIssue } from '@shared/cards/checks';
import { cardSize, type CardContent, type CardSizeId } from '@shared/cards/card';
import { layoutSlide } from '@shared/cards/compose';
import { ICONS } from '@shared/cards/icons';
import { resolveLayout, type Box, type ResolvedElement, type ResolvedLayout } from '@shared/cards/layout';
import type { TemplateBrand } from '@shared/cards/templates';
import { parseHex, readableOn } from '@shared/cards/contrast';
import { loadArabic } from './arabic';
import { lineDrawing, loadFamily } from './fonts';

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

/**
 * A QR code (qrcode-generator, error correction M, UTF-8) on a white plate:
 * the plate is the quiet zone (2 modules, enough on a plain white plate),
 * modules are whole pixels where the size allows, one path of squares.
 */
// Links with non-Latin characters are encoded as UTF-8 (the library's default takes one byte per character).
const utf8 = new TextEncoder();
qrcode.stringToBytes = (s: string) => Array.from(utf8.encode(s));

function qrSvg(text: string, b: Box, color: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 2;
  const side = Math.floor(Math.min(b.w, b.h));
  const cell = Math.max(1, Math.floor(side / (count + 2 * quiet)));
  const size = cell * (count + 2 * quiet);
  const x0 = Math.round(b.x + (b.w - size) / 2);
  const y0 = Math.round(b.y + (b.h - size) / 2);
  let d = '';
  for (let r = 0; r < count; r++)
    for (let c = 0; c < count; c++) if (qr.isDark(r, c)) d += `M${x0 + (c + quiet) * cell} ${y0 + (r + quiet) * cell}h${cell}v${cell}h-${cell}z`;
  return `<rect x="${x0}" y="${y0}" width="${size}" height="${size}" fill="#ffffff"/><path d="${d}" fill="${color}" shape-rendering="crispEdges"/>`;
}

function textSvg(el: Extract<ResolvedElement, { kind: 'text' }>, font: ReturnType<typeof loadFamily>): string {
  const face = font.faces[el.weight];
  let d = '';
  let emoji = '';
  for (const line of el.lines) {
    if (!line.text) continue;
    const dr = lineDrawing(face, line.text, line.x, line.y, el.size, el.weight, el.color);
    d += dr.d;
    emoji += dr.emoji;
  }
  return (d ? `<path d="${d}" fill="${el.color}"/>` : '') + emoji;
}

/** Lays out and draws one slide at one size: glyph outlines as paths (no <text>), rasterised by sharp. */
export async function renderSlide(input: RenderInput): Promise<RenderResult> {
  await loadArabic();
  const font = loadFamily(input.card.font);
  const spec = layoutSlide(input.card, input.index, input.sizeId, input.brand, font.measurer);
  const layout = resolveLayout(spec, font.measurer);
  const { width, height } = cardSize(input.sizeId);
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="${layout.background}"/>`];
  let clipId = 0;
  let photoArea = 0;
  const logoProblems: { which: 'opd' | 'pemda'; name: string }[] = [];
  for (const el of layout.elements) {
    const b = el.kind === 'text' ? el.box : el.box;
    switch (el.kind) {
      case 'rect':
        parts.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="${n(el.radius ?? 0)}" fill="${el.fill}" fill-opacity="${el.opacity ?? 1}"/>`);
        break;
      case 'circle':
        parts.push(`<ellipse cx="${n(b.x + b.w / 2)}" cy="${n(b.y + b.h / 2)}" rx="${n(b.w / 2)}" ry="${n(b.h / 2)}" fill="${el.fill}" fill-opacity="${el.opacity ?? 1}"/>`);
        break;
      case 'qr':
        parts.push(qrSvg(el.text, b, el.color));
        break;
      case 'path':
        parts.push(`<path d="${el.d}" fill="${el.fill}"/>`);
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
        const logo = src ? await logoData(src.file, b, el.bg ?? layout.background) : null;
        if (!logo) {
          if (id) logoProblems.push({ which: el.which, name: src?.name ?? '' });
          break;
        }
        const x = Math.round(el.align === 'left' ? b.x : el.align === 'right' ? b.x + b.w - logo.w : b.x + (b.w - logo.w) / 2);
        const y = Math.round(b.y + (b.h - logo.h) / 2);
        const pad = logo.plate ? Math.round(Math.min(b.w, b.h) * 0.12) : 0;
        if (logo.plate) parts.push(`<rect x="${x}" y="${y}" width="${logo.w}" height="${logo.h}" rx="${pad}" fill="${logo.plate}"/>`);
        parts.push(`<image x="${x + pad}" y="${y + pad}" width="${logo.w - 2 * pad}" height="${logo.h - 2 * pad}" href="${logo.data}"/>`);
        break;
      }
      case 'text':
        parts.push(textSvg(el, font));
        break;
    }
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  // The card starts with an opaque full-size rectangle, so dropping alpha for JPEG changes no pixel.
  const raster = sharp(Buffer.from(svg), { density: 72 });
  const [png, jpeg] = await Promise.all([
    input.jpeg ? Promise.resolve(Buffer.alloc(0)) : raster.clone().png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer(),
    input.jpeg ? raster.clone().removeAlpha().jpeg({ quality: 92, chromaSubsampling: '4:4:4' }).toBuffer() : Promise.resolve(undefined),
  ]);
  const issues = checkLayout(layout, input.index, input.sizeId);
  for (const p of logoProblems) issues.push(logoIssue(p.which, p.name, input.index));
  return { png, jpeg, width, height, layout, issues, photoShare: photoArea / (width * height) };
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

export { esc as escapeXml };
