import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));

/** The import aliases of tsconfig.json "paths", for Vite and Vitest (esbuild, tsx and Playwright read tsconfig.json themselves). */
export const aliases = {
  '@shared': path.join(root, 'shared'),
  '@core': path.join(root, 'electron/core'),
  '@ui': path.join(root, 'renderer'),
};
