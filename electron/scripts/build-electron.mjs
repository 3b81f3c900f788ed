// Bundles the main process, the preload and the HTTP host into dist/electron.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native or Electron-provided modules stay outside the bundle (harfbuzzjs: ESM that loads its WebAssembly beside it).
  external: ['electron', 'sharp', 'heic-decode', 'libheif-js', 'pdfkit', 'harfbuzzjs', 'pouchdb', 'leveldown', 'nano'],
};

await Promise.all([
  build({ ...common, entryPoints: [path.join(root, 'electron/main/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs') }),
  build({
    ...common,
    entryPoints: [path.join(root, 'electron/preload/preload.ts')],
    outfile: path.join(root, 'dist/electron/preload.cjs'),
    // A sandboxed preload may only require 'electron': everything else is inlined.
    external: ['electron'],
  }),
  build({ ...common, entryPoints: [path.join(root, 'electron/core/web-main.ts')], outfile: path.join(root, 'dist/electron/web.cjs') }),
]);
