import { z } from 'zod';
import { CHANNELS, type Channel } from '@shared/domain/post';
import { TIME_ZONE_CODES, type TimeZoneCode } from '@shared/domain/time-zone';
import { PARTICIPANT_KINDS, REQUIRED_DAY_MODES, slugSchema } from './settings';

/**
 * The documents of a regency's rollup database (rollup-<kab>, issue 14).
 * Only these four types exist, each with an allow-listed set of fields
 * (`.strict()`: any other field is refused). None of them can carry text
 * of a post or of a complaint, a reporter's name or phone, or a draft.
 *
 * Ids are deterministic, so writing the same summary twice is idempotent,
 * and start with the type and the date so that one month of all OPDs is one
 * key range:
 *   opd:<opd>                 the participant's profile and last sync
 *   day:<date>:<opd>          one day's counts per channel
 *   month:<yyyy-mm>:<opd>     one month's aduan figures
 *   pub:<date>:<opd>:<pubId>  one publication (channel, time, public URL, category)
 */
export const ROLLUP_TYPES = ['opd', 'day', 'month', 'publication'] as const;
export type RollupType = (typeof ROLLUP_TYPES)[number];

const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'date YYYY-MM-DD');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month YYYY-MM');
const count = z.number().int().min(0).max(1_000_000);
const oneLine = (max: number) => z.string().max(max).regex(/^[^\r\n]*$/, 'must be one line');
const zone = z.enum(TIME_ZONE_CODES as [TimeZoneCode, ...TimeZoneCode[]]);
/** CouchDB's own fields a replicated document may carry. */
const couch = { _rev: z.string().max(200).optional(), _revisions: z.unknown().optional() };

export const channelCountsSchema = z
  .object(Object.fromEntries(CHANNELS.map((c) => [c, count])) as Record<Channel, typeof count>)
  .strict();

export const opdDocSchema = z
  .object({
    _id: z.string().max(200),
    ...couch,
    type: z.literal('opd'),
    opd: slugSchema,
    name: oneLine(200),
    kind: z.enum(PARTICIPANT_KINDS),
    /** The regency the OPD belongs to ('' = not set): a province's rollup groups OPDs by it. */
    region: z.union([z.literal(''), slugSchema]),
    zone,
    /** The OPD's own target: which days and how many items per channel. */
    days: z.enum(REQUIRED_DAY_MODES),
    perChannel: channelCountsSchema,
    /** First date the OPD's Redaksi judged (its start, or an earlier recorded publication). */
    requiredFrom: date,
    lastPublishedAt: z.iso.datetime({ offset: true }).nullable(),
    /** When these summaries were last written: "not synced since". */
    generatedAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export const dayDocSchema = z
  .object({
    _id: z.string().max(200),
    ...couch,
    type: z.literal('day'),
    opd: slugSchema,
    date,
    zone,
    counts: channelCountsSchema,
    total: count,
    /** The OPD's own target applies that day. */
    required: z.boolean(),
    /** Every tracked channel reached its minimum. */
    targetMet: z.boolean(),
    /** Name of the holiday, cuti bersama or local day off in the OPD's calendar. */
    holiday: oneLine(200).nullable(),
    /** Time (OPD zone) of the day's latest item, or null: the ranking's "last publication" without reading every publication. */
    lastTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable(),
  })
  .strict();

export const monthDocSchema = z
  .object({
    _id: z.string().max(200),
    ...couch,
    type: z.literal('month'),
    opd: slugSchema,
    month,
    received: count,
    firstReplyDone: count,
    firstReplyOnTime: count,
    finalDone: count,
    finalOnTime: count,
    /** Open reports with a deadline past, as of `asOf`. */
    overdue: count,
    asOf: date,
  })
  .strict();

export const publicationDocSchema = z
  .object({
    _id: z.string().max(200),
    ...couch,
    type: z.literal('publication'),
    opd: slugSchema,
    pubId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    channel: z.enum(CHANNELS),
    /** Date and time in the OPD's zone. */
    date,
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    zone,
    publishedAt: z.iso.datetime({ offset: true }),
    /** The public address (http/https only), or '' for a channel without one. */
    url: z.string().max(2000).regex(/^(https?:\/\/[^\s]+)?$/, 'public http(s) URL'),
    category: oneLine(100),
    /** Only when the OPD opted in (Pengaturan → Pantauan); otherwise null. */
    author: oneLine(120).nullable(),
  })
  .strict();

export type OpdDoc = z.infer<typeof opdDocSchema>;
export type DayDoc = z.infer<typeof dayDocSchema>;
export type MonthDoc = z.infer<typeof monthDocSchema>;
export type PublicationDoc = z.infer<typeof publicationDocSchema>;
export type RollupDoc = OpdDoc | DayDoc | MonthDoc | PublicationDoc;

export const rollupDocSchema = z.discriminatedUnion('type', [opdDocSchema, dayDocSchema, monthDocSchema, publicationDocSchema]);

export const ROLLUP_SCHEMAS = { opd: opdDocSchema, day: dayDocSchema, month: monthDocSchema, publication: publicationDocSchema } as const;

export const opdDocId = (opd: string): string => `opd:${opd}`;
export const dayDocId = (d: string, opd: string): string => `day:${d}:${opd}`;
export const monthDocId = (m: string, opd: string): string => `month:${m}:${opd}`;
export const publicationDocId = (d: string, opd: string, pubId: string): string => `pub:${d}:${opd}:${pubId}`;

/** The id a document of this content must have (the validation function checks the same). */
export function expectedId(doc: RollupDoc): string {
  switch (doc.type) {
    case 'opd':
      return opdDocId(doc.opd);
    case 'day':
      return dayDocId(doc.date, doc.opd);
    case 'month':
      return monthDocId(doc.month, doc.opd);
    case 'publication':
      return publicationDocId(doc.date, doc.opd, doc.pubId);
  }
}

/** Key range of one type over [from, to] (dates or months), for allDocs. */
export function idRange(prefix: 'day' | 'month' | 'pub', from: string, to: string): { startkey: string; endkey: string } {
  return { startkey: `${prefix}:${from}`, endkey: `${prefix}:${to}\uffff` };
}

/** A document as the hub or a file gives it, checked: the content, then its id. */
export function parseRollupDoc(raw: unknown): { ok: true; doc: RollupDoc } | { ok: false; reason: string } {
  const r = rollupDocSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0];
    return { ok: false, reason: `${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'invalid'}` };
  }
  if (r.data._id !== expectedId(r.data)) return { ok: false, reason: `_id: expected ${expectedId(r.data)}` };
  return { ok: true, doc: r.data };
}

/** The fields a document keeps when it is stored or compared (no CouchDB bookkeeping). */
export function contentOf(doc: RollupDoc): RollupDoc {
  const { _rev, _revisions, ...rest } = doc as RollupDoc & { _rev?: string; _revisions?: unknown };
  void _rev;
  void _revisions;
  return rest as RollupDoc;
}
