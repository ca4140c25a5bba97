/**
 * The `sim` command: parse the arguments, run the engine, print. All I/O goes through `io`, so the whole
 * command is testable in-process; sim.ts binds it to the real process. Returns the exit code:
 * 0 success (also when stdout's reader went away: `sim … | head`), 1 the output could not be written or
 * an internal error (one line), 2 bad input (one line on stderr naming the flag, JSON path or byte offset;
 * a long list of problems is cut after MAX_PROBLEMS_SHOWN with a count).
 */
import { en } from '../i18n';
import { CaptureError, readCapture } from '../interop/pcap-read';
import { traceToPcap } from '../interop/pcap-write';
import { ReplayError, replayStream } from '../interop/replay';
import { tcpStreams } from '../interop/streams';
import { checkLessonRuns, runProblemEnglish } from '../lessons/check';
import { formatLessonIssue, MAX_LESSON_BYTES, parseLessonBytes } from '../lessons/schema';
import {
  formatIssue,
  LESSONS,
  listPresets,
  loadPreset,
  type PresetInfo,
  parseAnyScenarioJson,
  type ScenarioIssue,
} from '../scenarios';
import { decodeScenarioBytes } from '../scenarios/decode';
import { type MonteCarloResult, runMonteCarlo, runScenario, runWorld, type ScenarioInput } from '../tcp';
import type { ScenarioV2Input } from '../tcp/scenarioV2';
import type { TraceV2 } from '../tcp/traceV2';
import {
  CAPTURE_INPUT_LIMIT,
  type Command,
  formatSize,
  parseArgs,
  SCENARIO_INPUT_LIMIT,
  USAGE,
} from './args';
import { capLine, echo, echoPath } from './echo';
import { InputTooLargeError, type Io } from './io';
import { formatTrace } from './ladder';
import { renderTraceV2, type TraceV2Format } from './render-v2';
import { MAX_VALUES, MAX_VALUES_V2, oversizedPart } from './shape';

export type { Io };

/**
 * A scenario with 10,000 bad actions has 30,000 problems: the first twenty show what is wrong and where,
 * and fit a terminal without scrolling; a count line says how many more there are.
 */
export const MAX_PROBLEMS_SHOWN = 20;

/**
 * Files longer than this get a look at their shape (shape.ts) before validation. Smaller ones cannot hold
 * enough problems to be slow (1 MB of bad actions is about 85,000 problems, validated in about a second),
 * and skip the second JSON.parse.
 */
const SHAPE_CHECK_FROM = 1024 * 1024;

/** Thrown for bad input; main prints each line as "sim: …" and returns 2. */
class UsageError extends Error {
  readonly lines: readonly string[];
  constructor(lines: string | readonly string[]) {
    const all = typeof lines === 'string' ? [lines] : lines;
    super(all[0]);
    this.lines = all;
  }
}

/** stdout refused the text (with the errno code): the disk is full, the reader went away… */
class OutputError extends Error {
  constructor(readonly code: string) {
    super(`cannot write the output (${code})`);
  }
}

export function main(argv: readonly string[], io: Io): number {
  // Standard error carries messages and progress, never the result: if it cannot be written (the pipe
  // to `head -1` closed), the run goes on.
  const stderr = (text: string) => {
    try {
      io.stderr(text);
    } catch {
      // nothing better to do with a message that cannot be shown
    }
  };
  const guarded: Io = {
    ...io,
    stderr,
    stdout: (text) => {
      try {
        io.stdout(text);
      } catch (e) {
        const code = (e as { code?: unknown } | null)?.code;
        if (typeof code === 'string') throw new OutputError(code);
        throw e;
      }
    },
  };
  try {
    return run(argv, guarded);
  } catch (e) {
    if (e instanceof UsageError) {
      for (const line of e.lines) stderr(`sim: ${capLine(line)}\n`);
      return 2;
    }
    if (e instanceof OutputError) {
      // The reader of stdout went away (`sim … | head`): it has all it wanted.
      if (e.code === 'EPIPE') return 0;
      stderr(`sim: ${e.message}\n`);
      return 1;
    }
    const detail = e instanceof Error ? e.message : String(e);
    stderr(`sim: internal error: ${capLine(detail.split('\n')[0] ?? '')}\n`);
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
    case 'lesson-check':
      return lessonCheck(command, io);
    case 'validate':
      return validateScenario(command, io);
  }
}

