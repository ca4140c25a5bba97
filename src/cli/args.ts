/**
 * The `sim` command line, parsed into a command or a one-line error. Pure: no I/O, so every rejection
 * is testable. Flags take their value as the next argument or after "=" (`--seed 7`, `--seed=7`).
 */
import type { Profile } from '../tcp/types';
import { echo } from './echo';

export type Format = 'text' | 'json' | 'pcap';

export type Command =
  | { kind: 'help' }
  | { kind: 'list' }
  | {
      kind: 'run';
      target: string;
      format: Format;
      seed?: number;
      profile?: Profile;
      /** For --format pcap: the file to write, and the capture point. */
      out?: string;
      /** A host's name (v1: A or B; checked against the scenario once it is read). */
      captureAt?: string;
      /** --force: --out may replace an existing file (never the scenario file itself). */
      force?: true;
      /** --max-input-size: the most bytes read from a scenario file. */
      maxInputBytes?: number;
    }
  | {
      kind: 'import';
      file: string;
      format: 'text' | 'json';
      profile?: Profile;
      stream?: number;
      listStreams: boolean;
      /** --max-input-size: the most bytes read from the capture. */
      maxInputBytes?: number;
    }
  | {
      /** Check a scenario file of either version without running it (version 2 is not run yet). */
      kind: 'validate';
      file: string;
      /** --max-input-size: the most bytes read from the scenario file. */
      maxInputBytes?: number;
    }
  | {
      /** Check an instructor's lesson file: the schema, then every step's run (anchors, answers). */
      kind: 'lesson-check';
      file: string;
      /** Also check the runs with the fresh numbers of this seed (as a student's attempt gets them). */
      seed?: number;
    }
  | {
      kind: 'montecarlo';
      runs: number;
      lossRate: number;
      latencyMs?: number;
      profile?: Profile;
      seed?: number;
      format: Format;
    };

/** `usage` asks the caller to print the usage text after the message. */
export type ParseOutcome = Command | { kind: 'error'; message: string; usage?: boolean };

export const USAGE = `Usage:
  sim --list                       list the preset scenarios
  sim <preset|file.json|-> [options]
                                   run a scenario (a preset, a file, or - for standard input)
                                   and print its trace
      --format text|json|pcap      a readable ladder (default), the trace as JSON, or a pcap file
      --out FILE                   with --format pcap: the file to write (a new one, unless --force)
      --force                      with --out: replace an existing file (never the scenario itself)
      --capture-at A|B|HOST        with --format pcap: only what that endpoint (a v2 host) sees (default: at each sender)
      --seed N                     override the scenario's seed (0 … 4294967295)
      --profile rfc|linux          override the scenario's profile
      --max-input-size SIZE        read at most SIZE of the scenario file (default 64MB)
  sim montecarlo --runs N --loss P [--latency MS] [--profile rfc|linux] [--seed N] [--format text|json]
                                   many lossy connection lifecycles, summarised (N at most 10000000;
                                   P is a probability 0…1, or a percentage such as 10%)
  sim import FILE|- [--format text|json] [--profile rfc|linux] [--stream N] [--list-streams]
                    [--max-input-size SIZE]
                                   read a pcap/pcapng capture (at most 1GB unless SIZE says more),
                                   infer a scenario from one TCP conversation, replay it and report
                                   where capture and model differ
  sim validate FILE|- [--max-input-size SIZE]
                                   check a scenario file (version 1 or 2) without running it: prints
                                   "valid (version N)", or each problem with its JSON path (exit
                                   status 1)
  sim lesson-check FILE|- [--seed N]
                                   check a lesson file (at most 1MB): its JSON paths, then that every
                                   anchor names an event and every checkpoint has an answer (with the
                                   fresh numbers of seed N too); exit status 1 if it has problems
  sim --help                       this text

SIZE is a number of bytes, or a number with a unit: KB, MB or GB (1KB = 1024 bytes), at most 4GB.
Exit status: 0 done, 2 bad input (one line on stderr says what and where), 1 the output could not be
written (one line says why) or an internal error.
`;

const MAX_SEED = 0xffff_ffff;
/**
 * Monte Carlo runs go at about 280,000 lifecycles a second on one laptop core, so 10,000,000 runs take
 * about 35 s: enough for stable 99th percentiles (100,000 runs past p99), and a typo such as 100000000
 * is refused at once instead of running for six minutes.
 */
