/**
 * Pending edits register a flusher here. Before the window closes (Electron
 * asks through the preload; a browser fires pagehide) every flusher runs, so
 * no keystroke is lost.
 */
type Flusher = (closing: boolean) => Promise<void>;
const flushers = new Set<Flusher>();

export function registerFlusher(f: Flusher): () => void {
  flushers.add(f);
  return () => flushers.delete(f);
}

export async function flushAll(closing = false): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f(closing)));
}

export function installCloseHandlers(): void {
  if (window.redaksi) {
    window.redaksi.onFlushRequest(() => flushAll(true));
    return;
  }
  // Autosaves go out as keepalive requests, which outlive the tab (a save already in flight too: the flush waits behind it).
  window.addEventListener('pagehide', () => void flushAll(true));
  // A hidden tab may be closed or discarded before its next turn: save now, not after the pause.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushAll(true);
  });
}