/**
 * A scenario file checked, not run: "valid (version N)" on stdout, or its problems by JSON path on stderr
 * with exit status 1 (like lesson-check); 2 when the file cannot be read at all. Version 2 files are
 * checked in full here; no command runs them yet (issue 12's engine).
 */
function validateScenario(command: Extract<Command, { kind: 'validate' }>, io: Io): number {
  const name = command.file === '-' ? 'standard input' : echoPath(command.file);
  const bytes = readInput(
    command.file,
    name,
    io,
    command.maxInputBytes ?? SCENARIO_INPUT_LIMIT,
    'scenario files',
  );
  const decoded = decodeScenarioBytes(bytes);
  if (!decoded.ok) throw new UsageError(`${name}: ${decoded.message}`);
  const oversized = oversizedText(decoded.text);
  const parsed = oversized ? null : parseAnyScenarioJson(decoded.text);
  if (parsed?.ok) {
    io.stdout(`${name}: valid (version ${parsed.version})\n`);
    return 0;
  }
  const lines = oversized ? [oversized] : problemLines(parsed as Extract<typeof parsed, { ok: false }>);
  for (const line of lines) io.stderr(`sim: ${name}: ${capLine(line)}\n`);
  return 1;
}

/** The first MAX_PROBLEMS_SHOWN issues, one line each, and a line counting the rest. */
function problemLines(parsed: { issues: readonly ScenarioIssue[]; issueCount: number }): string[] {
  const shown = parsed.issues.slice(0, MAX_PROBLEMS_SHOWN).map((issue) => formatIssue(issue));
  // The validator keeps the first issues and counts the rest (issueCount).
  const more = Math.max(parsed.issueCount, parsed.issues.length) - shown.length;
  if (more > 0) shown.push(`… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}`);
  return shown.length > 0 ? shown : ['not a valid scenario'];
}

/**
 * Why a long file is too big to be a scenario (shape.ts), or null: only files over SHAPE_CHECK_FROM are
 * looked at, with the bound of the version they claim.
 */
function oversizedText(text: string): string | null {
  if (text.length <= SHAPE_CHECK_FROM) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null; // the validator says where the syntax error is
  }
  const v2 = typeof value === 'object' && value !== null && (value as { version?: unknown }).version === 2;
  return oversizedPart(value, v2 ? MAX_VALUES_V2 : MAX_VALUES);
}

/**
 * An instructor's lesson file: the schema's issues by JSON path, then what only its runs can show (an
 * anchor that names no event, a checkpoint without an answer), one line each. Exit status 1 when the
 * lesson has problems (like a linter), 2 when the file cannot be read at all.
 */
function lessonCheck(command: Extract<Command, { kind: 'lesson-check' }>, io: Io): number {
  const name = command.file === '-' ? 'standard input' : echoPath(command.file);
  let bytes: Uint8Array;
  try {
    if (!io.readBytes) throw new Error('reading files is not available');
    bytes = io.readBytes(command.file, MAX_LESSON_BYTES);
  } catch (e) {
    if (e instanceof InputTooLargeError)
      throw new UsageError(
        `${name}: larger than ${formatSize(MAX_LESSON_BYTES)}, the limit for lesson files`,
      );
    throw new UsageError(`${name}: cannot read the file (${readErrorReason(e)})`);
  }
  const parsed = parseLessonBytes(bytes);
  const lines: string[] = [];
  if (!parsed.ok) {
    for (const issue of parsed.issues.slice(0, MAX_PROBLEMS_SHOWN)) lines.push(formatLessonIssue(issue));
    const more = Math.max(parsed.issueCount, parsed.issues.length) - lines.length;
    if (more > 0) lines.push(`… and ${more.toLocaleString('en-US')} more problem${more === 1 ? '' : 's'}`);
  } else {
    const seeds = command.seed === undefined ? [undefined] : [undefined, command.seed];
    const seen = new Set<string>();
    for (const seed of seeds)
      for (const problem of checkLessonRuns(parsed.lesson, seed)) {
        const line = runProblemEnglish(problem) + (seed === undefined ? '' : ` (with --seed ${seed})`);
        if (!seen.has(problem.path)) lines.push(line);
        seen.add(problem.path);
      }
  }
  if (lines.length > 0) {
    for (const line of lines) io.stderr(`sim: ${name}: ${capLine(line)}\n`);
    return 1;
  }
  const lesson = (parsed as Extract<typeof parsed, { ok: true }>).lesson;
  const checkpoints = lesson.steps.filter((step) => step.checkpoint).length;
  io.stdout(
    `${name}: lesson "${lesson.id}" is valid: ${lesson.steps.length} step${lesson.steps.length === 1 ? '' : 's'}, ${checkpoints} checkpoint${checkpoints === 1 ? '' : 's'}; every anchor names an event and every checkpoint has an answer\n`,
  );
  return 0;
}

