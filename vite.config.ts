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
  },
});
