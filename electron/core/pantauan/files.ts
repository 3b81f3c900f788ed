import { z } from 'zod';
import { ApiError } from '@shared/api/errors';
import { dateInZone } from '@shared/activity/calendar';
import { parseRollupDoc, type OpdDoc, type RollupDoc } from '@shared/pantauan/docs';
import { slugSchema } from '@shared/pantauan/settings';
import type { HandlerContext } from '@core/deps';
import { readZip, UnsafeZipError } from '@core/files/zip';
import type { RollupStore } from './rollup-store';
import { ownerOfId } from './rollup-store';
import { ownRollup } from './source';

/**
 * The rollup by file, for OPDs without a network to the hub: the OPD
 * exports its summaries as one JSON file (WhatsApp, flash drive), and
 * Diskominfo imports such files (one JSON, or a ZIP of several). Every
 * document is checked against the allow-listed schemas and must belong to
 * the OPD the file names; one bad document refuses the whole file, with a
 * message saying which and why.
 */
export const ROLLUP_FILE_FORMAT = 'redaksi-pantauan';
export const ROLLUP_FILE_VERSION = 1;
export const MAX_ROLLUP_FILE_BYTES = 40 * 1024 * 1024;
const MAX_DOCS = 60_000;

const envelopeSchema = z
  .object({
    format: z.literal(ROLLUP_FILE_FORMAT),
    version: z.number().int(),
    opd: slugSchema,
    region: z.union([z.literal(''), slugSchema]),
    exportedAt: z.iso.datetime({ offset: true }),
    docs: z.array(z.unknown()).max(MAX_DOCS),
  })
  .strict();

export interface RollupFile {
  format: typeof ROLLUP_FILE_FORMAT;
  version: number;
  opd: string;
  region: string;
  exportedAt: string;
  docs: RollupDoc[];
}

/** This OPD's summaries as a file (built fresh from the store, so it is current even offline). */
export function exportRollupFile(ctx: HandlerContext): RollupFile {
  const own = ownRollup(ctx);
  if (!own) throw new ApiError('invalid_input', 'no OPD name to make a slug from', { params: { reason: 'pantauan_no_slug' } });
  return {
    format: ROLLUP_FILE_FORMAT,
    version: ROLLUP_FILE_VERSION,
    opd: own.opd,
    region: ctx.store.workspace.pantauan.region,
    exportedAt: ctx.store.now().toISOString(),
    docs: own.docs,
  };
}

export function rollupFileName(f: RollupFile, ctx: HandlerContext): string {
  return `pantauan-${f.opd}-${dateInZone(f.exportedAt, ctx.store.workspace.opd.timeZone)}.json`;
}

const refuse = (reason: string, params: Record<string, string | number> = {}) =>
  new ApiError('invalid_input', `rollup file refused: ${reason}`, { params: { reason, ...params } });

/** One file's text → its checked documents, or a refusal naming the entry, the document and why. */
export function parseRollupFile(text: string, entry: string): { opd: string; region: string; docs: RollupDoc[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw refuse('pantauan_not_json', { entry });
  }
  if (raw && typeof raw === 'object' && (raw as { format?: unknown }).format === ROLLUP_FILE_FORMAT && (raw as { version?: unknown }).version !== ROLLUP_FILE_VERSION) {
    throw refuse('pantauan_version', { entry, version: String((raw as { version?: unknown }).version) });
  }
  const env = envelopeSchema.safeParse(raw);
  if (!env.success) throw refuse('pantauan_not_rollup', { entry });
  if (env.data.version !== ROLLUP_FILE_VERSION) throw refuse('pantauan_version', { entry, version: env.data.version });
  const docs: RollupDoc[] = [];
  env.data.docs.forEach((d, i) => {
    const p = parseRollupDoc(d);
    if (!p.ok) throw refuse('pantauan_bad_doc', { entry, index: i + 1, detail: p.reason.slice(0, 200) });
    if (ownerOfId(p.doc._id) !== env.data.opd) throw refuse('pantauan_foreign_doc', { entry, index: i + 1, opd: env.data.opd });
    docs.push(p.doc);
  });
  if (!docs.some((d) => d.type === 'opd')) throw refuse('pantauan_no_profile', { entry });
  return { opd: env.data.opd, region: env.data.region, docs };
}

export interface ImportedFile {
  entry: string;
  opd: string;
  name: string;
  docs: number;
  /** 'older': the replica already holds newer summaries of this OPD; nothing was changed. */
  status: 'imported' | 'older';
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/** Imports one JSON file or a ZIP of them into the local replica. All files are checked before anything is written. */
export async function importRollupFiles(ctx: HandlerContext, db: RollupStore, fileName: string, bytes: Uint8Array): Promise<ImportedFile[]> {
  if (bytes.length > MAX_ROLLUP_FILE_BYTES) throw refuse('pantauan_too_large', { max: MAX_ROLLUP_FILE_BYTES / 1024 / 1024 });
  const entries = new Map<string, string>();
  if (isZip(bytes)) {
    let files: Map<string, Uint8Array>;
    try {
      files = await readZip(bytes, { maxEntries: 500, maxTotalBytes: 200 * 1024 * 1024, expect: [{ name: /^[^/]+\.json$/i, type: 'utf8' }] });
    } catch (err) {
      if (err instanceof UnsafeZipError) throw refuse('pantauan_bad_zip', { detail: err.reason });
      throw err;
    }
    for (const [name, data] of files) entries.set(name, new TextDecoder().decode(data));
    if (!entries.size) throw refuse('pantauan_empty_zip');
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw refuse('pantauan_not_json', { entry: fileName });
    }
    entries.set(fileName, text);
  }
  const region = ctx.store.workspace.pantauan.region;
  const parsed = [...entries].map(([entry, text]) => ({ entry, ...parseRollupFile(text, entry) }));
  for (const p of parsed) if (region && p.region && p.region !== region) throw refuse('pantauan_other_region', { entry: p.entry, region: p.region });
  const current = new Map((await db.profiles()).map((p) => [p.opd, p] as const));
  const out: ImportedFile[] = [];
  for (const p of parsed) {
    const profile = p.docs.find((d): d is OpdDoc => d.type === 'opd') as OpdDoc;
    const have = current.get(p.opd);
    if (have && Date.parse(have.generatedAt) > Date.parse(profile.generatedAt)) {
      out.push({ entry: p.entry, opd: p.opd, name: profile.name, docs: p.docs.length, status: 'older' });
      continue;
    }
    await db.replaceOpd(p.opd, p.docs);
    current.set(p.opd, profile);
    out.push({ entry: p.entry, opd: p.opd, name: profile.name, docs: p.docs.length, status: 'imported' });
  }
  return out;
}
