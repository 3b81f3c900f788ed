import { useEffect, useSyncExternalStore } from 'react';
import type { SessionInfo } from '@shared/api/contracts/review';
import { ApiError } from '@shared/api/errors';
import { api } from '@ui/api/client';
import { id as catalogId, type MessageKey } from '@ui/i18n/catalog';
import { errorMessage, type Translate } from '@ui/i18n/i18n';

/**
 * The signed-in profile, shared by the sidebar switcher and the review
 * screens. The main process holds the truth (every change is attributed
 * there); this is the UI's copy, refreshed after each sign-in.
 */
let current: SessionInfo | null = null;
const listeners = new Set<() => void>();
let inboxVersion = 0;

function emit() {
  for (const l of listeners) l();
}

export function setSession(s: SessionInfo): void {
  current = s;
  inboxVersion++;
  emit();
}

export async function refreshSession(): Promise<SessionInfo> {
  const s = await api.call('session.get', {});
  setSession(s);
  return s;
}

/** Something changed that the inbox should re-read (a decision, an import). */
export function touchInbox(): void {
  inboxVersion++;
  emit();
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSession(): SessionInfo | null {
  const s = useSyncExternalStore(subscribe, () => current);
  useEffect(() => {
    if (!current) void refreshSession().catch(() => undefined);
  }, []);
  return s;
}

export function useInboxVersion(): number {
  return useSyncExternalStore(subscribe, () => inboxVersion);
}

/** The specific Indonesian message for a review refusal, or the generic one for the error code. */
export function reviewError(t: Translate, err: unknown): string {
  if (err instanceof ApiError && typeof err.params?.reason === 'string') {
    const key = `review.refuse.${err.params.reason}` as MessageKey;
    if (key in catalogId) return t(key, err.params);
  }
  return errorMessage(t, err);
}

export { fileToBase64 } from '@ui/lib/files';
