import { dateInZone } from '@shared/activity/calendar';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import { COMPLAINT_CHANNELS, COMPLAINT_STATUSES, type Complaint, type ComplaintChannel, type ComplaintDeadlines, type ComplaintStatus } from './complaint';
import { complaintDeadlines, workingDaysBetween } from './deadlines';

/** Aduan statistics for a date range: counts only, never the reporter's identity. */
export interface ComplaintStats {
  received: number;
  byStatus: Record<ComplaintStatus, number>;
  byChannel: Record<ComplaintChannel, number>;
  byTopic: { name: string; count: number }[];
  answered: number;
  answeredOnTime: number;
  /** Open reports with any deadline past at `now` (OVERDUE_DEFINITION_ID). */
  overdueOpen: number;
  /** Mean working days from receipt to answer, over answered reports. */
  avgWorkingDaysToAnswer: number | null;
}

export function complaintStats(
  all: readonly Complaint[],
  from: string,
  to: string,
  rules: ComplaintDeadlines,
  zone: TimeZoneCode,
  holidays: ReadonlySet<string>,
  now: Date,
): ComplaintStats {
  const items = all.filter((c) => {
    if (c.deletedAt) return false;
    const d = dateInZone(c.receivedAt, zone);
    return d >= from && d <= to;
  });
  const byStatus = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatus, number>;
  const byChannel = Object.fromEntries(COMPLAINT_CHANNELS.map((s) => [s, 0])) as Record<ComplaintChannel, number>;
  const topics = new Map<string, number>();
  let answered = 0;
  let onTime = 0;
  let overdueOpen = 0;
  let days = 0;
  for (const c of items) {
    byStatus[c.status]++;
    byChannel[c.channel]++;
    const t = c.topic.trim();
    topics.set(t, (topics.get(t) ?? 0) + 1);
    const dl = complaintDeadlines(c, rules, zone, holidays, now);
    if (c.answeredAt) {
      answered++;
      if (!dl.final.late) onTime++;
      days += workingDaysBetween(dateInZone(c.receivedAt, zone), dateInZone(c.answeredAt, zone), holidays);
    }
    if (dl.overdue) overdueOpen++;
  }
  return {
    received: items.length,
    byStatus,
    byChannel,
    byTopic: [...topics.entries()].map(([name, count]) => ({ name, count })).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)),
    answered,
    answeredOnTime: onTime,
    overdueOpen,
    avgWorkingDaysToAnswer: answered ? days / answered : null,
  };
}
