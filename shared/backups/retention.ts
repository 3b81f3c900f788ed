/**
 * Backup retention, pure so that the main process and the Settings screen
 * agree. Snapshots share unchanged files (one stored copy per content), so
 * what one costs on disk is the bytes it added (`newBytes`), not its whole size.
 */
import { z } from 'zod';
export const BACKUP_KEEP_RECENT = 10;
export const BACKUP_KEEP_DAYS = 14;
/** Total disk the backups may take; the newest backup is kept even when it alone is larger. */
export const BACKUP_MAX_BYTES = 2 * 1024 ** 3;

export interface RetainedBackup {
  id: string;
  createdAt: string;
  /** Size of every file in the snapshot. */
  bytes?: number;
  /** Bytes copied into this snapshot (the rest is linked from the one before); absent for full copies. */
  newBytes?: number;
}

export interface RetentionRules {
  keepRecent: number;
  keepDays: number;
  maxBytes: number;
}

export const DEFAULT_RETENTION: RetentionRules = { keepRecent: BACKUP_KEEP_RECENT, keepDays: BACKUP_KEEP_DAYS, maxBytes: BACKUP_MAX_BYTES };

/** Bounds of what an admin may set in Pengaturan → Data dan cadangan. */
export const BACKUP_KEEP_RECENT_RANGE = { min: 1, max: 100 } as const;
export const BACKUP_MAX_BYTES_RANGE = { min: 100 * 1024 ** 2, max: 1024 ** 4 } as const;

/** The workspace's own retention (absent: the defaults). The daily backups of the last two weeks are always kept. */
export const backupRetentionSchema = z
  .object({
    keepRecent: z.number().int().min(BACKUP_KEEP_RECENT_RANGE.min).max(BACKUP_KEEP_RECENT_RANGE.max),
    maxBytes: z.number().int().min(BACKUP_MAX_BYTES_RANGE.min).max(BACKUP_MAX_BYTES_RANGE.max),
  })
  .strict();
export type BackupRetentionSettings = z.infer<typeof backupRetentionSchema>;

/** The rules a workspace's settings give. */
export function retentionOf(settings: BackupRetentionSettings | undefined): RetentionRules {
  return { keepRecent: settings?.keepRecent ?? BACKUP_KEEP_RECENT, keepDays: BACKUP_KEEP_DAYS, maxBytes: settings?.maxBytes ?? BACKUP_MAX_BYTES };
}

const own = (b: RetainedBackup): number => b.newBytes ?? b.bytes ?? 0;
const full = (b: RetainedBackup): number => b.bytes ?? own(b);

/**
 * Disk taken by keeping `kept` out of `all` (an upper bound): the oldest kept
 * snapshot costs its full size; each later one what was copied since the kept
 * one before it (capped at its full size). Bytes copied into a dropped
 * snapshot and still linked from a later kept one are counted there.
 */
export function backupDiskEstimate(all: RetainedBackup[], kept: Set<string>): number {
  const asc = [...all].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  let total = 0;
  let sinceKept = 0;
  let first = true;
  for (const b of asc) {
    sinceKept += own(b);
    if (!kept.has(b.id)) continue;
    total += first ? full(b) : Math.min(full(b), sinceKept);
    first = false;
    sinceKept = 0;
  }
  return total;
}

/**
 * Which backups to keep: the newest `keepRecent`, plus the newest one of each
 * of the last `keepDays` calendar days (UTC); then, oldest first, as many are
 * dropped as needed to fit `maxBytes` (the newest always stays).
 */
export function backupsToKeep(backups: RetainedBackup[], now: Date, rules: Partial<RetentionRules> = {}): Set<string> {
  const { keepRecent, keepDays, maxBytes } = { ...DEFAULT_RETENTION, ...rules };
  const sorted = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const byRule = new Set(sorted.slice(0, keepRecent).map((b) => b.id));
  const oldest = now.getTime() - keepDays * 86_400_000;
  const seenDays = new Set<string>();
  for (const b of sorted) {
    if (Date.parse(b.createdAt) < oldest) continue;
    const day = b.createdAt.slice(0, 10);
    if (!seenDays.has(day)) {
      seenDays.add(day);
      byRule.add(b.id);
    }
  }
  const keep = new Set<string>();
  for (const b of sorted) {
    if (!byRule.has(b.id)) continue;
    keep.add(b.id);
    if (keep.size > 1 && backupDiskEstimate(backups, keep) > maxBytes) {
      keep.delete(b.id);
      break;
    }
  }
  return keep;
}

/** A size typed in gigabytes ("2", "2,5" or "2.5"), in bytes; null when it is not a size within the bounds. */
export function parseGigabytes(text: string): number | null {
  const t = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(t)) return null;
  const bytes = Math.round(Number(t) * 1024 ** 3);
  return bytes >= BACKUP_MAX_BYTES_RANGE.min && bytes <= BACKUP_MAX_BYTES_RANGE.max ? bytes : null;
}
