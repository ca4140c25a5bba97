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
  const { runs } = options;
  const run = new MonteCarloRun(options);
  const clock = options.clock;
  const started = clock ? clock() : 0;
  const every = Math.max(1, options.progressEvery ?? 10_000);
  while (run.done < runs) {
    // Up to the next progress point: the loop is the same whether or not anyone listens.
    const next = Math.min(runs, (Math.floor(run.done / every) + 1) * every);
    run.advance(next - run.done);
    if (options.onProgress) options.onProgress(run.done, runs);
  }
  const elapsedMs = clock ? clock() - started : 0;
  return run.result(elapsedMs);
}

/** One setup time (ms, A's connect() to A's ESTABLISHED) and how many runs took exactly that long. */
export interface SetupBin {
  ms: number;
  runs: number;
}

/**
 * The runs of runMonteCarlo a slice at a time, so a caller that must stay responsive (the page's worker job,
 * src/store/jobs.ts) can report progress and yield between slices: run i always uses seed + i, so slicing
 * changes no number.
 */
export class MonteCarloRun {
  readonly runs: number;
  private readonly base: Scenario;
  private readonly seed: number;
  // Setup times counted by value, not stored one per run (10^8 runs once kept an 800 MB Float64Array). The
  // lifecycle has no jitter, so a setup time is the latency times the round trips plus a sum of
  // retransmission timeouts: a few dozen distinct values (200,000 runs at 10 %, 50 % and 90 % loss give 14,
  // 33 and 33), and the percentiles read from these counts are exactly those of the sorted list of every
  // run's time.
  private readonly setupCounts = new Map<number, number>();
  private established = 0;
  private failed = 0;
  private setupSum = 0;
  /** Runs done so far. */
  done = 0;
  private sim: Simulation | null = null;

  constructor(options: Omit<MonteCarloOptions, 'onProgress' | 'progressEvery' | 'clock'>) {
    this.runs = options.runs;
    this.seed = options.seed ?? 1;
    this.base = lifecycleScenario(
      options.lossRate,
      options.latencyMs ?? 50,
      options.profile ?? 'rfc',
      this.seed,
    );
  }

  /** Run up to `count` more lifecycles (never past `runs`). */
  advance(count: number): void {
    const until = Math.min(this.runs, this.done + count);
    let sim = this.sim;
    for (let i = this.done; i < until; i++) {
      const seed = (this.seed + i) >>> 0;
      // One Simulation for every run, started over under each run's seed (no trace, no snapshots).
      if (sim === null) {
        sim = new Simulation({ ...this.base, seed }, { trace: false, normalized: true });
        this.sim = sim;
      } else {
        sim.rerun(seed);
      }
      while (sim.step()) {
        // to the end of the lifecycle
      }
      const a = sim.endpoints.A;
      const b = sim.endpoints.B;
      if (a.connectedAt !== null && a.connectCalledAt !== null) {
        const setup = a.connectedAt - a.connectCalledAt;
        this.setupCounts.set(setup, (this.setupCounts.get(setup) ?? 0) + 1);
        this.established++;
        this.setupSum += setup;
      }
      if (a.error !== null || b.error !== null || a.connectedAt === null) this.failed++;
    }
    this.done = until;
  }

  /** The established runs' setup times, shortest first, with how many runs took each. */
  histogram(): SetupBin[] {
    return [...this.setupCounts.entries()].sort((x, y) => x[0] - y[0]).map(([ms, runs]) => ({ ms, runs }));
  }

  /** The summary of the runs done so far (all of them once `done === runs`). */
  result(elapsedMs = 0): MonteCarloResult {
    const { established } = this;
    const bins = this.histogram();
    // Nearest rank: the value at 1-based position ceil(q·n) of the sorted times.
    const pick = (q: number) => {
      if (established === 0) return 0;
      const rank = Math.min(established, Math.ceil(q * established));
      let seen = 0;
      for (const bin of bins) {
        seen += bin.runs;
        if (seen >= rank) return bin.ms;
      }
      return (bins[bins.length - 1] as SetupBin).ms;
    };
    return {
      runs: this.done,
      established,
      failed: this.failed,
      setupMs: {
        mean: established === 0 ? 0 : round3(this.setupSum / established),
        p50: pick(0.5),
        p90: pick(0.9),
        p99: pick(0.99),
        max: established === 0 ? 0 : (bins[bins.length - 1] as SetupBin).ms,
      },
      elapsedMs: round3(elapsedMs),
      connPerSec: elapsedMs > 0 ? Math.round((this.done / elapsedMs) * 1000) : 0,
    };
  }
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
