import { z } from 'zod';
import { idSchema } from '@shared/domain/common';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_STATUSES,
  DEADLINE_KINDS,
  complaintFieldsSchema,
  complaintInputSchema,
  type Complaint,
  type ComplaintStatus,
  type ComplaintSummary,
} from '@shared/complaints/complaint';
import type { ComplaintDeadlineState } from '@shared/complaints/deadlines';
import { base64Schema, method } from '@shared/api/define';
import type { FileLink } from './activity';

export interface ComplaintView {
  /** With the reporter's handle and link blanked when the report is 'rahasia' and the viewer is not its handler. */
  complaint: Complaint;
  identityHidden: boolean;
  handlerName: string;
  /** Weekday holidays the deadlines skip (estimated = computed, no SKB list for that year yet). */
  holidaysCounted: { date: string; name: string; estimated: boolean }[];
  deadlines: ComplaintDeadlineState;
  draftedByName: string;
  approvedByName: string;
  screenshotUrl: string | null;
}

/** Reports per page of the Aduan list, and the largest page asked for: every page stays under 100 KB (issue 22). */
export const COMPLAINTS_PAGE = 50;
export const COMPLAINTS_MAX_PAGE = 100;

export interface ComplaintListResult {
  /** One page (COMPLAINTS_PAGE when no limit is given), most urgent first. */
  items: ComplaintSummary[];
  /** How many reports match the filter and query, over all pages. */
  total: number;
  counts: Record<ComplaintStatus | 'overdue' | 'open', number>;
}

export interface ImportRow {
  /** Row number as a spreadsheet shows it (header is row 1; empty rows count; a multi-line cell is one row). */
  line: number;
  ok: boolean;
  errors: string[];
  /** Parsed values when ok (no identity shown beyond what the admin imports). */
  channel: string;
  receivedAt: string;
  topic: string;
  /** First words of the report text, to find the row in the sheet. */
  excerpt: string;
  trackingNumber: string;
}

export interface ImportResult {
  dryRun: boolean;
  rows: ImportRow[];
  imported: number;
  delimiter: string;
  /** The file's header row as written, and the column used for each field. */
  headers: string[];
  mapping: Partial<Record<ImportField, string>>;
}

export const IMPORT_FIELDS = [
  'channel',
  'receivedAt',
  'reporterHandle',
  'link',
  'text',
  'forwardedBy',
  'topic',
  'bidang',
  'trackingNumber',
  'classification',
  'confidentiality',
  'urgent',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

const MAX_SHOT_BYTES = 15 * 1024 * 1024;
const MAX_CSV_BYTES = 5 * 1024 * 1024;

// No defaults here: a field left out of a patch must stay as it is.
const editable = complaintFieldsSchema.partial().extend({
  answerDraft: z.string().max(10_000).optional(),
});

export const complaintsContract = {
  'complaints.list': method<ComplaintListResult>()(
    z
      .object({
        status: z.enum([...COMPLAINT_STATUSES, 'open', 'overdue', 'all']).optional(),
        query: z.string().max(200).optional(),
        /** Paging (issue 22): matches skipped, and the page size. */
        offset: z.number().int().nonnegative().optional(),
        limit: z.number().int().positive().max(COMPLAINTS_MAX_PAGE).optional(),
      })
      .strict(),
  ),
  'complaints.get': method<ComplaintView>()(z.object({ id: idSchema }).strict()),
  'complaints.create': method<ComplaintView>()(
    z
      .object({
        input: complaintInputSchema,
        /** Pasted screenshot (any image sharp reads); re-encoded without metadata. */
        screenshot: base64Schema(MAX_SHOT_BYTES).optional(),
      })
      .strict(),
  ),
  'complaints.update': method<ComplaintView>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        patch: editable,
        /** New screenshot (base64) or null to remove it. */
        screenshot: base64Schema(MAX_SHOT_BYTES).nullable().optional(),
      })
      .strict(),
  ),
  'complaints.transition': method<ComplaintView>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        to: z.enum(COMPLAINT_STATUSES),
        reason: z.string().max(2000).optional(),
        note: z.string().max(2000).optional(),
        answerUrl: z.string().trim().max(2000).optional(),
      })
      .strict(),
  ),
  'complaints.approve': method<ComplaintView>()(z.object({ id: idSchema, baseRev: z.number().int().nonnegative() }).strict()),
  'complaints.markFirstReply': method<ComplaintView>()(
    z.object({ id: idSchema, baseRev: z.number().int().nonnegative() }).strict(),
  ),
  'complaints.verify': method<ComplaintView>()(z.object({ id: idSchema, baseRev: z.number().int().nonnegative() }).strict()),
  /** Postpone or extend one deadline, with a reason and the new date (recorded on the report). */
  'complaints.changeDeadline': method<ComplaintView>()(
    z
      .object({
        id: idSchema,
        baseRev: z.number().int().nonnegative(),
        target: z.enum(DEADLINE_KINDS),
        kind: z.enum(['postpone', 'extend']),
        reason: z.string().trim().min(3).max(2000),
        newDue: z.iso.date(),
      })
      .strict(),
  ),
  'complaints.trash': method<{ id: string }>()(z.object({ id: idSchema }).strict()),
  'complaints.importCsv': method<ImportResult>()(
    z
      .object({
        csv: z.string().max(MAX_CSV_BYTES),
        dryRun: z.boolean(),
        /** Header chosen per field ('' = not in this file); fields left out are recognised by name. */
        mapping: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().max(200)).optional(),
        /** Channel for every row without one (e.g. a LAPOR! export). */
        defaultChannel: z.enum(COMPLAINT_CHANNELS).optional(),
      })
      .strict(),
  ),
  'complaints.exportCsv': method<FileLink>()(z.object({ includeIdentity: z.boolean() }).strict()),
} as const;
