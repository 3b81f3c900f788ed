import type { SyncStatus } from '@shared/sync/status';
import { zonedDate, zonedParts, type TimeZoneCode } from '@shared/domain/time-zone';
import type { Translate } from '@ui/i18n/i18n';

export interface SyncLinePart {
  text: string;
  tone: 'ok' | 'quiet' | 'warn' | 'danger';
}

/** "10.42" today, "26/11 10.42" on another day, in the workspace's time zone. */
export function syncTime(iso: string, now: Date, zone: TimeZoneCode): string {
  const p = zonedParts(iso, zone);
  const hm = `${String(p.hour).padStart(2, '0')}.${String(p.minute).padStart(2, '0')}`;
  return zonedDate(iso, zone) === zonedDate(now, zone) ? hm : `${p.day}/${p.month} ${hm}`;
}

/**
 * The sidebar's sync line as parts, e.g. "Tersinkron 10.42 · 3 perubahan
 * menunggu · Luring · 1 konflik". Empty while sync is off: the sidebar stays
 * quiet on a PC without a hub.
 */
export function syncLine(s: SyncStatus, t: Translate, now: Date, zone: TimeZoneCode): SyncLinePart[] {
  if (s.state === 'off') return [];
  const parts: SyncLinePart[] = [];
  if (s.lastSyncAt && s.state !== 'signed_out') parts.push({ text: t('sync.line.synced', { time: syncTime(s.lastSyncAt, now, zone) }), tone: s.state === 'synced' ? 'ok' : 'quiet' });
  if (s.pending > 0) parts.push({ text: t('sync.line.pending', { count: s.pending }), tone: 'quiet' });
  if (s.state === 'offline') parts.push({ text: t('sync.line.offline'), tone: 'warn' });
  if (s.state === 'syncing') {
    const p = s.progress;
    parts.push({
      text: p ? (p.total ? t('sync.line.progress', { done: p.done, total: p.total }) : t('sync.line.progressUnknown', { done: p.done })) : t('sync.line.syncing'),
      tone: 'quiet',
    });
  }
  if (s.state === 'signed_out') parts.push({ text: t('sync.line.signedOut'), tone: 'warn' });
  if (s.state === 'error') parts.push({ text: t('sync.line.error'), tone: 'danger' });
  if (s.conflicts > 0) parts.push({ text: t('sync.line.conflicts', { count: s.conflicts }), tone: 'danger' });
  return parts;
}
