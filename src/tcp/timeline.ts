/**
 * Time travel over a run: the trace plus a snapshot of both endpoints at every event, and the way to build
 * one in chunks, with progress and cancellation, so that a page can run the engine in a Web Worker.
 *
 * In a worker (the page's side is the lead's; this is the whole contract):
 *
 *   const run = new TimelineRun(scenario, { profile });
 *   while (!run.done) {
 *     const p = run.advance(20_000);        // at most 20,000 more events, then back to the caller
 *     postMessage({ kind: 'progress', events: p.events, fraction: p.fraction });
 *     await new Promise((r) => setTimeout(r, 0));   // lets a 'cancel' message in
 *     if (cancelled) { run.cancel(); break; }      // or keep nothing: the page may terminate() the worker
 *   }
 *   postMessage({ kind: 'done', timeline: run.data() });   // plain data: structured clone, no methods
 *
 * and in the page: `timelineFromData(message.timeline)` gives back a Timeline with its methods.
 *
 * `TimelineData` is plain objects and arrays (no class instances, no functions), so `postMessage` and
 * `structuredClone` copy it as is; consecutive events whose endpoint did not change share one snapshot
 * object, and the structured clone algorithm keeps that sharing (it serializes a repeated object once). A
 * run that stopped early says so in `trace.truncated` and `trace.truncatedBy` (maxEvents, maxTimeMs, or
 * 'cancelled' for a run stopped with `cancel()`); its snapshots and final states are those at the stop.
 *
 * Memory (npm run bench, "Timeline memory"; Node 20, V8): about 370–400 bytes per event on the heap, half
 * the trace and half the snapshots, for a bulk transfer with loss and for 65,535 one-byte segments in
 * flight alike: a 200,000-event timeline (the default options.maxEvents) is ~80 MB, and ~65 MB as the
 * structured clone postMessage makes of it. That is the figure to budget a page with.
 */
import { Simulation, type SimulationOptions } from './simulator';
import type { Scenario, ScenarioInput, Snapshot, Trace } from './types';

export interface RunOptions {
  seed?: number;
  profile?: 'rfc' | 'linux';
}

/** A finished (or stopped) run as plain data: what a worker posts to the page. */
export interface TimelineData {
  trace: Trace;
  /** Both endpoints before anything happened (the state at index -1). */
  initial: Snapshot;
  /**
   * snapshots[i]: both endpoints once events[i] has taken effect (see Simulation.snapshots for exactly
   * when it is taken); one per event. Unchanged snapshots are the same object.
   */
  snapshots: Snapshot[];
}

/** A run with a snapshot of both endpoints at every event: O(1) time travel. */
export interface Timeline extends TimelineData {
  /**
   * State of both endpoints once events[index] has taken effect (index -1: before anything happened).
   * See Simulation.snapshots for exactly when it is taken.
   */
  stateAt(index: number): Snapshot;
  /** State of both endpoints at the moment events[index] was recorded (= stateAt(index - 1)). */
  stateBefore(index: number): Snapshot;
  /** Index of the last event at or before simulated time t (-1 if none). */
  indexAtTime(t: number): number;
}

/** How far a run has got, and how much of its budget (options.maxEvents, options.maxTimeMs) it has used. */
export interface RunProgress {
  /** Events recorded so far, and the run's limit on them. */
  events: number;
  maxEvents: number;
  /** Simulated time reached (ms), and the run's limit on it. */
  timeMs: number;
  maxTimeMs: number;
  /**
   * max(events / maxEvents, timeMs / maxTimeMs), from 0 to 1: the share of the budget used so far. A run
   * usually ends well before either limit, so this is a lower bound on how much is done (it jumps to 1 at
   * the end), which is what a progress bar for "at most this long" needs.
   */
  fraction: number;
  /** The run has finished (or was stopped); `data()` is its final result. */
  done: boolean;
}

/** Run a scenario to the end and build its timeline (in one go; see TimelineRun for chunks). */
export function buildTimeline(scenario: ScenarioInput | Scenario, options: RunOptions = {}): Timeline {
  const run = new TimelineRun(scenario, options);
  run.advance(Number.POSITIVE_INFINITY);
  return run.timeline();
}

/**
 * A timeline built a chunk at a time. Each `advance(n)` records at most n more events (a chunk ends between
 * two happenings, or at the limit), so a caller can report progress and give other work, such as a cancel
 * message, a turn. The result is identical to `buildTimeline`'s, however it is chunked.
 */
export class TimelineRun {
  private readonly sim: Simulation;
  private readonly initial: Snapshot;
  private finished = false;

  constructor(scenario: ScenarioInput | Scenario, options: RunOptions | SimulationOptions = {}) {
    this.sim = new Simulation(scenario, { ...options, snapshots: true });
    this.initial = this.sim.snapshot();
  }

  get done(): boolean {
    return this.finished;
  }

  get progress(): RunProgress {
    const { maxEvents, maxTimeMs } = this.sim.scenario.options;
    const events = this.sim.eventCount;
    const timeMs = Math.min(this.sim.now, maxTimeMs);
    const fraction = this.finished ? 1 : Math.min(1, Math.max(events / maxEvents, timeMs / maxTimeMs));
    return { events, maxEvents, timeMs, maxTimeMs, fraction, done: this.finished };
  }

  /** Record up to `events` more events (at least one happening is processed unless the run is over). */
  advance(events: number): RunProgress {
    if (!this.finished) {
      const target = this.sim.eventCount + Math.max(1, events);
      while (this.sim.eventCount < target) {
        if (!this.sim.step()) {
          this.finished = true;
          break;
        }
      }
    }
    return this.progress;
  }

  /** Stop here: the timeline so far becomes the result, marked truncated by 'cancelled'. */
  cancel(): void {
    if (this.finished) return;
    this.sim.cancel();
    this.finished = true;
  }

  /** The result as plain data (the trace so far while the run is not done). */
  data(): TimelineData {
    const snapshots = this.sim.snapshots as Snapshot[];
    return { trace: this.sim.trace(), initial: this.initial, snapshots };
  }

  /** The result with its time-travel methods. */
  timeline(): Timeline {
    return timelineFromData(this.data());
  }
}

/** A Timeline's plain data (for postMessage); no copy is made. */
export function timelineToData(timeline: Timeline): TimelineData {
  return { trace: timeline.trace, initial: timeline.initial, snapshots: timeline.snapshots };
}

/** A Timeline around plain data (as posted by a worker, or from timelineToData). */
export function timelineFromData(data: TimelineData): Timeline {
  const { trace, initial, snapshots } = data;
  const events = trace.events;
  const stateAt = (index: number): Snapshot =>
    index < 0 || snapshots.length === 0
      ? initial
      : (snapshots[Math.min(index, snapshots.length - 1)] as Snapshot);
  return {
    trace,
    initial,
    snapshots,
    stateAt,
    stateBefore: (index: number): Snapshot => stateAt(index - 1),
    indexAtTime(t: number): number {
      let lo = 0;
      let hi = events.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((events[mid] as { t: number }).t <= t) {
          found = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      return found;
    },
  };
}
