import { hubContract } from '@shared/api/contracts/hub';
import { ApiError, type ErrorCode } from '@shared/api/errors';
import type { HubFailureReason } from '@shared/sync/hub';
import { hubAccountOf } from './account';
import { HubFailure } from './probe';
import type { HandlersFor } from '@core/handler-types';

const CODE: Partial<Record<HubFailureReason, ErrorCode>> = {
  hub_bad_url: 'invalid_input',
  hub_bad_slug: 'invalid_input',
  hub_bad_user: 'invalid_input',
  hub_not_configured: 'invalid_input',
  hub_password_missing: 'invalid_input',
  hub_wrong_password: 'unauthorized',
  hub_no_permission: 'forbidden',
  hub_no_database: 'not_found',
};

/** A hub failure crosses the API as its reason (errors.reason.<reason> in the UI). */
async function wire<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof HubFailure) throw new ApiError(CODE[err.reason] ?? 'io_error', err.message, { params: { reason: err.reason } });
    throw err;
  }
}

export const hubHandlers: HandlersFor<typeof hubContract> = {
  'hub.get': async (_input, ctx) => {
    const hub = hubAccountOf(ctx);
    await hub.load();
    return hub.view();
  },
  'hub.save': (input, ctx) => wire(() => hubAccountOf(ctx).save(input)),
  'hub.signIn': (input, ctx) => wire(() => hubAccountOf(ctx).signIn(input)),
  'hub.signOut': (_input, ctx) => wire(() => hubAccountOf(ctx).signOut()),
  'hub.test': (input, ctx) => wire(() => hubAccountOf(ctx).test(input)),
};
