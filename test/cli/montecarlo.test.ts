/**
 * Monte Carlo percentiles in bounded memory. The oracle: each run's setup time read from its own trace
 * (A's connect call to A entering ESTABLISHED), sorted, and the nearest-rank percentile by its definition
 * (the value at 1-based position ceil(q·n)).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp';
import { lifecycleScenario, runMonteCarlo } from '../../src/tcp/montecarlo';
import { sim } from './helpers';

function setupTimesFromTraces(runs: number, lossRate: number, latencyMs: number, seed: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const trace = runScenario(lifecycleScenario(lossRate, latencyMs, 'rfc', (seed + i) >>> 0));
    const connect = trace.events.find((e) => e.type === 'call' && e.endpoint === 'A' && e.call === 'connect');
    const established = trace.events.find(
      (e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'ESTABLISHED',
    );
    if (connect && established) times.push(established.t - connect.t);
  }
  return times;
}

function nearestRank(sorted: readonly number[], q: number): number {
  return sorted[Math.ceil(q * sorted.length) - 1] as number;
}

describe('sim montecarlo percentiles', () => {
  it.each([
    [400, 0.3, 50, 1],
    [250, 0.5, 20, 7],
    [101, 0.1, 0.3, 99],
  ])('%i runs at loss %f, latency %f ms, seed %i: exactly the sorted list’s', (runs, loss, latency, seed) => {
    const sorted = setupTimesFromTraces(runs, loss, latency, seed).sort((a, b) => a - b);
    const result = runMonteCarlo({ runs, lossRate: loss, latencyMs: latency, seed });
    expect(result.established).toBe(sorted.length);
    expect(result.setupMs).toEqual({
      mean: Math.round((sorted.reduce((s, t) => s + t, 0) / sorted.length) * 1000) / 1000,
      p50: nearestRank(sorted, 0.5),
      p90: nearestRank(sorted, 0.9),
      p99: nearestRank(sorted, 0.99),
      max: sorted[sorted.length - 1],
    });
    // Losses at 30 % and more spread the times over several retransmission rounds: the test is not trivial.
    if (loss >= 0.3) expect(new Set(sorted).size).toBeGreaterThan(3);
  });

  it('the JSON output keeps its fields (a contract)', () => {
    const run = sim(['montecarlo', '--runs', '50', '--loss', '0.2', '--format', 'json']);
    const result = JSON.parse(run.stdout);
    expect(Object.keys(result)).toEqual([
      'runs',
      'established',
      'failed',
      'setupMs',
      'elapsedMs',
      'connPerSec',
    ]);
    expect(Object.keys(result.setupMs)).toEqual(['mean', 'p50', 'p90', 'p99', 'max']);
  });

  it('memory does not grow with --runs: nothing is kept per run', () => {
    // 10,000,000 runs once allocated an 80 MB Float64Array before the first run. Stop after 1,000 runs and
    // look at the memory held in array buffers.
    const before = process.memoryUsage().arrayBuffers;
    let during = 0;
    expect(() =>
      runMonteCarlo({
        runs: 10_000_000,
        lossRate: 0.1,
        progressEvery: 1000,
        onProgress: () => {
          during = process.memoryUsage().arrayBuffers;
          throw new Error('enough');
        },
      }),
    ).toThrow('enough');
    expect(during - before).toBeLessThan(8 * 1024 * 1024);
  });
});
