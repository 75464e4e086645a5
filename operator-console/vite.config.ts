import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The console is served by the demo's app server (clearing-service/src/demo/app-server.ts) with the
// api on the same origin, so nothing here names the api; `vite dev` proxies it the same way.
const api = process.env.TANLIAN_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', chunkSizeWarningLimit: 4096 },
  server: {
    proxy: Object.fromEntries(['/v1', '/health', '/docs'].map((p) => [p, api])),
  },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    setupFiles: ['./test/setup.ts'],
    testTimeout: 30_000,
  },
});
