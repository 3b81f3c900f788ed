import qrcode from 'qrcode-generator';
import type { FontWeight } from './fonts';
import { glyphRun, EMOJI_ADVANCE, type FaceSet, type ScriptSupport } from './glyphs';
import { ICONS } from './icons';
import type { Box, ResolvedElement, ResolvedLayout, ResolvedText } from './layout';
import type opentype from 'opentype.js';

/**
 * The drawing of a resolved layout as a tree of SVG elements: glyph outlines
 * as paths (no <text>, so no system font is ever involved), shapes, QR,
 * icons, and image layers (photos, logos, emoji) that the host supplies
 * ready-made. The main process serialises the tree and rasterises it with
 * sharp (the exported file); the page turns the same tree into DOM SVG
 * (the live preview). One drawing code, so preview and file agree.
 */

export type SvgTag = 'rect' | 'ellipse' | 'path' | 'image' | 'clipPath' | 'g';

export type SvgNode =
  | { tag: SvgTag; attrs: [string, string][]; children?: SvgNode[] }
  /** An emoji picture (36×36 viewBox of the emoji set) under a transform. */
  | { tag: 'emoji'; name: string; transform: string };

/** A logo fitted to its box, decoded once per brand-kit change; `plate` when it would vanish on the colour behind it. */
export interface LogoLayer {
  data: string;
  w: number;
  h: number;
  plate: string | null;
}

export type PhotoElement = Extract<ResolvedElement, { kind: 'photo' }>;
export type LogoElement = Extract<ResolvedElement, { kind: 'logo' }>;

/** Ready image layers, looked up synchronously while drawing (the host fetches or decodes them beforehand). */
export interface ImageLayers {
  /** Cover-cropped photo at the box's pixel size as a data: URL, or null (then a placeholder is drawn). */
  photo(el: PhotoElement): string | null;
  logo(el: LogoElement): LogoLayer | null;
}

/** The key under which a host caches an image layer: everything its pixels depend on besides the file itself. */
export function layerKey(el: PhotoElement | LogoElement, bg: string): string {
  const size = `${Math.round(el.box.w)}x${Math.round(el.box.h)}`;
  return el.kind === 'photo' ? `photo|${el.photoId}|${size}` : `logo|${el.which}|${size}|${el.bg ?? bg}`;
}

const n = (v: number) => (Math.round(v * 100) / 100).toString();
const f2 = n;

/** SVG path data from path commands; we format numbers ourselves (opentype.js's toPathData yields NaN for some values). */
function commandsToD(cmds: opentype.PathCommand[]): string {
  let d = '';
  for (const c of cmds) {
    if (c.type === 'M' || c.type === 'L') d += `${c.type}${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'Q') d += `Q${f2(c.x1)} ${f2(c.y1)} ${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'C') d += `C${f2(c.x1)} ${f2(c.y1)} ${f2(c.x2)} ${f2(c.y2)} ${f2(c.x)} ${f2(c.y)}`;
    else if (c.type === 'Z') d += 'Z';
  }
  return d;
}

/** A line of text with its left edge at x and baseline at y: glyph outlines as path data, Arabic and emoji as their own nodes. */
export function lineDrawing(face: opentype.Font, scripts: ScriptSupport, text: string, x: number, y: number, size: number, weight: FontWeight = 'regular', fill = '#000000'): { d: string; extra: SvgNode[] } {
  let d = '';
  const extra: SvgNode[] = [];
  for (const it of glyphRun(face, text, weight, scripts).items) {
    if (it.glyph) d += commandsToD(it.glyph.getPath(x + it.x * size, y, size).commands);
    else if (it.arabic) {
      // Shaped outlines are in font units with y up.
      const k = size / it.arabic.upem;
      if (it.arabic.d)
        extra.push({
          tag: 'path',
          attrs: [
            ['transform', `translate(${f2(x + it.x * size)} ${f2(y - it.arabic.dy * size)}) scale(${k} ${-k})`],
            ['d', it.arabic.d],
            ['fill', fill],
          ],
        });
    } else if (it.emoji) {
      const left = x + (it.x + (EMOJI_ADVANCE - 1) / 2) * size;
      // Sit the picture on the baseline like a capital letter with a descender's worth below.
      const top = y - size * 0.84;
      extra.push({ tag: 'emoji', name: it.emoji, transform: `translate(${f2(left)} ${f2(top)}) scale(${f2(size / 36)})` });
    }
  }
  return { d, extra };
}

