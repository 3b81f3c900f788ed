import type { ActivityReportView } from '@shared/api/contracts/activity';
import { buildActivityReport, reviewDurations } from '@shared/activity/report';
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

/** The activity report for [from, to]: publications only, plus review times and aduan counts. */
export function gatherReport(ctx: HandlerContext, from: string, to: string): ActivityReportView {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const now = appNow(ctx);
  const cal = workspaceCalendar(ctx, now);
  const events = readReviewEvents(ctx);
  const fromMs = zonedInstant(from, zone).getTime();
  const toMs = zonedInstant(to, zone, 23, 59, 59, 999).getTime();
  const postAuthors = new Map(ctx.store.posts.summaries().map((p) => [p.id, p.authorId] as const));
  const team = new Map(ws.team.map((m) => [m.id, m.name] as const));
  const report = buildActivityReport({
    from,
    to,
    zone,
    targets: cal.targets,
    publications: ctx.store.collections.publications.all(),
    postAuthors,
    team,
    reviewHours: events ? reviewDurations(events, fromMs, toMs) : null,
    today: dateInZone(now, zone),
    requiredFrom: requiredFromOf(ctx),
  });
  return {
    ...report,
    reviewAvailable: events !== null,
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
