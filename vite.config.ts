import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { aliases } from './aliases';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  resolve: { alias: aliases },
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'chrome120',
    // zod and its set-up (renderer/lib/zod-config.ts) in one chunk of their
    // own, so the set-up runs before any module that builds a schema.
    rollupOptions: { output: { manualChunks: (id: string) => (/[\\/]node_modules[\\/]zod[\\/]|[\\/]renderer[\\/]lib[\\/]zod-config\.ts$/.test(id) ? 'zod' : undefined) } },
  },
});
