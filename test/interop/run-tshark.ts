/**
 * `npm run test:tshark`: the tests that check exported files with Wireshark's tshark. Without tshark on a
 * developer machine, say how to get it and stop without failing `npm test`; in CI (CI=true) it is an error.
 */
import { spawnSync } from 'node:child_process';
import { TSHARK, tsharkAvailable } from './tshark';

if (!tsharkAvailable()) {
  const msg = `${TSHARK} not found: install it with \`apt-get install -y tshark\` (or set TSHARK_PATH) to check pcap files with Wireshark.`;
  if (process.env.CI) {
    console.error(`test:tshark: ${msg}`);
    process.exit(1);
  }
  console.warn(`test:tshark: NOT RUN. ${msg}`);
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--config', 'test/interop/vitest.tshark.config.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
