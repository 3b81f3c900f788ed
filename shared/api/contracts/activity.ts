import { z } from 'zod';
import type { ActivityReport } from '@shared/activity/report';
import type { ComplaintStats } from '@shared/complaints/stats';
import type { Channel, PostStatus } from '@shared/domain/post';
import { isoDateSchema } from '@shared/domain/common';
import { base64Schema, method, none } from '@shared/api/define';

export interface ChannelToday {
  channel: Channel;
  target: number;
  published: number;
  scheduled: number;
}

export interface HomeQueueItem {
  id: string;
  title: string;
  status: PostStatus | 'failed' | 'scheduled' | 'overdue';
  channel: Channel | null;
  at: string;
}

export interface OverdueComplaint {
  id: string;
  topic: string;
  channel: string;
  finalDue: string;
  firstReplyOverdue: boolean;
  finalOverdue: boolean;
  /** The overdue deadline shown: the earliest one past, with its own date. */
  overdueKind: 'verification' | 'firstReply' | 'final';
  overdueDue: string;
  urgent: boolean;
}

/** One month's figures for the head of the agency (and the regent's ranking). */
export interface MonthFigures {
  from: string;
  to: string;
  published: number;
  /** Required days judged so far (today and later are still open). */
  requiredDays: number;
  /** Required days where every tracked channel reached its minimum. */
  metDays: number;
  /** metDays / requiredDays in percent, or null with no required day yet. */
  percentMet: number | null;
  complaintsAnswered: number;
  complaintsOnTime: number;
  percentOnTime: number | null;
}

export interface HomeOverview {
  now: string;
  today: string;
  /** Whether the target applies today (working-days mode skips weekends and holidays). */
  todayRequired: boolean;
  todayHoliday: string | null;
  channels: ChannelToday[];
  todayPublished: number;
  todayScheduled: number;
  streak: { current: number; since: string | null; todayHasContent: boolean };
  /** Reminder banner: after the configured hour and nothing out or scheduled today. */
  reminderDue: boolean;
  reminderHour: number | null;
  /** The day the workspace was created: Beranda welcomes instead of warning. */
  firstDay: boolean;
  /** First date the workspace existed (workspace zone). */
  startDate: string;
  inReview: HomeQueueItem[];
  changesRequested: HomeQueueItem[];
  /** Approved posts not yet scheduled or published. */
  waiting: HomeQueueItem[];
  failed: HomeQueueItem[];
  /** Jobs whose day has ended with nothing sent or marked as published (manual jobs left open). */
  overdueJobs: HomeQueueItem[];
  scheduledToday: HomeQueueItem[];
  /** False until the outbox's jobs collection exists. */
  jobsAvailable: boolean;
  overdueComplaints: OverdueComplaint[];
  openComplaints: number;
  /** Items per date over the last 365 days (dates without items omitted). */
  heatmap: Record<string, number>;
  heatmapFrom: string;
  /** Manager's view: this month so far against last month. */
  manager: { thisMonth: MonthFigures; lastMonth: MonthFigures };
  /** Holiday names per date inside the heatmap range. */
  heatmapHolidays: Record<string, string>;
  /** From 1 November: next year when its SKB holiday list is missing (deadlines then use computed dates), else null. */
  calendarMissingYear: number | null;
}

export interface ActivityReportView extends ActivityReport {
  reviewAvailable: boolean;
  complaints: ComplaintStats;
  opdName: string;
  generatedAt: string;
}

export interface FileLink {
  name: string;
  url: string;
}

const range = z
  .object({ from: isoDateSchema, to: isoDateSchema })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });

const MAX_CHART_BYTES = 8 * 1024 * 1024;

export const activityContract = {
  'activity.overview': method<HomeOverview>()(none),
  'activity.report': method<ActivityReportView>()(range),
  'activity.exportPdf': method<FileLink>()(
    z
      .object({
        from: isoDateSchema,
        to: isoDateSchema,
        /** Chart images drawn by the UI (PNG, base64) to embed in the PDF. */
        charts: z.array(z.object({ title: z.string().max(200), png: base64Schema(MAX_CHART_BYTES) }).strict()).max(6).optional(),
      })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
  ),
  'activity.exportCsv': method<FileLink>()(range),
  'activity.saveChart': method<FileLink>()(
    z.object({ name: z.string().trim().min(1).max(120), png: base64Schema(MAX_CHART_BYTES) }).strict(),
  ),
  /** Test and development only: shifts the app clock. Refused unless REDAKSI_DEV_CLOCK=1. */
  'dev.setClockOffset': method<{ now: string; offsetMs: number }>()(
    z.object({ offsetMs: z.number().int().min(-10 * 365 * 86_400_000).max(10 * 365 * 86_400_000) }).strict(),
  ),
} as const;
