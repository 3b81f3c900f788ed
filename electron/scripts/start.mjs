// `npm start`: launch Electron; without its binary, serve the same app over the loopback HTTP host.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const exe = electronBinary();
const child = exe
  ? spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit' })
  : (console.log(
      'Electron binary not found (node_modules/electron/dist): serving Redaksi through the HTTP host instead — open the URL below in a browser.',
    ),
    spawn(process.execPath, [path.join(root, 'dist/electron/web.cjs'), ...process.argv.slice(2)], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
