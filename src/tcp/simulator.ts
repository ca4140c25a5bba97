/**
 * The v1 facade (docs/design/engine-v2.md §2): a v1 scenario runs in the World as hosts A and B, each with
 * its one endpoint record, and Simulation keeps v1's API for the timeline, Monte Carlo, the store and the
 * CLI: its trace, snapshots and endpoints are v1's, field for field (test/tcp/golden), and its events carry
 * the world's `host` and `conn` ("c1") besides.
 */
import { normalizeScenario, type Overrides } from './scenario';
import type { Endpoint } from './tcb';
import type {
  EndpointName,
  FinalEndpoint,
  Scenario,
  ScenarioInput,
  Snapshot,
  Trace,
  TraceEvent,
  TruncatedBy,
} from './types';
import { type V1Endpoints, World } from './world';

export interface SimulationOptions extends Overrides {
  /** Record trace events (default true). The Monte Carlo runner turns this off for speed. */
  trace?: boolean;
  /** Record both endpoints' snapshots at every event, for time travel (default false). */
  snapshots?: boolean;
  /** Called after each event is recorded (used to replay to an exact event). */
  onEvent?: (event: TraceEvent, index: number, sim: Simulation) => void;
  /** The input is already a normalized Scenario (skip normalizing; used by the Monte Carlo loop). */
  normalized?: boolean;
}

export function other(name: EndpointName): EndpointName {
  return name === 'A' ? 'B' : 'A';
}

export class Simulation {
  readonly scenario: Scenario;
  readonly world: World;
  readonly endpoints: Record<EndpointName, Endpoint>;

  constructor(input: ScenarioInput | Scenario, options: SimulationOptions = {}) {
    const scenario = options.normalized ? (input as Scenario) : normalizeScenario(input, options);
    this.scenario = scenario;
    const onEvent = options.onEvent;
    this.world = new World(scenario, {
      trace: options.trace ?? true,
      snapshots: options.snapshots ?? false,
      onEvent: onEvent ? (ev, index) => onEvent(ev as unknown as TraceEvent, index, this) : undefined,
    });
    const v1 = this.world.v1 as V1Endpoints;
    this.endpoints = { A: v1.A, B: v1.B };
  }

  get now(): number {
    return this.world.now;
  }

  /** The events, each with v1's fields (and the world's `host`, `conn`). */
  get events(): TraceEvent[] {
    return this.world.events as unknown as TraceEvent[];
  }

  /**
   * snapshots[i] is the state of both endpoints once events[i] has taken effect: taken when the next event
   * is recorded, or when the happening that produced events[i] has been fully processed (whichever is
   * first). So a delivered segment's snapshot shows what processing it changed (SND.UNA advanced, a timer
   * cancelled) up to its next consequence, and the last event of a run shows the final TCBs. Every state
   * change is recorded before it is applied (see enterState in tcb.ts), so the event before it still shows
   * the old state.
   */
  get snapshots(): Snapshot[] | null {
    return this.world.recorder.v1Snapshots;
  }

  /** The run stopped early: at options.maxTimeMs, or at options.maxEvents, or cancelled. */
  get truncated(): boolean {
    return this.world.truncated;
  }

  get truncatedBy(): TruncatedBy | null {
    return this.world.truncatedBy;
  }

  get done(): boolean {
    return this.world.done;
  }

  /** Happenings waiting (arrivals, calls, armed timers): what a run holds beyond its trace. */
  get queued(): number {
    return this.world.queueSize + this.endpoints.A.timers.length + this.endpoints.B.timers.length;
  }

  /** Events recorded so far (or, when not tracing, that would have been). */
  get eventCount(): number {
    return this.world.eventCount;
  }

  /** Process the next happening. Returns false when the simulation has finished. */
  step(): boolean {
    return this.world.step();
  }

  /** Stop between two happenings: the trace so far is the result, truncated by 'cancelled'. */
  cancel(): void {
    this.world.cancel();
  }

  /** Run to the end and return the trace. */
  run(): Trace {
    while (this.world.step()) {
      // keep going
    }
    return this.trace();
  }

  trace(): Trace {
    const trace: Trace = {
      scenario: this.scenario,
      events: this.events,
      final: { A: finalOf(this.endpoints.A), B: finalOf(this.endpoints.B) },
    };
    if (this.world.truncated) {
      trace.truncated = true;
      if (this.world.truncatedBy) trace.truncatedBy = this.world.truncatedBy;
    }
    return trace;
  }

  snapshot(): Snapshot {
    return { A: this.endpoints.A.snapshot(), B: this.endpoints.B.snapshot() };
  }
}

/** An endpoint's final state for the trace (a module function: no closure made per run). */
function finalOf(ep: Endpoint): FinalEndpoint {
  return ep.error ? { state: ep.state, error: ep.error } : { state: ep.state };
}
