import { ApiError } from '@shared/api/errors';
import type { HandlerContext } from '@core/deps';

/**
 * "What time is it" for Beranda, Laporan and aduan deadlines. Tests and the
 * e2e suite shift it (REDAKSI_CLOCK_OFFSET_MS at start, or dev.setClockOffset
 * at run time) to watch a deadline pass; both only work when the host was
 * started with REDAKSI_DEV_CLOCK=1, never in a normal installation.
 */
export function devClockEnabled(): boolean {
  return process.env.REDAKSI_DEV_CLOCK === '1';
}

/** The offset asked for at start (REDAKSI_CLOCK_OFFSET_MS), only with the dev clock on. */
export function startClockOffset(): number {
  if (!devClockEnabled()) return 0;
  const env = Number(process.env.REDAKSI_CLOCK_OFFSET_MS ?? 0);
  return Number.isFinite(env) ? env : 0;
}

/** The store's clock: one clock for deadlines, review, the outbox and backups. */
export function appNow(ctx: HandlerContext): Date {
  return ctx.store.now();
}

export function setClockOffset(ctx: HandlerContext, offsetMs: number): { now: string; offsetMs: number } {
  if (!devClockEnabled()) throw new ApiError('forbidden', 'the dev clock is off', { params: { reason: 'dev_clock_off' } });
  ctx.store.setClockOffset(offsetMs);
  return { now: appNow(ctx).toISOString(), offsetMs };
}
