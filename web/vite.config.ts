/**
 * The web UI's build: `npm run build:web` writes it to dist/web, which `flowlens start` serves at
 * `/`. `npm run dev:web` serves it with hot reload and sends `/api` to a Flowlens server on :4400.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = new URL('.', import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // ECharts is loaded on demand, with the first chart; it is one chunk of its own.
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:4400' },
  },
});
