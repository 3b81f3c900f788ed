import { DOMParser } from '@xmldom/xmldom';
import { sanitizeHtmlLib, sharpLib } from '@core/files/lazy-libs';
import { MAX_LOGO_BYTES } from '@shared/api/contracts/cards';

/**
 * Brand-kit logos: SVG (the usual format of Pemda logos), PNG, JPEG or WebP in;
 * a PNG of bounded size out, which then goes to the media library like any
 * image. An SVG is cleaned before librsvg sees it: no scripts, no event
 * handlers, no foreign objects, no references outside the file (external
 * images, stylesheets, fonts), no DTD entities; then rasterised at a density
 * that gives LOGO_PIXELS on its long side.
 */

export const MAX_SVG_BYTES = 2 * 1024 * 1024;
/** Raster logos above this many pixels are refused (a 9,000 × 9,000 logo is 81 MP). */
export const MAX_LOGO_INPUT_PIXELS = 100_000_000;
/** Long side of the stored logo: sharp on a 1080 px card draws it at most ~300 px. */
export const LOGO_PIXELS = 1200;

export type LogoProblem = 'empty' | 'not_image' | 'too_large' | 'damaged' | 'svg_unsafe' | 'svg_empty';

export class LogoError extends Error {
  constructor(
    readonly reason: LogoProblem,
    message: string,
  ) {
    super(message);
    this.name = 'LogoError';
  }
}

const SVG_TAGS = [
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'metadata', 'switch',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop', 'pattern', 'clipPath', 'mask', 'marker', 'filter',
  'feGaussianBlur', 'feOffset', 'feBlend', 'feColorMatrix', 'feComposite', 'feFlood', 'feMerge', 'feMergeNode', 'feMorphology',
  'image', 'style',
];

/** A reference stays inside the file: "#id", or an embedded raster image. */
const insideRef = (v: string) => /^\s*#/.test(v) || /^\s*data:image\/(png|jpe?g|webp|gif);base64,/i.test(v);

/** url(...) in CSS or presentation attributes may only point inside the file. */
function cleanCss(css: string): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(/@font-face\s*\{[^}]*\}/gi, '')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (all, _q: string, ref: string) => (insideRef(ref) ? all : 'none'))
    .replace(/expression\s*\(/gi, '');
}

/**
 * A damaged SVG (cut off on a flash drive, half-downloaded) must be named, not drawn in part: the cleaner and
 * librsvg both repair what they can, so the file is first read as strict XML and any error refuses it.
 */
function assertWellFormed(svg: string): void {
  const errors: string[] = [];
  const parser = new DOMParser({ errorHandler: { warning: () => undefined, error: (m: string) => void errors.push(m), fatalError: (m: string) => void errors.push(m) } });
  let root: string | undefined;
  try {
    root = parser.parseFromString(svg, 'image/svg+xml')?.documentElement?.localName;
  } catch (e) {
    errors.push(e instanceof Error ? e.message : String(e));
  }
  if (errors.length > 0 || root !== 'svg') throw new LogoError('damaged', `SVG is not well-formed XML: ${errors[0] ?? `root ${root}`}`);
}

