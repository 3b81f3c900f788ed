import { describe, expect, it } from 'vitest';
import { syncLine, syncTime } from '@ui/features/sync/sync-line';
import { id } from '@ui/i18n/catalog';
import { makeT } from '@ui/i18n/i18n';
import { HUB_FAILURE_REASONS } from '@shared/sync/hub';
import { SYNC_OFF, type SyncStatus } from '@shared/sync/status';

const t = makeT('id');
const now = new Date('2026-11-27T05:00:00Z'); // 12.00 WIB
const line = (s: Partial<SyncStatus>) => syncLine({ ...SYNC_OFF, ...s }, t, now, 'WIB').map((p) => p.text).join(' · ');

describe('the sidebar sync line', () => {
  it('reads as in the issue', () => {
    expect(line({ state: 'offline', lastSyncAt: '2026-11-27T03:42:00Z', pending: 3, conflicts: 1 })).toBe('Tersinkron 10.42 · 3 perubahan menunggu · Luring · 1 konflik');
  });

  it('says nothing while sync is off, and each other state in a few words', () => {
    expect(line({})).toBe('');
    expect(line({ state: 'synced', lastSyncAt: '2026-11-27T04:59:00Z' })).toBe('Tersinkron 11.59');
    expect(line({ state: 'signed_out', lastSyncAt: '2026-11-27T04:59:00Z' })).toBe('Belum masuk ke hub');
    expect(line({ state: 'syncing', progress: { done: 120, total: 1000 } })).toBe('Menyinkronkan 120 dari 1000');
    expect(line({ state: 'error', error: { reason: 'hub_wrong_password' } })).toBe('Sinkron berhenti');
  });

  it('shows the day for a last sync before today, in the OPD time zone', () => {
    expect(syncTime('2026-11-26T16:30:00Z', now, 'WIB')).toBe('26/11 23.30');
    expect(syncTime('2026-11-26T16:30:00Z', now, 'WIT')).toBe('01.30');
  });

  it('has a precise message for every way the hub can fail', () => {
    for (const r of HUB_FAILURE_REASONS) expect(id, r).toHaveProperty(`errors.reason.${r}`);
  });
});
