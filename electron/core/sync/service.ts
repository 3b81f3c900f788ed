import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { SyncEngine, type SyncEngineOptions } from './engine';

/**
 * The sync engine as a service of the main process. It runs where the host
 * has a hub link (the hub account service puts one on ctx.services.hubLink,
 * and must come before this one in SERVICE_FACTORIES); without one, sync
 * stays off and nothing is written under <dataDir>/sync.
 */
export function syncService(ctx: HandlerContext, opts: SyncEngineOptions = {}): Service {
  let engine: SyncEngine | null = null;
  return {
    name: 'sync',
    async start() {
      if (!ctx.services.hubLink) return;
      const batch = Number(process.env.REDAKSI_SYNC_BATCH_SIZE);
      const heartbeat = Number(process.env.REDAKSI_SYNC_HEARTBEAT_MS);
      const backOffMax = Number(process.env.REDAKSI_SYNC_BACKOFF_MAX_MS);
      engine = new SyncEngine(ctx, { ...(batch > 0 ? { batchSize: batch, firstSyncBatchSize: batch } : {}), ...(heartbeat > 0 ? { heartbeatMs: heartbeat } : {}), ...(backOffMax > 0 ? { backOffMaxMs: backOffMax } : {}), ...opts });
      await engine.start();
      ctx.services.sync = engine;
    },
    async stop() {
      if (!engine) return;
      if (ctx.services.sync === engine) ctx.services.sync = undefined;
      await engine.stop();
      engine = null;
    },
  };
}
