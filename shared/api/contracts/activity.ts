import { z } from 'zod';
import { DAY_LISTS, type ActivityReport, type DayList, type NamedCount, type ReportDay } from '@shared/activity/report';
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

/**
 * The longest range one report covers: two years (a year's report, with room
 * for a budget year that straddles two). The exports of such a range are
 * written in the main process; the screen pages its detail lists.
 */
export const MAX_REPORT_DAYS = 731;
/** Rows per `activity.days` page (≈20 KB of per-day rows). */
export const REPORT_DAYS_PAGE = 100;
/** Names per ranking the screen is sent (its charts show twelve). */
export const REPORT_TOP_NAMES = 20;

/** Everything a report holds: what the PDF and CSV exports are written from, in the main process. */
export interface ActivityReportFull extends ActivityReport {
  reviewAvailable: boolean;
  complaints: ComplaintStats;
  opdName: string;
  generatedAt: string;
}

/**
 * What the Laporan screen is sent: the summary, the daily chart as one
 * number per day and channel, the top names, and the sizes of the per-day
 * lists, which `activity.days` pages through. Bounded (< 100 KB) for any
 * store and any allowed range.
 */
export interface ActivityReportView extends Omit<ActivityReportFull, 'days' | 'missedDays' | 'underTargetDays' | 'byCategory' | 'byAuthor'> {
  /** Items per channel, one count per date from `from` to `to`. */
  daily: Record<Channel, number[]>;
  dayCount: number;
  /** How many days each detail list holds. */
  lists: Record<DayList, number>;
  /** Days before the workspace existed (shown, never judged). */
  beforeStartDays: number;
  byCategory: NamedCount[];
  byAuthor: NamedCount[];
  /** Names left out of each ranking beyond the first REPORT_TOP_NAMES. */
  byCategoryOmitted: number;
  byAuthorOmitted: number;
}

export interface ReportDaysPage {
  items: ReportDay[];
  total: number;
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
  /** One page of a report's per-day list: every day, required days without content, under a channel minimum, or holidays. */
  'activity.days': method<ReportDaysPage>()(
    z
      .object({
        from: isoDateSchema,
        to: isoDateSchema,
        list: z.enum(DAY_LISTS),
        offset: z.number().int().nonnegative().max(MAX_REPORT_DAYS).optional(),
        limit: z.number().int().min(1).max(REPORT_DAYS_PAGE).optional(),
      })
      .strict()
      .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] }),
  ),
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
