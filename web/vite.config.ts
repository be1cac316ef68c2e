import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Web shell build. Output goes to dist/web, served by the Yosan server from the
 * same origin under a strict CSP (script-src 'self'): no inline scripts, no CDN.
 *
 * For development against a running Yosan server:
 *   YOSAN_DEV_API=https://127.0.0.1:8443 npm run dev:web
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env['YOSAN_DEV_API'];

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    assetsInlineLimit: 0,
  },
  server: apiTarget
    ? {
        proxy: {
          '^/(api|t/[^/]+/api)/': { target: apiTarget, changeOrigin: true, secure: false },
        },
      }
    : {},
});
