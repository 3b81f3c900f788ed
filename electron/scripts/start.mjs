// `npm start`: launch Electron; without its binary, serve the same app over the loopback HTTP host.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Electron 45 fetches its binary on first launch; do that here, once, where the internet allows. */
function fetchElectron() {
  try {
    const installer = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
    console.log('Downloading the Electron binary (first launch)…');
    spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    // No electron package or no network: the HTTP host below serves the app instead.
  }
  return electronBinary();
}

const exe = electronBinary() ?? fetchElectron();
const child = exe
  ? spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  : (console.log(
      'Electron binary not available (no download possible): serving Redaksi through the HTTP host instead — open the URL below in a browser.',
    ),
    spawn(process.execPath, [path.join(root, 'dist/electron/web.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
