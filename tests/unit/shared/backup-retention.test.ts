import { describe, expect, it } from 'vitest';
import { backupRetentionSchema, BACKUP_KEEP_DAYS, BACKUP_KEEP_RECENT, BACKUP_MAX_BYTES, backupsToKeep, parseGigabytes, retentionOf } from '@shared/backups/retention';

const GB = 1024 ** 3;

describe('backup retention set in Pengaturan (issue 22)', () => {
  it('reads a size typed in gigabytes with a decimal comma or point, within the bounds', () => {
    expect(parseGigabytes('2')).toBe(2 * GB);
    expect(parseGigabytes(' 2,5 ')).toBe(2.5 * GB);
    expect(parseGigabytes('2.5')).toBe(2.5 * GB);
    expect(parseGigabytes('0,1')).toBe(Math.round(0.1 * GB));
    expect(parseGigabytes('1024')).toBe(1024 * GB);
    // Below 100 MB, above 1 TB, not a number, a thousands mark, negative: refused.
    for (const bad of ['0,05', '0', '1025', 'dua', '', '1.024,5', '-2', '2 GB']) expect(parseGigabytes(bad), bad).toBeNull();
  });

  it('gives the defaults when nothing is set, the workspace values otherwise; the daily backups are always kept', () => {
    expect(retentionOf(undefined)).toEqual({ keepRecent: BACKUP_KEEP_RECENT, keepDays: BACKUP_KEEP_DAYS, maxBytes: BACKUP_MAX_BYTES });
    expect(retentionOf({ keepRecent: 3, maxBytes: 5 * GB })).toEqual({ keepRecent: 3, keepDays: BACKUP_KEEP_DAYS, maxBytes: 5 * GB });
    expect(backupRetentionSchema.safeParse({ keepRecent: 0, maxBytes: GB }).success).toBe(false);
    expect(backupRetentionSchema.safeParse({ keepRecent: 3, maxBytes: 1024 }).success).toBe(false);
    expect(backupRetentionSchema.safeParse({ keepRecent: 3, maxBytes: GB, keepDays: 1 }).success).toBe(false);
  });

  it('keeps fewer backups under a smaller count, and drops the oldest to fit a smaller size', () => {
    const now = new Date('2026-05-20T12:00:00Z');
    // Ten backups an hour apart today: the count decides (the daily rule keeps only today's newest).
    const today = Array.from({ length: 10 }, (_, i) => ({ id: `h${i}`, createdAt: new Date(now.getTime() - i * 3_600_000).toISOString(), bytes: GB, newBytes: 50 * 1024 ** 2 }));
    expect(backupsToKeep(today, now, retentionOf(undefined)).size).toBe(10);
    expect([...backupsToKeep(today, now, retentionOf({ keepRecent: 3, maxBytes: 2 * GB }))]).toEqual(['h0', 'h1', 'h2']);
    // Fifteen days, one a day: kept by the daily rule, until the size limit drops the oldest
    // (the oldest kept costs its full size, each later one what it added).
    const daily = Array.from({ length: 15 }, (_, i) => ({ id: `d${i}`, createdAt: new Date(now.getTime() - i * 86_400_000).toISOString(), bytes: GB, newBytes: 50 * 1024 ** 2 }));
    expect(backupsToKeep(daily, now, retentionOf(undefined)).size).toBe(15);
    expect([...backupsToKeep(daily, now, retentionOf({ keepRecent: 3, maxBytes: 1.2 * GB }))]).toEqual(['d0', 'd1', 'd2', 'd3', 'd4']);
  });
});
