/**
 * The long work the page hands off (./runner.ts): building a scenario's timeline, reading a capture and
 * replaying one of its TCP conversations, and the statistics lab's Monte Carlo runs. Each job is an async generator that yields its progress between
 * slices of work and returns plain data (structured-clone safe, so a Web Worker can post it). The same code
 * runs in the worker and on the page's thread.
 */
import type { Replay } from '../interop/replay';
import type { TcpStream } from '../interop/streams';
import { type MonteCarloResult, MonteCarloRun, type SetupBin } from '../tcp/montecarlo';
import type { ScenarioV2Input } from '../tcp/scenarioV2';
import type { SnapshotV2, TraceV2 } from '../tcp/traceV2';
import type { Profile, ScenarioInput } from '../tcp/types';
import { PAGE_MAX_EVENTS, PageRun, type RunResult, SLICE_EVENTS } from './compute';

export type JobRequest =
  | { kind: 'timeline'; scenario: ScenarioInput }
  /** A version 2 scenario (several hosts and connections), run by the world (src/tcp/world.ts). */
  | { kind: 'world'; scenario: ScenarioV2Input }
  | { kind: 'capture'; name: string; bytes: Uint8Array; profile: 'rfc' | 'linux' }
  | { kind: 'replay'; stream: TcpStream; profile: 'rfc' | 'linux' }
  /** `sim montecarlo` with the same numbers (src/tcp/montecarlo.ts): the statistics lab. */
  | { kind: 'montecarlo'; runs: number; lossRate: number; latencyMs: number; profile: Profile; seed: number };

/**
 * Lifecycles per slice of a Monte Carlo job. One lifecycle takes ~4 µs on a laptop core (the CLI's 280,000
 * a second), up to ~40 µs on a slow or shared one, so 500 runs are 2–20 ms: progress moves smoothly, and on
 * the page's thread (no worker) a slice stays well inside the 100 ms a click may wait.
 */
export const MONTECARLO_SLICE_RUNS = 500;

export interface JobProgress {
  phase: 'run' | 'read' | 'replay' | 'montecarlo';
  /** Events recorded so far (phase 'run'). */
  events?: number;
  /** Lifecycles run so far (phase 'montecarlo'). */
  runs?: number;
  /** 0..1, or null when the work cannot tell how far it is (reading a capture, replaying it). */
  fraction: number | null;
}

/** Why a capture could not be opened, as data (the store turns it into a problem in the reader's language). */
export type CaptureFailure =
  | { kind: 'unreadable'; message: string; offset?: number; frame?: number }
  | { kind: 'no-tcp'; skipped: number }
  | { kind: 'replay'; message: string; stream: number };

export type JobResult =
  | { kind: 'timeline'; result: RunResult }
  /** A world's trace, and per event the sockets it changed (WorldRecorder's snapshots, rebuilt by the page). */
  | { kind: 'world'; trace: TraceV2; changes: SnapshotV2[] }
  | {
      kind: 'capture';
      ok: true;
      format: 'pcap' | 'pcapng';
      streams: TcpStream[];
      replay: Replay;
      skipped: number;
    }
  | { kind: 'capture'; ok: false; failure: CaptureFailure }
  | { kind: 'replay'; ok: true; replay: Replay }
  | { kind: 'replay'; ok: false; failure: CaptureFailure }
  /** The same summary as `sim montecarlo --format json`, and the setup times counted by value. */
  | { kind: 'montecarlo'; result: MonteCarloResult; histogram: SetupBin[] }
  | { kind: 'cancelled' };

/** The capture reader and the replay: loaded on the first capture, never with the page. */
const loadInterop = () =>
  Promise.all([
    import('../interop/pcap-read'),
    import('../interop/replay'),
    import('../interop/streams'),
  ]).then(([read, replay, streams]) => ({ ...read, ...replay, ...streams }));

export async function* execute(request: JobRequest): AsyncGenerator<JobProgress, JobResult> {
  switch (request.kind) {
    case 'timeline': {
      const run = new PageRun(request.scenario);
      for (let p = run.advance(SLICE_EVENTS); !p.done; p = run.advance(SLICE_EVENTS)) {
        yield { phase: 'run', events: p.events, fraction: Math.min(0.99, p.fraction) };
      }
      return { kind: 'timeline', result: run.result() };
    }
    case 'world': {
      // The world's modules load with the first v2 scenario, never with the page (nor the v1 runs).
      const { World } = await import('./worldEngine');
      // The page holds at most PAGE_MAX_EVENTS events, as for v1 (a world that asks for more stops there).
      const own = request.scenario;
      const maxEvents = Math.min(own.options?.maxEvents ?? PAGE_MAX_EVENTS, PAGE_MAX_EVENTS);
      const world = new World({ ...own, options: { ...own.options, maxEvents } }, { snapshots: true });
      for (let n = 0; world.step(); n++) {
        if (n % SLICE_EVENTS === SLICE_EVENTS - 1)
          yield { phase: 'run', events: world.eventCount, fraction: null };
      }
      return { kind: 'world', trace: world.trace(), changes: world.recorder.changes ?? [] };
    }
    case 'capture': {
      yield { phase: 'read', fraction: null };
      const interop = await loadInterop();
      let capture: ReturnType<typeof interop.readCapture>;
      try {
        capture = interop.readCapture(request.bytes);
      } catch (e) {
        if (e instanceof interop.CaptureError) {
          return {
            kind: 'capture',
            ok: false,
            failure: {
              kind: 'unreadable',
              message: e.message,
              offset: e.offset,
              ...(e.frame === undefined ? {} : { frame: e.frame }),
            },
          };
        }
        return { kind: 'capture', ok: false, failure: { kind: 'unreadable', message: String(e) } };
      }
      const streams = interop.tcpStreams(capture.packets);
      const first = streams[0];
      if (!first) {
        return { kind: 'capture', ok: false, failure: { kind: 'no-tcp', skipped: capture.skipped.length } };
      }
      yield { phase: 'replay', fraction: null };
      const replayed = replayOne(interop, first, request.profile);
      if ('failure' in replayed) return { kind: 'capture', ok: false, failure: replayed.failure };
      return {
        kind: 'capture',
        ok: true,
        format: capture.format,
        streams,
        replay: replayed.replay,
        skipped: capture.skipped.length,
      };
    }
    case 'montecarlo': {
      const run = new MonteCarloRun(request);
      while (run.done < run.runs) {
        run.advance(MONTECARLO_SLICE_RUNS);
        if (run.done < run.runs) {
          yield { phase: 'montecarlo', runs: run.done, fraction: run.done / run.runs };
        }
      }
      return { kind: 'montecarlo', result: run.result(), histogram: run.histogram() };
    }
    case 'replay': {
      yield { phase: 'replay', fraction: null };
      const interop = await loadInterop();
      const replayed = replayOne(interop, request.stream, request.profile);
      if ('failure' in replayed) return { kind: 'replay', ok: false, failure: replayed.failure };
      return { kind: 'replay', ok: true, replay: replayed.replay };
    }
  }
}

function replayOne(
  interop: Awaited<ReturnType<typeof loadInterop>>,
  stream: TcpStream,
  profile: 'rfc' | 'linux',
): { replay: Replay } | { failure: CaptureFailure } {
  try {
    return { replay: interop.replayStream(stream, profile) };
  } catch (e) {
    const message = e instanceof interop.ReplayError ? e.message : String(e);
    return { failure: { kind: 'replay', message, stream: stream.index } };
  }
}
