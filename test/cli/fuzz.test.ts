/**
 * Fuzzing `sim` (issue 9): random and mutated scenario JSON (from the presets), random argv, random and
 * mutated captures. Whatever the input, the command exits 0 or 2 (never 1, an internal error), prints no
 * stack trace, at most a screenful on stderr, and finishes within a time limit. Most runs are in-process
 * through main() (fast-check, fixed seeds, so a failure replays); a few spawn the real command, killed past
 * 1 GB of memory or 40 s (limited.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputTooLargeError } from '../../src/cli/io';
import type { Io } from '../../src/cli/main';
import { type Run, sim } from './helpers';
import { limitedSim } from './limited';

const dir = mkdtempSync(join(tmpdir(), 'synack-fuzz-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.log('fuzz: exit codes of the in-process runs', exits);
});

/** Per in-process run. A default-limit run (200,000 events, printed) takes about 2 s on a busy laptop core. */
const RUN_MS = 8000;
/** 20 problems, the count line, and room for a usage text (12 lines) after a one-line error. */
const MAX_STDERR_LINES = 40;

const PRESETS = readdirSync('src/scenarios/presets').map((name) =>
  readFileSync(join('src/scenarios/presets', name), 'utf8'),
);
const CAPTURES = [
  'linux-normal.pcap',
  'linux-normal.pcapng',
  'linux-syn-timeout.pcap',
  'mixed-non-tcp.pcapng',
].map((name) => new Uint8Array(readFileSync(join('test/fixtures', name))));

/** In-process, every file read answered with `bytes`, every write swallowed: nothing touches the disk. */
function simOn(argv: string[], bytes: Uint8Array): Run & { ms: number } {
  const io: Partial<Io> = {
    readBytes: (_path, maxBytes) => {
      if (bytes.length > maxBytes) throw new InputTooLargeError(maxBytes);
      return bytes;
    },
    writeFile: () => {},
    fileId: () => null,
  };
  const started = performance.now();
  const run = sim(argv, io);
  return { ...run, ms: performance.now() - started };
}

/** How many runs ended each way: printed at the end, so a fuzz that only meets rejections shows. */
const exits: Record<number, number> = {};

function expectHandled(run: Run & { ms?: number }, what: string): void {
  exits[run.code] = (exits[run.code] ?? 0) + 1;
  const context = `${what}\nexit ${run.code}\n${run.stderr.slice(0, 2000)}`;
  expect([0, 2], context).toContain(run.code);
  // A stack frame ("    at f (file.ts:1:2)"), an error's name, or main's last resort.
  expect(run.stderr, context).not.toMatch(/^sim: internal error|^\s+at .*:\d+:\d+\)?$|^\w*Error\b/m);
  const lines = run.stderr.split('\n');
  expect(lines.length - 1, context).toBeLessThanOrEqual(MAX_STDERR_LINES);
  // Echoed input is cut: no line much past the 400-character cap (main.ts, echo.ts).
  for (const line of lines) expect([...line].length, context).toBeLessThanOrEqual(420);
  if (run.ms !== undefined) expect(run.ms, context).toBeLessThan(RUN_MS);
  if (run.code === 2) expect(run.stderr, context).toMatch(/^sim: /);
}

// ------------------------------------------------------------------ mutations of scenario JSON

