/**
 * `npm run test:e2e`: run the browser tests if Chromium is installed. On a developer machine without it,
 * say how to get it and stop without failing `npm test`; in CI (CI=true) a missing browser is an error,
 * so the browser tests can never be silently dropped there.
 */
import { spawnSync } from 'node:child_process';
import { CHROMIUM_PATH, chromiumAvailable } from './browser';

if (!chromiumAvailable()) {
  const msg = `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH) to run the browser tests.`;
  if (process.env.CI) {
    console.error(`test:e2e: ${msg}`);
    process.exit(1);
  }
  console.warn(`test:e2e: NOT RUN. ${msg}`);
  process.exit(0);
}

const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/e2e/vitest.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
