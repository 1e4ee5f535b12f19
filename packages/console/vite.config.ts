// Vite builds the console into dist/ (served by the site at `/`); `npm run dev -w @sitrep/console`
// serves it with hot reload and proxies /api to a running site (SITREP_URL, default :8080).
import { defineConfig } from 'vite'

const siteUrl = process.env['SITREP_URL'] ?? 'http://127.0.0.1:8080'

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      // TanStack Table marks its React modules 'use client'; that means nothing in a browser bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning)
      },
    },
  },
  server: { proxy: { '/api': { target: siteUrl, changeOrigin: false } } },
})
