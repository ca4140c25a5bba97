/**
 * Monte Carlo: many independent full lifecycles (B listens, A connects, A closes once connected,
 * B closes on EOF) on a lossy network, summarised. No trace is recorded, so this is the engine's hot path.
 * The wall clock is injected by the caller: the engine itself never reads one.
 */
import { normalizeScenario } from './scenario';
import { Simulation } from './simulator';
import type { Profile, Scenario } from './types';

export interface MonteCarloOptions {
  runs: number;
  /** Loss probability in [0, 1]. */
  lossRate: number;
  latencyMs?: number;
  profile?: Profile;
  seed?: number;
  /** Called every `progressEvery` runs and at the end. */
  onProgress?: (done: number, runs: number) => void;
  progressEvery?: number;
  /** A monotonic clock in ms, supplied by the caller (the CLI passes the platform timer), used only to report elapsedMs and connPerSec. */
  clock?: () => number;
}

export interface MonteCarloResult {
  runs: number;
  established: number;
  failed: number;
  setupMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  elapsedMs: number;
  connPerSec: number;
}

export function lifecycleScenario(
  lossRate: number,
  latencyMs: number,
  profile: Profile,
  seed: number,
): Scenario {
  return normalizeScenario({
    version: 1,
    name: 'Monte Carlo lifecycle',
    seed,
    profile,
    network: { latencyMs, lossRate },
    endpoints: { A: { closeOnConnect: true }, B: { closeOnEof: true } },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 0, endpoint: 'A', call: 'connect' },
    ],
  });
}

export function runMonteCarlo(options: MonteCarloOptions): MonteCarloResult {
  const { runs, lossRate } = options;
  const seed = options.seed ?? 1;
  const base = lifecycleScenario(lossRate, options.latencyMs ?? 50, options.profile ?? 'rfc', seed);
  const clock = options.clock;
  const started = clock ? clock() : 0;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  // Setup times counted by value, not stored one per run (10^8 runs once kept an 800 MB Float64Array). The
  // lifecycle has no jitter, so a setup time is the latency times the round trips plus a sum of
  // retransmission timeouts: a few dozen distinct values (200,000 runs at 10 %, 50 % and 90 % loss give 14,
  // 33 and 33), and the percentiles read from these counts are exactly those of the sorted list of every
  // run's time.
  const setupCounts = new Map<number, number>();
  let established = 0;
  let failed = 0;
  let setupSum = 0;
  for (let i = 0; i < runs; i++) {
    const sim = new Simulation({ ...base, seed: (seed + i) >>> 0 }, { trace: false, normalized: true });
    sim.run();
    const a = sim.endpoints.A;
    const b = sim.endpoints.B;
    if (a.connectedAt !== null && a.connectCalledAt !== null) {
      const setup = a.connectedAt - a.connectCalledAt;
      setupCounts.set(setup, (setupCounts.get(setup) ?? 0) + 1);
      established++;
      setupSum += setup;
    }
    if (a.error !== null || b.error !== null || a.connectedAt === null) failed++;
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === runs)) options.onProgress(i + 1, runs);
  }
  const elapsedMs = clock ? clock() - started : 0;
  const values = [...setupCounts.keys()].sort((x, y) => x - y);
  // Nearest rank: the value at 1-based position ceil(q·n) of the sorted times.
  const pick = (q: number) => {
    if (established === 0) return 0;
    const rank = Math.min(established, Math.ceil(q * established));
    let seen = 0;
    for (const value of values) {
      seen += setupCounts.get(value) as number;
      if (seen >= rank) return value;
    }
    return values[values.length - 1] as number;
  };
  return {
    runs,
    established,
    failed,
    setupMs: {
      mean: established === 0 ? 0 : round3(setupSum / established),
      p50: pick(0.5),
      p90: pick(0.9),
      p99: pick(0.99),
      max: established === 0 ? 0 : (values[values.length - 1] as number),
    },
    elapsedMs: round3(elapsedMs),
    connPerSec: elapsedMs > 0 ? Math.round((runs / elapsedMs) * 1000) : 0,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
