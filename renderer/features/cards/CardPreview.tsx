import { useEffect, useRef, useState } from 'react';
import { cardSize, type CardContent, type CardSizeId } from '@shared/cards/card';
import { api } from '@ui/api/client';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';

/**
 * Live preview of one slide at one size, drawn by the main process with the
 * same code as the export. A change is sent at once when no drawing of this
 * preview is under way; while one is, only the newest change waits and goes
 * next (older ones are never drawn), so typing is answered as fast as one
 * drawing takes and never queues up. The last good image stays on screen
 * until the new one arrives.
 */
export function CardPreview({ content, slide, sizeId, width }: { content: CardContent; slide: number; sizeId: CardSizeId; width: number }) {
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
