import { addDays, dateInZone, isoInZone } from '@shared/activity/calendar';
import { countByDay, emptyChannelCounts, isRequiredDay, targetMet, totalOf } from '@shared/activity/streak';
import type { Targets } from '@shared/activity/targets';
import type { Complaint, ComplaintDeadlines } from '@shared/complaints/complaint';
import { complaintDeadlines } from '@shared/complaints/deadlines';
import { CHANNELS, type Channel } from '@shared/domain/post';
import type { TimeZoneCode } from '@shared/domain/time-zone';
import {
  dayDocId,
  monthDocId,
  opdDocId,
  publicationDocId,
  type DayDoc,
  type MonthDoc,
  type OpdDoc,
  type PublicationDoc,
  type RollupDoc,
} from './docs';
import type { ParticipantKind } from './settings';

/** What the rollup needs of one publication (a stored Publication fits). */
export interface RollupPublication {
  id: string;
  channel: Channel;
  publishedAt: string;
  url: string;
  category: string;
  actorId: string | null;
}

/** What the rollup reads of a complaint: dates and state only (a stored Complaint fits); text and reporter never. */
export type RollupComplaint = Pick<
  Complaint,
  'receivedAt' | 'status' | 'firstReplyAt' | 'answeredAt' | 'closedAt' | 'deletedAt' | 'verifiedAt' | 'history' | 'urgent' | 'needsFieldCheck' | 'deadlineChanges'
>;

export interface RollupSource {
  opd: string;
  name: string;
  kind: ParticipantKind;
  /** The regency slug ('' when not set). */
  region?: string;
  zone: TimeZoneCode;
  /** The OPD's target with its whole holiday calendar (national, cuti bersama, local). */
  targets: Pick<Targets, 'days' | 'perChannel' | 'holidays'>;
  /** First date judged (workspace start or an earlier publication). */
  requiredFrom: string;
  now: Date;
  publications: readonly RollupPublication[];
  complaints: readonly RollupComplaint[];
  complaintRules: ComplaintDeadlines;
  /** Member id → name, only when the OPD opted in to share author names; null otherwise. */
  authors: ReadonlyMap<string, string> | null;
}

/** Day summaries are written from the start, at most this many days back (five years). */
export const MAX_DAYS_BACK = 1830;

const MONTH = (d: string) => d.slice(0, 7);

function publicUrl(url: string): string {
  const u = url.trim();
  return /^https?:\/\/[^\s]+$/.test(u) && u.length <= 2000 ? u : '';
}

function oneLine(s: string, max: number): string {
  return s.replace(/[\r\n]+/g, ' ').trim().slice(0, max);
}

export function publicationDoc(p: RollupPublication, src: Pick<RollupSource, 'opd' | 'zone' | 'authors'>): PublicationDoc {
  const local = isoInZone(p.publishedAt, src.zone);
  const date = local.slice(0, 10);
  const author = src.authors && p.actorId ? (src.authors.get(p.actorId) ?? null) : null;
  return {
    _id: publicationDocId(date, src.opd, p.id),
    type: 'publication',
    opd: src.opd,
    pubId: p.id,
    channel: p.channel,
    date,
    time: local.slice(11, 16),
    zone: src.zone,
    publishedAt: local,
    url: publicUrl(p.url),
    category: oneLine(p.category, 100),
    author: author ? oneLine(author, 120) : null,
  };
}

