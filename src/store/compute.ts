/**
 * Running the engine for the page without freezing it. A scenario that finishes within SYNC_EVENT_BUDGET
 * events runs at once, on the page's thread (every preset does: the page opens with its timeline already
 * built). A longer one runs in slices, in a Web Worker (./engine.worker.ts) where there is one, reporting its
 * progress, and can be cancelled; the page keeps showing what it had meanwhile. The page shows at most
 * PAGE_MAX_EVENTS events of a run and says so when a scenario would go on (the CLI runs all of it).
 *
 * The same slicing code runs in the worker and, where workers are missing (jsdom, a worker that failed to
 * load), on the page's thread between timeouts: ./runner.ts.
 */
import { normalizeScenario, Simulation, type TimelineParts } from '../tcp';
import type { Scenario, ScenarioInput, Snapshot } from '../tcp/types';

/**
 * Events a run may take on the page's thread before it is handed to the worker. A timeline costs about
 * 4.5 µs per event to build in Chromium with snapshots (measured on a 65,000-event run with 65,535 one-byte
 * segments in flight), so 10,000 events answer within ~50 ms: half the 100 ms a click may take.
 */
export const SYNC_EVENT_BUDGET = 10_000;

/**
 * The most events the page builds a timeline of: the engine's default maxEvents, so every scenario that does
 * not raise it opens whole. Each event costs about 640 bytes with its snapshot (measured in Node on the same
 * run), so 200,000 events are ~130 MB: what a tab can hold twice (the worker's copy and the page's) on a
 * student's laptop. A scenario that raises maxEvents above it is shown up to it, with a note.
 */
export const PAGE_MAX_EVENTS = 200_000;

/** Events per slice between progress reports (and, on the page's thread, between yields). */
export const SLICE_EVENTS = 2_000;

export interface RunProgress {
  /** Events recorded so far. */
  events: number;
  /** Simulated time reached (ms). */
  t: number;
  /** How far the run is towards whichever of its limits (events or time) comes first, 0..1. */
  fraction: number;
}

/** The page showed fewer events than the scenario would run to. */
export interface PageLimit {
  /** Events shown (PAGE_MAX_EVENTS). */
  shown: number;
  /** The scenario's own options.maxEvents. */
  maxEvents: number;
}

export interface RunResult {
  parts: TimelineParts;
  /** Set when the page stopped the run at PAGE_MAX_EVENTS before the scenario's own limit. */
  limited: PageLimit | null;
}

/** One run of the engine, advanced a slice at a time. */
export class TimelineRun {
  private readonly sim: Simulation;
  private readonly own: Scenario;
  private readonly cap: number;
  private readonly initial: Snapshot;
  private finished = false;

  constructor(input: ScenarioInput, limit = PAGE_MAX_EVENTS) {
    this.own = normalizeScenario(input);
    this.cap = Math.min(this.own.options.maxEvents, limit);
    const capped: Scenario = { ...this.own, options: { ...this.own.options, maxEvents: this.cap } };
    this.sim = new Simulation(capped, { normalized: true, snapshots: true });
    this.initial = this.sim.snapshot();
  }

  get done(): boolean {
    return this.finished;
  }

  /** Process up to `events` more events; true once the run has ended. */
  advance(events: number): boolean {
    const target = this.sim.events.length + events;
    while (!this.finished && this.sim.events.length < target) {
      if (!this.sim.step()) this.finished = true;
    }
    return this.finished;
  }

  /** The run stopped at the cap, and the cap is lower than the scenario's own limit. */
  get stoppedAtCap(): boolean {
    return this.finished && this.sim.truncated && this.sim.events.length >= this.cap;
  }

  progress(): RunProgress {
    const events = this.sim.events.length;
    const t = this.sim.events[events - 1]?.t ?? 0;
    const { maxTimeMs } = this.own.options;
    const byTime = Number.isFinite(maxTimeMs) && maxTimeMs > 0 ? t / maxTimeMs : 0;
    const fraction = this.finished ? 1 : Math.min(0.99, Math.max(events / this.cap, byTime));
    return { events, t, fraction };
  }

  /** The finished run, its trace naming the scenario as given (its own maxEvents, not the page's cap). */
  result(): RunResult {
    const trace = { ...this.sim.trace(), scenario: this.own };
    const limited =
      this.stoppedAtCap && this.own.options.maxEvents > this.cap
        ? { shown: this.cap, maxEvents: this.own.options.maxEvents }
        : null;
    return { parts: { trace, initial: this.initial, snapshots: this.sim.snapshots as Snapshot[] }, limited };
  }
}

/**
 * The run if it ends within `budget` events (at once, on this thread), or null: then it is long enough to
 * run in slices (./runner.ts).
 */
export function runIfShort(input: ScenarioInput, budget = SYNC_EVENT_BUDGET): RunResult | null {
  const run = new TimelineRun(input);
  run.advance(budget);
  if (!run.done) return null;
  return run.result();
}
