import { useCallback, useEffect, useState } from 'react';
import type { SyncStatus } from '@shared/sync/status';
import { api } from '@ui/api/client';

const POLL_MS = 10_000;
/** Fired after the Sinkron page changes the hub account, so every sync line reads the new state at once. */
export const SYNC_CHANGED_EVENT = 'redaksi:sync-changed';

export function announceSyncChange(): void {
  window.dispatchEvent(new Event(SYNC_CHANGED_EVENT));
}

/** sync.status, read every 10 s, when the window gets focus or becomes visible, and after a hub change. */
export function useSyncStatus(): { status: SyncStatus | null; readAt: Date; reload(): void } {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [readAt, setReadAt] = useState(() => new Date());
  const reload = useCallback(() => {
    api.call('sync.status', {}).then(
      (s) => {
        setStatus(s);
        setReadAt(new Date());
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    reload();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload();
    }, POLL_MS);
    const onVisible = () => document.visibilityState === 'visible' && reload();
    window.addEventListener('focus', reload);
    window.addEventListener(SYNC_CHANGED_EVENT, reload);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      window.removeEventListener('focus', reload);
      window.removeEventListener(SYNC_CHANGED_EVENT, reload);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [reload]);
  return { status, readAt, reload };
}
