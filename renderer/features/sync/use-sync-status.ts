import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '@shared/sync/status';
import { useApiQuery } from '@ui/lib/query';

/** The engine's state lives outside the store, so it is also read on this interval (and on focus, and after a hub change). */
const POLL_MS = 10_000;
/** Fired after the Sinkron page changes the hub account, so every sync line reads the new state at once. */
export const SYNC_CHANGED_EVENT = 'redaksi:sync-changed';

export function announceSyncChange(): void {
  window.dispatchEvent(new Event(SYNC_CHANGED_EVENT));
}

/** sync.status: refreshed by store changes (a record arriving from the hub), every 10 s while visible, on focus and after a hub change. */
export function useSyncStatus(): { status: SyncStatus | null; readAt: Date; reload(): void } {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  const q = useApiQuery('sync.status', {}, { refetchMs: visible ? POLL_MS : undefined });
  const { refetch } = q;
  const reload = useCallback(() => void refetch(), [refetch]);
  useEffect(() => {
    const onVisible = () => {
      const v = document.visibilityState === 'visible';
      setVisible(v);
      if (v) reload();
    };
    window.addEventListener('focus', reload);
    window.addEventListener(SYNC_CHANGED_EVENT, reload);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      window.removeEventListener('focus', reload);
      window.removeEventListener(SYNC_CHANGED_EVENT, reload);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);
  return { status: q.data ?? null, readAt: new Date(q.dataUpdatedAt || Date.now()), reload };
}
