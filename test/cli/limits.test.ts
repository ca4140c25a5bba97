/**
 * Issue 9: whatever a user gives `sim`, it answers with output or one short error, never an internal error.
 * In-process through main(); test/cli/output.test.ts spawns the real command for the process-level cases.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs, parseSize } from '../../src/cli/args';
import { formatTrace } from '../../src/cli/ladder';
import { loadPreset, parseScenarioJson } from '../../src/scenarios';
import { runScenario, type Trace } from '../../src/tcp';
import { expectRejected, sim } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'synack-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const HANDSHAKE = {
  version: 1,
  name: 'Handshake',
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 0, endpoint: 'A', call: 'connect' },
  ],
};

/** One byte per segment, 100,000 bytes: the engine stops at its default 200,000 events. */
const BIG = {
  version: 1,
  name: 'Big',
  endpoints: { A: { mss: 1 }, B: { closeOnEof: true } },
  options: { mslMs: 1000 },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
    { at: 300, endpoint: 'A', call: 'send', bytes: 100_000 },
    { at: 300, endpoint: 'A', call: 'close' },
  ],
};

describe('a trace of 200,000 events prints (the ladder once spread every event into Math.max)', () => {
  it('formatTrace: one time-aligned line per event', () => {
    // Synthesized: the events of Figure 6, repeated 40,000 times at later and later times.
    const fig6 = runScenario(loadPreset('rfc9293-fig6') as NonNullable<ReturnType<typeof loadPreset>>);
    const events: Trace['events'] = [];
    for (let copy = 0; events.length < 200_000; copy++) {
      for (const e of fig6.events) events.push({ ...e, t: e.t + copy * 1000 });
    }
    const text = formatTrace({ ...fig6, events });
    const last = (events[events.length - 1] as Trace['events'][number]).t.toFixed(3);
    // The time column is as wide as the longest time ("39999300.000" is 12 characters, over the minimum 10).
    const eventLines = text.split('\n').filter((l) => /^ *\d+\.\d{3} {2}/.test(l));
    expect(eventLines).toHaveLength(events.length);
    expect(eventLines[eventLines.length - 1]?.startsWith(last)).toBe(true);
    expect(eventLines[0]?.startsWith(`${' '.repeat(last.length - '0.000'.length)}0.000`)).toBe(true);
    expect(text).toContain('final: A ESTABLISHED, B ESTABLISHED');
  });

  it('sim FILE on a scenario that reaches the 200,000-event limit', { timeout: 60_000 }, () => {
    const path = file('big.json', JSON.stringify(BIG));
    const run = sim([path]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('truncated: the run stopped at options.maxTimeMs or options.maxEvents');
    const lines = run.stdout.split('\n').filter((l) => /^ *\d+\.\d{3} {2}/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(200_000);
  });
});

describe('many validation problems: the first 20 and a count', () => {
  // Each action has three bad values: a negative time, an unknown endpoint, an unknown call.
  const badActions = (n: number) => ({
    ...HANDSHAKE,
    actions: Array.from({ length: n }, () => ({ at: -1, endpoint: 'C', call: 'dance' })),
  });

  it.each([
    [10_000, 'the 30,000 lines of 10,000 bad actions'],
    [25_000, 'the 75,000 problems that once overflowed the stack'],
  ])('%i bad actions (%s)', (n) => {
    const text = JSON.stringify(badActions(n));
    const total = (parseScenarioJson(text) as { issueCount: number }).issueCount;
    expect(total).toBeGreaterThanOrEqual(3 * n);
    const path = file(`bad-${n}.json`, text);
    const run = sim([path]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    for (const line of lines.slice(0, 20)) expect(line).toMatch(/^sim: .*bad-\d+\.json: \$\.actions\[\d+\]/);
    expect(lines[20]).toBe(`sim: ${path}: … and ${(total - 20).toLocaleString('en-US')} more problems`);
  });

  it('21 problems: the count is singular', () => {
    const actions = Array.from({ length: 7 }, () => ({ at: -1, endpoint: 'C', call: 'dance' }));
    const text = JSON.stringify({ ...HANDSHAKE, actions });
    expect((parseScenarioJson(text) as { issues: unknown[] }).issues).toHaveLength(21);
    const run = sim([file('21.json', text)]);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/: … and 1 more problem$/);
  });
});

describe('echoed input is cut to about 60 characters, on one line', () => {
  const oneShortLine = (stderr: string) => {
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd()).not.toContain('\n');
    expect([...stderr].length).toBeLessThan(200);
  };

  it('a 400-digit --seed', () => {
    const run = sim(['rfc9293-fig6', '--seed', '9'.repeat(400)]);
    expectRejected(run, '--seed');
    oneShortLine(run.stderr);
    expect(run.stderr).toContain(`not "${'9'.repeat(60)}…"`);
  });

  it('a 1 MB unknown flag, an unknown preset, an unexpected argument', () => {
    for (const argv of [
      [`--${'x'.repeat(1_000_000)}`],
      ['y'.repeat(1_000_000)],
      ['rfc9293-fig6', 'z'.repeat(1_000_000)],
      ['rfc9293-fig6', '--profile', 'p'.repeat(1_000_000)],
    ]) {
      const run = sim(argv);
      expect(run.code).toBe(2);
      oneShortLine(run.stderr);
      expect(run.stderr).toContain('…');
    }
  });

  it('a newline in a value is shown as \\n, not as a second line', () => {
    const run = sim(['rfc9293-fig6', '--seed', '1\n2']);
    expectRejected(run, 'not "1\\n2"');
  });

  it('emoji are cut between code points, never inside one', () => {
    const run = sim(['rfc9293-fig6', '--format', '😀'.repeat(100)]);
    expectRejected(run, `not "${'😀'.repeat(60)}…"`);
  });
});

describe('flag messages echo what was given', () => {
  it('--loss % says "%", not ""', () => {
    expectRejected(sim(['montecarlo', '--runs', '5', '--loss', '%']), 'not "%"');
    expectRejected(sim(['montecarlo', '--runs', '5', '--loss', 'x%']), 'not "x%"');
  });

  it('--runs is capped at 10,000,000', () => {
    expectRejected(
      sim(['montecarlo', '--runs', '10000001', '--loss', '0']),
      '--runs must be at most 10000000',
    );
    expect(parseArgs(['montecarlo', '--runs', '10000000', '--loss', '0'])).toMatchObject({
      runs: 10_000_000,
    });
  });

  it('boolean flags take no value, and --force only goes with --out', () => {
    expectRejected(sim(['rfc9293-fig6', '--force=yes']), '--force takes no value');
    expectRejected(sim(['rfc9293-fig6', '--force']), '--force is only valid with --out');
    expectRejected(sim(['montecarlo', '--runs', '5', '--loss', '0', '--force']), '--force');
    expectRejected(sim(['import', 'x.pcap', '--force']), '--force');
    expectRejected(sim(['--list', '--force']), '--list takes no other arguments');
  });
});

describe('--max-input-size', () => {
  it.each([
    ['1', 1],
    ['1000000', 1_000_000],
    ['1KB', 1024],
    ['200MB', 200 * 1024 * 1024],
    ['200mb', 200 * 1024 * 1024],
    ['1.5GB', 1.5 * 1024 ** 3],
    ['4GB', 4 * 1024 ** 3],
    ['10 KB', 10 * 1024],
    ['512b', 512],
  ])('reads %s as %i bytes', (text, bytes) => {
    expect(parseSize(text)).toBe(bytes);
  });

  it.each(['0', '0.1', '-1', '5GB', '1e3', 'MB', 'lots', '1TB', '0x10', '', '12 MB MB'])(
    'rejects %j naming the flag and the value',
    (text) => {
      const run = sim(['rfc9293-fig6', '--max-input-size', text]);
      expectRejected(run, text === '' ? '--max-input-size needs a value' : `--max-input-size must be`);
    },
  );

  it('is refused with montecarlo, which reads no file', () => {
    expectRejected(
      sim(['montecarlo', '--runs', '5', '--loss', '0', '--max-input-size', '1MB']),
      '--max-input-size',
    );
  });

  it('a scenario file over the limit is one line naming the limit and the flag, exit 2', () => {
    const text = JSON.stringify({ ...HANDSHAKE, description: 'x'.repeat(2000) });
    const path = file('over.json', text);
    expectRejected(
      sim([path, '--max-input-size', '1KB']),
      `${path}: larger than the 1 KB limit for scenario files (use --max-input-size to raise it)`,
    );
    // Exactly at the limit is allowed.
    const exact = sim([path, '--max-input-size', String(Buffer.byteLength(text)), '--format', 'json']);
    expect(exact.stderr).toBe('');
    expect(exact.code).toBe(0);
  });

  it('a capture over the limit, likewise', () => {
    const size = readFileSync('test/fixtures/linux-normal.pcap').length;
    expectRejected(
      sim(['import', 'test/fixtures/linux-normal.pcap', '--max-input-size', String(size - 1)]),
      `test/fixtures/linux-normal.pcap: larger than the ${size - 1} bytes limit for captures (use --max-input-size to raise it)`,
    );
    expect(sim(['import', 'test/fixtures/linux-normal.pcap', '--max-input-size', String(size)]).code).toBe(0);
  });
});

describe('scenario files are UTF-8, with or without a BOM', () => {
  const json = JSON.stringify(HANDSHAKE);

  it('a UTF-8 BOM is accepted (the page accepts it too)', () => {
    const path = file('bom.json', `\ufeff${json}`);
    const run = sim([path, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout).scenario.name).toBe('Handshake');
  });

  it('UTF-16, with or without its BOM, is named as the problem', () => {
    const le = Buffer.from(`\ufeff${json}`, 'utf16le');
    const be = Buffer.from(le).swap16();
    for (const [name, bytes] of [
      ['le.json', le],
      ['be.json', be],
      ['le-nobom.json', Buffer.from(json, 'utf16le')],
    ] as const) {
      const path = file(name, bytes);
      expectRejected(sim([path]), `${path}: the file is UTF-16; save it as UTF-8`);
    }
  });

  it('invalid UTF-8 is an error at its byte offset, not U+FFFD', () => {
    const prefix = Buffer.from('{"version":1,"name":"caf');
    const bytes = Buffer.concat([prefix, Buffer.from([0xe9]), Buffer.from('","actions":[]}')]);
    const path = file('latin1.json', bytes);
    expectRejected(sim([path]), `${path}: invalid UTF-8 at byte offset ${prefix.length} (0xE9)`);
  });
});
