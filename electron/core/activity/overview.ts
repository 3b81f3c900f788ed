import type { ChannelToday, HomeOverview, HomeQueueItem, MonthFigures } from '@shared/api/contracts/activity';
import { addDays, dateInZone, monthBounds } from '@shared/activity/calendar';
import { missingNextYearSkb } from '@shared/activity/holiday-calendar';
import { countByDay, currentStreak, isRequiredDay, totalOf } from '@shared/activity/streak';
import { TERMINAL_STATUSES } from '@shared/complaints/complaint';
import { CHANNELS } from '@shared/domain/post';
import { zonedParts } from '@shared/domain/time-zone';
import type { HandlerContext } from '@core/deps';
import { summarize } from '@core/complaints/view';
import { appNow } from './clock';
import { workspaceCalendar } from './holiday-source';
import { gatherReport, requiredFromOf } from './report';
import { percent } from '@shared/activity/format';
import { readJobs } from './sources';

const PENDING_JOB = new Set(['queued', 'sending']);
const FAILED_JOB = new Set(['failed', 'needs_action', 'unconfirmed']);

function monthFigures(ctx: HandlerContext, from: string, to: string): MonthFigures {
  const r = gatherReport(ctx, from, to);
  const metDays = r.requiredDays - r.missedDays.length - r.underTargetDays.length;
  return {
    from,
    to,
    published: r.total,
    requiredDays: r.requiredDays,
    metDays,
    percentMet: percent(metDays, r.requiredDays),
    complaintsAnswered: r.complaints.answered,
    complaintsOnTime: r.complaints.answeredOnTime,
    percentOnTime: percent(r.complaints.answeredOnTime, r.complaints.answered),
  };
}

