import type { OpdView, PantauanSettingsView, RankingView } from '@shared/api/contracts/pantauan';
import { addDays, monthBounds } from '@shared/activity/calendar';
import { dayDocId, monthDocId, type DayDoc, type MonthDoc } from '@shared/pantauan/docs';
import { buildRanking, completeness, goneQuiet, membersOf, previousMonth, QUIET_RULE_ID, RANKING_RULE_ID, type Member, type RankingRow } from '@shared/pantauan/ranking';
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
  return membersOf(await db.profiles(), ws.pantauan.participants, ws.pantauan.requiredDays, ws.opd.timeZone);
}

async function rankingFor(ctx: HandlerContext, s: PantauanService, members: Member[], month: string): Promise<RankingRow[]> {
  const db = await s.db();
  const { from, to } = monthBounds(`${month}-01`);
  const now = appNow(ctx);
  const [days, months] = await Promise.all([db.days(from, to), db.months(month, month)]);
  return buildRanking({ month, members, days, months, holidays: workspaceCalendar(ctx, now).set, now });
}

export async function rankingView(ctx: HandlerContext, month: string): Promise<RankingView> {
  const t0 = performance.now();
  const s = await pantauanOf(ctx);
  const members = await membersNow(ctx, s);
  const now = appNow(ctx);
  const cal = workspaceCalendar(ctx, now);
  const rows = await rankingFor(ctx, s, members, month);
  const holidays: Record<string, string> = {};
  for (const h of cal.holidays) if (h.date.startsWith(month)) holidays[h.date] = h.name;
  return {
    month,
    region: ctx.store.workspace.pantauan.region,
    rows,
    quiet: goneQuiet(members, cal.set, now),
    completeness: completeness(members, now),
    rule: RANKING_RULE_ID,
    quietRule: QUIET_RULE_ID,
    holidays,
    generatedAt: now.toISOString(),
    tookMs: performance.now() - t0,
  };
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
