import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { PhotoSummary } from '@shared/media/photo';
import { isPhotoPublishable } from '@shared/media/rules';
import { useI18n } from '@ui/i18n/i18n';
import { thumbUrl } from './media-ui';

const CELL = 148;
const GAP = 10;
const ROW = CELL + GAP + 22;

interface Props {
  /** Every position of the list; undefined where its page is not loaded yet. */
  photos: readonly (PhotoSummary | undefined)[];
  /** Whether a photo is selected (a set of ids, or everything but some after "Pilih semua"). */
  selected: { has(id: string): boolean };
  activeId: string | null;
  onActivate(id: string, e: { ctrl: boolean; shift: boolean }): void;
  onToggle(id: string): void;
  /** The positions shown (with overscan): the pages to load. */
  onRange?(first: number, last: number): void;
}

/**
 * Thumbnail grid, virtualised by rows: only the visible rows exist in the DOM,
 * so thousands of photos scroll smoothly; thumbnails load lazily.
 */
export function PhotoGrid({ photos, selected, activeId, onActivate, onToggle, onRange }: Props) {
  const { t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    setWidth(el.clientWidth);
    return () => ro.disconnect();
  }, []);

  const cols = Math.max(1, Math.floor((width - GAP) / (CELL + GAP)));
  const rows = Math.ceil(photos.length / cols);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => ROW, overscan: 4 });

  const shown = virtualizer.getVirtualItems();
  const first = shown.length ? shown[0].index * cols : 0;
  const last = shown.length ? Math.min(photos.length - 1, (shown[shown.length - 1].index + 1) * cols - 1) : -1;
  useEffect(() => {
    if (last >= first) onRange?.(first, last);
  }, [first, last, onRange]);

  const click = (id: string) => (e: MouseEvent) => onActivate(id, { ctrl: e.ctrlKey || e.metaKey, shift: e.shiftKey });

  return (
    <div className="photo-grid-scroll" ref={scrollRef} data-testid="photo-grid">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div key={row.key} className="photo-grid-row" style={{ transform: `translateY(${row.start}px)`, gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))` }}>
            {photos.slice(row.index * cols, row.index * cols + cols).map((p, i) => {
              if (!p) return <div key={`gap-${row.index * cols + i}`} className="photo-cell photo-cell-loading" aria-hidden="true" />;
              const isSel = selected.has(p.id);
              const name = p.caption || p.originalName;
              return (
                <div key={p.id} className={`photo-cell${isSel ? ' selected' : ''}${p.id === activeId ? ' active' : ''}`}>
                  <button type="button" className="photo-cell-main" onClick={click(p.id)} aria-pressed={p.id === activeId} title={p.originalName}>
                    <img {...{ elementtiming: 'photo-thumb' }} src={thumbUrl(p.sha256)} alt={p.altText || p.originalName} loading="lazy" decoding="async" width={CELL} height={CELL - 8} draggable={false} />
                    <span className="photo-cell-name">{name}</span>
                  </button>
                  <input type="checkbox" className="photo-cell-check" checked={isSel} onChange={() => onToggle(p.id)} aria-label={t('media.desk.selectPhoto', { name: p.originalName })} />
                  <span className="photo-cell-badges">
                    {p.hasGps && (
                      <span className="badge badge-gps" title={t('media.desk.gpsTitle')}>
                        {t('media.desk.gps')}
                      </span>
                    )}
                    {!isPhotoPublishable(p) && !p.altText.trim() && <span className="badge badge-warn">{t('media.desk.altMissing')}</span>}
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