// Drawn lines per family: typing changes one line, so the others (header, footer, figures) are not drawn again.
const lineCaches = new WeakMap<FaceSet, Map<string, { d: string; extra: SvgNode[] }>>();

function cachedLine(fs: FaceSet, text: string, x: number, y: number, size: number, weight: FontWeight, fill: string) {
  let cache = lineCaches.get(fs);
  if (!cache) lineCaches.set(fs, (cache = new Map()));
  const key = `${fs.scripts.arabicReady() ? 1 : 0}|${weight}|${size}|${fill}|${x}|${y}|${text}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = lineDrawing(fs.faces[weight], fs.scripts, text, x, y, size, weight, fill);
    if (cache.size > 4000) cache.clear();
    cache.set(key, hit);
  }
  return hit;
}

function textNodes(el: ResolvedText, fs: FaceSet): SvgNode[] {
  let d = '';
  const extra: SvgNode[] = [];
  for (const line of el.lines) {
    if (!line.text) continue;
    const dr = cachedLine(fs, line.text, line.x, line.y, el.size, el.weight, el.color);
    d += dr.d;
    extra.push(...dr.extra);
  }
  return [...(d ? [{ tag: 'path' as const, attrs: [['d', d], ['fill', el.color]] as [string, string][] }] : []), ...extra];
}

// Links with non-Latin characters are encoded as UTF-8 (the library's default takes one byte per character).
const utf8 = new TextEncoder();
qrcode.stringToBytes = (s: string) => Array.from(utf8.encode(s));

/**
 * A QR code (qrcode-generator, error correction M, UTF-8) on a white plate:
 * the plate is the quiet zone (2 modules, enough on a plain white plate),
 * modules are whole pixels where the size allows, one path of squares.
 */
function qrNodes(text: string, b: Box, color: string): SvgNode[] {
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
  return [
    { tag: 'rect', attrs: [['x', `${x0}`], ['y', `${y0}`], ['width', `${size}`], ['height', `${size}`], ['fill', '#ffffff']] },
    { tag: 'path', attrs: [['d', d], ['fill', color], ['shape-rendering', 'crispEdges']] },
  ];
}

const ellipseAttrs = (b: Box): [string, string][] => [
  ['cx', n(b.x + b.w / 2)],
  ['cy', n(b.y + b.h / 2)],
  ['rx', n(b.w / 2)],
  ['ry', n(b.h / 2)],
];
const rectAttrs = (b: Box): [string, string][] => [
  ['x', n(b.x)],
  ['y', n(b.y)],
  ['width', n(b.w)],
  ['height', n(b.h)],
];

/** The whole slide as SVG nodes, background first. */
export function drawLayout(layout: ResolvedLayout, fs: FaceSet, images: ImageLayers): SvgNode[] {
  const { width, height } = layout;
  const out: SvgNode[] = [{ tag: 'rect', attrs: [['width', `${width}`], ['height', `${height}`], ['fill', layout.background]] }];
  let clipId = 0;
  for (const el of layout.elements) {
    const b = el.box;
    switch (el.kind) {
      case 'rect':
        out.push({ tag: 'rect', attrs: [...rectAttrs(b), ['rx', n(el.radius ?? 0)], ['fill', el.fill], ['fill-opacity', `${el.opacity ?? 1}`]] });
        break;
      case 'circle':
        out.push({ tag: 'ellipse', attrs: [...ellipseAttrs(b), ['fill', el.fill], ['fill-opacity', `${el.opacity ?? 1}`]] });
        break;
      case 'qr':
        out.push(...qrNodes(el.text, b, el.color));
        break;
      case 'path':
        out.push({ tag: 'path', attrs: [['d', el.d], ['fill', el.fill]] });
        break;
      case 'icon':
        out.push({
          tag: 'g',
          attrs: [['transform', `translate(${n(b.x)} ${n(b.y)}) scale(${n(b.w / 24)})`]],
          children: [
            {
              tag: 'path',
              attrs: [['d', ICONS[el.icon]], ['fill', 'none'], ['stroke', el.color], ['stroke-width', '2'], ['stroke-linecap', 'round'], ['stroke-linejoin', 'round']],
            },
          ],
        });
        break;
      case 'photo': {
        const data = images.photo(el);
        const clip = el.shape === 'circle' ? `clip${++clipId}` : '';
        if (clip) out.push({ tag: 'clipPath', attrs: [['id', clip]], children: [{ tag: 'ellipse', attrs: ellipseAttrs(b) }] });
        if (data) {
          out.push({
            tag: 'image',
            attrs: [
              ['x', `${Math.round(b.x)}`],
              ['y', `${Math.round(b.y)}`],
              ['width', `${Math.round(b.w)}`],
              ['height', `${Math.round(b.h)}`],
              ['preserveAspectRatio', 'none'],
              ['href', data],
              ...(clip ? [['clip-path', `url(#${clip})`] as [string, string]] : []),
            ],
          });
        } else {
          // No photo yet: a tinted panel with a picture symbol, so the layout still reads.
          out.push({ tag: clip ? 'ellipse' : 'rect', attrs: [...(clip ? ellipseAttrs(b) : rectAttrs(b)), ['fill', el.placeholder], ['fill-opacity', '0.16']] });
          const s = Math.min(b.w, b.h) * 0.22;
          out.push({
            tag: 'g',
            attrs: [['transform', `translate(${n(b.x + b.w / 2 - s / 2)} ${n(b.y + b.h / 2 - s / 2)}) scale(${n(s / 24)})`]],
            children: [
              {
                tag: 'path',
                attrs: [
                  ['d', 'M3 5h18v14H3zM3 16l5-5 4 4 3-3 6 6M15.5 9.5a1.5 1.5 0 1 0 0-.01'],
                  ['fill', 'none'],
                  ['stroke', el.placeholder],
                  ['stroke-opacity', '0.6'],
                  ['stroke-width', '1.6'],
                  ['stroke-linecap', 'round'],
                  ['stroke-linejoin', 'round'],
                ],
              },
            ],
          });
        }
        break;
      }
      case 'logo': {
        const logo = images.logo(el);
        if (!logo) break;
        const x = Math.round(el.align === 'left' ? b.x : el.align === 'right' ? b.x + b.w - logo.w : b.x + (b.w - logo.w) / 2);
        const y = Math.round(b.y + (b.h - logo.h) / 2);
        const pad = logo.plate ? Math.round(Math.min(b.w, b.h) * 0.12) : 0;
        if (logo.plate) out.push({ tag: 'rect', attrs: [['x', `${x}`], ['y', `${y}`], ['width', `${logo.w}`], ['height', `${logo.h}`], ['rx', `${pad}`], ['fill', logo.plate]] });
        out.push({ tag: 'image', attrs: [['x', `${x + pad}`], ['y', `${y + pad}`], ['width', `${logo.w - 2 * pad}`], ['height', `${logo.h - 2 * pad}`], ['href', logo.data]] });
        break;
      }
      case 'text':
        out.push(...textNodes(el, fs));
        break;
    }
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** SVG markup of the nodes; `emojiInner` gives the drawing inside an emoji picture's file. */
export function svgMarkup(nodes: SvgNode[], emojiInner: (name: string) => string): string {
  let s = '';
  for (const node of nodes) {
    if (node.tag === 'emoji') {
      s += `<g transform="${node.transform}">${emojiInner(node.name)}</g>`;
      continue;
    }
    const attrs = node.attrs.map(([k, v]) => ` ${k}="${esc(v)}"`).join('');
    s += node.children ? `<${node.tag}${attrs}>${svgMarkup(node.children, emojiInner)}</${node.tag}>` : `<${node.tag}${attrs}/>`;
  }
  return s;
}