function runOne(command: Extract<Command, { kind: 'run' }>, io: Io): number {
  const isFile = looksLikePath(command.target);
  if (command.out !== undefined && isFile && command.target !== '-') {
    // Checked before the run (a long run must not end in this refusal), and even with --force.
    const input = io.fileId?.(command.target) ?? null;
    if (input !== null && input === (io.fileId?.(command.out) ?? null)) {
      throw new UsageError(
        `--out ${echoPath(command.out)}: that is the scenario file being run; write the pcap to another file`,
      );
    }
  }
  const resolved = resolveScenario(command.target, io, command.maxInputBytes);
  const options: { seed?: number; profile?: 'rfc' | 'linux' } = {};
  if (command.seed !== undefined) options.seed = command.seed;
  if (command.profile !== undefined) options.profile = command.profile;
  if (resolved.version === 2) {
    // A world of hosts (issue 12): the ladder has a column per host, the pcap each host's address.
    const world = runWorld(resolved.scenario, options);
    if (command.captureAt !== undefined && !Object.hasOwn(world.hosts, command.captureAt)) {
      const hosts = Object.keys(world.hosts);
      throw new UsageError(
        `--capture-at must name a host of the scenario (${hosts.map((h) => echo(h)).join(', ')}), not "${echo(command.captureAt)}"`,
      );
    }
    return emitTraceV2(world, command, io);
  }
  if (command.captureAt !== undefined && command.captureAt !== 'A' && command.captureAt !== 'B')
    throw new UsageError(
      `--capture-at must be A or B for a version 1 scenario, not "${echo(command.captureAt)}"`,
    );
  const scenario = resolved.scenario;
  const trace = runScenario(scenario, options);
  if (command.format === 'pcap') {
    const data = traceToPcap(trace, command.captureAt ? { captureAt: command.captureAt } : {});
    writePcapFile(
      command.out as string,
      data,
      data.length > 24 ? countFrames(data) : 0,
      command.force === true,
      io,
    );
    return 0;
  }
  if (command.format === 'json') {
    io.stdout(`${JSON.stringify(trace)}\n`);
  } else {
    io.stdout(formatTrace(trace, { color: wantsColor(io) }));
  }
  return 0;
}

/** A pcap for --out: refused when the file exists (unless --force); one line on stderr says what was written. */
function writePcapFile(out: string, data: Uint8Array, frames: number, force: boolean, io: Io): void {
  try {
    if (!io.writeFile) throw new Error('writing files is not available');
    io.writeFile(out, data, { force });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UsageError(`--out ${echoPath(out)}: the file exists (add --force to replace it)`);
    }
    throw new UsageError(`--out ${echoPath(out)}: cannot write the file${code ? ` (${code})` : ''}`);
  }
  io.stderr(`sim: wrote ${echoPath(out)}: ${frames} frames, ${data.length} bytes (libpcap, Ethernet)\n`);
}

/**
 * Where `sim FILE.json` sends a version 2 trace (issue 12): stdout for the ladder and JSON, the --out file
 * for pcap, as for a v1 trace (renderTraceV2 says what). Returns the exit code.
 */
