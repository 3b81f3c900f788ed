import { hubSlug, rollupDatabase } from '@shared/sync/topology';
import { buildRollup, type RollupSource } from '@shared/pantauan/build';
import type { RollupDoc } from '@shared/pantauan/docs';
import type { HandlerContext } from '@core/deps';
import { appNow } from '@core/activity/clock';
import { workspaceCalendar } from '@core/activity/holiday-source';
import { requiredFromOf } from '@core/activity/report';

/** This workspace's slug in the rollup: set in Pantauan settings, else the hub's, else made from the OPD's name; null when none can be made. */
export function opdSlugOf(ctx: HandlerContext): string | null {
  const ws = ctx.store.workspace;
  const s = ws.pantauan.opdSlug || ctx.services.hubLink?.opdSlug() || hubSlug(ws.opd.shortName || ws.opd.fullName);
  return s || null;
}

/** The regency's rollup database name, or null while no region is set. */
export function rollupNameOf(ctx: HandlerContext): string | null {
  const r = ctx.store.workspace.pantauan.region;
  return r ? rollupDatabase(r) : null;
}

/** What the pure builder needs, read from the store: publications, complaints (dates and states only), targets with the full calendar. */
export function rollupSource(ctx: HandlerContext, opd: string): RollupSource {
  const ws = ctx.store.workspace;
  const now = appNow(ctx);
  const cal = workspaceCalendar(ctx, now);
  return {
    opd,
    name: ws.opd.fullName || ws.opd.shortName || opd,
    kind: ws.pantauan.kind,
    region: ws.pantauan.region,
    zone: ws.opd.timeZone,
    targets: cal.targets,
    requiredFrom: requiredFromOf(ctx),
    now,
    publications: ctx.store.collections.publications.all(),
    complaints: ctx.store.collections.complaints.all(),
    complaintRules: ws.complaintDeadlines,
    authors: ws.pantauan.shareAuthors ? new Map(ws.team.map((m) => [m.id, m.name] as const)) : null,
  };
}

/** Every summary document of this workspace now, or null when it has no slug yet. */
export function ownRollup(ctx: HandlerContext): { opd: string; docs: RollupDoc[] } | null {
  const opd = opdSlugOf(ctx);
  if (!opd) return null;
  return { opd, docs: buildRollup(rollupSource(ctx, opd)) };
}
