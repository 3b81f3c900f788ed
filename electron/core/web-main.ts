import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCore, type Core } from './core';
import { PinSealedSecretStore } from './publishing/pin-vault';
import { defaultDataDir } from './data-folder';
import { startHttpHost } from './http-host';
import { DataDirLockedError } from './store/lock';
import { StoreNewerError } from './store/store';

/**
 * `npm run web`: the same app served to a browser over loopback HTTP, for
 * users without the Electron binary, for IT automation, and for e2e tests.
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const version = (JSON.parse(readFileSync(path.join(root, '..', 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = arg('data-dir') ? path.resolve(arg('data-dir')!) : defaultDataDir();
  const port = Number(arg('port') ?? process.env.REDAKSI_PORT ?? 0);

  let core: Core;
  try {
    // No safeStorage outside Electron: credentials are sealed under the admins' and editors' PINs instead of kept in memory.
    core = await createCore({ dataDir, owner: 'http-host', version, transport: 'http', secrets: (dir) => new PinSealedSecretStore(path.join(dir, 'secrets')) });
  } catch (err) {
    if (err instanceof DataDirLockedError || err instanceof StoreNewerError) {
      console.error(`Redaksi: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const host = await startHttpHost({ dispatch: core.dispatch, staticDir: path.join(root, 'renderer'), dataDir: core.ctx.dataDir, port });

  console.log(`Redaksi ${version} — data: ${dataDir}`);
  console.log(`Buka / Open: ${host.launchUrl}`);
  console.log(`REDAKSI_URL=${host.launchUrl}`);
  for (const n of core.store.notices) {
    console.log(`Pemberitahuan / Notice: ${n.kind} ${n.file}${n.movedTo ? ` (moved to ${n.movedTo})` : ''}`);
  }

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err) => {
  console.error('Redaksi failed to start:', err);
  process.exit(1);
});