export function emitTraceV2(
  trace: TraceV2,
  command: { format: TraceV2Format; out?: string; force?: boolean; captureAt?: string },
  io: Io,
): number {
  try {
    if (command.format === 'pcap' && command.out === undefined)
      throw new UsageError('--format pcap needs --out FILE (a pcap is binary: it is not printed)');
    const output = renderTraceV2(trace, command.format, {
      color: wantsColor(io),
      ...(command.captureAt !== undefined ? { captureAt: command.captureAt } : {}),
    });
    if (output.kind === 'stdout') io.stdout(output.text);
    else writePcapFile(command.out as string, output.data, output.frames, command.force === true, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      for (const line of e.lines) io.stderr(`sim: ${capLine(line)}\n`);
      return 2;
    }
    throw e;
  }
}

/** Anything ending in .json or containing a slash, or "-" (standard input), is a scenario file. */
function looksLikePath(target: string): boolean {
  return target === '-' || /\.json$/i.test(target) || /[/\\]/.test(target);
}

/** A preset by name, or a scenario file (at most `maxBytes`, UTF-8 with or without a BOM) read and validated. */
function resolveScenario(
  target: string,
  io: Io,
  maxBytes = SCENARIO_INPUT_LIMIT,
): { version: 1; scenario: ScenarioInput } | { version: 2; scenario: ScenarioV2Input } {
  if (!looksLikePath(target)) {
    const preset = loadPreset(target);
    if (preset) return { version: 1, scenario: preset };
    // A name as long as a book is no preset's misspelling: skip the (quadratic) edit distance.
    const close =
      target.length <= 200
        ? closeNames(
            target,
            listPresets().map((p) => p.name),
          )
        : [];
    const hint = close.length > 0 ? `; did you mean ${close.join(', ')}?` : '';
    throw new UsageError(`unknown preset "${echo(target)}"${hint} (sim --list shows them all)`);
  }
  const name = target === '-' ? 'standard input' : echoPath(target);
  const bytes = readInput(target, name, io, maxBytes, 'scenario files');
  const decoded = decodeScenarioBytes(bytes);
  if (!decoded.ok) throw new UsageError(`${name}: ${decoded.message}`);
  const oversized = oversizedText(decoded.text);
  if (oversized) throw new UsageError(`${name}: ${oversized}`);
  const parsed = parseAnyScenarioJson(decoded.text);
  if (!parsed.ok) throw new UsageError(problemLines(parsed).map((line) => `${name}: ${line}`));
  return parsed.version === 2
    ? { version: 2, scenario: parsed.scenario }
    : { version: 1, scenario: parsed.scenario };
}

/** The bytes of a file (or standard input for "-"), refused with one line when over `maxBytes`. */
function readInput(path: string, name: string, io: Io, maxBytes: number, kind: string): Uint8Array {
  try {
    if (!io.readBytes) throw new Error('reading files is not available');
    return io.readBytes(path, maxBytes);
  } catch (e) {
    if (e instanceof InputTooLargeError) {
      throw new UsageError(
        `${name}: larger than the ${formatSize(maxBytes)} limit for ${kind} (use --max-input-size to raise it)`,
      );
    }
    throw new UsageError(`${name}: cannot read the file (${readErrorReason(e)})`);
  }
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
      if (typeof code === 'string') return code;
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
  let width = 0;
  for (const p of presets) width = Math.max(width, p.name.length);
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
  const name = command.file === '-' ? 'standard input' : echoPath(command.file);
  const limit = command.maxInputBytes ?? CAPTURE_INPUT_LIMIT;
  const bytes = readInput(command.file, name, io, limit, 'captures');
  let capture: ReturnType<typeof readCapture>;
  try {
    capture = readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureError) throw new UsageError(`${name}: ${e.message}`);
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
    throw new UsageError(`${name}: no TCP conversation in this capture${skipped}`);
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
    if (e instanceof ReplayError) throw new UsageError(`${name}: ${e.message}`);
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
  lines.push(`capture ${name}, stream ${stream.index}: ${stream.summary}`);
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
