import { z } from 'zod';
import { hexColorSchema, idSchema, recordMetaSchema } from './common';
import { TIME_ZONE_CODES, type TimeZoneCode } from './time-zone';
import { brandKitSchema, DEFAULT_BRAND } from '@shared/cards/brand';
import { DEFAULT_TARGETS, targetsSchema } from '@shared/activity/targets';
import { DEFAULT_COMPLAINT_DEADLINES, storedComplaintDeadlinesSchema } from '@shared/complaints/complaint';
import { DEFAULT_NEWS_SETTINGS, newsSettingsSchema } from '@shared/posts/settings';
import { DEFAULT_PANTAUAN, pantauanSettingsSchema } from '@shared/pantauan/settings';
import { setupStateSchema } from '@shared/setup/guide';
import { backupRetentionSchema } from '@shared/backups/retention';

export const ROLES = ['penulis', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const teamMemberSchema = z.object({
  id: idSchema,
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  /** scrypt hash of the member's optional PIN (main process only; never sent to the UI). */
  pinHash: z.string().max(300).nullable().default(null),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

/**
 * Sign-in on a shared PC (issue 12): a sign-in survives a restart until the
 * person signs out or leaves the PC idle this long (0 = never).
 */
export const securitySettingsSchema = z.object({
  idleMinutes: z.number().int().min(0).max(24 * 60),
});
export type SecuritySettings = z.infer<typeof securitySettingsSchema>;
export const DEFAULT_SECURITY: SecuritySettings = { idleMinutes: 60 };

export const opdProfileSchema = z.object({
  fullName: z.string().trim().max(200),
  shortName: z.string().trim().max(60),
  /** Media id of the logo (content-addressed file in the media folder). */
  logoMediaId: z.string().max(128).nullable(),
  colors: z.object({
    primary: hexColorSchema,
    secondary: hexColorSchema,
    text: hexColorSchema,
  }),
  dateline: z
    .string()
    .trim()
    .max(40)
    .regex(/^[^\r\n]*$/, 'dateline is one line'),
  timeZone: z.enum(TIME_ZONE_CODES as [TimeZoneCode, ...TimeZoneCode[]]),
  website: z.string().trim().max(200),
});
export type OpdProfile = z.infer<typeof opdProfileSchema>;

/**
 * A public key of someone outside this PC's team (an editor reviewing by
 * file), trusted after an admin compared its fingerprint with its owner.
 */
export const trustedKeySchema = z.object({
  keyId: z.string().regex(/^[0-9a-f]{64}$/),
  publicKey: z.string().max(200),
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLES),
  addedAt: z.iso.datetime(),
  addedBy: z.string().max(120),
});
export type TrustedKey = z.infer<typeof trustedKeySchema>;

export const workspaceSchema = recordMetaSchema.extend({
  opd: opdProfileSchema,
  team: z.array(teamMemberSchema).max(200),
  language: z.enum(LANGUAGES),
  /** Writing coach: title limits, workspace dictionary, election period (issue 3). */
  news: newsSettingsSchema.default(DEFAULT_NEWS_SETTINGS),
  /** Daily publishing target (Beranda, Laporan); defaulted so older files parse. */
  targets: targetsSchema.default(DEFAULT_TARGETS),
  /** Aduan response deadlines in working days. */
  complaintDeadlines: storedComplaintDeadlinesSchema.default(DEFAULT_COMPLAINT_DEADLINES),
  /** Brand kit for info cards (issue 5); defaulted so older data files still parse. */
  brand: brandKitSchema.default(DEFAULT_BRAND),
  /** Editors' public keys confirmed on this PC (review by file). */
  trustedKeys: z.array(trustedKeySchema).max(500).default([]),
  /** Sign-in lifetime on this team's PCs. */
  security: securitySettingsSchema.default(DEFAULT_SECURITY),
  /** Pantauan (issue 14): this OPD's place in the regency's rollup, and Diskominfo's monitoring; defaulted so older files parse. */
  pantauan: pantauanSettingsSchema.default(DEFAULT_PANTAUAN),
  /** The first-run guide; absent in workspaces set up before it existed (nothing waits for them). */
  setup: setupStateSchema.optional(),
  /** How many backups and how much disk they may take (issue 22); absent: the defaults. */
  backups: backupRetentionSchema.optional(),
});
export type Workspace = z.infer<typeof workspaceSchema>;

export const DEFAULT_OPD: OpdProfile = {
  fullName: '',
  shortName: '',
  logoMediaId: null,
  colors: { primary: '#0b5cab', secondary: '#f2a900', text: '#1c2430' },
  dateline: 'BLORA',
  timeZone: 'WIB',
  website: '',
};
