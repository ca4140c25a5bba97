import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev` forwards the classroom's routes to a classroom server on its default port, so the page with
 * hot reload can teach a class too (`npm run classroom` in another terminal). Without one, the page simply
 * shows no Classroom button: the proxy answers 502 instead of logging an error per probe.
 */
const CLASSROOM = 'http://127.0.0.1:8080';
const quietProxy = {
  target: CLASSROOM,
  configure: (proxy: {
    on: (event: 'error', fn: (err: Error, req: unknown, res: unknown) => void) => void;
  }) => {
    proxy.on('error', (_err, _req, res) => {
      const out = res as {
        headersSent?: boolean;
        writeHead?: (s: number, h: object) => void;
        end: (b?: string) => void;
      };
      if (out.writeHead && !out.headersSent) out.writeHead(502, { 'content-type': 'application/json' });
      out.end('{"error":"classroom: no classroom server on 127.0.0.1:8080 (npm run classroom)"}');
    });
  },
};

export default defineConfig({
  base: './',
  plugins: [react()],
  server: { proxy: { '/api': quietProxy, '/healthz': quietProxy, '/readyz': quietProxy } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup-catalog.ts', 'test/setup-validator.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
  },
});
