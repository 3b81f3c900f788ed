import { coreHandlers } from './core';
import { cardsHandlers } from './cards';
import { postsHandlers } from './posts';
import { queueHandlers } from './queue';
import { activityHandlers } from './activity';
import { complaintsHandlers } from './complaints';
import { mediaHandlers } from './media';
import { reviewHandlers } from './review';
import { newsHandlers } from './news';
import { syncHandlers } from './sync';
import { hubHandlers } from './hub';
import { pantauanHandlers } from './pantauan';
import type { Handlers } from './types';

export type { Handler, Handlers, HandlersFor } from './types';

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
