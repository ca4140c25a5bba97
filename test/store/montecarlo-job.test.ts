/**
 * The statistics lab's job ('montecarlo' in src/store/jobs.ts), run by the page's runner in slices: its numbers
 * are `sim montecarlo`'s for the same runs, seed and profile. Oracles: the real command, spawned as `npm run
 * sim` runs it (its JSON output), and the engine's runMonteCarlo; the histogram against each run's own trace.
 */
import { describe, expect, it } from 'vitest';
import type { JobProgress } from '../../src/store/jobs';
import { inlineRunner } from '../../src/store/runner';
import { runScenario } from '../../src/tcp';
import { lifecycleScenario, runMonteCarlo } from '../../src/tcp/montecarlo';
import type { Profile } from '../../src/tcp/types';
import { spawnMonteCarlo } from '../cli/spawn-montecarlo';

async function labJob(runs: number, lossRate: number, profile: Profile, seed: number) {
  const progress: JobProgress[] = [];
  const job = inlineRunner().start(
    { kind: 'montecarlo', runs, lossRate, latencyMs: 50, profile, seed },
    (p) => progress.push(p),
  );
  const result = await job.promise;
  if (result.kind !== 'montecarlo') throw new Error(`expected a montecarlo result, got ${result.kind}`);
  return { ...result, progress };
}

/** Figures that do not depend on the wall clock. */
const figures = (r: { runs: number; established: number; failed: number; setupMs: object }) => ({
  runs: r.runs,
  established: r.established,
  failed: r.failed,
  setupMs: r.setupMs,
});

describe('the lab job gives sim montecarlo’s numbers', () => {
  it.each([
    [3000, 0.3, 'rfc', 1],
    [3000, 0.2, 'linux', 424242],
  ] as const)(
    '%i runs at loss %f, %s, seed %i: equal to the spawned CLI and to runMonteCarlo',
    async (runs, loss, profile, seed) => {
      const lab = await labJob(runs, loss, profile, seed);
      const cli = spawnMonteCarlo(runs, String(loss), profile, seed);
      expect(figures(lab.result)).toEqual(figures(cli));
      expect(figures(lab.result)).toEqual(figures(runMonteCarlo({ runs, lossRate: loss, profile, seed })));
      // The histogram holds every established run once, and the percentiles are read from it.
      expect(lab.histogram.reduce((s, b) => s + b.runs, 0)).toBe(cli.established);
      expect(lab.histogram.map((b) => b.ms)).toContain(cli.setupMs.p99);
      expect(lab.histogram[lab.histogram.length - 1]?.ms).toBe(cli.setupMs.max);
    },
    180_000,
  );

  it('the histogram is each run’s own setup time, counted (oracle: 200 traces)', async () => {
    const lab = await labJob(200, 0.4, 'linux', 9);
    const counts = new Map<number, number>();
    for (let i = 0; i < 200; i++) {
      const trace = runScenario(lifecycleScenario(0.4, 50, 'linux', 9 + i));
      const connect = trace.events.find(
        (e) => e.type === 'call' && e.endpoint === 'A' && e.call === 'connect',
      );
      const up = trace.events.find((e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'ESTABLISHED');
      if (connect && up) counts.set(up.t - connect.t, (counts.get(up.t - connect.t) ?? 0) + 1);
    }
    expect(lab.histogram).toEqual(
      [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([ms, runs]) => ({ ms, runs })),
    );
  });

  it('reports progress in runs done, rising, before the result', async () => {
    const lab = await labJob(20_000, 0.1, 'rfc', 1);
    const done = lab.progress.map((p) => p.runs ?? -1);
    expect(lab.progress.every((p) => p.phase === 'montecarlo')).toBe(true);
    expect(done.length).toBeGreaterThan(0);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(Math.max(...done)).toBeLessThan(20_000);
    expect(lab.result.runs).toBe(20_000);
  }, 60_000);

  it('Cancel settles the job as cancelled', async () => {
    const job = inlineRunner().start(
      { kind: 'montecarlo', runs: 1_000_000, lossRate: 0.1, latencyMs: 50, profile: 'rfc', seed: 1 },
      () => {},
    );
    setTimeout(() => job.cancel(), 50);
    expect(await job.promise).toEqual({ kind: 'cancelled' });
  });
});
