import { createElement, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CardPreviewKit } from '@shared/api/contracts/cards';
import { cardSize, type CardContent, type CardSizeId } from '@shared/cards/card';
import { layoutSlide } from '@shared/cards/compose';
import { drawLayout, layerKey, type ImageLayers, type LogoLayer, type SvgNode } from '@shared/cards/draw';
import { isArabic, type FaceSet } from '@shared/cards/glyphs';
import { resolveLayout, textSummary } from '@shared/cards/layout';
import { api } from '@ui/api/client';
import { useApp } from '@ui/app/AppContext';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';
import { useStoreChanges } from '@ui/lib/query';
import { emojiPicture, fetchEmoji, loadPageArabic, pageArabicReady, pageFaceSet } from './live-fonts';

/**
 * Live preview of one slide at one size. The page lays the slide out and
 * draws it itself, with the export's own code (shared/cards: layoutSlide,
 * resolveLayout, drawLayout) over the same font files, so a keystroke is
 * answered within a frame and the picture agrees with the exported file.
 * Photos, logos and emoji are image layers fetched once from the main process
 * (per brand-kit, photo or box change) and then reused. Until the fonts
 * have arrived, and for Arabic when HarfBuzz cannot run here, the main
 * process draws the preview instead.
 */
export function CardPreview(props: { content: CardContent; slide: number; sizeId: CardSizeId; width: number }) {
  const font = props.content.font;
  const [kit, setKit] = useState<{ kit: CardPreviewKit; names: Set<string> } | null>(null);
  const [fs, setFs] = useState<{ font: string; fs: FaceSet } | null>(null);
  // The brand (name, handles, logos) comes with the kit: fetched again when the workspace changes (brand kit saved, synced).
  // A logo's file may also change without the workspace (its media record replaced or synced): the kit is asked
  // again then too, and kept as it is when nothing in it changed (the fonts and drawn lines stay cached).
  const { workspace } = useApp();
  const [mediaEpoch, setMediaEpoch] = useState(0);
  useStoreChanges(
    MEDIA,
    useCallback(() => setMediaEpoch((n) => n + 1), []),
  );
  useEffect(() => {
    let live = true;
    api.call('cards.previewKit', {}).then(
      (k) => live && setKit((old) => (old && JSON.stringify(old.kit) === JSON.stringify(k) ? old : { kit: k, names: new Set(k.emojiNames) })),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [workspace, mediaEpoch]);
  useEffect(() => {
    if (!kit) return;
    let live = true;
    pageFaceSet(font, kit.names).then((f) => live && setFs({ font, fs: f }), () => undefined);
    return () => {
      live = false;
    };
  }, [font, kit]);
  // HarfBuzz loads with the fonts, so Arabic typed later is shaped in the page at once; null while it loads.
  const [arabic, setArabic] = useState<boolean | null>(pageArabicReady() || null);
  useEffect(() => {
    if (arabic !== null) return;
    let live = true;
    loadPageArabic().then((ok) => live && setArabic(ok));
    return () => {
      live = false;
    };
  }, [arabic]);
  const s = props.content.slides[props.slide];
  const needsArabic = useMemo(() => isArabic(JSON.stringify(s)) || (!!kit && isArabic(JSON.stringify(kit.kit.brand))), [s, kit]);
  if (kit && fs && fs.font === font && arabic !== null && (arabic || !needsArabic)) return <LivePreview {...props} kit={kit.kit} fs={fs.fs} mediaEpoch={mediaEpoch} />;
  return <ServerPreview {...props} />;
}

const camel = (k: string) => (k.startsWith('data-') ? k : k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()));

/** The drawing's SVG nodes as React elements; clip ids get the preview's own prefix (several previews share one document). */
function toReact(nodes: SvgNode[], prefix: string): ReactNode[] {
  return nodes.map((node, i) => {
    if (node.tag === 'emoji') {
      const src = emojiPicture(node.name);
      return src ? createElement('g', { key: i, transform: node.transform }, createElement('image', { width: 36, height: 36, href: src })) : null;
    }
    const props: Record<string, string | number> = { key: i };
    for (const [k, v] of node.attrs) props[camel(k)] = k === 'id' ? `${prefix}${v}` : k === 'clip-path' ? v.replace('url(#', `url(#${prefix}`) : v;
    return createElement(node.tag, props, node.children ? toReact(node.children, prefix) : undefined);
  });
}

function emojiNamesOf(nodes: SvgNode[], out: string[] = []): string[] {
  for (const n of nodes) {
    if (n.tag === 'emoji') out.push(n.name);
    else if (n.children) emojiNamesOf(n.children, out);
  }
  return out;
}

const MEDIA = ['media'] as const;

type Layer = string | LogoLayer | null;
/** An image layer with the media change it was fetched after: older ones are shown until their refetch arrives. */
interface CachedLayer {
  layer: Layer;
  epoch: number;
}

function LivePreview({
  content,
  slide,
  sizeId,
  width,
  kit,
  fs,
  mediaEpoch,
}: {
  content: CardContent;
  slide: number;
  sizeId: CardSizeId;
  width: number;
  kit: CardPreviewKit;
  fs: FaceSet;
  /** Counts media changes (a photo's focal point, a replaced file): image layers fetched before the last one are fetched again. */
  mediaEpoch: number;
}) {
  const { t } = useI18n();
  const started = performance.now();
  const [layers, setLayers] = useState<Map<string, CachedLayer>>(() => new Map());
  const [, setEmojiTick] = useState(0);
  const asked = useRef(new Set<string>());
  const svgRef = useRef<SVGSVGElement>(null);
  const prefix = `cp${useId().replace(/[^A-Za-z0-9]/g, '')}${sizeId}`;
  const { slides, colors } = content;
  const layout = useMemo(() => resolveLayout(layoutSlide({ slides, colors }, slide, sizeId, kit.brand, fs.measurer), fs.measurer), [slides, colors, slide, sizeId, kit, fs]);
  const { nodes, missing } = useMemo(() => {
    const want: string[] = [];
    const get = (key: string) => {
      const v = layers.get(`${kit.layersVersion}|${key}`);
      if (v === undefined || v.epoch < mediaEpoch) want.push(key);
      return v?.layer ?? null;
    };
    const images: ImageLayers = {
      photo: (el) => (el.photoId ? (get(layerKey(el, layout.background)) as string | null) : null),
      logo: (el) => ((el.which === 'opd' ? kit.brand.hasOpdLogo : kit.brand.hasPemdaLogo) ? (get(layerKey(el, layout.background)) as LogoLayer | null) : null),
    };
    return { nodes: drawLayout(layout, fs, images), missing: want };
  }, [layout, layers, kit, fs, mediaEpoch]);
  const drawn = useMemo(() => toReact(nodes, prefix), [nodes, prefix]);
  const summary = useMemo(() => JSON.stringify(textSummary(layout)), [layout]);
  // Layout and drawing time of this keystroke, from the start of the render to the DOM being updated.
  useLayoutEffect(() => {
    svgRef.current?.setAttribute('data-draw-ms', (performance.now() - started).toFixed(2));
  });
  // Image layers this drawing lacks or holds from before a media change: asked once per brand-kit version and media
  // change, then drawn from memory. The main process crops photos with their focal point at that moment.
  const missingKey = missing.join('\n');
  useEffect(() => {
    const asking = (k: string) => `${kit.layersVersion}|${mediaEpoch}|${k}`;
    const fresh = missing.filter((k) => !asked.current.has(asking(k)));
    if (fresh.length === 0) return;
    for (const k of fresh) asked.current.add(asking(k));
    const epoch = mediaEpoch;
    api.call('cards.layers', { content, slide, sizeId }).then(
      (r) =>
        setLayers((old) => {
          const next = new Map(old);
          for (const k of fresh) next.set(`${kit.layersVersion}|${k}`, { layer: r.layers[k] ?? null, epoch });
          for (const [k, v] of Object.entries(r.layers)) next.set(`${kit.layersVersion}|${k}`, { layer: v, epoch });
          return next;
        }),
      () => {
        for (const k of fresh) asked.current.delete(asking(k));
      },
    );
    // `missingKey` stands for `missing`; the content sent is the one that needed the layers.
  }, [missingKey, kit.layersVersion, mediaEpoch]);
  const emojiKey = emojiNamesOf(nodes).filter((n) => !emojiPicture(n)).join(',');
  useEffect(() => {
    if (!emojiKey) return;
    let live = true;
    fetchEmoji(emojiKey.split(',')).then((any) => live && any && setEmojiTick((n) => n + 1));
    return () => {
      live = false;
    };
  }, [emojiKey]);
  const size = cardSize(sizeId);
  const label = t('cards.editor.previewOf', { n: slide + 1, size: t(`cards.size.${sizeId}` as MessageKey) });
  return (
    <figure className="cards-preview" style={{ width }}>
      <div className="cards-preview-frame" style={{ aspectRatio: `${size.width} / ${size.height}` }}>
        <svg
          ref={svgRef}
          role="img"
          aria-label={label}
          viewBox={`0 0 ${size.width} ${size.height}`}
          data-size={sizeId}
          data-testid={`card-preview-${sizeId}`}
          data-live="page"
          data-layout={summary}
        >
          {drawn}
        </svg>
      </div>
      <figcaption className="muted">{t(`cards.size.${sizeId}` as MessageKey)}</figcaption>
    </figure>
  );
}

/**
 * Preview drawn by the main process (the export's own raster), used until the
 * page has its fonts, and for Arabic when HarfBuzz cannot run in the page. A change is sent at once when no drawing of this
 * preview is under way; while one is, only the newest change waits and goes
 * next (older ones are never drawn), so typing is answered as fast as one
 * drawing takes and never queues up. The last good image stays on screen
 * until the new one arrives.
 */
function ServerPreview({ content, slide, sizeId, width }: { content: CardContent; slide: number; sizeId: CardSizeId; width: number }) {
  const { t } = useI18n();
  const [image, setImage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const [ms, setMs] = useState<number | null>(null);
  const seq = useRef(0);
  const shown = useRef(0);
  const inFlight = useRef(false);
  const next = useRef<(() => void) | null>(null);
  const key = JSON.stringify([content.slides[slide], content.colors, content.font, content.slides.length, slide, sizeId]);
  useEffect(() => {
    const my = ++seq.current;
    setBusy(true);
    const send = () => {
      inFlight.current = true;
      api
        .call('cards.preview', { content, slide, sizeId, previewWidth: Math.min(1080, Math.round(width * 2)) })
        .then((r) => {
          // Any answer newer than the one on screen is shown; older ones are dropped.
          if (my < shown.current) return;
          shown.current = my;
          setImage(r.image);
          setMs(r.ms);
          setFailed(false);
          if (my === seq.current) setBusy(false);
        })
        .catch(() => {
          if (my !== seq.current) return;
          setFailed(true);
          setBusy(false);
        })
        .finally(() => {
          inFlight.current = false;
          const waiting = next.current;
          next.current = null;
          waiting?.();
        });
    };
    if (inFlight.current) next.current = send;
    else send();
    // `key` captures everything the image depends on.
  }, [key, width]);
  const size = cardSize(sizeId);
  const label = t('cards.editor.previewOf', { n: slide + 1, size: t(`cards.size.${sizeId}` as MessageKey) });
  return (
    <figure className="cards-preview" style={{ width }}>
      <div className="cards-preview-frame" style={{ aspectRatio: `${size.width} / ${size.height}` }}>
        {image && <img src={image} alt={label} data-size={sizeId} data-testid={`card-preview-${sizeId}`} />}
        {busy && <span className="badge cards-preview-busy">{t('cards.editor.updating')}</span>}
      </div>
      <figcaption className="muted">
        {t(`cards.size.${sizeId}` as MessageKey)}
        {ms !== null && !busy && <> · {t('cards.editor.renderMs', { ms })}</>}
        {failed && <span role="alert"> · {t('cards.editor.previewError')}</span>}
      </figcaption>
    </figure>
  );
}
