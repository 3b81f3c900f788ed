import type { ComplaintView } from '../../../shared/api/contracts/complaints';
import type { Complaint, ComplaintSummary } from '../../../shared/complaints/complaint';
import { complaintDeadlines, type ComplaintDeadlineState } from '../../../shared/complaints/deadlines';
import { holidaySet } from '../../../shared/activity/streak';
import type { HandlerContext } from '../api/context';
import { appNow } from '../activity/clock';

/** Holiday sets per holiday list: built once, not once per report row. */
const holidayCache = new WeakMap<object, Set<string>>();
function holidaysOf(ctx: HandlerContext): Set<string> {
  const list = ctx.store.workspace.targets.holidays;
  let set = holidayCache.get(list);
  if (!set) holidayCache.set(list, (set = holidaySet(ctx.store.workspace.targets)));
  return set;
}

export function deadlinesOf(ctx: HandlerContext, c: Complaint, now = appNow(ctx)): ComplaintDeadlineState {
  const ws = ctx.store.workspace;
  return complaintDeadlines(c, ws.complaintDeadlines, ws.opd.timeZone, holidaysOf(ctx), now);
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
    workingDaysLeft: dl.final.workingDaysLeft,
  };
}

export function viewOf(ctx: HandlerContext, c: Complaint): ComplaintView {
  const team = ctx.store.workspace.team;
  const name = (id: string | null) => (id && team.find((m) => m.id === id)?.name) || '';
  return {
    complaint: c,
    deadlines: deadlinesOf(ctx, c),
    draftedByName: name(c.answerDraftedBy),
    approvedByName: name(c.approvedBy),
    screenshotUrl: c.screenshot ? `./files/complaint-shots/${c.screenshot.file}` : null,
  };
}
