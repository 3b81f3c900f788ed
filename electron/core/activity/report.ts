import { REPORT_TOP_NAMES, type ActivityReportFull, type ActivityReportView } from '@shared/api/contracts/activity';
import { buildActivityReport, dayList, reviewDurations, type ReportInput } from '@shared/activity/report';
import { CHANNELS, type Channel } from '@shared/domain/post';
import { dateInZone, zonedInstant } from '@shared/activity/calendar';
import { complaintStats } from '@shared/complaints/stats';
import type { HandlerContext } from '@core/deps';
import { appNow } from './clock';
import { workspaceCalendar } from './holiday-source';
import { readReviewEvents } from './sources';

/**
 * The first day that can be judged: the day the workspace was created, or
 * the day of an earlier recorded publication (history brought in from
 * elsewhere shows the OPD was already publishing then).
 */
export function requiredFromOf(ctx: HandlerContext): string {
  const zone = ctx.store.workspace.opd.timeZone;
  let first = ctx.store.workspace.createdAt;
  for (const p of ctx.store.collections.publications.all()) if (p.publishedAt < first) first = p.publishedAt;
  return dateInZone(first, zone);
}

/** What a report over [from, to] is built from; review times only when asked (they read every trail). */
function reportInput(ctx: HandlerContext, from: string, to: string, withReviews: boolean): ReportInput & { now: Date; cal: ReturnType<typeof workspaceCalendar>; reviewed: boolean } {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const now = appNow(ctx);
  const cal = workspaceCalendar(ctx, now);
  const events = withReviews ? readReviewEvents(ctx) : null;
  const fromMs = zonedInstant(from, zone).getTime();
  const toMs = zonedInstant(to, zone, 23, 59, 59, 999).getTime();
  return {
    from,
    to,
    zone,
    targets: cal.targets,
    publications: ctx.store.collections.publications.all(),
    postAuthors: new Map(ctx.store.posts.summaries().map((p) => [p.id, p.authorId] as const)),
    team: new Map(ws.team.map((m) => [m.id, m.name] as const)),
    reviewHours: events ? reviewDurations(events, fromMs, toMs) : null,
    today: dateInZone(now, zone),
    requiredFrom: requiredFromOf(ctx),
    now,
    cal,
    reviewed: events !== null,
  };
}

/** The days of one of the report's per-day lists (`activity.days` pages through them). */
export function reportDays(ctx: HandlerContext, from: string, to: string, list: Parameters<typeof dayList>[1]) {
  return dayList(buildActivityReport(reportInput(ctx, from, to, false)).days, list);
}

/** The bounded view the Laporan screen is sent (see ActivityReportView). */
export function reportView(full: ActivityReportFull): ActivityReportView {
  const { days, missedDays, underTargetDays, byCategory, byAuthor, ...summary } = full;
  const daily = Object.fromEntries(CHANNELS.map((c) => [c, days.map((d) => d.perChannel[c])])) as Record<Channel, number[]>;
  return {
    ...summary,
    daily,
    dayCount: days.length,
    lists: { days: days.length, missed: missedDays.length, under: underTargetDays.length, holidays: dayList(days, 'holidays').length },
    beforeStartDays: days.filter((d) => d.beforeStart).length,
    byCategory: byCategory.slice(0, REPORT_TOP_NAMES),
    byAuthor: byAuthor.slice(0, REPORT_TOP_NAMES),
    byCategoryOmitted: Math.max(0, byCategory.length - REPORT_TOP_NAMES),
    byAuthorOmitted: Math.max(0, byAuthor.length - REPORT_TOP_NAMES),
  };
}

/** The activity report for [from, to]: publications only, plus review times and aduan counts. */
export function gatherReport(ctx: HandlerContext, from: string, to: string): ActivityReportFull {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const { now, cal, reviewed, ...input } = reportInput(ctx, from, to, true);
  const report = buildActivityReport(input);
  return {
    ...report,
    reviewAvailable: reviewed,
    complaints: complaintStats(
      ctx.store.collections.complaints.all(),
      from,
      to,
      ws.complaintDeadlines,
      zone,
      cal.set,
      now,
    ),
    opdName: ws.opd.fullName || ws.opd.shortName,
    generatedAt: now.toISOString(),
  };
}
