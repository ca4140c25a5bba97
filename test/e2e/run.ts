/** `npm run test:e2e`: the browser tests, in Debian's Chromium (see test/tool-suite.ts for a missing browser). */
import { runToolSuite } from '../tool-suite';
import { CHROMIUM_PATH, chromiumAvailable } from './browser';

runToolSuite(
  'test:e2e',
  chromiumAvailable(),
  `Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH) to run the browser tests.`,
  'test/e2e/vitest.config.ts',
);
