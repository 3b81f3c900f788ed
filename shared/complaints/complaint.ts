import { z } from 'zod';
import { recordMetaSchema } from '../domain/common';

/** Where a public report (aduan) arrived. */
export const COMPLAINT_CHANNELS = [
  'instagram_comment',
  'instagram_dm',
  'facebook',
  'x',
  'whatsapp',
  'lapor',
  'walk_in',
  'other',
] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

/** Channels where the answer is private, so there is no public link to record. */
export const PRIVATE_CHANNELS: readonly ComplaintChannel[] = ['instagram_dm', 'whatsapp', 'walk_in'];

export const COMPLAINT_STATUSES = [
  'baru',
  'diteruskan',
  'menunggu_atasan',
  'dijawab',
  'selesai',
  'ditolak',
  'bukan_kewenangan',
] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const TERMINAL_STATUSES: readonly ComplaintStatus[] = ['selesai', 'ditolak', 'bukan_kewenangan'];

const line = (max: number) => z.string().trim().max(max).regex(/^[^\r\n]*$/, 'must be one line');

/** The fields of a report the admin types, without defaults (for partial edits). */
export const complaintFieldsSchema = z.object({
  channel: z.enum(COMPLAINT_CHANNELS),
  link: line(2000),
  reporterHandle: line(200),
  text: z.string().trim().min(1).max(10_000),
  receivedAt: z.iso.datetime(),
  forwardedBy: line(200),
  topic: line(200),
  bidang: line(200),
});

/** What the admin types when recording a report: only channel, text and time are required. */
export const complaintInputSchema = complaintFieldsSchema.extend({
  link: line(2000).default(''),
  reporterHandle: line(200).default(''),
  forwardedBy: line(200).default(''),
  topic: line(200).default(''),
  bidang: line(200).default(''),
});
export type ComplaintInput = z.infer<typeof complaintInputSchema>;

export const screenshotSchema = z.object({
  /** File name inside <dataDir>/complaint-shots (content hash + .jpg). */
  file: z.string().regex(/^[a-f0-9]{64}\.jpg$/),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const historyEntrySchema = z.object({
  at: z.iso.datetime(),
  from: z.enum(COMPLAINT_STATUSES).nullable(),
  to: z.enum(COMPLAINT_STATUSES),
  actorId: z.string().max(64).nullable(),
  note: z.string().max(2000),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const complaintSchema = recordMetaSchema.extend({
  ...complaintInputSchema.shape,
  screenshot: screenshotSchema.nullable(),
  status: z.enum(COMPLAINT_STATUSES),
  /** Why it was refused or is outside the OPD's authority. */
  reason: z.string().max(2000),
  answerDraft: z.string().max(10_000),
  answerDraftedBy: z.string().max(64).nullable(),
  approvedBy: z.string().max(64).nullable(),
  approvedAt: z.iso.datetime().nullable(),
  /** First acknowledgement sent to the reporter. */
  firstReplyAt: z.iso.datetime().nullable(),
  answeredAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  /** Public link of the answer on the channel. */
  answerUrl: line(2000),
  history: z.array(historyEntrySchema).max(500),
  deletedAt: z.iso.datetime().nullable(),
});
export type Complaint = z.infer<typeof complaintSchema>;

/** Response deadlines in working days (Pengaturan → Aduan). */
export const complaintDeadlinesSchema = z.object({
  /**
   * Tindak lanjut/tanggapan awal: 5 hari kerja, PermenPANRB No. 62 Tahun 2018
   * (Pedoman Nasional Pengelolaan Pengaduan Pelayanan Publik, SP4N-LAPOR!).
   */
  firstReplyWorkingDays: z.number().int().min(0).max(60).default(5),
  /**
   * Penyelesaian: 14 hari kerja for reports that need no inspection
   * (PermenPANRB No. 62 Tahun 2018); Perpres No. 76 Tahun 2013 caps the
   * settlement of a report at 60 days. OPDs may shorten either.
   */
  finalAnswerWorkingDays: z.number().int().min(1).max(120).default(14),
});
export type ComplaintDeadlines = z.infer<typeof complaintDeadlinesSchema>;
export const DEFAULT_COMPLAINT_DEADLINES: ComplaintDeadlines = { firstReplyWorkingDays: 5, finalAnswerWorkingDays: 14 };

/** Anonymous list row: the reporter's identity stays in the detail view only. */
export interface ComplaintSummary {
  id: string;
  channel: ComplaintChannel;
  topic: string;
  bidang: string;
  excerpt: string;
  status: ComplaintStatus;
  receivedAt: string;
  forwardedBy: string;
  firstReplyDue: string;
  finalDue: string;
  firstReplyOverdue: boolean;
  finalOverdue: boolean;
  /** Working days until the final deadline at the app's clock (negative once past). */
  workingDaysLeft: number;
}
