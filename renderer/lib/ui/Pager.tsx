import { useEffect, useMemo } from 'react';
import type { MessageKey } from '@ui/i18n/catalog';
import { useI18n } from '@ui/i18n/i18n';

/**
 * A page emptied by a change elsewhere (trashed, purged, synced away): back
 * to the last page there is, rather than showing an empty page.
 */
export function useStayOnAPage(page: { items: readonly unknown[]; total: number } | null | undefined, offset: number, pageSize: number, setOffset: (offset: number) => void): void {
  useEffect(() => {
    if (page && offset > 0 && page.items.length === 0 && page.total > 0) setOffset(Math.floor((page.total - 1) / pageSize) * pageSize);
  }, [page, offset, pageSize, setOffset]);
}

/**
 * Pages through a list the API answers one page at a time (issue 22): first,
 * previous, "1–50 dari 10.000", next, last. Every control is a button, so the
 * keyboard reaches it in order; the range is announced as it changes.
 * `rangeKey` is the feature's "{from}–{to} dari {n} …" message.
 */
export function Pager({
  label,
  rangeKey,
  offset,
  pageSize,
  shown,
  total,
  onOffset,
}: {
  label: string;
  rangeKey: MessageKey;
  offset: number;
  pageSize: number;
  /** How many rows the current page holds. */
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const { t, lang } = useI18n();
  const nf = useMemo(() => new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-GB'), [lang]);
  if (total <= pageSize && offset === 0) return null;
  const last = Math.max(0, Math.floor((total - 1) / pageSize) * pageSize);
  const atStart = offset === 0;
  const atEnd = offset + pageSize >= total;
  return (
    <nav className="pager row" aria-label={label}>
      <button disabled={atStart} onClick={() => onOffset(0)}>
        « {t('common.pageFirst')}
      </button>
      <button disabled={atStart} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        ‹ {t('common.pagePrev')}
      </button>
      <span className="muted pager-range" aria-live="polite">
        {t(rangeKey, { from: nf.format(Math.min(offset + 1, total)), to: nf.format(offset + shown), n: nf.format(total) })}
      </span>
      <button disabled={atEnd} onClick={() => onOffset(offset + pageSize)}>
        {t('common.pageNext')} ›
      </button>
      <button disabled={atEnd} onClick={() => onOffset(last)}>
        {t('common.pageLast')} »
      </button>
    </nav>
  );
}
