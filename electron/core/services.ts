import type { HandlerContext } from './deps';
import { MediaBatchService } from './media/batch';
import { ApprovalExpiryService } from './review/expiry';
import { outboxService } from './publishing/service';
import { sessionService } from './review/session-persist';
import { hubService } from './sync/hub/account';
import { syncService } from './sync/service';
import { pantauanService } from './pantauan/service';
import { changeLogService } from './change-log';

/** A long-running part of the main process, started after the store opens and stopped before it closes. */
export interface Service {
  name: string;
  start(): Promise<void> | void;
  stop(): Promise<void> | void;
}

/**
 * Factories of every service, in start order. A feature that needs a worker
 * adds one line here; its factory may put the service on ctx.services so
 * handlers can reach it.
 */
export const SERVICE_FACTORIES: ((ctx: HandlerContext) => Service)[] = [
  changeLogService,
  sessionService,
  (ctx) => new MediaBatchService(ctx),
  (ctx) => new ApprovalExpiryService(ctx),
  outboxService,
  hubService,
  // After the hub account service (it provides ctx.services.hubLink).
  (ctx) => syncService(ctx),
  pantauanService,
];
