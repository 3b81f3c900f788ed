/** The API layer hands each handler the core's dependencies (see ../deps.ts). */
export type { CoreDeps, HandlerContext, Services } from '@core/deps';