/** Values a careless or hostile user puts where a number, string or object was. */
const nasty = fc.oneof(
  // Plausible values, so that many mutants are valid and run.
  { arbitrary: fc.integer({ min: 0, max: 3000 }), weight: 3 },
  { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 2 },
  { arbitrary: fc.constantFrom('A', 'B', 'send', 'close', 'abort', 'linux', 'rfc', 'SYN', 'FIN'), weight: 2 },
  fc.constantFrom(
    -1,
    0,
    1,
    1.5,
    65535,
    65536,
    2 ** 32,
    2 ** 53 + 1,
    1e308,
    -0,
    100_000_000,
    '',
    'x',
    '1',
    '\u0000',
    '\ufeff',
    '😀'.repeat(300),
    null,
    true,
    [],
    {},
    [[[[[]]]]],
    { __proto__: 1 },
  ),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`. */
function paths(
  value: Json,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

function setAt(root: Json, path: (string | number)[], value: unknown, mode: 'set' | 'delete' | 'add'): Json {
  if (path.length === 0) return value as Json;
  const copy = structuredClone(root);
  let node = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  const last = path[path.length - 1] as string | number;
  if (mode === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else if (mode === 'add' && node && typeof node === 'object' && !Array.isArray(node)) {
    node[`extra${String(last)}`] = value as Json;
  } else node[last] = value as Json;
  return copy;
}

const mutatedScenario = fc
  .record({
    preset: fc.nat(PRESETS.length - 1),
    edits: fc.array(
      fc.record({ where: fc.nat(), value: nasty, mode: fc.constantFrom('set', 'set', 'delete', 'add') }),
      { minLength: 1, maxLength: 4 },
    ),
    text: fc.constantFrom('json', 'json', 'json', 'cut', 'bytes'),
    cut: fc.nat(),
    bytes: fc.uint8Array({ maxLength: 8 }),
  })
  .map(({ preset, edits, text, cut, bytes }) => {
    let value = JSON.parse(PRESETS[preset] as string) as Json;
    for (const edit of edits) {
      const all = paths(value);
      value = setAt(
        value,
        all[edit.where % all.length] as (string | number)[],
        edit.value,
        edit.mode as 'set',
      );
    }
    const json = new TextEncoder().encode(JSON.stringify(value));
    if (text === 'cut') return json.subarray(0, cut % (json.length + 1));
    if (text === 'bytes') {
      const at = cut % (json.length + 1);
      return Uint8Array.from([...json.subarray(0, at), ...bytes, ...json.subarray(at)]);
    }
    return json;
  });

/** Numbers of a preset replaced by other plausible numbers: mostly valid scenarios that run. */
const renumberedScenario = fc
  .record({
    preset: fc.nat(PRESETS.length - 1),
    edits: fc.array(
      fc.record({
        where: fc.nat(),
        value: fc.oneof(fc.integer({ min: 0, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true })),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ preset, edits }) => {
    let value = JSON.parse(PRESETS[preset] as string) as Json;
    for (const edit of edits) {
      const numbers = paths(value).filter((path) => typeof valueAt(value, path) === 'number');
      if (numbers.length === 0) break;
      value = setAt(value, numbers[edit.where % numbers.length] as (string | number)[], edit.value, 'set');
    }
    return new TextEncoder().encode(JSON.stringify(value));
  });

function valueAt(root: Json, path: (string | number)[]): unknown {
  let node: unknown = root;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

describe('fuzz: scenario files', () => {
  it('presets with other numbers (mostly valid: they run and print)', { timeout: 60_000 }, () => {
    const before = exits[0] ?? 0;
    fc.assert(
      fc.property(renumberedScenario, fc.constantFrom('text', 'json'), (bytes, format) => {
        expectHandled(
          simOn(['s.json', '--format', format], bytes),
          `renumbered: ${new TextDecoder().decode(bytes.subarray(0, 500))}`,
        );
      }),
      { seed: 1201, numRuns: 300 },
    );
    // Not only rejections: the engine and the ladder ran on many of them.
    expect((exits[0] ?? 0) - before).toBeGreaterThan(30);
  });

  it('mutated presets (values, deletions, unknown keys, cut text, stray bytes)', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(mutatedScenario, fc.constantFrom('text', 'json'), (bytes, format) => {
        expectHandled(
          simOn(['s.json', '--format', format], bytes),
          `mutated: ${new TextDecoder().decode(bytes.subarray(0, 500))}`,
        );
      }),
      { seed: 20261201, numRuns: 600 },
    );
  });

  it('random bytes and random JSON values', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          fc.json({ maxDepth: 4 }).map((text) => new TextEncoder().encode(text)),
          fc
            .jsonValue({ maxDepth: 3 })
            .map((v) => new TextEncoder().encode(JSON.stringify({ version: 1, ...Object(v) }))),
        ),
        (bytes) => expectHandled(simOn(['s.json'], bytes), `bytes: ${[...bytes.subarray(0, 100)]}`),
      ),
      { seed: 7, numRuns: 600 },
    );
  });
});

// ------------------------------------------------------------------ argv

const word = fc.oneof(
  fc.constantFrom(
    '--format',
    'text',
    'json',
    'pcap',
    '--seed',
    '--profile',
    'rfc',
    'linux',
    '--out',
    'x.pcap',
    '--force',
    '--capture-at',
    'A',
    'C',
    '--runs',
    '0',
    '1',
    '50',
    '1e3',
    '10000001',
    '--loss',
    '10%',
    '%',
    '0.5',
    '--latency',
    '--stream',
    '--list-streams',
    '--max-input-size',
    '64MB',
    '5GB',
    '--list',
    '--help',
    '-h',
    '--',
    '-',
    '=',
    '--seed=',
    'montecarlo',
    'import',
    'rfc9293-fig6',
    'lost-syn',
    's.json',
    'dir/x',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 12 }).map((s) => `--${s}`),
);

describe('fuzz: argv', () => {
  it('random command lines', { timeout: 60_000 }, () => {
    const scenario = new TextEncoder().encode(PRESETS[0] as string);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 8 }), (argv) => {
        expectHandled(simOn(argv, scenario), `argv: ${JSON.stringify(argv)}`);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });
});

// ------------------------------------------------------------------ captures

const mutatedCapture = fc
  .record({
    base: fc.nat(CAPTURES.length - 1),
    flips: fc.array(fc.record({ at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 6 }),
    cut: fc.option(fc.nat()),
  })
  .map(({ base, flips, cut }) => {
    const bytes = Uint8Array.from(CAPTURES[base] as Uint8Array);
    for (const { at, value } of flips) bytes[at % bytes.length] = value;
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

describe('fuzz: captures', () => {
  it('mutated captures and random bytes', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(
        fc.oneof(mutatedCapture, fc.uint8Array({ maxLength: 300 })),
        fc.constantFrom([], ['--format', 'json'], ['--list-streams'], ['--profile', 'linux']),
        (bytes, flags) => {
          expectHandled(
            simOn(['import', 'c.pcap', ...flags], bytes),
            `capture: ${[...bytes.subarray(0, 64)]}`,
          );
        },
      ),
      { seed: 3, numRuns: 800 },
    );
  });
});

// ------------------------------------------------------------------ the real command, a few times

describe('fuzz: the real command under a memory and time limit', () => {
  it('random bytes as a scenario and as a capture, a mutated preset, hostile argv', {
    timeout: 120_000,
  }, () => {
    const sim = limitedSim(process.cwd(), dir, 1024, 40);
    const rng = fc.sample(fc.uint8Array({ minLength: 1000, maxLength: 5000 }), { seed: 11, numRuns: 2 });
    const mutated = fc.sample(mutatedScenario, { seed: 12, numRuns: 1 })[0] as Uint8Array;
    writeFileSync(join(dir, 'random.json'), rng[0] as Uint8Array);
    writeFileSync(join(dir, 'random.pcap'), rng[1] as Uint8Array);
    writeFileSync(join(dir, 'mutated.json'), mutated);
    const cases: string[][] = [
      [join(dir, 'random.json')],
      ['import', join(dir, 'random.pcap')],
      [join(dir, 'mutated.json'), '--format', 'json'],
      ['--seed', '9'.repeat(100_000)],
      ['montecarlo', '--runs', '100000000', '--loss', '0.1'],
    ];
    for (const argv of cases) {
      const started = performance.now();
      const run = spawnSync(sim, argv, { encoding: 'utf8', timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
      const ms = performance.now() - started;
      const result = { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr, ms };
      expect(result.code, `${argv.join(' ').slice(0, 200)}: killed (memory or time)?`).not.toBe(137);
      expectHandled({ ...result, ms: undefined } as Run, `spawned ${argv.join(' ').slice(0, 200)}`);
      expect(ms).toBeLessThan(40_000);
    }
  });
});
