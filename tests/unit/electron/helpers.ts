import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { HandlerContext } from '@core/deps';
import { createDispatcher, type Dispatch } from '@core/api/dispatch';
import { Store, type StoreOptions } from '@core/store/store';
import type { InputOf, MethodName, ResultOf } from '@shared/api/contract';
import { ApiError } from '@shared/api/errors';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

export function tempDir(prefix = 'redaksi-test-'): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

/** A real store over a real folder, called through the real dispatcher. */
export async function openApi(dataDir: string, opts: StoreOptions = {}) {
  const store = await Store.open(dataDir, { log: () => undefined, ...opts });
  const ctx: HandlerContext = { store, dataDir: store.dataDir, version: 'test', transport: 'http', services: {}, log: () => undefined };
  const dispatch = createDispatcher(ctx);
  return { store, ctx, dispatch, call: callerOf(dispatch) };
}

/** A typed `call` over a dispatcher (a test store's, or a whole core's `core.dispatch`): a refusal throws its ApiError. */
export function callerOf(dispatch: Dispatch) {
  return async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
    const r = await dispatch(method, input);
    if (!r.ok) throw ApiError.fromWire(r.error);
    return r.value as ResultOf<M>;
  };
}

/**
 * Bundles a child-process fixture (tests/unit/electron/fixtures/<name>.ts) to
 * a .cjs file inside the project, so its dependencies resolve from
 * node_modules as in the app; only our code is bundled. Returns its path.
 */
export async function bundleFixture(name: string): Promise<string> {
  const { build } = await import('esbuild');
  const out = path.join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'redaksi-tests', `${name}-${process.pid}.cjs`);
  await build({
    entryPoints: [path.join(import.meta.dirname, 'fixtures', `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: out,
    packages: 'external',
    logLevel: 'error',
  });
  return out;
}

/** The reason an API call was refused (its `reason` parameter, else its code); fails when it was not refused. */
export async function reason(p: Promise<unknown>): Promise<string | number | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e.params?.reason ?? e.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Retries `fn` every 20 ms until it resolves, for work done off the request path; its last error after `ms`. */
export async function eventually<T>(fn: () => Promise<T>, ms = 5_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}
