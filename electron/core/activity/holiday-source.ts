import Holidays from 'date-holidays';
import { dateInZone } from '@shared/activity/calendar';
import { buildHolidayCalendar, correctComputedHolidays, type CalendarHoliday, type HolidayCalendar } from '@shared/activity/holiday-calendar';
import type { Holiday } from '@shared/activity/targets-schema';
import type { Targets } from '@shared/activity/targets';
import type { HandlerContext } from '@core/deps';
import { appNow } from './clock';

const LIBRARY = 'date-holidays (perkiraan, belum dikonfirmasi SKB)';

let lib: Holidays | null = null;
const computedCache = new Map<number, Holiday[]>();

/** Indonesia's national holidays of a year from date-holidays, names corrected (see correctComputedHolidays). */
export function computedHolidays(year: number): Holiday[] {
  let list = computedCache.get(year);
  if (!list) {
    lib ??= new Holidays('ID');
    const raw = lib.getHolidays(year, 'id').map((h) => ({ date: h.date, name: h.name, rule: h.rule, type: h.type }));
    list = correctComputedHolidays(year, raw);
    computedCache.set(year, list);
  }
  return list;
}

export interface WorkspaceCalendar extends HolidayCalendar {
  set: Set<string>;
  byDate: Map<string, CalendarHoliday>;
  /** The targets with the full calendar as their holiday list, for the pure rules in shared/activity. */
  targets: Targets;
}

const cache = new WeakMap<Targets, { key: string; cal: WorkspaceCalendar }>();

/**
 * The workspace's holiday calendar for the years around today (three back,
 * two ahead: enough for reports and a 60-working-day deadline), rebuilt only
 * when the targets or the current year change.
 */
export function workspaceCalendar(ctx: HandlerContext, now = appNow(ctx)): WorkspaceCalendar {
  const targets = ctx.store.workspace.targets;
  const year = Number(dateInZone(now, ctx.store.workspace.opd.timeZone).slice(0, 4));
  const key = String(year);
  const hit = cache.get(targets);
  if (hit && hit.key === key) return hit.cal;
  const years = [];
  for (let y = year - 3; y <= year + 2; y++) years.push(y);
  const built = buildHolidayCalendar({
    years,
    imported: targets.skb ?? [],
    computed: computedHolidays,
    workspace: targets.holidays,
    computedSource: LIBRARY,
  });
  const cal: WorkspaceCalendar = {
    ...built,
    set: new Set(built.holidays.map((h) => h.date)),
    byDate: new Map(built.holidays.map((h) => [h.date, h])),
    targets: { ...targets, holidays: built.holidays.map(({ date, name, kind }) => ({ date, name, kind })) },
  };
  cache.set(targets, { key, cal });
  return cal;
}
