import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import type { HandlerContext } from '@core/deps';
import { createDispatcher } from '@core/api/dispatch';
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
  async function call<M extends MethodName>(method: M, input: InputOf<M>): Promise<ResultOf<M>> {
    const r = await dispatch(method, input);
    if (!r.ok) throw ApiError.fromWire(r.error);
    return r.value as ResultOf<M>;
  }
  return { store, ctx, dispatch, call };
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
