import { z } from 'zod';

/**
 * Writing-coach settings of a workspace. Every field has a default so
 * workspace files written before this feature still parse.
 */
export const electionSettingsSchema = z.object({
  /** Election period (masa kampanye/pemilihan) as YYYY-MM-DD; empty = not set. */
  start: z.union([z.iso.date(), z.literal('')]).default(''),
  end: z.union([z.iso.date(), z.literal('')]).default(''),
  /** Candidate and party names to flag during the period. */
  names: z.array(z.string().trim().min(1).max(120)).max(300).default([]),
});
export type ElectionSettings = z.infer<typeof electionSettingsSchema>;

export const newsSettingsSchema = z.object({
  titleMaxWords: z.number().int().min(4).max(40).default(12),
  titleMaxChars: z.number().int().min(20).max(200).default(80),
  /** Workspace dictionary: local names and terms the speller accepts. */
  dictionary: z.array(z.string().trim().min(1).max(80)).max(20_000).default([]),
  election: electionSettingsSchema.default({ start: '', end: '', names: [] }),
});
export type NewsSettings = z.infer<typeof newsSettingsSchema>;

export const DEFAULT_NEWS_SETTINGS: NewsSettings = newsSettingsSchema.parse({});

/** True when `today` (YYYY-MM-DD) lies in the configured election period. */
export function inElectionPeriod(e: ElectionSettings, today: string): boolean {
  if (!e.start && !e.end) return false;
  return (!e.start || today >= e.start) && (!e.end || today <= e.end);
}
