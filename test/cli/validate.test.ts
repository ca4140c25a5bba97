/**
 * `sim validate FILE|-` (issue 12): a scenario file of either version is checked without being run:
 * "valid (version N)" on stdout and exit 0, or each problem on stderr with its JSON path and exit 1; no
 * command runs a version 2 file yet. Oracles: the pinned example, and sentences written by hand.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_VALUES, MAX_VALUES_V2 } from '../../src/cli/shape';
import { expectRejected, sim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'synack-validate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const PINNED = {
  version: 2,
  profile: 'linux',
  hosts: { client: { address: '192.0.2.1' }, server: { address: '198.51.100.1' } },
  actions: [
    { at: 0, host: 'server', call: 'listen', port: 80, backlog: 128 },
    { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' },
    { at: 20, host: 'client', call: 'connect', to: 'server:80', conn: 'c2', port: 40001 },
    { at: 500, host: 'client', conn: 'c1', call: 'send', bytes: 100 },
    { at: 600, host: 'server', conn: 'c1', call: 'send', bytes: 50 },
    { at: 900, host: 'client', conn: 'c1', call: 'close' },
  ],
  faults: [
    { drop: { from: 'client', conn: 'c2', flags: ['SYN'], nth: 1 } },
    { crash: { at: 3000, host: 'server' } },
  ],
};

describe('sim validate', () => {
  it('a valid version 2 file: "valid (version 2)", exit 0', () => {
    const path = file('pinned.json', PINNED);
    expect(sim(['validate', path])).toEqual({ code: 0, stdout: `${path}: valid (version 2)\n`, stderr: '' });
  });

  it('a valid version 1 file: "valid (version 1)"', () => {
    const path = file('v1.json', readFileSync('src/scenarios/presets/rfc9293-fig9.json', 'utf8'));
    expect(sim(['validate', path])).toEqual({ code: 0, stdout: `${path}: valid (version 1)\n`, stderr: '' });
  });

  it('standard input', () => {
    const run = sim(['validate', '-'], { readBytes: () => new TextEncoder().encode(JSON.stringify(PINNED)) });
    expect(run).toEqual({ code: 0, stdout: 'standard input: valid (version 2)\n', stderr: '' });
  });

  it('a v2 file with problems: one line each, by JSON path, exit 1', () => {
    const bad = structuredClone(PINNED) as typeof PINNED & { actions: Record<string, unknown>[] };
    bad.actions.push({ at: 1000, host: 'proxy', call: 'listen', port: 8080 });
    bad.actions.push({ at: 5, host: 'client', call: 'send', conn: 'c2', bytes: 1 });
    const path = file('bad.json', bad);
    const run = sim(['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `sim: ${path}: $.actions[6].host: expected a declared host ("client", "server"), got "proxy"\n` +
        `sim: ${path}: $.actions[7].conn: expected an action after the connect at $.actions[2] (later, or at the same time and later in the list), got "c2"\n`,
    );
  });

  it('another version names both', () => {
    const path = file('v3.json', { version: 3, actions: [] });
    expect(sim(['validate', path])).toEqual({
      code: 1,
      stdout: '',
      stderr: `sim: ${path}: $.version: expected 1 or 2 (the scenario versions), got 3\n`,
    });
  });

  it('a syntax error gives its line and column', () => {
    const path = file('broken.json', '{"version": 2,\n  "hosts": }');
    const run = sim(['validate', path]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^sim: .*broken\.json: \$: invalid JSON at line 2, column 12/);
  });

  it('at most 20 problems are listed, then a count', () => {
    const bad = structuredClone(PINNED) as typeof PINNED & { actions: Record<string, unknown>[] };
    for (let i = 0; i < 25; i++) bad.actions.push({ at: 1000, host: `nobody${i}`, call: 'listen', port: 1 });
    const run = sim(['validate', file('many.json', bad)]);
    const lines = run.stderr.trimEnd().split('\n');
    expect([run.code, lines.length]).toEqual([1, 21]);
    expect(lines[20]).toMatch(/: … and 5 more problems$/);
  });

  it('a large valid v2 file (250,000 sends) passes the shape check meant for v1', () => {
    // 1 + 1,500,000 action values and the rest exceed v1's bound but not v2's.
    expect(MAX_VALUES).toBeLessThan(250_000 * 6);
    expect(MAX_VALUES_V2).toBeGreaterThan(250_000 * 6);
    const big = {
      ...PINNED,
      faults: [],
      actions: [
        ...PINNED.actions.slice(0, 2),
        ...Array.from({ length: 249_998 }, () => ({
          at: 700,
          host: 'client',
          call: 'send',
          conn: 'c1',
          bytes: 1,
        })),
      ],
    };
    const path = file('big.json', big);
    expect(sim(['validate', path])).toEqual({ code: 0, stdout: `${path}: valid (version 2)\n`, stderr: '' });
  });

  it('refuses what it cannot read, and flags that are not its own', () => {
    expectRejected(sim(['validate', join(dir, 'missing.json')]), 'no such file');
    expectRejected(sim(['validate']), 'validate needs a scenario file');
    expectRejected(sim(['validate', 'a.json', '--seed', '1']), '--seed is not valid with validate');
    expectRejected(sim(['validate', 'a.json', 'b.json']), 'unexpected argument');
    expectRejected(sim(['validate', file('large.json', PINNED), '--max-input-size', '10']), 'larger than');
  });
});

describe('sim FILE runs a version 2 file once it validates', () => {
  it('the pinned example runs: a ladder with the client and the server', () => {
    const run = sim([file('run.json', PINNED)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/client\s+server/);
  });

  it('an invalid v2 file run gets its v2 problems', () => {
    const bad = { ...PINNED, hosts: { client: { address: '192.0.2.1' } } };
    const run = sim([file('run-bad.json', bad)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('$.actions[0].host: expected a declared host ("client"), got "server"');
  });
});
