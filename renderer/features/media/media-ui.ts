import { ApiError } from '@shared/api/errors';
import { formatDecimal } from '@shared/activity/format';
import type { Language } from '@shared/domain/workspace';
import type { MessageKey } from '@ui/i18n/catalog';
import { errorMessage, type Translate } from '@ui/i18n/i18n';

import { FileReadError } from '@ui/lib/files';

/** Thrown when the browser cannot read a chosen file (moved, deleted, unplugged drive). */
export { FileReadError, fileToBase64 as readFileBase64 } from '@ui/lib/files';

/** The photo desk's own message for a failure reason, else the generic one for the code. */
export function mediaErrorMessage(t: Translate, err: unknown): string {
  if (err instanceof FileReadError) return t('media.desk.reason.vanished');
  const reason = err instanceof ApiError ? err.params?.reason : undefined;
  if (typeof reason === 'string') return reasonText(t, reason) ?? errorMessage(t, err);
  return errorMessage(t, err);
}

export function reasonText(t: Translate, reason: string): string | null {
  const key = `media.desk.reason.${reason}` as MessageKey;
  const s = t(key);
  return s === key ? null : s;
}

/** A file size with the app language's decimal mark ("1,5 MB" in Indonesian). */
export function formatBytes(n: number, lang: Language = 'id'): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${formatDecimal(n / (1024 * 1024), 1, lang)} MB`;
}

export { previewUrl, thumbUrl } from '@shared/files/urls';

/** Accepted by the file dialog; HEIC often has no MIME type on Windows, hence the extensions. */
export const ACCEPT = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.jpg,.jpeg,.png,.webp,.heic,.heif';

const PRESETS_KEY = 'redaksi.media.presets';
export const DEFAULT_PRESETS = ['ig-portrait', 'fb-link', 'web-featured'];

export function loadChosenPresets(valid: readonly string[]): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(PRESETS_KEY) ?? 'null') as unknown;
    if (Array.isArray(v)) {
      const ok = v.filter((x): x is string => typeof x === 'string' && valid.includes(x));
      if (ok.length) return ok;
    }
  } catch {
    // A damaged preference falls back to the defaults.
  }
  return DEFAULT_PRESETS;
}

export function saveChosenPresets(ids: string[]): void {
  try {
    localStorage.setItem(PRESETS_KEY, JSON.stringify(ids));
  } catch {
    // Storage may be full or disabled; the choice then lasts for this session only.
  }
}
