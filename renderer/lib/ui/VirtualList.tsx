import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useRef, useState, type FocusEvent, type ReactNode } from 'react';

/**
 * Rows drawn before the box is measured (and in server rendering): about one
 * screen, so the first rows paint with the first frame.
 */
const FIRST_HEIGHT = 640;
const OVERSCAN = 6;

interface RowsOptions {
  count: number;
  /** A typical row height in px; rows are measured once drawn. */
  estimateSize: number;
  /** Changes when another page or filter is shown: the box scrolls back to its top. */
  resetKey?: unknown;
  /** Keep the row that holds the keyboard focus drawn while the box scrolls away from it. */
  keepFocused?: boolean;
}

/**
 * One virtualiser for every list that can grow (issue 22): only the rows in
 * view (plus a few either side) exist in the DOM. The box scrolls by itself,
 * as the photo desk's grid does, so the pager below it stays in reach.
 */
function useVirtualRows({ count, estimateSize, resetKey, keepFocused }: RowsOptions) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row holding the focus, and its neighbours: drawn whatever the scroll, so Tab and Shift+Tab always find
  // the next row in the DOM (a state, so a new focus redraws at once, before the next key press).
  const [focused, setFocused] = useState<number | null>(null);
  const rangeExtractor = useCallback(
    (range: Range) => {
      const rows = defaultRangeExtractor(range);
      if (!keepFocused || focused === null) return rows;
      const extra = [focused - 1, focused, focused + 1].filter((i) => i >= 0 && i < range.count && !rows.includes(i));
      return extra.length ? [...rows, ...extra].sort((a, b) => a - b) : rows;
    },
    [keepFocused, focused],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimateSize,
    overscan: OVERSCAN,
    initialRect: { width: 0, height: FIRST_HEIGHT },
    rangeExtractor,
  });
  // A row measured above the view shifts the rows below it; correcting the scroll for that while the
  // person scrolls (End, Page Down, a smooth wheel) would cut their scroll short. Corrected once still.
  virtualizer.shouldAdjustScrollPositionOnItemSizeChange = (item, _delta, v) => !v.isScrolling && item.start < (v.scrollOffset ?? 0);
  useEffect(() => {
    setFocused(null);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);
  // Which row holds the focus (Tab into a row, out of it): that row is kept while it does.
  const onFocus = (e: FocusEvent<HTMLElement>) => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    setFocused(row ? Number(row.dataset.index) : null);
  };
  const onBlur = (e: FocusEvent<HTMLElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(null);
  };
  return { scrollRef, virtualizer, onFocus, onBlur };
}

export interface VirtualListProps<T> {
  items: readonly T[];
  getKey: (item: T) => string;
  renderRow: (item: T, index: number) => ReactNode;
  /** A typical row height in px. */
  estimateSize: number;
  /** The list's accessible name. */
  label?: string;
  className?: string;
  rowClassName?: string | ((item: T) => string);
  /** Position of the first item in the whole (paged) list, and the whole list's size: read out as "3 of 10,000". */
  offset?: number;
  total?: number;
  resetKey?: unknown;
  /** Extra attributes for a row (data-state and the like). */
  rowProps?: (item: T) => Record<string, string | undefined>;
  testId?: string;
  /** Rows with nothing to focus (plain text): the box itself takes the focus, so the keyboard can scroll it. */
  textOnly?: boolean;
}

/** A box whose rows hold no link or button is focusable itself, named as its list, or a keyboard could not scroll it. */
const keyboardScroll = (textOnly: boolean | undefined, label: string | undefined) => (textOnly ? { tabIndex: 0, role: 'group', 'aria-label': label } : {});

/**
 * A `<ul>` whose rows are drawn only when in view. Each row says where it
 * stands in the whole list (`aria-posinset` of `aria-setsize`), so a screen
 * reader announces "baris 51 dari 10.000" although only a dozen rows exist.
 */
export function VirtualList<T>({ items, getKey, renderRow, estimateSize, label, className, rowClassName, offset = 0, total, resetKey, rowProps, testId, textOnly }: VirtualListProps<T>) {
  const { scrollRef, virtualizer, onFocus, onBlur } = useVirtualRows({ count: items.length, estimateSize, resetKey, keepFocused: true });
  const setSize = total ?? items.length;
  if (items.length === 0) return null;
  return (
    <div className="vlist-scroll" ref={scrollRef} onFocus={onFocus} onBlur={onBlur} data-testid={testId} {...keyboardScroll(textOnly, label)}>
      <ul className={`vlist ${className ?? ''}`} aria-label={label} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const item = items[v.index];
          return (
            <li
              key={getKey(item)}
              {...rowProps?.(item)}
              data-index={v.index}
              ref={virtualizer.measureElement}
              className={typeof rowClassName === 'function' ? rowClassName(item) : rowClassName}
              aria-setsize={setSize}
              aria-posinset={offset + v.index + 1}
              style={{ transform: `translateY(${v.start}px)` }}
            >
              {renderRow(item, v.index)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export interface VirtualTableProps<T> {
  items: readonly T[];
  getKey: (item: T) => string;
  /** The header row's cells (`<th scope="col">`). */
  head: ReactNode;
  columns: number;
  /** One row's cells (`<td>`). */
  renderCells: (item: T, index: number) => ReactNode;
  estimateSize: number;
  className?: string;
  label?: string;
  offset?: number;
  total?: number;
  resetKey?: unknown;
  textOnly?: boolean;
  rowClassName?: (item: T, index: number) => string | undefined;
}

/**
 * A `<table>` whose body rows are drawn only when in view; two hidden spacer
 * rows hold the height of the rows not drawn, so the columns keep the table's
 * own layout. `aria-rowcount`/`aria-rowindex` give each row its place in the
 * whole (paged) list, the header being row 1.
 */
export function VirtualTable<T>({ items, getKey, head, columns, renderCells, estimateSize, className, label, offset = 0, total, resetKey, textOnly, rowClassName }: VirtualTableProps<T>) {
  const { scrollRef, virtualizer } = useVirtualRows({ count: items.length, estimateSize, resetKey });
  const rows = virtualizer.getVirtualItems();
  const before = rows.length ? rows[0].start : 0;
  const after = rows.length ? virtualizer.getTotalSize() - rows[rows.length - 1].end : 0;
  return (
    <div className="vlist-scroll" ref={scrollRef} {...keyboardScroll(textOnly, label)}>
      <table className={className} aria-label={label} aria-rowcount={(total ?? items.length) + 1}>
        <thead>
          <tr aria-rowindex={1}>{head}</tr>
        </thead>
        <tbody>
          {before > 0 && (
            <tr className="vlist-spacer" aria-hidden="true" style={{ height: before }}>
              <td colSpan={columns} />
            </tr>
          )}
          {rows.map((v) => {
            const item = items[v.index];
            return (
              <tr key={getKey(item)} data-index={v.index} ref={virtualizer.measureElement} className={rowClassName?.(item, v.index)} aria-rowindex={offset + v.index + 2}>
                {renderCells(item, v.index)}
              </tr>
            );
          })}
          {after > 0 && (
            <tr className="vlist-spacer" aria-hidden="true" style={{ height: after }}>
              <td colSpan={columns} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
