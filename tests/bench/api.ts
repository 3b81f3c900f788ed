import { createDispatcher, type Dispatch } from '@core/api/dispatch';
import type { HandlerContext } from '@core/deps';
import { Store, type StoreOptions } from '@core/store/store';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';

/** The context a benchmark's store runs in (no services unless the bench adds them). */
export function benchContext(store: Store): HandlerContext {
  return { store, dataDir: store.dataDir, version: 'bench', transport: 'http', services: {}, log: () => undefined };
}

/** A typed call through a dispatcher; a refusal throws with the method and its error. */
export function benchCall(d: Dispatch) {
  return async <M extends MethodName>(m: M, i: InputOf<M>): Promise<ResultOf<M>> => {
    const r = await d(m, i);
    if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
    return r.value as ResultOf<M>;
  };
}

/** A real store over `dir`, its context and an untyped call through the real dispatcher (for seeding loops). */
export async function benchApi(dir: string, opts: StoreOptions = {}) {
  const store = await Store.open(dir, opts);
  const ctx = benchContext(store);
  const dispatch = createDispatcher(ctx);
  const call = async (m: string, input: unknown): Promise<never> => {
    const r = await dispatch(m, input);
    if (!r.ok) throw new Error(`${m}: ${JSON.stringify(r.error)}`);
    return r.value as never;
  };
  return { store, ctx, dispatch, call };
}
