import type { ComplaintView } from '@shared/api/contracts/complaints';
import type { Complaint, ComplaintSummary } from '@shared/complaints/complaint';
import { complaintDeadlines, type ComplaintDeadlineState } from '@shared/complaints/deadlines';
import type { HandlerContext } from '@core/deps';
import { appNow } from '@core/activity/clock';
import { dateInZone, isWeekend } from '@shared/activity/calendar';
import { currentActor } from '@core/review/session';
import { workspaceCalendar } from '@core/activity/holiday-source';
import { fileUrl } from '@shared/files/urls';

/** The holiday set of the workspace calendar (SKB lists, computed years, own days); cached per targets. */
function holidaysOf(ctx: HandlerContext, now: Date): Set<string> {
  return workspaceCalendar(ctx, now).set;
}

export function deadlinesOf(ctx: HandlerContext, c: Complaint, now = appNow(ctx)): ComplaintDeadlineState {
  const ws = ctx.store.workspace;
  return complaintDeadlines(c, ws.complaintDeadlines, ws.opd.timeZone, holidaysOf(ctx, now), now);
}

function excerpt(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 140 ? `${one.slice(0, 139)}…` : one;
}

/** List row without the reporter's handle or link (privacy: identity only in the detail view). */
export function summarize(ctx: HandlerContext, c: Complaint, now: Date): ComplaintSummary {
  const dl = deadlinesOf(ctx, c, now);
  return {
    id: c.id,
    channel: c.channel,
    topic: c.topic,
    bidang: c.bidang,
    excerpt: excerpt(c.text),
    status: c.status,
    receivedAt: c.receivedAt,
    forwardedBy: c.forwardedBy,
    firstReplyDue: dl.firstReply.due,
    finalDue: dl.final.due,
    firstReplyOverdue: dl.firstReply.overdue,
    finalOverdue: dl.final.overdue,
    overdue: dl.overdue,
    next: dl.open[0] ? { kind: dl.open[0].kind, due: dl.open[0].state.due, workingDaysLeft: dl.open[0].state.workingDaysLeft, overdue: dl.open[0].state.overdue } : null,
    workingDaysLeft: dl.open[0]?.state.workingDaysLeft ?? dl.final.workingDaysLeft,
    trackingNumber: c.trackingNumber,
    classification: c.classification,
    urgent: c.urgent,
  };
}

interface SummaryCache {
  holidays: Set<string>;
  workspaceRev: number;
  minute: number;
  load: number;
  rows: Map<string, { rev: number; s: ComplaintSummary }>;
}
const summaryCaches = new WeakMap<HandlerContext['store'], SummaryCache>();

/**
 * `summarize` for the list, kept per report revision (issue 22): the
 * deadlines walk working days and holidays, about 0.1 ms a report, which at
 * 10k reports made every page of the Aduan list cost a second. A row is
 * reused while the report, the workspace (deadline rules, zone), the holiday
 * calendar and the clock's minute are unchanged, so paging through the list
 * computes each report once; "overdue" may lag by under a minute.
 */
export function listSummary(ctx: HandlerContext, c: Complaint, now: Date): ComplaintSummary {
  const store = ctx.store;
  const holidays = holidaysOf(ctx, now);
  const minute = Math.floor(now.getTime() / 60_000);
  let cache = summaryCaches.get(store);
  if (!cache || cache.holidays !== holidays || cache.workspaceRev !== store.workspace.rev || cache.minute !== minute || cache.load !== store.loadCount) {
    cache = { holidays, workspaceRev: store.workspace.rev, minute, load: store.loadCount, rows: new Map() };
    summaryCaches.set(store, cache);
  }
  const hit = cache.rows.get(c.id);
  if (hit && hit.rev === c.rev) return hit.s;
  const s = summarize(ctx, c, now);
  cache.rows.set(c.id, { rev: c.rev, s });
  return s;
}

/** The handler of a report: the one assigned, else whoever recorded it. */
export function handlerOf(c: Complaint): string | null {
  return c.handlerId ?? c.history[0]?.actorId ?? null;
}

/** 'rahasia': the reporter's identity is shown to the handler only, never to the rest of the OPD. */
export function identityHiddenFor(c: Complaint, actorId: string | null): boolean {
  return c.confidentiality === 'rahasia' && handlerOf(c) !== actorId;
}

export function viewOf(ctx: HandlerContext, c: Complaint): ComplaintView {
  const team = ctx.store.workspace.team;
  const name = (id: string | null) => (id && team.find((m) => m.id === id)?.name) || '';
  const hidden = identityHiddenFor(c, currentActor(ctx).id);
  // Holidays on weekdays between receipt and the latest deadline: shown so the dates can be checked by hand.
  const zone = ctx.store.workspace.opd.timeZone;
  const deadlines = deadlinesOf(ctx, c);
  const cal = workspaceCalendar(ctx);
  const from = dateInZone(c.receivedAt, zone);
  const to = dateInZone(deadlines.final.due, zone);
  const holidaysCounted = cal.holidays
    .filter((h) => h.date > from && h.date <= to && !isWeekend(h.date))
    .map((h) => ({ date: h.date, name: h.name, estimated: h.origin === 'computed' }));
  return {
    holidaysCounted,
    identityHidden: hidden,
    handlerName: name(handlerOf(c)),
    complaint: hidden ? { ...c, reporterHandle: '', link: '' } : c,
    deadlines,
    draftedByName: name(c.answerDraftedBy),
    approvedByName: name(c.approvedBy),
    screenshotUrl: c.screenshot ? fileUrl('complaint-shots', c.screenshot.file) : null,
  };
}
