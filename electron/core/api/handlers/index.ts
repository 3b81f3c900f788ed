import { coreHandlers } from './core';
import { postsHandlers } from './posts';
import type { Handlers } from './types';

export type { Handler, Handlers, HandlersFor } from './types';

/** Every method of the contract, implemented once. A missing one fails the typecheck. */
export const handlers: Handlers = {
  ...coreHandlers,
  ...postsHandlers,
};
