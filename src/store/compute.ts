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
// The engine's modules, not its barrel (src/tcp/index.ts): the barrel also re-exports the world (v2), which
// must stay out of the page's first download (it loads with the first v2 scenario, ./jobs.ts).
import { normalizeScenario } from '../tcp/scenario';
import { type RunProgress, type TimelineData, TimelineRun } from '../tcp/timeline';
import type { Scenario, ScenarioInput } from '../tcp/types';

/**
 * Events a run may take on the page's thread before it is handed to the worker. A timeline costs about
 * 4.5 µs per event to build with snapshots (Node 20 on this project's 2-core machine: 1,000,000 events of
 * 65,535 one-byte segments in flight in 4.7 s), so 10,000 events answer within ~50 ms: half the 100 ms a
 * click may take.
 */
export const SYNC_EVENT_BUDGET = 10_000;

/**
 * The most events the page builds a timeline of: the engine's default maxEvents, so every scenario that does
 * not raise it opens whole. Each event costs about 400 bytes with its snapshot on the heap and ~330 bytes as
 * the structured clone a worker posts (src/tcp/timeline.ts, npm run bench), so 200,000 events are ~80 MB,
 * held twice for a moment (the worker's copy and the page's): what a student's laptop tab can afford. A
 * scenario that raises maxEvents above it is shown up to it, with a note.
 */
export const PAGE_MAX_EVENTS = 200_000;

/** Events per slice between progress reports (and, on the page's thread, between yields). */
export const SLICE_EVENTS = 2_000;

/** The page showed fewer events than the scenario would run to. */
export interface PageLimit {
  /** Events shown (PAGE_MAX_EVENTS). */
  shown: number;
  /** The scenario's own options.maxEvents. */
  maxEvents: number;
}

export interface RunResult {
  data: TimelineData;
  /** Set when the page stopped the run at PAGE_MAX_EVENTS before the scenario's own limit. */
  limited: PageLimit | null;
}

/** A run for the page: the engine's TimelineRun, capped at PAGE_MAX_EVENTS. */
export class PageRun {
  private readonly run: TimelineRun;
  private readonly own: Scenario;
  private readonly cap: number;

  constructor(input: ScenarioInput, limit = PAGE_MAX_EVENTS) {
    this.own = normalizeScenario(input);
    this.cap = Math.min(this.own.options.maxEvents, limit);
    const capped: Scenario = { ...this.own, options: { ...this.own.options, maxEvents: this.cap } };
    this.run = new TimelineRun(capped, { normalized: true });
  }

  get done(): boolean {
    return this.run.done;
  }

  advance(events: number): RunProgress {
    return this.run.advance(events);
  }

  /** The finished run, its trace naming the scenario as given (its own maxEvents, not the page's cap). */
  result(): RunResult {
    const data = this.run.data();
    const stoppedAtCap = data.trace.truncatedBy === 'maxEvents' && this.own.options.maxEvents > this.cap;
    return {
      data: { ...data, trace: { ...data.trace, scenario: this.own } },
      limited: stoppedAtCap ? { shown: this.cap, maxEvents: this.own.options.maxEvents } : null,
    };
  }
}

/**
 * The run if it ends within `budget` events (at once, on this thread), or null: then it is long enough to
 * run in slices (./runner.ts).
 */
export function runIfShort(input: ScenarioInput, budget = SYNC_EVENT_BUDGET): RunResult | null {
  const run = new PageRun(input);
  run.advance(budget);
  if (!run.done) return null;
  return run.result();
}