export const MAX_RUNS = 10_000_000;

/** The default --max-input-size of a scenario file: presets are a few kB; far beyond any hand-made file. */
export const SCENARIO_INPUT_LIMIT = 64 * 1024 * 1024;
/** The default --max-input-size of a capture: 1 GB of pcap is millions of packets, more than a replay is for. */
export const CAPTURE_INPUT_LIMIT = 1024 * 1024 * 1024;
/** The largest --max-input-size: Node 20 holds at most 4 GB in one buffer (buffer.constants.MAX_LENGTH). */
export const MAX_INPUT_LIMIT = 4 * 1024 * 1024 * 1024;

type FlagName =
  | '--format'
  | '--seed'
  | '--profile'
  | '--runs'
  | '--loss'
  | '--latency'
  | '--out'
  | '--capture-at'
  | '--stream'
  | '--max-input-size';
const VALUE_FLAGS: readonly FlagName[] = [
  '--format',
  '--seed',
  '--profile',
  '--runs',
  '--loss',
  '--latency',
  '--out',
  '--capture-at',
  '--stream',
  '--max-input-size',
];
const BOOLEAN_FLAGS: readonly string[] = ['--help', '-h', '--list', '--list-streams', '--force'];
const MONTECARLO_ONLY: readonly FlagName[] = ['--runs', '--loss', '--latency'];

class ArgError extends Error {}

export function parseArgs(argv: readonly string[]): ParseOutcome {
  try {
    return parse(argv);
  } catch (e) {
    if (e instanceof ArgError) return { kind: 'error', message: e.message };
    throw e;
  }
}

function parse(argv: readonly string[]): ParseOutcome {
  if (argv.length === 0) {
    return { kind: 'error', message: 'missing a preset name, a scenario file or "montecarlo"', usage: true };
  }
  const values = new Map<FlagName, string>();
  const positionals: string[] = [];
  let help = false;
  let list = false;
  let listStreams = false;
  let force = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--list') {
      list = true;
      continue;
    }
    if (arg === '--list-streams') {
      listStreams = true;
      continue;
    }
    if (arg === '--force') {
      force = true;
      continue;
    }
    if (arg === '--') {
      for (let j = i + 1; j < argv.length; j++) positionals.push(argv[j] as string);
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (BOOLEAN_FLAGS.includes(name)) throw new ArgError(`${name} takes no value`);
    if (!isValueFlag(name)) throw new ArgError(`unknown flag ${echo(name)} (see sim --help)`);
    let value: string | undefined;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      value = argv[i + 1];
      if (value?.startsWith('--')) value = undefined;
      else i++;
    }
    if (value === undefined || value === '') throw new ArgError(`${name} needs a value`);
    if (values.has(name)) throw new ArgError(`${name} is given twice`);
    values.set(name, value);
  }

  if (help) return { kind: 'help' };
  if (list) {
    if (positionals.length > 0 || values.size > 0 || force || listStreams) {
      const extra = positionals[0] ?? [...values.keys()][0] ?? (force ? '--force' : '--list-streams');
      throw new ArgError(`--list takes no other arguments (got ${echo(String(extra))})`);
    }
    return { kind: 'list' };
  }
  if (positionals.length === 0) {
    return { kind: 'error', message: 'missing a preset name, a scenario file or "montecarlo"', usage: true };
  }
  if (positionals[0] === 'import') {
    if (force) throw new ArgError('--force is only valid with --out');
    return parseImport(positionals.slice(1), values, listStreams);
  }
  if (positionals[0] === 'validate') {
    if (force || listStreams)
      throw new ArgError(`${force ? '--force' : '--list-streams'} is not valid with validate`);
    return parseValidate(positionals.slice(1), values);
  }
  if (positionals[0] === 'lesson-check') {
    if (force || listStreams)
      throw new ArgError(`${force ? '--force' : '--list-streams'} is not valid with lesson-check`);
    return parseLessonCheck(positionals.slice(1), values);
  }
  if (listStreams) throw new ArgError('--list-streams is only valid with import');
  if (values.has('--stream')) throw new ArgError('--stream is only valid with import');
  if (positionals.length > 1) throw new ArgError(`unexpected argument ${echo(positionals[1] as string)}`);
  const target = positionals[0] as string;

  const format = parseFormat(values.get('--format'));
  const seed = optional(values, '--seed', parseSeed);
  const profile = optional(values, '--profile', parseProfile);

  if (target === 'montecarlo') {
    if (format === 'pcap')
      throw new ArgError('--format pcap is not available for montecarlo (use text or json)');
    for (const flag of ['--out', '--capture-at'] as const) {
      if (values.has(flag)) throw new ArgError(`${flag} is only valid with --format pcap`);
    }
    if (force) throw new ArgError('--force is only valid with --out');
    if (values.has('--max-input-size'))
      throw new ArgError('--max-input-size is not valid with montecarlo (it reads no file)');
    const runsText = values.get('--runs');
    if (runsText === undefined) throw new ArgError('montecarlo needs --runs N');
    const lossText = values.get('--loss');
    if (lossText === undefined) throw new ArgError('montecarlo needs --loss P');
    const command: Command = {
      kind: 'montecarlo',
      runs: parseRuns(runsText),
      lossRate: parseLoss(lossText),
      format,
    };
    const latencyMs = optional(values, '--latency', parseLatency);
    if (latencyMs !== undefined) command.latencyMs = latencyMs;
    if (profile !== undefined) command.profile = profile;
    if (seed !== undefined) command.seed = seed;
    return command;
  }

  for (const flag of MONTECARLO_ONLY) {
    if (values.has(flag)) throw new ArgError(`${flag} is only valid with montecarlo`);
  }
  const command: Command = { kind: 'run', target, format };
  if (force) command.force = true;
  if (seed !== undefined) command.seed = seed;
  if (profile !== undefined) command.profile = profile;
  const maxInputBytes = optional(values, '--max-input-size', parseSize);
  if (maxInputBytes !== undefined) command.maxInputBytes = maxInputBytes;
  const out = values.get('--out');
  const captureAt = values.get('--capture-at');
  if (format === 'pcap') {
    if (out === undefined)
      throw new ArgError('--format pcap needs --out FILE (a pcap is binary: it is not printed)');
    command.out = out;
    if (captureAt !== undefined) {
      if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(captureAt))
        throw new ArgError(
          `--capture-at must be A or B (or a host's name in a version 2 scenario), not "${echo(captureAt)}"`,
        );
      command.captureAt = captureAt;
    }
  } else {
    if (out !== undefined) throw new ArgError('--out is only valid with --format pcap');
    if (captureAt !== undefined) throw new ArgError('--capture-at is only valid with --format pcap');
    if (force) throw new ArgError('--force is only valid with --out');
  }
  return command;
}

