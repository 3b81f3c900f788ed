import type { OpdView, PantauanSettingsView, RankingView } from '@shared/api/contracts/pantauan';
import { addDays, monthBounds } from '@shared/activity/calendar';
import { dayDocId, monthDocId, type DayDoc, type MonthDoc } from '@shared/pantauan/docs';
import { buildRanking, completeness, goneQuiet, membersOf, previousMonth, QUIET_RULE_ID, RANKING_RULE_ID, regionSummary, type Member } from '@shared/pantauan/ranking';
import { parseRollupDoc } from '@shared/pantauan/docs';
import type { HandlerContext } from '@core/deps';
import { appNow } from '@core/activity/clock';
import { workspaceCalendar } from '@core/activity/holiday-source';
import { PantauanService } from './service';
import { opdSlugOf, rollupNameOf } from './source';

/**
 * The Pantauan service of this host. Hosts start it with the other services;
 * a context without it (unit tests over the dispatcher) gets one on first
 * use, started so that store changes keep its summaries current.
 */
export async function pantauanOf(ctx: HandlerContext): Promise<PantauanService> {
  if (!ctx.services.pantauan) {
    const s = new PantauanService(ctx);
    ctx.services.pantauan = s;
    await s.start();
  }
  return ctx.services.pantauan;
}

export async function settingsView(ctx: HandlerContext): Promise<PantauanSettingsView> {
  const s = await pantauanOf(ctx);
  const ws = ctx.store.workspace;
  return {
    settings: ws.pantauan,
    opdSlug: opdSlugOf(ctx),
    rollup: rollupNameOf(ctx),
    hubAvailable: !!ctx.services.hubLink,
    hub: s.status.hub,
    lastBuiltAt: s.status.lastBuiltAt,
    lastError: s.status.lastError,
    workspaceRev: ws.rev,
  };
}

async function membersNow(ctx: HandlerContext, s: PantauanService): Promise<Member[]> {
  const db = await s.db();
  const ws = ctx.store.workspace;
  const profiles = await db.cached('profiles', () => db.profiles());
  return membersOf(profiles, ws.pantauan.participants, ws.pantauan.requiredDays, ws.opd.timeZone);
}

/** A month's day and month summaries of every OPD, read once per replica change (the ranking, the PDF and the XLSX share them). */
async function monthDocs(s: PantauanService, month: string): Promise<{ days: DayDoc[]; months: MonthDoc[] }> {
  const db = await s.db();
  const { from, to } = monthBounds(`${month}-01`);
  return db.cached(`month:${month}`, async () => {
    const [days, months] = await Promise.all([db.days(from, to), db.months(month, month)]);
    return { days, months };
  });
}

/**
 * A province's Pantauan: its rollup (rollup-<prov>) holds the OPDs of
 * several regencies, each OPD's profile naming its own. A regency's
 * Pantauan holds only its own (files of another region are refused).
 */
export function isProvinceView(members: readonly Member[], ownRegion: string): boolean {
  return members.some((m) => m.region !== '' && m.region !== ownRegion);
}

export interface RankingData {
  view: RankingView;
  /** The month's day summaries (every OPD of the view): the XLSX's daily sheet. */
  days: DayDoc[];
}

export async function rankingData(ctx: HandlerContext, month: string, region = ''): Promise<RankingData> {
  const t0 = performance.now();
  const s = await pantauanOf(ctx);
  const ws = ctx.store.workspace;
  const all = await membersNow(ctx, s);
  const province = isProvinceView(all, ws.pantauan.region);
  const members = province && region ? all.filter((m) => m.region === region) : all;
  const now = appNow(ctx);
  const cal = workspaceCalendar(ctx, now);
  const { days, months } = await monthDocs(s, month);
  const rows = buildRanking({ month, members, days, months, holidays: cal.set, now });
  const quiet = goneQuiet(members, cal.set, now);
  // The regencies' summary covers the whole province, whichever regency is open.
  const regions = province ? regionSummary(region ? buildRanking({ month, members: all, days, months, holidays: cal.set, now }) : rows, region ? goneQuiet(all, cal.set, now) : quiet) : [];
  const holidays: Record<string, string> = {};
  for (const h of cal.holidays) if (h.date.startsWith(month)) holidays[h.date] = h.name;
  const shown = new Set(members.map((m) => m.opd));
  return {
    view: {
      month,
      region: ws.pantauan.region,
      regionFilter: province ? region : '',
      regions,
      rows,
      quiet,
      completeness: completeness(members, now),
      rule: RANKING_RULE_ID,
      quietRule: QUIET_RULE_ID,
      holidays,
      generatedAt: now.toISOString(),
      tookMs: performance.now() - t0,
    },
    days: days.filter((d) => shown.has(d.opd)),
  };
}

export async function rankingView(ctx: HandlerContext, month: string, region = ''): Promise<RankingView> {
  return (await rankingData(ctx, month, region)).view;
}

export async function opdView(ctx: HandlerContext, opd: string, month: string): Promise<OpdView> {
  const s = await pantauanOf(ctx);
  const db = await s.db();
  const members = await membersNow(ctx, s);
  const member = members.find((m) => m.opd === opd) ?? null;
  const { from, to } = monthBounds(`${month}-01`);
  const prev = previousMonth(month);
  // One OPD: its day summaries by key (a year up to the month's end, which holds last month too), never the whole regency's.
  const heatFrom = addDays(to, -364);
  const keys: string[] = [];
  for (let d = heatFrom; d <= to; d = addDays(d, 1)) keys.push(dayDocId(d, opd));
  const [res, monthRes] = await Promise.all([
    db.db.allDocs({ keys, include_docs: true }),
    db.db.allDocs({ keys: [monthDocId(month, opd), monthDocId(prev, opd)], include_docs: true }),
  ]);
  const days: DayDoc[] = [];
  for (const r of res.rows) {
    const p = r.doc ? parseRollupDoc(r.doc) : null;
    if (p?.ok && p.doc.type === 'day') days.push(p.doc);
  }
  const months: MonthDoc[] = [];
  for (const r of monthRes.rows) {
    const p = r.doc ? parseRollupDoc(r.doc) : null;
    if (p?.ok && p.doc.type === 'month') months.push(p.doc);
  }
  const now = appNow(ctx);
  const holidays = workspaceCalendar(ctx, now).set;
  const rowOf = (m: string) => (member ? (buildRanking({ month: m, members: [member], days, months, holidays, now })[0] ?? null) : null);
  const pubs = (await db.publications(from, to))
    .filter((p) => p.opd === opd)
    .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
    .map(({ pubId, channel, date, time, zone, url, category, author }) => ({ pubId, channel, date, time, zone, url, category, author }));
  return {
    profile: member?.profile ?? null,
    opd,
    name: member?.name ?? opd,
    month,
    row: rowOf(month),
    previous: rowOf(prev),
    heatmap: days.map((d) => ({ date: d.date, total: d.total, required: d.required, holiday: d.holiday })),
    heatmapFrom: heatFrom,
    heatmapTo: to,
    publications: pubs,
  };
}