/** The cleaned SVG markup (throws LogoError when nothing drawable is left or the file is hostile). */
export async function sanitizeSvg(svg: string): Promise<string> {
  // Entities can expand without bound ("billion laughs") or pull in files: refuse them outright.
  if (/<!ENTITY/i.test(svg)) throw new LogoError('svg_unsafe', 'SVG declares entities');
  const body = svg
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  const sanitizeHtml = await sanitizeHtmlLib();
  const clean = sanitizeHtml(body, {
    allowedTags: SVG_TAGS,
    allowedAttributes: false,
    allowVulnerableTags: true,
    parser: { xmlMode: true, decodeEntities: false },
    // The text of dropped elements goes with them.
    nonTextTags: ['script', 'foreignObject', 'iframe', 'noscript', 'textarea', 'object', 'embed', 'audio', 'video', 'canvas'],
    transformTags: {
      '*': (tagName, attribs) => {
        const out: Record<string, string> = {};
        for (const [k, v] of Object.entries(attribs)) {
          const key = k.toLowerCase();
          if (key.startsWith('on')) continue;
          if ((key === 'href' || key === 'xlink:href' || key === 'src') && !insideRef(v)) continue;
          out[k] = key === 'style' || /url\(/i.test(v) ? cleanCss(v) : v;
        }
        return { tagName, attribs: out };
      },
    },
  });
  // Stylesheets are raw text to the parser: clean their references here.
  const styled = clean.replace(/(<style\b[^>]*>)([\s\S]*?)(<\/style>)/gi, (_all, open: string, css: string, close: string) => `${open}${cleanCss(css)}${close}`);
  if (!/<svg[\s>]/.test(styled)) throw new LogoError('svg_empty', 'no <svg> element');
  return styled;
}

/** PNG, JPEG or WebP by their signature. */
function looksLikeRaster(buf: Buffer): boolean {
  return (
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) ||
    (buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) ||
    (buf.subarray(0, 4).toString('latin1') === 'RIFF' && buf.subarray(8, 12).toString('latin1') === 'WEBP')
  );
}

export function looksLikeSvg(buf: Buffer): boolean {
  const head = buf.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return /^(<\?xml[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE[^>]*>\s*)?<svg[\s>]/i.test(head) || (/^<\?xml/.test(head) && /<svg[\s>]/i.test(head));
}

/**
 * A logo file as a PNG of at most LOGO_PIXELS on its long side, transparent
 * where the file is. Throws LogoError with the reason for a message.
 */
export async function prepareLogo(buf: Buffer): Promise<{ png: Buffer; width: number; height: number; svg: boolean }> {
  const sharp = await sharpLib();
  if (buf.length === 0) throw new LogoError('empty', 'file is empty');
  if (buf.length > MAX_LOGO_BYTES) throw new LogoError('too_large', `${buf.length} bytes`);
  const svg = looksLikeSvg(buf);
  let input: Buffer = buf;
  let density: number | undefined;
  if (svg) {
    if (buf.length > MAX_SVG_BYTES) throw new LogoError('too_large', `SVG of ${buf.length} bytes`);
    const text = buf.toString('utf8');
    input = Buffer.from(await sanitizeSvg(text));
    assertWellFormed(text.replace(/^\uFEFF/, ''));
  }
  try {
    const meta = await sharp(input, { limitInputPixels: MAX_LOGO_INPUT_PIXELS, failOn: 'error' }).metadata();
    if (!meta.width || !meta.height) throw new LogoError('damaged', 'no image size');
    if (!svg && !['png', 'jpeg', 'webp'].includes(meta.format ?? '')) throw new LogoError('not_image', `format ${meta.format}`);
    if (!svg && meta.width * meta.height > MAX_LOGO_INPUT_PIXELS) throw new LogoError('too_large', `${meta.width}x${meta.height}`);
    // librsvg draws at 72 dpi by default; scale the density so the long side comes out at LOGO_PIXELS.
    if (svg) density = Math.min(2400, Math.max(1, (72 * LOGO_PIXELS) / Math.max(meta.width, meta.height)));
    const { data, info } = await sharp(input, { limitInputPixels: MAX_LOGO_INPUT_PIXELS, failOn: 'error', ...(density ? { density } : {}) })
      .rotate()
      .resize(LOGO_PIXELS, LOGO_PIXELS, { fit: 'inside', withoutEnlargement: !svg })
      .ensureAlpha()
      .png({ compressionLevel: 9 })
      .toBuffer({ resolveWithObject: true });
    return { png: data, width: info.width, height: info.height, svg };
  } catch (e) {
    if (e instanceof LogoError) throw e;
    const msg = e instanceof Error ? e.message : String(e);
    if (/pixel limit/i.test(msg)) throw new LogoError('too_large', msg);
    // A file that starts like an image but does not decode is a damaged image, not "not an image".
    if (/unsupported image format/i.test(msg) && !looksLikeRaster(buf)) throw new LogoError('not_image', msg);
    throw new LogoError('damaged', msg);
  }
}
