import { z } from 'zod';
import type { OpdDoc, PublicationDoc } from '@shared/pantauan/docs';
import type { CompletenessRow, QuietRow, RankingRow, RegionRow } from '@shared/pantauan/ranking';
import { pantauanSettingsSchema, slugSchema, type PantauanSettings } from '@shared/pantauan/settings';
import { base64Schema, method, none } from '@shared/api/define';
import type { FileLink } from './activity';

export interface PantauanSettingsView {
  settings: PantauanSettings;
  /** The slug this workspace writes under (settings, hub, or made from the OPD's name); null when none. */
  opdSlug: string | null;
  /** rollup-<region>, or null while no region is set. */
  rollup: string | null;
  /** Whether a hub link is present in this host (issue 13). */
  hubAvailable: boolean;
  hub: 'off' | 'active' | 'idle' | 'error';
  lastBuiltAt: string | null;
  lastError: string | null;
  workspaceRev: number;
}

export interface RankingView {
  month: string;
  /** This Pantauan's own region (a regency, or on a province's Pantauan the province). */
  region: string;
  /** On a province's Pantauan: the regency the rows are limited to ('' = every participant of the province). */
  regionFilter: string;
  /** On a province's Pantauan (its rollup holds OPDs of other regions): one row per regency; empty on a regency's. */
  regions: RegionRow[];
  rows: RankingRow[];
  quiet: QuietRow[];
  completeness: CompletenessRow[];
  /** The rule of the ranking in words (Indonesian, as printed in the report). */
  rule: string;
  quietRule: string;
  /** Holidays of the month in the regency's calendar (date → name). */
  holidays: Record<string, string>;
  generatedAt: string;
  /** Milliseconds the core needed (shown to nobody; bench and tests read it). */
  tookMs: number;
}

export interface OpdHeatDay {
  date: string;
  total: number;
  required: boolean;
  holiday: string | null;
}

export interface OpdView {
  profile: OpdDoc | null;
  opd: string;
  name: string;
  month: string;
  /** This OPD's figures for the month and the month before (by the ranking rule; `rank` here is not its place in the regency: see pantauan.ranking). */
  row: RankingRow | null;
  previous: RankingRow | null;
  /** The twelve months up to the chosen one, one entry per day that has a summary. */
  heatmap: OpdHeatDay[];
  heatmapFrom: string;
  heatmapTo: string;
  publications: Pick<PublicationDoc, 'pubId' | 'channel' | 'date' | 'time' | 'zone' | 'url' | 'category' | 'author'>[];
}

export interface ImportedRollupFile {
  entry: string;
  opd: string;
  name: string;
  docs: number;
  status: 'imported' | 'older';
}

const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM');
/** A regency of a province's Pantauan ('' or absent: all). */
const regionFilterSchema = z.union([z.literal(''), slugSchema]).optional();
const MAX_IMPORT_BYTES = 40 * 1024 * 1024;

export const pantauanContract = {
  'pantauan.settings': method<PantauanSettingsView>()(none),
  'pantauan.saveSettings': method<PantauanSettingsView>()(
    z.object({ baseRev: z.number().int().nonnegative(), settings: pantauanSettingsSchema }).strict(),
  ),
  'pantauan.ranking': method<RankingView>()(z.object({ month: monthSchema, region: regionFilterSchema }).strict()),
  'pantauan.opd': method<OpdView>()(z.object({ opd: slugSchema, month: monthSchema }).strict()),
  /** This OPD's summaries as a file, for Diskominfo without a network to the hub. */
  'pantauan.exportFile': method<FileLink>()(none),
  /** One rollup file (JSON) or a ZIP of them, imported into Diskominfo's replica. */
  'pantauan.importFile': method<ImportedRollupFile[]>()(
    z.object({ name: z.string().trim().min(1).max(255), data: base64Schema(MAX_IMPORT_BYTES) }).strict(),
  ),
  /** "Laporan keaktifan OPD" for the regent: PDF, XLSX (ranking, daily, quiet, completeness, rule), or CSV (one row per OPD). */
  'pantauan.exportReport': method<FileLink>()(z.object({ month: monthSchema, format: z.enum(['pdf', 'xlsx', 'csv']), region: regionFilterSchema }).strict()),
} as const;
