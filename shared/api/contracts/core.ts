import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import { LANGUAGES, opdProfileSchema, ROLES, securitySettingsSchema, type Workspace } from '@shared/domain/workspace';
import { newsSettingsSchema } from '@shared/posts/settings';
import { method, none } from '@shared/api/define';
import { brandKitPatchSchema } from '@shared/cards/brand';
import { targetsSchema } from '@shared/activity/targets';
import { complaintDeadlinesSchema } from '@shared/complaints/complaint';
import { setupStateSchema } from '@shared/setup/guide';
import { backupRetentionSchema } from '@shared/backups/retention';

export interface StoreNotice {
  id: string;
  /** unreadable: a file that could neither be read nor moved aside was skipped at start (left in place). */
  kind: 'recovered' | 'lost' | 'restored' | 'migrated' | 'unreadable';
  at: string;
  /** Path of the affected file, relative to the data folder. */
  file: string;
  /** Where the damaged file was moved (absolute path), when it was. */
  movedTo?: string;
  /** The backup the file came back from. */
  backupId?: string;
  detail?: string;
}

export interface AppInfo {
  version: string;
  transport: 'ipc' | 'http';
  dataDir: string;
  schemaVersion: number;
  notices: StoreNotice[];
  postCount: number;
}

export interface BackupInfo {
  id: string;
  createdAt: string;
  reason: 'scheduled' | 'manual' | 'before-restore' | 'before-migration' | 'startup';
  files: number;
  bytes: number;
  /** Bytes copied into this snapshot; the rest is hard-linked from the one before (absent in older backups). */
  newBytes?: number;
}

/** The store's collections as the UI names them in change events (electron/core/store/collections.ts checks it). */
export const CHANGE_COLLECTIONS = [
  'cards', 'posts', 'publications', 'jobs', 'connections', 'complaints', 'media',
  'reviews', 'reviewComments', 'reviewSuggestions', 'audit', 'keys', 'workspace',
] as const;
export type ChangeCollection = (typeof CHANGE_COLLECTIONS)[number];

/** What changed in the store since a reader's last look (the UI's cue to refresh; issue 11). */
export interface ChangesResult {
  /** Changes to each host start; a reader with another epoch reloads everything. */
  epoch: string;
  /** The newest change number; ask again with this as `since`. */
  seq: number;
  /** Too many or too old to list: reload everything shown. */
  reset: boolean;
  changes: { collection: ChangeCollection; id: string }[];
}

const teamInput = z.object({
  id: idSchema.optional(),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
});

export const coreContract = {
  'app.info': method<AppInfo>()(none),
  'app.dismissNotice': method<{ notices: StoreNotice[] }>()(z.object({ id: z.string().max(64) }).strict()),
  /** A desktop notification where the host can show one (Electron); the browser host answers shown: false. */
  'app.notify': method<{ shown: boolean }>()(
    z.object({ title: z.string().trim().min(1).max(120), body: z.string().trim().max(400) }).strict(),
  ),

  /** Waits up to waitMs for a change after `since`, then answers with what changed (long poll; read access). */
  'app.changes': method<ChangesResult>()(
    z
      .object({
        epoch: z.string().max(64).optional(),
        since: z.number().int().min(0),
        waitMs: z.number().int().min(0).max(25_000).default(20_000),
      })
      .strict(),
  ),

  'settings.get': method<Workspace>()(none),
  'settings.update': method<Workspace>()(
    z
      .object({
        baseRev: z.number().int().nonnegative(),
        opd: opdProfileSchema.partial().optional(),
        team: z.array(teamInput).max(200).optional(),
        language: z.enum(LANGUAGES).optional(),
        targets: targetsSchema.optional(),
        complaintDeadlines: complaintDeadlinesSchema.optional(),
        news: newsSettingsSchema.partial().optional(),
        brand: brandKitPatchSchema.optional(),
        security: securitySettingsSchema.optional(),
        setup: setupStateSchema.optional(),
        backups: backupRetentionSchema.optional(),
      })
      .strict(),
  ),

  'backups.list': method<BackupInfo[]>()(none),
  'backups.create': method<BackupInfo>()(none),
  'backups.restore': method<{ restored: BackupInfo; safetyBackup: BackupInfo }>()(
    z.object({ id: z.string().regex(/^[0-9A-Za-z_-]{1,80}$/) }).strict(),
  ),
} as const;
