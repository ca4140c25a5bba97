/**
 * The `sim` command: parse the arguments, run the engine, print. All I/O goes through `io`, so the whole
 * command is testable in-process; sim.ts binds it to the real process. Returns the exit code:
 * 0 success, 1 internal error, 2 bad input (one line on stderr naming the flag or JSON path).
 */
import { en } from '../i18n';
import { CaptureError, readCapture } from '../interop/pcap-read';
import { traceToPcap } from '../interop/pcap-write';
import { ReplayError, replayStream } from '../interop/replay';
import { tcpStreams } from '../interop/streams';
import {
  formatIssue,
  LESSONS,
  listPresets,
  loadPreset,
  type PresetInfo,
  parseScenarioJson,
} from '../scenarios';
import { type MonteCarloResult, runMonteCarlo, runScenario, type ScenarioInput } from '../tcp';
import { type Command, parseArgs, USAGE } from './args';
import { formatTrace } from './ladder';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Read a UTF-8 file; throws a Node-style error (with `code`) when it cannot. */
  readFile(path: string): string;
  /** Read a binary file (capture import); throws a Node-style error (with `code`) when it cannot. */
  readBytes?(path: string): Uint8Array;
  /** Write a binary file (pcap export); throws a Node-style error when it cannot. */
  writeFile?(path: string, data: Uint8Array): void;
  /** stdout is a terminal: colour the ladder, unless NO_COLOR is set in `env`. */
  isTTY: boolean;
  /** stderr is a terminal: progress may redraw one line. */
  stderrIsTTY?: boolean;
  env?: Record<string, string | undefined>;
  /** Monotonic clock in ms for the Monte Carlo timing (performance.now). */
  clock?: () => number;
}

/** Thrown for bad input; main prints each line as "sim: …" and returns 2. */
class UsageError extends Error {
  readonly lines: readonly string[];
  constructor(...lines: [string, ...string[]]) {
    super(lines[0]);
    this.lines = lines;
  }
}

export function main(argv: readonly string[], io: Io): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      for (const line of e.lines) io.stderr(`sim: ${line}\n`);
      return 2;
    }
    const detail = e instanceof Error ? e.message : String(e);
    io.stderr(`sim: internal error: ${detail.split('\n')[0]}\n`);
    return 1;
  }
}

function run(argv: readonly string[], io: Io): number {
  const command = parseArgs(argv);
  switch (command.kind) {
    case 'error':
      io.stderr(`sim: ${command.message}\n`);
      if (command.usage) io.stderr(USAGE);
      return 2;
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'list':
      io.stdout(formatPresetList(listPresets()));
      return 0;
    case 'run':
      return runOne(command, io);
    case 'montecarlo':
      return monteCarlo(command, io);
    case 'import':
      return importCapture(command, io);
  }
}

function runOne(command: Extract<Command, { kind: 'run' }>, io: Io): number {
  const scenario = resolveScenario(command.target, io);
  const options: { seed?: number; profile?: 'rfc' | 'linux' } = {};
  if (command.seed !== undefined) options.seed = command.seed;
  if (command.profile !== undefined) options.profile = command.profile;
  const trace = runScenario(scenario, options);
  if (command.format === 'pcap') {
    const out = command.out as string;
    const data = traceToPcap(trace, command.captureAt ? { captureAt: command.captureAt } : {});
    try {
      if (!io.writeFile) throw new Error('writing files is not available');
      io.writeFile(out, data);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new UsageError(`--out ${out}: cannot write the file${code ? ` (${code})` : ''}`);
    }
    const frames = data.length > 24 ? countFrames(data) : 0;
    io.stderr(`sim: wrote ${out}: ${frames} frames, ${data.length} bytes (libpcap, Ethernet)\n`);
    return 0;
  }
  if (command.format === 'json') {
    io.stdout(`${JSON.stringify(trace)}\n`);
  } else {
    io.stdout(formatTrace(trace, { color: wantsColor(io) }));
  }
  return 0;
}

