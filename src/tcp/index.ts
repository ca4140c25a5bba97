/**
 * synack's TCP engine: RFC 9293 endpoints on a deterministic, seeded network simulator.
 * Pure TypeScript: no DOM, no Node APIs, no wall clock, no unseeded randomness.
 */
import { Simulation, type SimulationOptions } from './simulator';
import type { RunOptions } from './timeline';
import type { Scenario, ScenarioInput, Trace } from './types';

export { segmentArrives } from './arrive';
export { EXPLAIN_KEYS, EXPLAIN_RFC, type ExplainKey, rfcOf } from './explain';
export type { Listener, Socket, WorldHost } from './host';
export {
  type MonteCarloOptions,
  type MonteCarloResult,
  MonteCarloRun,
  runMonteCarlo,
  type SetupBin,
} from './montecarlo';
export {
  accepts,
  type CallOptions,
  call,
  fire,
  type Outcome,
  pollAt,
  process,
  type RaisedEvent,
  type Sent,
  type TimerChange,
} from './process';
export { PROFILES, type ProfileConstants } from './profile';
export { DEFAULT_PORTS, normalizeScenario } from './scenario';
export {
  type ActionV2,
  DEFAULT_BACKLOG,
  EPHEMERAL_PORTS,
  MAX_CONNECTIONS,
  MAX_HOSTS,
  type ScenarioV2Input,
} from './scenarioV2';
export { ACK, FIN, PSH, RST, type Seg, SYN } from './segment';
export { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
export { other, Simulation, type SimulationOptions } from './simulator';
export { type TcbField, tcbFieldKnown, tcbValue } from './snapshot';
export { Endpoint } from './tcb';
export {
  buildTimeline,
  type RunOptions,
  type RunProgress,
  type Timeline,
  type TimelineData,
  TimelineRun,
  timelineFromData,
  timelineToData,
} from './timeline';
export * from './traceV2';
export * from './types';
export { runWorld, World, type WorldOptions } from './world';

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
