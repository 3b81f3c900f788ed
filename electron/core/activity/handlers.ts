import { sharpLib } from '@core/files/lazy-libs';
import { ApiError } from '@shared/api/errors';
import { MAX_REPORT_DAYS, REPORT_DAYS_PAGE, activityContract } from '@shared/api/contracts/activity';
import { daysBetween } from '@shared/activity/calendar';
import { slugify } from '@shared/files/safe-name';
import { setClockOffset } from './clock';
import { reportCsv, reportPdf } from './exports';
import { writeExport } from '@core/files/exports';
import { buildOverview } from './overview';
import { gatherReport, reportDays, reportView } from './report';
import type { HandlersFor } from '@core/handler-types';

/** A longer range would make a PDF of hundreds of pages; two years is plenty (MAX_REPORT_DAYS). */
function checkRange(from: string, to: string): void {
  if (daysBetween(from, to) >= MAX_REPORT_DAYS) {
    throw new ApiError('invalid_input', 'range too long', { params: { reason: 'range_too_long', max: MAX_REPORT_DAYS } });
  }
}

/** Chart PNGs come from the renderer's canvas; decode them once so only real PNGs reach a file or the PDF. */
async function checkedPng(base64: string): Promise<Buffer> {
  const sharp = await sharpLib();
  const buf = Buffer.from(base64, 'base64');
  try {
    const meta = await sharp(buf).metadata();
    if (meta.format !== 'png') throw new Error('not png');
    return await sharp(buf).png().toBuffer();
  } catch {
    throw new ApiError('invalid_input', 'chart is not a PNG image', { params: { reason: 'chart_not_png' } });
  }
}

export const activityHandlers: HandlersFor<typeof activityContract> = {
  async 'activity.overview'(_input, ctx) {
    return buildOverview(ctx);
  },

  async 'activity.report'({ from, to }, ctx) {
    checkRange(from, to);
    return reportView(gatherReport(ctx, from, to));
  },

  async 'activity.days'({ from, to, list, offset = 0, limit = REPORT_DAYS_PAGE }, ctx) {
    checkRange(from, to);
    const days = reportDays(ctx, from, to, list);
    return { items: days.slice(offset, offset + limit), total: days.length };
  },

  async 'activity.exportPdf'({ from, to, charts }, ctx) {
    checkRange(from, to);
    const report = gatherReport(ctx, from, to);
    const images = [];
    for (const c of charts ?? []) images.push({ title: c.title, png: await checkedPng(c.png) });
    const pdf = await reportPdf(report, images);
    return writeExport(ctx.dataDir, `laporan-aktivitas-${from}-${to}.pdf`, pdf);
  },

  async 'activity.exportCsv'({ from, to }, ctx) {
    checkRange(from, to);
    return writeExport(ctx.dataDir, `laporan-aktivitas-${from}-${to}.csv`, reportCsv(gatherReport(ctx, from, to)));
  },

  async 'activity.saveChart'({ name, png }, ctx) {
    return writeExport(ctx.dataDir, `grafik-${slugify(name) || 'laporan'}.png`, await checkedPng(png));
  },

  async 'dev.setClockOffset'({ offsetMs }, ctx) {
    return setClockOffset(ctx, offsetMs);
  },
};