/** A preset by name; a path (anything ending in .json or containing a slash) is read as a scenario file. */
function resolveScenario(target: string, io: Io): ScenarioInput {
  const looksLikePath = /\.json$/i.test(target) || /[/\\]/.test(target);
  if (!looksLikePath) {
    const preset = loadPreset(target);
    if (preset) return preset;
    const names = listPresets().map((p) => p.name);
    const close = closeNames(target, names);
    const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
    throw new UsageError(`unknown preset "${target}"${hint} (sim --list shows them all)`);
  }
  let text: string;
  try {
    text = io.readFile(target);
  } catch (e) {
    throw new UsageError(`${target}: cannot read file (${readErrorReason(e)})`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) {
    const [first, ...rest] = parsed.issues.map((issue) => `${target}: ${formatIssue(issue)}`);
    throw new UsageError(first ?? `${target}: not a valid scenario`, ...rest);
  }
  return parsed.scenario;
}

function readErrorReason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return e instanceof Error ? e.message.split('\n')[0] || 'unreadable' : 'unreadable';
  }
}

function monteCarlo(command: Extract<Command, { kind: 'montecarlo' }>, io: Io): number {
  const { runs, lossRate } = command;
  const latencyMs = command.latencyMs ?? 50;
  const profile = command.profile ?? 'rfc';
  const seed = command.seed ?? 1;
  // Progress on stderr for long runs, every 10%: redrawn on a terminal, one line each otherwise.
  const showProgress = runs >= 10_000;
  const onProgress = (done: number, total: number) => {
    const text = `sim: montecarlo ${done}/${total} (${Math.round((done / total) * 100)}%)`;
    if (io.stderrIsTTY) io.stderr(`\r${text}${done === total ? '\n' : ''}`);
    else io.stderr(`${text}\n`);
  };
  const result = runMonteCarlo({
    runs,
    lossRate,
    latencyMs,
    profile,
    seed,
    ...(io.clock ? { clock: io.clock } : {}),
    ...(showProgress ? { onProgress, progressEvery: Math.ceil(runs / 10) } : {}),
  });
  if (command.format === 'json') {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    io.stdout(formatMonteCarlo(result, { lossRate, latencyMs, profile, seed }));
  }
  return 0;
}

