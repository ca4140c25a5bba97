import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * `npm run dev` forwards the classroom's routes to a classroom server on its default port, so the page with
 * hot reload can teach a class too (`npm run classroom` in another terminal). The page asks the classroom
 * only when its index.html carries the classroom's meta tag: the server puts it in the page it serves, and
 * here `classroomMeta` does when a classroom server answers (checked on each page load). Without one the page
 * asks nothing and shows no Classroom button; a stray request gets a quiet 502 from the proxy.
 */
const CLASSROOM = 'http://127.0.0.1:8080';
/** src/server/protocol.ts CLASSROOM_META (written out: Vite's config loader wants no extensionless imports). */
const CLASSROOM_META = 'synack-classroom';
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

function classroomMeta(): Plugin {
  return {
    name: 'synack-classroom-meta',
    apply: 'serve',
    async transformIndexHtml() {
      try {
        const res = await fetch(`${CLASSROOM}/api/info`, { signal: AbortSignal.timeout(500) });
        const info = (await res.json()) as { synack?: unknown };
        if (info.synack !== 'classroom') return [];
      } catch {
        return [];
      }
      return [{ tag: 'meta', attrs: { name: CLASSROOM_META, content: '1' }, injectTo: 'head-prepend' }];
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), classroomMeta()],
  server: { proxy: { '/api': quietProxy, '/healthz': quietProxy, '/readyz': quietProxy } },
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    setupFiles: ['test/setup-catalog.ts', 'test/setup-validator.ts'],
    exclude: ['test/e2e/**', 'node_modules/**', 'dist/**'],
  },
});
