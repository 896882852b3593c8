// Build of the UI: renderer/ bundled by Vite into dist/renderer with relative paths, so the same files work served
// over HTTP by the host and loaded by Electron from its custom scheme.
import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    // The CSP forbids inline code, so assets are always emitted as files (fonts and workers included).
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
});
