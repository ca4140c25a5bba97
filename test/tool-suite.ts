/**
 * Runs a vitest suite that needs an outside tool (Chromium, tshark). On a developer machine without the
 * tool it says how to install it and exits 0, so `npm test` still passes on a fresh machine; in CI
 * (CI=true) a missing tool is an error, so those checks can never be dropped silently there.
 */
import { spawnSync } from 'node:child_process';

export function runToolSuite(name: string, available: boolean, missing: string, config: string): never {
  if (!available) {
    if (process.env.CI) {
      console.error(`${name}: ${missing}`);
      process.exit(1);
    }
    console.warn(`${name}: NOT RUN. ${missing}`);
    process.exit(0);
  }
  const result = spawnSync('npx', ['vitest', 'run', '--config', config, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}
