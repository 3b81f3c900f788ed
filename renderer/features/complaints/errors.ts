import { ApiError } from '@shared/api/errors';
import { id as catalog, type MessageKey } from '@ui/i18n/catalog';
import { errorMessage, type Translate } from '@ui/i18n/i18n';

/** The aduan-specific Indonesian message for a known reason, else the generic one for the error code. */
export function complaintError(t: Translate, err: unknown): string {
  if (err instanceof ApiError && typeof err.params?.reason === 'string') {
    for (const prefix of ['complaints.error.', 'activity.error.']) {
      const key = `${prefix}${err.params.reason}`;
      if (key in catalog) return t(key as MessageKey, err.params);
    }
  }
  return errorMessage(t, err);
}
