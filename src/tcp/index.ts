/**
 * synack's TCP engine: RFC 9293 endpoints on a deterministic, seeded network simulator.
 * Pure TypeScript: no DOM, no Node APIs, no wall clock, no unseeded randomness.
 */
import { Simulation, type SimulationOptions } from './simulator';
import type { Scenario, ScenarioInput, Snapshot, Trace } from './types';

export { segmentArrives } from './arrive';
export { Endpoint } from './endpoint';
export { EXPLAIN_KEYS, EXPLAIN_RFC, type ExplainKey, rfcOf } from './explain';
export { type MonteCarloOptions, type MonteCarloResult, runMonteCarlo } from './montecarlo';
export { PROFILES, type ProfileConstants } from './profile';
export { DEFAULT_PORTS, normalizeScenario } from './scenario';
export { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
export { other, Simulation, type SimulationOptions } from './simulator';
export { type TcbField, tcbFieldKnown, tcbValue } from './snapshot';
export * from './types';

export interface RunOptions {
  seed?: number;
  profile?: 'rfc' | 'linux';
}

/** Run a scenario to the end and return its trace (the pinned entry point). */
export function runScenario(scenario: ScenarioInput | Scenario, options: RunOptions = {}): Trace {
  return new Simulation(scenario, options).run();
}

/** Step-wise API for the UI: a simulation you advance one happening at a time. */
export function createSimulation(
  scenario: ScenarioInput | Scenario,
  options: SimulationOptions = {},
): Simulation {
  return new Simulation(scenario, options);
}

/** A finished run with a snapshot of both endpoints at every event: O(1) time travel. */
export interface Timeline {
  trace: Trace;
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

export function buildTimeline(scenario: ScenarioInput | Scenario, options: RunOptions = {}): Timeline {
  const sim = new Simulation(scenario, { ...options, snapshots: true });
  const initial = sim.snapshot();
  const trace = sim.run();
  return timelineFrom(trace, initial, sim.snapshots as Snapshot[]);
}

/**
 * The pieces a Timeline is made of, as plain data: what a Web Worker posts to the page (structured clone
 * keeps objects and arrays, not the closures of a Timeline).
 */
export interface TimelineParts {
  trace: Trace;
  /** Both endpoints before the first event. */
  initial: Snapshot;
  /** snapshots[i]: both endpoints once events[i] has taken effect (Simulation.snapshots). */
  snapshots: Snapshot[];
}

/** A Timeline over a run's trace and snapshots (from buildTimeline, or posted by a worker). */
export function timelineFrom(trace: Trace, initial: Snapshot, snapshots: readonly Snapshot[]): Timeline {
  const events = trace.events;
  const stateAt = (index: number): Snapshot =>
    index < 0 || snapshots.length === 0
      ? initial
      : (snapshots[Math.min(index, snapshots.length - 1)] as Snapshot);
  return {
    trace,
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
