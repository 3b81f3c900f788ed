import type { AttemptLog } from '@shared/publishing/job';
import { formatZonedDateTime, type TimeZoneCode } from '@shared/domain/time-zone';
import { id as catalogue, type MessageKey } from '@ui/i18n/catalog';
import type { Translate } from '@ui/i18n/i18n';

const WP_STATUSES = new Set(['publish', 'future', 'draft', 'pending', 'private']);

/**
 * One line of a job's log in the app's language: the stored code through the
 * catalogue, with dates in the workspace's zone and WordPress statuses in
 * WordPress's own Indonesian words. A line stored before codes existed (or
 * with a code this version does not know) is shown as it was stored.
 */
export function logLine(t: Translate, l: AttemptLog, zone: TimeZoneCode): { text: string; coded: boolean } {
  const key = `publishing.log.${l.code ?? ''}`;
  if (!l.code || !(key in catalogue)) return { text: l.detail ? `${l.action}: ${l.detail}` : l.action, coded: false };
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(l.params ?? {})) {
    if (k === 'at' && typeof v === 'string' && !Number.isNaN(Date.parse(v))) params[k] = formatZonedDateTime(v, zone);
    else if (k === 'status' && typeof v === 'string') params[k] = t(`publishing.onsite.status.${WP_STATUSES.has(v) ? v : 'other'}` as MessageKey);
    else params[k] = v;
  }
  return { text: t(key as MessageKey, params), coded: true };
}
