import { z } from 'zod';

/**
 * Pantauan (issue 14) settings of one workspace. Every OPD's Redaksi writes
 * its summary documents for its regency's rollup; a Redaksi with `monitor`
 * on (Diskominfo) reads every OPD's documents and shows the Pantauan area.
 * Every field has a default so workspace files written before Pantauan parse.
 */
export const SLUG_RE = /^[a-z][a-z0-9-]{0,61}$/;
export const slugSchema = z.string().regex(SLUG_RE, 'slug: a–z, 0–9 and "-", starting with a letter');

export const PARTICIPANT_KINDS = ['opd', 'vertikal', 'bumd'] as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[number];

export const REQUIRED_DAY_MODES = ['working', 'every'] as const;
export type RequiredDayMode = (typeof REQUIRED_DAY_MODES)[number];

const oneLine = (max: number) => z.string().trim().max(max).regex(/^[^\r\n]*$/, 'must be one line');

/** Someone Diskominfo expects in the rollup: an OPD, an instansi vertikal (Polres, Samsat, KPP Pratama, BPN) or a BUMD, with its own target. */
export const participantSchema = z
  .object({
    slug: slugSchema,
    name: oneLine(200).min(1),
    kind: z.enum(PARTICIPANT_KINDS).default('opd'),
    /** Which days the participant must publish on. */
    days: z.enum(REQUIRED_DAY_MODES).default('working'),
    /** Items (all channels together) a day needs to count as a day with content. */
    minPerDay: z.number().int().min(1).max(20).default(1),
  })
  .strict();
export type Participant = z.infer<typeof participantSchema>;

export const pantauanSettingsSchema = z
  .object({
    /** This workspace's slug in the rollup; '' = the hub's OPD slug, or one made from the OPD's short name. */
    opdSlug: z.union([z.literal(''), slugSchema]).default(''),
    /** The regency (kabupaten/kota) slug: the rollup database is rollup-<region>. */
    region: z.union([z.literal(''), slugSchema]).default(''),
    kind: z.enum(PARTICIPANT_KINDS).default('opd'),
    /** Author names go into publication summaries only when the OPD opts in. */
    shareAuthors: z.boolean().default(false),
    /** This Redaksi is the regency's Pantauan (Diskominfo): it reads every OPD's summaries. */
    monitor: z.boolean().default(false),
    /** The default rule for OPDs not listed with their own target. */
    requiredDays: z.enum(REQUIRED_DAY_MODES).default('working'),
    participants: z.array(participantSchema).max(300).default([]),
  })
  .strict();
export type PantauanSettings = z.infer<typeof pantauanSettingsSchema>;

export const DEFAULT_PANTAUAN: PantauanSettings = {
  opdSlug: '',
  region: '',
  kind: 'opd',
  shareAuthors: false,
  monitor: false,
  requiredDays: 'working',
  participants: [],
};