export function formatMonteCarlo(
  result: MonteCarloResult,
  setup: { lossRate: number; latencyMs: number; profile: string; seed: number },
): string {
  const share = (n: number) => `${result.runs === 0 ? 0 : round((n / result.runs) * 100, 2)}%`;
  const ms = (n: number) => `${round(n, 3)} ms`;
  const s = result.setupMs;
  const width = String(result.runs).length;
  return [
    `Monte Carlo: ${result.runs} connection lifecycles (connect, close, close on EOF)`,
    `loss ${round(setup.lossRate * 100, 4)}% · latency ${setup.latencyMs} ms · profile ${setup.profile} · seed ${setup.seed}`,
    '',
    `established  ${String(result.established).padStart(width)}  (${share(result.established)})`,
    `failed       ${String(result.failed).padStart(width)}  (${share(result.failed)}: an error, or never connected)`,
    `setup time   mean ${ms(s.mean)} · p50 ${ms(s.p50)} · p90 ${ms(s.p90)} · p99 ${ms(s.p99)} · max ${ms(s.max)}`,
    `elapsed      ${ms(result.elapsedMs)} (${result.connPerSec} lifecycles/s)`,
    '',
  ].join('\n');
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Preset names and titles in aligned columns, grouped by lesson in the course's order. */
export function formatPresetList(presets: readonly PresetInfo[]): string {
  const width = Math.max(0, ...presets.map((p) => p.name.length));
  const lines: string[] = [];
  for (const lesson of LESSONS) {
    const group = presets.filter((p) => p.lesson === lesson);
    if (group.length === 0) continue;
    if (lines.length > 0) lines.push('');
    lines.push(`${en.lessons[lesson]} (${lesson})`);
    for (const p of group) lines.push(`  ${p.name.padEnd(width)}  ${p.title}`);
  }
  return `${lines.join('\n')}\n`;
}

function wantsColor(io: Io): boolean {
  const noColor = io.env?.NO_COLOR;
  return io.isTTY && (noColor === undefined || noColor === '');
}

/** Up to three names within a small edit distance of `name`, or containing it, closest first. */
export function closeNames(name: string, names: readonly string[]): string[] {
  const limit = Math.max(2, Math.floor(name.length / 3));
  return names
    .map((candidate) => ({ candidate, d: editDistance(name.toLowerCase(), candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= limit || (name.length >= 3 && candidate.includes(name)))
    .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate))
    .slice(0, 3)
    .map(({ candidate }) => candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitute = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitute);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** Frames in a pcap written by traceToPcap (little-endian record headers). */
function countFrames(data: Uint8Array): number {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let n = 0;
  for (let offset = 24; offset + 16 <= data.length; n++) offset += 16 + view.getUint32(offset + 8, true);
  return n;
}

function importCapture(command: Extract<Command, { kind: 'import' }>, io: Io): number {
  let bytes: Uint8Array;
  try {
    if (!io.readBytes) throw new Error('reading files is not available');
    bytes = io.readBytes(command.file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${command.file}: cannot read the file${code ? ` (${code})` : ''}`);
  }
  let capture: ReturnType<typeof readCapture>;
  try {
    capture = readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureError) throw new UsageError(`${command.file}: ${e.message}`);
    throw e;
  }
  const streams = tcpStreams(capture.packets);
  if (command.listStreams) {
    if (command.format === 'json') {
      io.stdout(
        `${JSON.stringify(streams.map((s) => ({ index: s.index, a: s.a, b: s.b, packets: s.packets.length, summary: s.summary })))}\n`,
      );
    } else {
      if (streams.length === 0) io.stdout('no TCP conversations in this capture\n');
      for (const s of streams) io.stdout(`${String(s.index).padStart(3)}  ${s.summary}\n`);
    }
    return 0;
  }
  if (streams.length === 0) {
    const skipped = capture.skipped.length > 0 ? ` (${capture.skipped.length} other frames skipped)` : '';
    throw new UsageError(`${command.file}: no TCP conversation in this capture${skipped}`);
  }
  const index = command.stream ?? 0;
  const stream = streams[index];
  if (!stream) {
    throw new UsageError(
      `--stream ${index}: this capture has ${streams.length} TCP stream(s), numbered 0 to ${streams.length - 1} (see --list-streams)`,
    );
  }
  let replay: ReturnType<typeof replayStream>;
  try {
    replay = replayStream(stream, command.profile ?? 'rfc');
  } catch (e) {
    if (e instanceof ReplayError) throw new UsageError(`${command.file}: ${e.message}`);
    throw e;
  }
  if (command.format === 'json') {
    const { scenario, events, final } = replay.trace;
    const out = {
      scenario,
      events,
      final,
      deviations: replay.deviations,
      capture: {
        file: command.file,
        stream: stream.index,
        summary: stream.summary,
        capturePoint: replay.capturePoint,
        latencyMs: replay.latencyMs,
        frames: replay.compared,
        modelAfterCapture: replay.modelAfterCapture,
        matches: replay.matches,
        notes: replay.notes,
      },
    };
    io.stdout(`${JSON.stringify(out)}\n`);
    return 0;
  }
  const lines: string[] = [];
  lines.push(`capture ${command.file}, stream ${stream.index}: ${stream.summary}`);
  lines.push(
    `capture taken near ${replay.capturePoint}; one-way latency ${replay.latencyMs} ms; profile ${replay.trace.scenario.profile}`,
  );
  for (const note of replay.notes) lines.push(`note: ${note}`);
  io.stdout(`${lines.join('\n')}\n\n`);
  io.stdout(formatTrace(replay.trace, { color: wantsColor(io) }));
  const dev = replay.deviations;
  io.stdout(
    `\n${replay.compared} captured frames compared with the model: ${dev.length === 0 ? 'no deviations' : `${dev.length} deviation(s)`}\n`,
  );
  for (const d of dev) {
    io.stdout(`  ${d.frame === null ? '   -' : `#${String(d.frame).padStart(3)}`}  ${d.note}\n`);
    if (d.expected) io.stdout(`        capture: ${d.expected}\n`);
    if (d.actual) io.stdout(`        model:   ${d.actual}\n`);
  }
  if (replay.modelAfterCapture > 0) {
    io.stdout(
      `(${replay.modelAfterCapture} more model segment(s) after the capture ends were not compared)\n`,
    );
  }
  return 0;
}
