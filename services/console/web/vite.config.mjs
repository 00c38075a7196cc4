// The console's single-page app: built into web/dist, served by the console (no CDN, works offline).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts alone is ~600 kB unminified; the warning is about raw size, the budget is gzip (scripts/build-web.js).
    chunkSizeWarningLimit: 1000,
  },
});
