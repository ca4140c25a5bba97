import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm run sim` (node src/cli/run.mjs) runs a bundle of src/cli/sim.ts that it builds and caches. The oracle
 * is the same command run from the sources through tsx: every output must be the same, and an edit to any
 * source must show at once (the cache must never serve an old build).
 */
const root = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'synack-run-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(cwd: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [join(cwd, 'src/cli/run.mjs'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', SYNACK_SIM_CACHE: join(scratch, 'cache'), ...env },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function fromSources(args: string[]) {
  const result = spawnSync('npx', ['tsx', 'src/cli/sim.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run sim (the bundled command)', () => {
  it('prints what the sources print: a trace, a v2 ladder, a bad flag', { timeout: 120_000 }, () => {
    for (const args of [
      ['rfc9293-fig6', '--format', 'json'],
      ['docs/examples/three-clients-one-server.json'],
      ['rfc9293-fig6', '--seed', 'abc'],
    ]) {
      const bundled = run(root, args);
      const sources = fromSources(args);
      expect({ args, ...bundled }).toEqual({ args, ...sources });
    }
    expect(existsSync(join(scratch, 'cache', 'sim.mjs'))).toBe(true);
  });

  it('rebuilds after a source changes, and runs from the sources on request', { timeout: 120_000 }, () => {
    // A copy of the checkout's sources, sharing its node_modules.
    const copy = join(scratch, 'copy');
    cpSync(join(root, 'src'), join(copy, 'src'), { recursive: true });
    cpSync(join(root, 'package.json'), join(copy, 'package.json'));
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
    const env = { SYNACK_SIM_CACHE: join(scratch, 'copy-cache') };
    const before = run(copy, ['rfc9293-fig6', '--seed', 'abc'], env);
    expect(before.stderr).toBe('sim: --seed must be an integer from 0 to 4294967295, not "abc"\n');

    const args = join(copy, 'src/cli/args.ts');
    const text = readFileSync(args, 'utf8');
    const phrase = "decimal('--seed', text, 'an integer from 0 to 4294967295')";
    expect(text).toContain(phrase);
    writeFileSync(args, text.replace(phrase, "decimal('--seed', text, 'a whole number')"));
    const after = run(copy, ['rfc9293-fig6', '--seed', 'abc'], env);
    expect(after.stderr).toBe('sim: --seed must be a whole number, not "abc"\n');

    const sources = run(copy, ['rfc9293-fig6', '--seed', 'abc'], {
      ...env,
      SYNACK_SIM_FROM_SOURCES: '1',
    });
    expect(sources.stderr).toBe(after.stderr);
    expect(sources.code).toBe(2);
  });
});
