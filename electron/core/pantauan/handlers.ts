import { ApiError } from '@shared/api/errors';
import { pantauanContract } from '@shared/api/contracts/pantauan';
import { workspaceSchema } from '@shared/domain/workspace';
import { dateInZone } from '@shared/activity/calendar';
import { appNow } from '@core/activity/clock';
import { writeExport } from '@core/files/exports';
import { exportRollupFile, importRollupFiles, rollupFileName } from './files';
import { rankingCsv, rankingPdf } from './report';
import { opdView, pantauanOf, rankingData, rankingView, settingsView } from './view';
import { rankingXlsx } from './xlsx';
import type { HandlersFor } from '@core/handler-types';

export const pantauanHandlers: HandlersFor<typeof pantauanContract> = {
  async 'pantauan.settings'(_input, ctx) {
    return settingsView(ctx);
  },

  async 'pantauan.saveSettings'({ baseRev, settings }, ctx) {
    const ws = ctx.store.workspace;
    if (baseRev !== ws.rev) throw new ApiError('conflict', 'settings changed elsewhere', { params: { currentRev: ws.rev } });
    const slugs = settings.participants.map((p) => p.slug);
    const dup = slugs.find((s, i) => slugs.indexOf(s) !== i);
    if (dup) throw new ApiError('conflict', 'two participants with one slug', { params: { reason: 'pantauan_duplicate_participant', slug: dup } });
    const next = workspaceSchema.parse({ ...ws, pantauan: settings, rev: ws.rev + 1, updatedAt: ctx.store.now().toISOString() });
    await ctx.store.putWorkspace(next);
    const s = await pantauanOf(ctx);
    await s.rebuild();
    return settingsView(ctx);
  },

  async 'pantauan.ranking'({ month, region }, ctx) {
    return rankingView(ctx, month, region);
  },

  async 'pantauan.opd'({ opd, month }, ctx) {
    return opdView(ctx, opd, month);
  },

  async 'pantauan.exportFile'(_input, ctx) {
    const f = exportRollupFile(ctx);
    return writeExport(ctx.dataDir, rollupFileName(f, ctx), JSON.stringify(f));
  },

  async 'pantauan.importFile'({ name, data }, ctx) {
    const s = await pantauanOf(ctx);
    return importRollupFiles(ctx, await s.db(), name, Buffer.from(data, 'base64'));
  },

  async 'pantauan.exportReport'({ month, format, region }, ctx) {
    const { view: v, days } = await rankingData(ctx, month, region);
    const zone = ctx.store.workspace.opd.timeZone;
    const base = `laporan-keaktifan-opd-${month}${v.regionFilter ? `-${v.regionFilter}` : ''}`;
    if (format === 'csv') return writeExport(ctx.dataDir, `${base}.csv`, rankingCsv(v));
    if (format === 'xlsx') return writeExport(ctx.dataDir, `${base}.xlsx`, await rankingXlsx(v, days, zone, dateInZone(appNow(ctx), zone)));
    return writeExport(ctx.dataDir, `${base}.pdf`, await rankingPdf(v, zone));
  },
};
