import { syncContract } from '../../../../shared/api/contracts/sync';
import { SYNC_OFF } from '../../../../shared/sync/status';
import type { HandlersFor } from './types';

export const syncHandlers: HandlersFor<typeof syncContract> = {
  'sync.status': async (_input, ctx) => ctx.services.sync?.status() ?? SYNC_OFF,
  'sync.conflicts': async (_input, ctx) => ctx.services.sync?.conflicts() ?? [],
};
