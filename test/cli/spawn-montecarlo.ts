/**
 * `npm run sim -- montecarlo … --format json`, spawned as a user runs it: the oracle the statistics lab's
 * figures are compared with (test/store/montecarlo-job.test.ts, test/e2e/stats.e2e.ts).
 */
import { spawnSync } from 'node:child_process';
import type { MonteCarloResult } from '../../src/tcp/montecarlo';
import type { Profile } from '../../src/tcp/types';

export function spawnMonteCarlo(
  runs: number,
  loss: string,
  profile: Profile,
  seed: number,
): MonteCarloResult {
  const args = [
    'montecarlo',
    '--runs',
    String(runs),
    '--loss',
    loss,
    '--profile',
    profile,
    '--seed',
    String(seed),
  ];
  const result = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args, '--format', 'json'], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`sim montecarlo failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as MonteCarloResult;
}
