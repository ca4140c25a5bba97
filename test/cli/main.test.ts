import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listPresets } from '../../src/scenarios';
import type { Trace } from '../../src/tcp';
import { expectRejected, sim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'synack-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function scenarioFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const HANDSHAKE = {
  version: 1,
  name: 'From a file',
  endpoints: { A: { isn: 1000 }, B: { isn: 5000 } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 0, endpoint: 'A', call: 'connect' },
  ],
};

describe('sim --list', () => {
  it('lists every preset with its title', () => {
    const run = sim(['--list']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const presets = listPresets();
    expect(presets.length).toBeGreaterThan(0);
    for (const preset of presets) {
      expect(run.stdout).toMatch(new RegExp(`^ {2}${preset.name} +${escapeRegExp(preset.title)}$`, 'm'));
    }
  });
});

describe('sim <preset>', () => {
  it('--format json prints the trace alone, as one JSON document', () => {
    const run = sim(['rfc9293-fig6', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.trimEnd().includes('\n')).toBe(false);
    const trace = JSON.parse(run.stdout) as Trace;
    expect(trace.events.length).toBeGreaterThan(0);
    expect(trace.final).toEqual({ A: { state: 'ESTABLISHED' }, B: { state: 'ESTABLISHED' } });
    expect(trace.scenario.name).toContain('Figure 6');
  });

  it('the text ladder shows segments, states, explanations and the final states', () => {
    const run = sim(['rfc9293-fig6']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ A ── #1 SYN seq=100 ─+▶ B$/m);
    expect(run.stdout).toMatch(/◀─+ #2 SYN,ACK seq=300 ack=101 ── B$/m);
    expect(run.stdout).toContain('SYN-SENT');
    expect(run.stdout).toContain('ESTABLISHED');
    expect(run.stdout).toContain('SYN arrives in LISTEN');
    expect(run.stdout).toContain('— RFC 9293 §3.10.7.2 [listen-syn]');
    expect(run.stdout).toContain('final: A ESTABLISHED, B ESTABLISHED');
    expect(run.stdout).not.toContain('\x1b[');
  });

  it("every trace line's explanation key is in the ladder, in the JSON trace's order (both profiles)", () => {
    for (const { name } of listPresets()) {
      for (const profile of ['rfc', 'linux']) {
        const trace = JSON.parse(sim([name, '--format', 'json', '--profile', profile]).stdout);
        const keys: string[] = trace.events.map((e: { explain: string }) => e.explain);
        const text = sim([name, '--profile', profile]).stdout;
        const shown = [...text.matchAll(/\[([a-z0-9-]+)\]$/gm)].map((m) => m[1]);
        // Every key of the trace is shown, and the keys shown follow the trace (a repeat for the same instant
        // and endpoint is shown once, under the first of its lines).
        expect(new Set(shown), `${name} ${profile}`).toEqual(new Set(keys));
        let j = 0;
        for (const key of keys) if (key === shown[j]) j++;
        expect(j, `${name} ${profile}`).toBe(shown.length);
      }
    }
  });

  it('every preset runs, and its ladder fits a 100-column terminal', () => {
    for (const { name } of listPresets()) {
      const run = sim([name]);
      expect(run.code, name).toBe(0);
      for (const line of run.stdout.split('\n')) expect([...line].length, name).toBeLessThanOrEqual(100);
    }
  });

  it('colours the ladder only on a terminal without NO_COLOR', () => {
    expect(sim(['rfc9293-fig6'], { isTTY: true }).stdout).toContain('\x1b[');
    expect(sim(['rfc9293-fig6'], { isTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
  });

  it('--seed and --profile override the scenario', () => {
    const trace = JSON.parse(
      sim(['lost-syn', '--format', 'json', '--seed', '42', '--profile', 'linux']).stdout,
    );
    expect(trace.scenario.seed).toBe(42);
    expect(trace.scenario.profile).toBe('linux');
    const text = sim(['lost-syn', '--seed', '42', '--profile', 'linux']).stdout;
    expect(text).toContain('profile linux · seed 42');
  });

  it('shows drops with their cause and retransmissions', () => {
    const text = sim(['lost-syn']).stdout;
    expect(text).toMatch(/✕ #1 SYN (lost by the network|dropped by a scenario fault)/);
    expect(text).toContain('(retransmission)');
  });

  it('ends with the error of an endpoint that failed', () => {
    const run = sim(['connection-refused']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('error ECONNREFUSED (connection refused)');
  });
});

describe('sim <file.json>', () => {
  it('runs a scenario file', () => {
    const path = scenarioFile('handshake.json', HANDSHAKE);
    const run = sim([path, '--format', 'json']);
    expect(run.code).toBe(0);
    const trace = JSON.parse(run.stdout) as Trace;
    expect(trace.scenario.name).toBe('From a file');
    expect(trace.final.A.state).toBe('ESTABLISHED');
  });

  it('names the JSON path of an invalid value', () => {
    const path = scenarioFile('lossy.json', { ...HANDSHAKE, network: { lossRate: 2 } });
    const run = sim([path]);
    expectRejected(run, `sim: ${path}: $.network.lossRate: `);
  });

  it('prints one line per issue, the first naming its path', () => {
    const path = scenarioFile('two.json', { ...HANDSHAKE, seed: -1, network: { lossRate: 2 } });
    const run = sim([path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatch(new RegExp(`^sim: ${escapeRegExp(path)}: \\$\\.\\S+: `));
  });

  it('reports JSON syntax errors at $', () => {
    const path = scenarioFile('broken.json', '{"version": 1,');
    expectRejected(sim([path]), `${path}: $: `);
  });

  it('reports a file it cannot read', () => {
    expectRejected(sim([join(dir, 'missing.json')]), 'missing.json: cannot read the file (no such file)');
    expectRejected(sim([dir]), 'it is a directory');
  });
});

describe('sim montecarlo', () => {
  it('--format json prints exactly the result object', () => {
    const run = sim(['montecarlo', '--runs', '200', '--loss', '0.2', '--format', 'json', '--seed', '3']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result).sort()).toEqual(
      ['connPerSec', 'elapsedMs', 'established', 'failed', 'runs', 'setupMs'].sort(),
    );
    expect(Object.keys(result.setupMs).sort()).toEqual(['max', 'mean', 'p50', 'p90', 'p99']);
    expect(result.runs).toBe(200);
    expect(result.established).toBeGreaterThan(0);
    expect(result.established).toBeLessThanOrEqual(200);
    // failed counts runs with an error or no connection: at least those that never connected.
    expect(result.failed).toBeGreaterThanOrEqual(200 - result.established);
    expect(result.failed).toBeLessThanOrEqual(200);
    const { p50, p90, p99, max, mean } = result.setupMs;
    expect(p50).toBeGreaterThanOrEqual(100); // one round trip at 50 ms latency
    expect(p50).toBeLessThanOrEqual(p90);
    expect(p90).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
    expect(mean).toBeLessThanOrEqual(max);
  });

  it('is deterministic for a seed (apart from the wall clock)', () => {
    const once = () => {
      const r = JSON.parse(sim(['montecarlo', '--runs', '100', '--loss', '10%', '--format', 'json']).stdout);
      return { ...r, elapsedMs: 0, connPerSec: 0 };
    };
    expect(once()).toEqual(once());
  });

  it('text prints a summary, progress only on stderr', () => {
    const run = sim(['montecarlo', '--runs', '10000', '--loss', '0', '--latency', '10']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('established  10000  (100%)');
    expect(run.stdout).toContain('p50 20 ms');
    expect(run.stdout).not.toContain('montecarlo 10000/10000');
    expect(run.stderr).toContain('sim: montecarlo 10000/10000 (100%)');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(10);
  });
});

describe('invalid input: exit 2 and one line naming the culprit', () => {
  it.each([
    [['--bogus'], '--bogus'],
    [['rfc9293-fig6', '--seed'], '--seed'],
    [['rfc9293-fig6', '--seed', 'abc'], '--seed'],
    [['rfc9293-fig6', '--profile', 'bsd'], '--profile'],
    [['rfc9293-fig6', '--format', 'xml'], '--format'],
    [['montecarlo', '--runs', '0', '--loss', '0.1'], '--runs'],
    [['montecarlo', '--runs', '10', '--loss', '2'], '--loss'],
    [['montecarlo', '--runs', '10'], '--loss'],
  ])('%j', (argv, mention) => {
    expectRejected(sim(argv), mention);
  });

  it('an unknown preset suggests close names', () => {
    const run = sim(['rfc9293-fig66']);
    expectRejected(run, 'unknown preset "rfc9293-fig66"');
    expect(run.stderr).toContain('did you mean rfc9293-fig6');
  });

  it('no arguments prints the usage on stderr', () => {
    const run = sim([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^sim: missing .*\nUsage:\n/);
  });
});

describe('sim --help', () => {
  it('prints the usage on stdout', () => {
    const run = sim(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('sim montecarlo --runs N --loss P');
    expect(run.stderr).toBe('');
  });
});

describe('internal errors', () => {
  it('are one line and exit 1, never a stack trace', () => {
    const run = sim(['some.json'], {
      readBytes: () => new TextEncoder().encode(JSON.stringify(HANDSHAKE)),
      stdout: () => {
        throw new Error('disk full\n    at somewhere');
      },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('sim: internal error: disk full\n');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
