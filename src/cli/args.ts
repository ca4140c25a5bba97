/**
 * The `sim` command line, parsed into a command or a one-line error. Pure: no I/O, so every rejection
 * is testable. Flags take their value as the next argument or after "=" (`--seed 7`, `--seed=7`).
 */
import type { Profile } from '../tcp/types';

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
      captureAt?: 'A' | 'B';
    }
  | {
      kind: 'import';
      file: string;
      format: 'text' | 'json';
      profile?: Profile;
      stream?: number;
      listStreams: boolean;
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
  sim <preset|file.json> [options] run a scenario and print its trace
      --format text|json|pcap      a readable ladder (default), the trace as JSON, or a pcap file
      --out FILE                   with --format pcap: where to write it
      --capture-at A|B             with --format pcap: only what that endpoint sees (default: at each sender)
      --seed N                     override the scenario's seed (0 … 4294967295)
      --profile rfc|linux          override the scenario's profile
  sim montecarlo --runs N --loss P [--latency MS] [--profile rfc|linux] [--seed N] [--format text|json]
                                   many lossy connection lifecycles, summarised
                                   (P is a probability 0…1, or a percentage such as 10%)
  sim import FILE [--format text|json] [--profile rfc|linux] [--stream N] [--list-streams]
                                   read a pcap/pcapng capture, infer a scenario from one TCP
                                   conversation, replay it and report where capture and model differ
  sim --help                       this text
`;

const MAX_SEED = 0xffff_ffff;
const MAX_RUNS = 100_000_000;

type FlagName =
  | '--format'
  | '--seed'
  | '--profile'
  | '--runs'
  | '--loss'
  | '--latency'
  | '--out'
  | '--capture-at'
  | '--stream';
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
];
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
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    if (!isValueFlag(name)) throw new ArgError(`unknown flag ${name} (see sim --help)`);
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
    if (positionals.length > 0 || values.size > 0) {
      const extra = positionals[0] ?? [...values.keys()][0];
      throw new ArgError(`--list takes no other arguments (got ${extra})`);
    }
    return { kind: 'list' };
  }
  if (positionals.length === 0) {
    return { kind: 'error', message: 'missing a preset name, a scenario file or "montecarlo"', usage: true };
  }
  if (positionals[0] === 'import') return parseImport(positionals.slice(1), values, listStreams);
  if (listStreams) throw new ArgError('--list-streams is only valid with import');
  if (values.has('--stream')) throw new ArgError('--stream is only valid with import');
  if (positionals.length > 1) throw new ArgError(`unexpected argument ${positionals[1]}`);
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
  if (seed !== undefined) command.seed = seed;
  if (profile !== undefined) command.profile = profile;
  const out = values.get('--out');
  const captureAt = values.get('--capture-at');
  if (format === 'pcap') {
    if (out === undefined)
      throw new ArgError('--format pcap needs --out FILE (a pcap is binary: it is not printed)');
    command.out = out;
    if (captureAt !== undefined) {
      if (captureAt !== 'A' && captureAt !== 'B')
        throw new ArgError(`--capture-at must be A or B, not "${captureAt}"`);
      command.captureAt = captureAt;
    }
  } else {
    if (out !== undefined) throw new ArgError('--out is only valid with --format pcap');
    if (captureAt !== undefined) throw new ArgError('--capture-at is only valid with --format pcap');
  }
  return command;
}

function parseImport(rest: string[], values: Map<FlagName, string>, listStreams: boolean): Command {
  const file = rest[0];
  if (file === undefined) throw new ArgError('import needs a capture file (pcap or pcapng)');
  if (rest.length > 1) throw new ArgError(`unexpected argument ${rest[1]}`);
  for (const flag of ['--seed', '--runs', '--loss', '--latency', '--out', '--capture-at'] as const) {
    if (values.has(flag)) throw new ArgError(`${flag} is not valid with import`);
  }
  const formatText = values.get('--format');
  if (formatText !== undefined && formatText !== 'text' && formatText !== 'json') {
    throw new ArgError(`--format must be text or json for import, not "${formatText}"`);
  }
  const command: Command = { kind: 'import', file, format: formatText ?? 'text', listStreams };
  const profile = optional(values, '--profile', parseProfile);
  if (profile !== undefined) command.profile = profile;
  const stream = values.get('--stream');
  if (stream !== undefined) {
    const n = decimal('--stream', stream, 'a stream number (0, 1, …)');
    if (!Number.isInteger(n) || n < 0)
      throw new ArgError(`--stream must be a stream number (0, 1, …), not "${stream}"`);
    command.stream = n;
  }
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
  throw new ArgError(`--format must be text, json or pcap, not "${text}"`);
}

function parseProfile(text: string): Profile {
  if (text === 'rfc' || text === 'linux') return text;
  throw new ArgError(`--profile must be rfc or linux, not "${text}"`);
}

/** A plain decimal number: no hex, no exponent, no "Infinity", no empty string. */
function decimal(flag: string, text: string, what: string): number {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) throw new ArgError(`${flag} must be ${what}, not "${text}"`);
  return Number(text);
}

function parseSeed(text: string): number {
  const n = decimal('--seed', text, 'an integer from 0 to 4294967295');
  if (!Number.isInteger(n) || n < 0 || n > MAX_SEED) {
    throw new ArgError(`--seed must be an integer from 0 to 4294967295, not "${text}"`);
  }
  return n;
}

function parseRuns(text: string): number {
  const n = decimal('--runs', text, 'a positive integer');
  if (!Number.isInteger(n) || n < 1) throw new ArgError(`--runs must be a positive integer, not "${text}"`);
  if (n > MAX_RUNS) throw new ArgError(`--runs must be at most ${MAX_RUNS}, not "${text}"`);
  return n;
}

/** A probability 0…1, or a percentage "0%"…"100%". */
function parseLoss(text: string): number {
  const what = 'a probability from 0 to 1 (or a percentage such as 10%)';
  const percent = text.endsWith('%');
  const n = decimal('--loss', percent ? text.slice(0, -1) : text, what);
  const p = percent ? n / 100 : n;
  if (!(p >= 0 && p <= 1)) throw new ArgError(`--loss must be ${what}, not "${text}"`);
  return p;
}

function parseLatency(text: string): number {
  const n = decimal('--latency', text, 'a number of milliseconds ≥ 0');
  if (!(n >= 0) || n > 3_600_000) {
    throw new ArgError(`--latency must be a number of milliseconds from 0 to 3600000, not "${text}"`);
  }
  return n;
}
