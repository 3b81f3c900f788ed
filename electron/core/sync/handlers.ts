import { syncContract } from '@shared/api/contracts/sync';
import { ApiError } from '@shared/api/errors';
import { SYNC_OFF } from '@shared/sync/status';
import type { HandlerContext, SyncEngineApi } from '@core/deps';
import { summarizeJob } from '@core/publishing/handlers';
import type { HandlersFor } from '@core/handler-types';

function engine(ctx: HandlerContext): SyncEngineApi {
  const s = ctx.services.sync;
  if (!s) throw new ApiError('conflict', 'team sync is off on this PC', { params: { reason: 'sync_off' } });
  return s;
}

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync.status': async (_input, ctx) => ctx.services.sync?.status() ?? SYNC_OFF,
  'sync.conflicts': async (_input, ctx) => ctx.services.sync?.conflicts() ?? [],
  'sync.refused': async (_input, ctx) => ctx.services.sync?.refused() ?? [],
  'sync.conflict': async ({ postId }, ctx) => engine(ctx).conflictDetail(postId),
  'sync.resolveConflict': async ({ postId, choices, baseRev }, ctx) => engine(ctx).resolveConflict(postId, choices, baseRev),
  'sync.job': async ({ jobId }, ctx) => engine(ctx).jobSync(jobId),
  'sync.takeOverJob': async ({ jobId }, ctx) => summarizeJob(await engine(ctx).takeOverJob(jobId)),
  'sync.cancelFirstSync': async (_input, ctx) => {
    const e = engine(ctx);
    e.cancelFirstSync();
    return e.status();
  },
  'sync.resumeFirstSync': async (_input, ctx) => {
    const e = engine(ctx);
    e.resumeFirstSync();
    return e.status();
  },
};