/** Aduan figures of the reports received in one month (OPD zone), as of `now`. */
export function monthFigures(
  complaints: readonly RollupComplaint[],
  m: string,
  src: Pick<RollupSource, 'opd' | 'zone' | 'complaintRules' | 'now'>,
  holidays: ReadonlySet<string>,
): MonthDoc {
  const doc: MonthDoc = {
    _id: monthDocId(m, src.opd),
    type: 'month',
    opd: src.opd,
    month: m,
    received: 0,
    firstReplyDone: 0,
    firstReplyOnTime: 0,
    finalDone: 0,
    finalOnTime: 0,
    overdue: 0,
    asOf: dateInZone(src.now, src.zone),
  };
  for (const c of complaints) {
    if (c.deletedAt || MONTH(dateInZone(c.receivedAt, src.zone)) !== m) continue;
    doc.received++;
    const dl = complaintDeadlines(c, src.complaintRules, src.zone, holidays, src.now);
    if (dl.firstReply.doneAt) {
      doc.firstReplyDone++;
      if (!dl.firstReply.late) doc.firstReplyOnTime++;
    }
    if (dl.final.doneAt) {
      doc.finalDone++;
      if (!dl.final.late) doc.finalOnTime++;
    }
    if (dl.overdue) doc.overdue++;
  }
  return doc;
}

/**
 * Every summary document of one OPD as of `now`: its profile, one document
 * per publication, one per day from its start to today, one per month of
 * aduan figures. Pure and deterministic: the same store gives the same
 * documents with the same ids, so writing them again changes nothing.
 */
export function buildRollup(src: RollupSource): RollupDoc[] {
  const today = dateInZone(src.now, src.zone);
  const holidays = new Map(src.targets.holidays.map((h) => [h.date, h.name] as const));
  const holidaySet = new Set(holidays.keys());
  const pubs = src.publications.filter((p) => dateInZone(p.publishedAt, src.zone) <= today);
  const counts = countByDay(pubs, src.zone);

  let start = src.requiredFrom;
  const earliest = addDays(today, -MAX_DAYS_BACK);
  if (start < earliest) start = earliest;
  if (start > today) start = today;

  const out: RollupDoc[] = [];
  let last: string | null = null;
  const lastTime = new Map<string, string>();
  for (const p of pubs) {
    if (dateInZone(p.publishedAt, src.zone) < start) continue;
    const doc = publicationDoc(p, src);
    out.push(doc);
    if (last === null || Date.parse(p.publishedAt) > Date.parse(last)) last = p.publishedAt;
    const t = lastTime.get(doc.date);
    if (t === undefined || doc.time > t) lastTime.set(doc.date, doc.time);
  }
  for (let d = start; d <= today; d = addDays(d, 1)) {
    const row = counts.get(d);
    const c = row ? { ...row } : emptyChannelCounts();
    const day: DayDoc = {
      _id: dayDocId(d, src.opd),
      type: 'day',
      opd: src.opd,
      date: d,
      zone: src.zone,
      counts: c,
      total: totalOf(row),
      required: isRequiredDay(d, src.targets, holidaySet, src.requiredFrom),
      targetMet: targetMet(row, src.targets),
      holiday: holidays.has(d) ? oneLine(holidays.get(d) as string, 200) : null,
      lastTime: lastTime.get(d) ?? null,
    };
    out.push(day);
  }
  const months = new Set<string>();
  for (let d = start; d <= today; d = addDays(d, 1)) months.add(MONTH(d));
  for (const c of src.complaints) if (!c.deletedAt) months.add(MONTH(dateInZone(c.receivedAt, src.zone)));
  for (const m of [...months].sort()) if (m <= MONTH(today)) out.push(monthFigures(src.complaints, m, src, holidaySet));
  const profile: OpdDoc = {
    _id: opdDocId(src.opd),
    type: 'opd',
    opd: src.opd,
    name: oneLine(src.name, 200),
    kind: src.kind,
    region: src.region ?? '',
    zone: src.zone,
    days: src.targets.days,
    perChannel: Object.fromEntries(CHANNELS.map((ch) => [ch, src.targets.perChannel[ch]])) as Record<Channel, number>,
    requiredFrom: src.requiredFrom,
    lastPublishedAt: last ? isoInZone(last, src.zone) : null,
    generatedAt: isoInZone(src.now, src.zone),
  };
  out.push(profile);
  return out;
}