function parseImport(rest: string[], values: Map<FlagName, string>, listStreams: boolean): Command {
  const file = rest[0];
  if (file === undefined) throw new ArgError('import needs a capture file (pcap or pcapng)');
  if (rest.length > 1) throw new ArgError(`unexpected argument ${echo(rest[1] as string)}`);
  for (const flag of ['--seed', '--runs', '--loss', '--latency', '--out', '--capture-at'] as const) {
    if (values.has(flag)) throw new ArgError(`${flag} is not valid with import`);
  }
  const formatText = values.get('--format');
  if (formatText !== undefined && formatText !== 'text' && formatText !== 'json') {
    throw new ArgError(`--format must be text or json for import, not "${echo(formatText)}"`);
  }
  const command: Command = { kind: 'import', file, format: formatText ?? 'text', listStreams };
  const profile = optional(values, '--profile', parseProfile);
  if (profile !== undefined) command.profile = profile;
  const maxInputBytes = optional(values, '--max-input-size', parseSize);
  if (maxInputBytes !== undefined) command.maxInputBytes = maxInputBytes;
  const stream = values.get('--stream');
  if (stream !== undefined) {
    const n = decimal('--stream', stream, 'a stream number (0, 1, …)');
    if (!Number.isInteger(n) || n < 0)
      throw new ArgError(`--stream must be a stream number (0, 1, …), not "${echo(stream)}"`);
    command.stream = n;
  }
  return command;
}

function parseValidate(rest: string[], values: Map<FlagName, string>): Command {
  const file = rest[0];
  if (file === undefined)
    throw new ArgError('validate needs a scenario file (JSON), or - for standard input');
  if (rest.length > 1) throw new ArgError(`unexpected argument ${echo(rest[1] as string)}`);
  for (const flag of values.keys())
    if (flag !== '--max-input-size') throw new ArgError(`${flag} is not valid with validate`);
  const command: Command = { kind: 'validate', file };
  const maxInputBytes = optional(values, '--max-input-size', parseSize);
  if (maxInputBytes !== undefined) command.maxInputBytes = maxInputBytes;
  return command;
}

