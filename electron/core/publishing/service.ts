import type { HandlerContext } from '@core/deps';
import type { Service } from '@core/services';
import { Outbox } from './outbox';
import { MemorySecretStore, type SecretStore } from './secrets';

/** The outbox as a main-process service (ctx.services.outbox); secrets come from the host (createCore option). */
export function outboxService(ctx: HandlerContext): Service {
  if (!ctx.services.secrets) ctx.services.secrets = new MemorySecretStore();
  const outbox = new Outbox(ctx, ctx.services.secrets as SecretStore, {
    tickMs: Number(process.env.REDAKSI_OUTBOX_TICK_MS) || 2000,
    offlineRetryMs: Number(process.env.REDAKSI_OUTBOX_OFFLINE_RETRY_MS) || 5000,
  });
  ctx.services.outbox = outbox;
  return { name: 'outbox', start: () => outbox.start(), stop: () => outbox.stop() };
}
