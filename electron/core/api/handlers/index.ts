import { coreHandlers } from './core';
import { cardsHandlers } from '@core/cards/handlers';
import { postsHandlers } from '@core/posts/handlers';
import { queueHandlers } from '@core/publishing/handlers';
import { activityHandlers } from '@core/activity/handlers';
import { complaintsHandlers } from '@core/complaints/handlers';
import { mediaHandlers } from '@core/media/handlers';
import { reviewHandlers } from '@core/review/handlers';
import { newsHandlers } from '@core/posts/spell-handlers';
import { syncHandlers } from '@core/sync/handlers';
import { hubHandlers } from '@core/sync/hub/handlers';
import { pantauanHandlers } from '@core/pantauan/handlers';
import type { Handlers } from '@core/handler-types';

export type { Handler, Handlers, HandlersFor } from '@core/handler-types';

/** Every method of the contract, implemented once. A missing one fails the typecheck. */
export const handlers: Handlers = {
  ...coreHandlers,
  ...cardsHandlers,
  ...postsHandlers,
  ...queueHandlers,
  ...activityHandlers,
  ...complaintsHandlers,
  ...mediaHandlers,
  ...reviewHandlers,
  ...newsHandlers,
  ...syncHandlers,
  ...hubHandlers,
  ...pantauanHandlers,
};