function parseLessonCheck(rest: string[], values: Map<FlagName, string>): Command {
  const file = rest[0];
  if (file === undefined) throw new ArgError('lesson-check needs a lesson file (JSON)');
  if (rest.length > 1) throw new ArgError(`unexpected argument ${echo(rest[1] as string)}`);
  for (const flag of values.keys())
    if (flag !== '--seed') throw new ArgError(`${flag} is not valid with lesson-check`);
  const command: Command = { kind: 'lesson-check', file };
  const seed = optional(values, '--seed', parseSeed);
  if (seed !== undefined) command.seed = seed;
  return command;
}

function isValueFlag(name: string): name is FlagName {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}

function optional<T>(
  values: Map<FlagName, string>,
  flag: FlagName,
  parse: (text: string) => T,
): T | undefined {
  const text = values.get(flag);
  return text === undefined ? undefined : parse(text);
}

function parseFormat(text: string | undefined): Format {
  if (text === undefined || text === 'text' || text === 'json' || text === 'pcap') return text ?? 'text';
  throw new ArgError(`--format must be text, json or pcap, not "${echo(text)}"`);
}

function parseProfile(text: string): Profile {
  if (text === 'rfc' || text === 'linux') return text;
  throw new ArgError(`--profile must be rfc or linux, not "${echo(text)}"`);
}

/**
 * A plain decimal number: no hex, no exponent, no "Infinity", no empty string. `given` is what the user
 * typed, echoed in the message when only part of it (`number`) is the number ("10%", "64MB").
 */
function decimal(flag: string, number: string, what: string, given = number): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(number))
    throw new ArgError(`${flag} must be ${what}, not "${echo(given)}"`);
  return Number(number);
}

function parseSeed(text: string): number {
  const n = decimal('--seed', text, 'an integer from 0 to 4294967295');
  if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) {
    throw new ArgError(`--seed must be an integer from 0 to 4294967295, not "${echo(text)}"`);
  }
  return n;
}

function parseRuns(text: string): number {
  const n = decimal('--runs', text, 'a positive integer');
  if (!Number.isInteger(n) || n < 1)
    throw new ArgError(`--runs must be a positive integer, not "${echo(text)}"`);
  if (n > MAX_RUNS)
    throw new ArgError(`--runs must be at most ${MAX_RUNS} (about 35 s), not "${echo(text)}"`);
  return n;
}

/** A probability 0…1, or a percentage "0%"…"100%". */
function parseLoss(text: string): number {
  const what = 'a probability from 0 to 1 (or a percentage such as 10%)';
  const percent = text.endsWith('%');
  const n = decimal('--loss', percent ? text.slice(0, -1) : text, what, text);
  const p = percent ? n / 100 : n;
  if (!(p >= 0 && p <= 1)) throw new ArgError(`--loss must be ${what}, not "${echo(text)}"`);
  return p;
}

function parseLatency(text: string): number {
  const n = decimal('--latency', text, 'a number of milliseconds ≥ 0');
  if (!(n >= 0) || n > 3_600_000) {
    throw new ArgError(`--latency must be a number of milliseconds from 0 to 3600000, not "${echo(text)}"`);
  }
  return n;
}

const SIZE_UNITS: Record<string, number> = { '': 1, B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };

/** A size in bytes: "1000000", "64MB", "1.5GB", "512kb" (units are powers of 1024), from 1 byte to 4GB. */
export function parseSize(text: string): number {
  const what = 'a size such as 200MB (a number of bytes, or with KB, MB or GB), at most 4GB';
  const match = /^(.*?)\s*([kmg]?b?)$/i.exec(text);
  const unit = SIZE_UNITS[(match?.[2] ?? '').toUpperCase()];
  const number = match?.[1] ?? '';
  const n = decimal('--max-input-size', number, what, text);
  const bytes = Math.floor(n * (unit ?? Number.NaN));
  if (!(bytes >= 1 && bytes <= MAX_INPUT_LIMIT))
    throw new ArgError(`--max-input-size must be ${what}, not "${echo(text)}"`);
  return bytes;
}

/** "64MB", "1GB", "1.5MB", "512 bytes": a limit as a person reads it. */
export function formatSize(bytes: number): string {
  for (const [unit, size] of [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const) {
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} bytes`;
}
