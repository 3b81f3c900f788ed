import type { MethodName, ParsedInputOf, ResultOf } from '@shared/api/contract';
import type { HandlerContext } from './api/context';

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: HandlerContext) => Promise<ResultOf<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };
/** The handlers of one feature's contract slice. */
export type HandlersFor<C> = { [M in keyof C & MethodName]: Handler<M> };
