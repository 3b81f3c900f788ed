import { z } from 'zod';
import { recordMetaSchema } from '@shared/domain/common';

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

/** SP4N-LAPOR! classification (PermenPANRB 62/2018): aspiration, complaint, request for information. */
export const COMPLAINT_CLASSIFICATIONS = ['pengaduan', 'aspirasi', 'permintaan_informasi'] as const;
export type ComplaintClassification = (typeof COMPLAINT_CLASSIFICATIONS)[number];

/**
 * Confidentiality chosen by the reporter: 'rahasia' hides who reported from
 * everyone in the OPD but the handler; 'anonim' stores no identity at all.
 */
export const CONFIDENTIALITY = ['biasa', 'rahasia', 'anonim'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

/** The three clocks of a report, each with its own deadline. */
export const DEADLINE_KINDS = ['verification', 'firstReply', 'final'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

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
  /** Nomor tracking SP4N-LAPOR! (empty for reports from other channels). */
  trackingNumber: line(64),
  classification: z.enum(COMPLAINT_CLASSIFICATIONS),
  confidentiality: z.enum(CONFIDENTIALITY),
  /** Needs a field check (peninjauan lapangan): final answer within 60 working days instead of 14. */
  needsFieldCheck: z.boolean(),
  /** Forwarded by the regent (or marked urgent): first reply due the same day, or as the OPD sets. */
  urgent: z.boolean(),
});

/** A report forwarded by the regent/mayor is urgent by default. */
export function isRegentForward(forwardedBy: string): boolean {
  return /\b(bupati|wali ?kota|wakil bupati|wawali|regent|mayor)\b/i.test(forwardedBy);
}

/** What the admin types when recording a report: only channel, text and time are required. */
export const complaintInputSchema = complaintFieldsSchema.extend({
  link: line(2000).default(''),
  reporterHandle: line(200).default(''),
  forwardedBy: line(200).default(''),
  topic: line(200).default(''),
  bidang: line(200).default(''),
  trackingNumber: line(64).default(''),
  classification: z.enum(COMPLAINT_CLASSIFICATIONS).default('pengaduan'),
  confidentiality: z.enum(CONFIDENTIALITY).default('biasa'),
  needsFieldCheck: z.boolean().default(false),
  urgent: z.boolean().default(false),
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

/** A postponement (penundaan) or extension (perpanjangan) of one deadline, kept for the record. */
export const deadlineChangeSchema = z.object({
  at: z.iso.datetime(),
  actorId: z.string().max(64).nullable(),
  kind: z.enum(['postpone', 'extend']),
  target: z.enum(DEADLINE_KINDS),
  reason: z.string().trim().min(1).max(2000),
  /** The new due date (end of that day in the workspace zone). */
  newDue: z.iso.date(),
  /** The due date it replaced. */
  previousDue: z.iso.date(),
});
export type DeadlineChange = z.infer<typeof deadlineChangeSchema>;

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
  /** Verification done (report complete and within authority); defaulted for reports stored before SP4N fields. */
  verifiedAt: z.iso.datetime().nullable().default(null),
  /** Team member handling the report: with 'rahasia', the only one who sees the reporter. */
  handlerId: z.string().max(64).nullable().default(null),
  deadlineChanges: z.array(deadlineChangeSchema).max(50).default([]),
});
export type Complaint = z.infer<typeof complaintSchema>;

/** The workflow fields of a report just recorded: new, with nothing drafted, approved, answered or closed yet. */
export const NEW_COMPLAINT_STATE = {
  screenshot: null,
  status: 'baru',
  reason: '',
  answerDraft: '',
  answerDraftedBy: null,
  approvedBy: null,
  approvedAt: null,
  firstReplyAt: null,
  answeredAt: null,
  closedAt: null,
  answerUrl: '',
  deletedAt: null,
} as const satisfies Partial<Complaint>;

/** Response deadlines in working days (Pengaturan → Aduan). */
export const complaintDeadlinesSchema = z.object({
  /**
   * Tindak lanjut/tanggapan awal: 5 hari kerja, PermenPANRB No. 62 Tahun 2018
   * (Pedoman Nasional Pengelolaan Pengaduan Pelayanan Publik, SP4N-LAPOR!).
   */
  firstReplyWorkingDays: z.number().int().min(0).max(60).default(5),
  /** Verifikasi: 3 hari kerja (PermenPANRB 62/2018). */
  verificationWorkingDays: z.number().int().min(0).max(60).default(3),
  /** First reply of a report forwarded by the regent: 0 = the same day. */
  urgentFirstReplyWorkingDays: z.number().int().min(0).max(5).default(0),
  /** Final answer of a report needing a field check: 60 working days (PermenPANRB 62/2018, Perpres 76/2013 cap). */
  fieldCheckWorkingDays: z.number().int().min(1).max(60).default(60),
  /**
   * Penyelesaian: 14 hari kerja for reports that need no inspection
   * (PermenPANRB No. 62 Tahun 2018); Perpres No. 76 Tahun 2013 caps the
   * settlement of a report at 60 days. OPDs may shorten either.
   */
  finalAnswerWorkingDays: z.number().int().min(1).max(60).default(14),
});
export type ComplaintDeadlines = z.infer<typeof complaintDeadlinesSchema>;

/**
 * The stored setting: files written when 120 working days were allowed are
 * brought down to the legal cap of 60 instead of failing to open.
 */
export const storedComplaintDeadlinesSchema = z.preprocess((v) => {
  if (!v || typeof v !== 'object') return v;
  const o = { ...(v as Record<string, unknown>) };
  for (const k of ['finalAnswerWorkingDays', 'firstReplyWorkingDays', 'fieldCheckWorkingDays', 'verificationWorkingDays']) {
    if (typeof o[k] === 'number' && (o[k] as number) > 60) o[k] = 60;
  }
  return o;
}, complaintDeadlinesSchema);
export const DEFAULT_COMPLAINT_DEADLINES: ComplaintDeadlines = {
  firstReplyWorkingDays: 5,
  verificationWorkingDays: 3,
  urgentFirstReplyWorkingDays: 0,
  fieldCheckWorkingDays: 60,
  finalAnswerWorkingDays: 14,
};

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
  /** Any open deadline past (the one definition of "lewat tenggat" everywhere). */
  overdue: boolean;
  /** The nearest deadline not yet met, or null when all are met or the report is closed. */
  next: { kind: DeadlineKind; due: string; workingDaysLeft: number; overdue: boolean } | null;
  /** Working days until the nearest open deadline at the app's clock (negative once past). */
  workingDaysLeft: number;
  trackingNumber: string;
  classification: ComplaintClassification;
  urgent: boolean;
}