/** Everything Beranda shows, computed in the workspace zone (never the PC's). */
export function buildOverview(ctx: HandlerContext): HomeOverview {
  const ws = ctx.store.workspace;
  const zone = ws.opd.timeZone;
  const now = appNow(ctx);
  const today = dateInZone(now, zone);
  const cal = workspaceCalendar(ctx, now);
  const holidays = cal.set;
  const targets = cal.targets;
  // Days before the workspace existed are never required (nobody could publish with the app yet).
  const startDate = requiredFromOf(ctx);
  const pubs = ctx.store.collections.publications.all();
  const counts = countByDay(pubs, zone);
  const todayRow = counts.get(today);

  const jobs = readJobs(ctx);
  const titleOf = (postId: string) => ctx.store.posts.get(postId)?.title ?? '';
  const scheduledToday: HomeQueueItem[] = [];
  const failed: HomeQueueItem[] = [];
  const overdueJobs: HomeQueueItem[] = [];
  const jobPosts = new Set<string>();
  for (const j of jobs ?? []) {
    jobPosts.add(j.postId);
    // An "as soon as possible" job belongs to the day it was queued, not to every later day:
    // a manual job nobody sent or marked stops counting as scheduled when its day ends.
    const when = j.scheduledAt ?? j.createdAt ?? now.toISOString();
    const day = dateInZone(when, zone);
    if (PENDING_JOB.has(j.state) && day === today) {
      scheduledToday.push({ id: j.postId, title: j.title || titleOf(j.postId), status: 'scheduled', channel: j.channel, at: when });
    } else if (PENDING_JOB.has(j.state) && day < today) {
      overdueJobs.push({ id: j.postId, title: j.title || titleOf(j.postId), status: 'overdue', channel: j.channel, at: when });
    } else if (FAILED_JOB.has(j.state)) {
      failed.push({ id: j.postId, title: j.title || titleOf(j.postId), status: 'failed', channel: j.channel, at: j.scheduledAt ?? '' });
    }
  }
  const published = new Set(pubs.map((p) => p.postId).filter((x): x is string => Boolean(x)));

  const channels: ChannelToday[] = CHANNELS.map((channel) => ({
    channel,
    target: targets.perChannel[channel],
    published: todayRow?.[channel] ?? 0,
    scheduled: scheduledToday.filter((s) => s.channel === channel).length,
  })).filter((c) => c.target > 0 || c.published > 0 || c.scheduled > 0);

  const posts = ctx.store.posts.summaries().filter((p) => !p.deletedAt);
  const item = (p: (typeof posts)[number]): HomeQueueItem => ({ id: p.id, title: p.title, status: p.status, channel: null, at: p.updatedAt });
  const byRecent = (a: HomeQueueItem, b: HomeQueueItem) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0);

  const todayPublished = totalOf(todayRow);
  const todayRequired = isRequiredDay(today, targets, holidays, startDate);
  const hour = zonedParts(now, zone).hour;
  const reminderHour = targets.reminderHour;
  // The first day is for setting up: no alarm before the team has had a chance to publish.
  const firstDay = today <= startDate;

  const complaints = ctx.store.collections.complaints.all().filter((c) => !c.deletedAt && !TERMINAL_STATUSES.includes(c.status));
  // The one definition of overdue (shared/complaints/deadlines.ts), listed by the deadline that passed first.
  const overdue = complaints
    .map((c) => summarize(ctx, c, now))
    .filter((s) => s.overdue && s.next)
    .sort((a, b) => (a.next!.due < b.next!.due ? -1 : 1));

  const heatmapFrom = addDays(today, -364);
  const heatmap: Record<string, number> = {};
  for (const [d, row] of counts) if (d >= heatmapFrom && d <= today) heatmap[d] = totalOf(row);
  const heatmapHolidays: Record<string, string> = {};
  for (const h of cal.holidays) if (h.date >= heatmapFrom && h.date <= today) heatmapHolidays[h.date] = h.name;

  return {
    now: now.toISOString(),
    today,
    todayRequired,
    todayHoliday: cal.byDate.get(today)?.name ?? null,
    channels,
    todayPublished,
    todayScheduled: scheduledToday.length,
    streak: currentStreak(counts, today, targets, 3660, startDate),
    // No nagging on a holiday, even where every day counts: the day is still shown as required.
    reminderDue: reminderHour !== null && !firstDay && todayRequired && !cal.byDate.has(today) && hour >= reminderHour && todayPublished + scheduledToday.length === 0,
    firstDay,
    reminderHour,
    inReview: posts.filter((p) => p.status === 'in_review').map(item).sort(byRecent).slice(0, 20),
    changesRequested: posts.filter((p) => p.status === 'changes_requested').map(item).sort(byRecent).slice(0, 20),
    waiting: posts
      .filter((p) => p.status === 'approved' && !jobPosts.has(p.id) && !published.has(p.id))
      .map(item)
      .sort(byRecent)
      .slice(0, 20),
    failed: failed.slice(0, 20),
    overdueJobs: overdueJobs.sort((a, b) => (a.at < b.at ? -1 : 1)).slice(0, 20),
    scheduledToday: scheduledToday.sort((a, b) => (a.at < b.at ? -1 : 1)),
    jobsAvailable: jobs !== null,
    overdueComplaints: overdue.slice(0, 20).map((s) => ({
      id: s.id,
      topic: s.topic || s.excerpt,
      channel: s.channel,
      finalDue: s.finalDue,
      firstReplyOverdue: s.firstReplyOverdue,
      finalOverdue: s.finalOverdue,
      overdueKind: s.next!.kind,
      overdueDue: s.next!.due,
      urgent: s.urgent,
    })),
    openComplaints: complaints.length,
    heatmap,
    heatmapFrom,
    heatmapHolidays,
    manager: {
      thisMonth: monthFigures(ctx, monthBounds(today).from, today),
      lastMonth: (() => {
        const last = monthBounds(addDays(monthBounds(today).from, -1));
        return monthFigures(ctx, last.from, last.to);
      })(),
    },
    calendarMissingYear: missingNextYearSkb(today, cal.years),
    startDate,
  };
}
