import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** The real command, through tsx, as `npm run sim` runs it. */
function spawnSim(args: string[]) {
  const result = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], {
    cwd: process.cwd(),
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the sim command', () => {
  it('--list runs and exits 0', { timeout: 90_000 }, () => {
    const run = spawnSim(['--list']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rfc9293-fig6');
  });

  it('--format json writes exactly one JSON document on stdout', { timeout: 90_000 }, () => {
    const run = spawnSim(['rfc9293-fig6', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('}\n')).toBe(true);
    const trace = JSON.parse(run.stdout);
    expect(trace.final.A.state).toBe('ESTABLISHED');
  });

  it('bad input exits 2 with one line and no stack trace', { timeout: 90_000 }, () => {
    const run = spawnSim(['rfc9293-fig6', '--seed', 'abc']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('sim: --seed must be an integer from 0 to 4294967295, not "abc"\n');
  });
});
