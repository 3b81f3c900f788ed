import { useCallback, useState } from 'react';

const PREFIX = 'redaksi.setup.draft.';

/**
 * What a person typed in a guide step, kept in the browser's storage until
 * the step is saved: closing the guide, the app or the computer halfway
 * through loses nothing. Never used for secrets (PINs, passwords).
 */
export function useDraft<T extends object>(key: string, initial: () => T): { value: T; set(v: T): void; clear(): void; restored: boolean } {
  const [state, setState] = useState(() => {
    const base = initial();
    try {
      const raw = localStorage.getItem(PREFIX + key);
      if (raw) return { value: { ...base, ...(JSON.parse(raw) as Partial<T>) }, restored: true };
    } catch {
      // Storage off or a damaged entry: start from the saved settings.
    }
    return { value: base, restored: false };
  });
  const set = useCallback(
    (v: T) => {
      setState((s) => ({ ...s, value: v }));
      try {
        localStorage.setItem(PREFIX + key, JSON.stringify(v));
      } catch {
        // Full or disabled storage: the field still holds the text.
      }
    },
    [key],
  );
  const clear = useCallback(() => {
    try {
      localStorage.removeItem(PREFIX + key);
    } catch {
      // Nothing to clear.
    }
    setState((s) => ({ ...s, restored: false }));
  }, [key]);
  return { value: state.value, set, clear, restored: state.restored };
}
