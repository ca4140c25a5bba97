/**
 * The analytic expectation of connection setup time (src/lessons/stats.ts). Oracles: probabilities derived by
 * hand from the retransmission rules (RFC 6298 (2.1), (5.5): RTO 1 s, doubling; the profile's SYN and SYN,ACK
 * schedules), written out in the comments; and the engine itself, statistically: many simulated lifecycles
 * must land on the model's distribution within a tolerance derived from the model's own variance.
 */
import { describe, expect, it } from 'vitest';
import {
  cliCommand,
  expectedQuantile,
  lossText,
  MAX_LAB_RUNS,
  parseLabInput,
  setupExpectation,
  setupRows,
  statsCsv,
} from '../../src/lessons/stats';
import { MonteCarloRun } from '../../src/tcp/montecarlo';

/** The model's probability of one setup time (0 when it gives none). */
const at = (e: ReturnType<typeof setupExpectation>, ms: number) =>
  e.outcomes.find((o) => o.ms === ms)?.probability ?? 0;

describe('setup time by hand (latency 50 ms, so a round trip is 100 ms)', () => {
  it('loss 0: every run connects in one round trip, under both profiles', () => {
    for (const profile of ['rfc', 'linux'] as const) {
      const e = setupExpectation(0, profile);
      expect(e.outcomes).toEqual([{ ms: 100, probability: 1 }]);
      expect(e.established).toBe(1);
      expect(e.meanMs).toBe(100);
    }
  });

  it('loss 1: nothing ever arrives, nothing connects', () => {
    for (const profile of ['rfc', 'linux'] as const) {
      const e = setupExpectation(1, profile);
      expect(e.outcomes).toEqual([]);
      expect(e.established).toBe(0);
    }
  });

  it('rfc, loss p: the first setup times are a double geometric sum', () => {
    const p = 0.1;
    const q = 1 - p;
    const e = setupExpectation(p, 'rfc');
    // 100 ms: SYN and SYN,ACK both arrive: (1−p)².
    expect(at(e, 100)).toBeCloseTo(q * q, 12);
    // 1100 ms = RTO + RTT, two ways: the first SYN is lost and A's retransmission at 1 s gets through, p(1−p)²;
    // or the SYN,ACK is lost and B's own timer resends it 1 s after it (sent at 50 ms, arrives at 1100): the
    // same p(1−p)². (A's retransmitted SYN does not help under the RFC: B answers it with a bare ACK.)
    expect(at(e, 1100)).toBeCloseTo(2 * p * q * q, 12);
    // 2100 ms: SYN lost, SYN at 1 s through, its SYN,ACK (1050) lost, B's at 2050 through: p²(1−p)².
    expect(at(e, 2100)).toBeCloseTo(p * p * q * q, 12);
    // 3100 ms: two SYNs lost and the third (at 1 + 2 = 3 s) through; or SYN through and two SYN,ACKs lost
    // (50, 1050), the third at 1050 + 2000 = 3050 through: 2p²(1−p)².
    expect(at(e, 3100)).toBeCloseTo(2 * p * p * q * q, 12);
  });

  it('rfc, loss 1/2: A fails when no SYN,ACK arrives before its timer gives up at 183 s', () => {
    // A's SYNs: 0, 1, 3, 7, 15, 31, 63 s, then the RTO is capped at 60 s (RFC 6298 (2.5)): 123 s; at 183 s
    // the time since the first SYN is past 180 s (RFC 9293 MUST-23), so A gives up. B's SYN,ACKs after the
    // first SYN it receives (at s_k + 50 ms) come 0, 1, 3, 7, 15, 31, 63, 123 s later and arrive 50 ms after.
    // If SYN k is the first through (probability p^k (1−p)), the SYN,ACKs that reach A before 183 s are
    // those with s_k + r + 0.1 s < 183 s: 8 of them for s_k ≤ 31 s, 7 for s_k = 63 s, 6 for s_k = 123 s.
    // P(not established) = p^8 + Σ p^k (1−p) p^(n_k):
    const p = 0.5;
    const n = [8, 8, 8, 8, 8, 8, 7, 6];
    const failure = p ** 8 + n.reduce((sum, nk, k) => sum + p ** k * (1 - p) * p ** nk, 0);
    expect(failure).toBeCloseTo(0.007873535, 9); // = 0.5^8 + 0.5^9 · 1.96875 + 2 · 0.5^14
    expect(1 - setupExpectation(p, 'rfc').established).toBeCloseTo(failure, 12);
  });

  it('linux, loss p: a retransmitted SYN is answered with the SYN,ACK again', () => {
    const p = 0.1;
    const q = 1 - p;
    const e = setupExpectation(p, 'linux');
    expect(at(e, 100)).toBeCloseTo(q * q, 12);
    // 1100 ms: the first SYN lost and the second (1 s) through with its SYN,ACK: p(1−p)². Or the SYN,ACK
    // lost: at 1050 ms B's timer resends it (through: 1 − p), and if that is lost too, A's SYN sent at 1 s
    // arrives at the same instant and Linux answers it with another SYN,ACK (both must get through):
    // (1−p)·p·[(1−p) + p(1−p)²]. Total 2p(1−p)² + p²(1−p)³.
    expect(at(e, 1100)).toBeCloseTo(2 * p * q * q + p * p * q ** 3, 12);
  });

  it('p50/p90/p99 of the expectation are nearest ranks of its distribution', () => {
    const e = setupExpectation(0.1, 'rfc');
    // P(100) = 0.81 ≥ 0.5 → p50 100 ms; 0.81 + 0.162 = 0.972 ≥ 0.9 → p90 1100 ms; 0.972 + 0.0081 = 0.9801 <
    // 0.99, + 0.0162 = 0.9963 → p99 3100 ms.
    expect(expectedQuantile(e, 0.5)).toBe(100);
    expect(expectedQuantile(e, 0.9)).toBe(1100);
    expect(expectedQuantile(e, 0.99)).toBe(3100);
  });
});

describe('the engine lands on the model', () => {
  // 20,000 lifecycles per case: a few seconds. The tolerance is 4 standard errors of the model's own
  // distribution (σ/√N for the mean, √(N·P(1−P)) for a bin's count): a correct model fails it with probability
  // below 10^-4 per check, while a wrong rule (a missing retransmission, a wrong timer) moves a bin by far more.
  const N = 20_000;
  it.each([
    ['rfc', 0.1],
    ['rfc', 0.5],
    ['linux', 0.1],
    ['linux', 0.5],
  ] as const)('%s at loss %f: the mean and every common setup time agree', (profile, p) => {
    const e = setupExpectation(p, profile);
    const run = new MonteCarloRun({ runs: N, lossRate: p, profile, seed: 2024 });
    run.advance(N);
    const result = run.result();
    const counts = new Map(run.histogram().map((b) => [b.ms, b.runs]));
    const variance =
      e.outcomes.reduce((s, o) => s + o.probability * (o.ms - e.meanMs) ** 2, 0) / e.established;
    expect(Math.abs(result.setupMs.mean - e.meanMs)).toBeLessThan(
      4 * Math.sqrt(variance / result.established),
    );
    const sd = Math.sqrt(N * e.established * (1 - e.established));
    expect(Math.abs(result.established - N * e.established)).toBeLessThanOrEqual(Math.max(4 * sd, 2));
    for (const o of e.outcomes) {
      const expected = N * o.probability;
      if (expected < 20) continue; // too rare to test a count against
      const observed = counts.get(o.ms) ?? 0;
      expect(Math.abs(observed - expected), `${o.ms} ms`).toBeLessThan(
        4 * Math.sqrt(expected * (1 - o.probability)),
      );
    }
    // Every time a run took is one the model gives: no pattern is missing.
    for (const ms of counts.keys()) expect(at(e, ms), `${ms} ms`).toBeGreaterThan(0);
  });
});

describe('the lab inputs', () => {
  const ok = { lossRate: '0.1', runs: '10000', seed: '1', profile: 'rfc' as const };

  it('read as the CLI reads --loss, --runs and --seed', () => {
    expect(parseLabInput(ok)).toEqual({
      ok: true,
      settings: { lossRate: 0.1, profile: 'rfc', runs: 10000, seed: 1 },
    });
    const percent = parseLabInput({ ...ok, lossRate: ' 25% ' });
    expect(percent.ok && percent.settings.lossRate).toBe(0.25);
    expect(parseLabInput({ ...ok, seed: '4294967295' }).ok).toBe(true);
    expect(parseLabInput({ ...ok, runs: String(MAX_LAB_RUNS) }).ok).toBe(true);
  });

  it.each([
    ['lossRate', '1.5', 'errLoss'],
    ['lossRate', '-0.1', 'errLoss'],
    ['lossRate', '101%', 'errLoss'],
    ['lossRate', 'ten', 'errLoss'],
    ['lossRate', '1e-3', 'errLoss'],
    ['lossRate', '', 'errLoss'],
    ['runs', '0', 'errRuns'],
    ['runs', '2.5', 'errRuns'],
    ['runs', 'many', 'errRuns'],
    ['runs', String(MAX_LAB_RUNS + 1), 'errRunsMax'],
    ['runs', '9'.repeat(400), 'errRuns'],
    ['seed', '-1', 'errSeed'],
    ['seed', '4294967296', 'errSeed'],
    ['seed', '0x10', 'errSeed'],
  ] as const)('%s "%s" → %s, naming the field and echoing the text', (field, given, key) => {
    const r = parseLabInput({ ...ok, [field]: given });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ field, key, given }]);
  });

  it('several bad fields are all named', () => {
    const r = parseLabInput({ lossRate: '2', runs: '0', seed: 'x', profile: 'linux' });
    expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(['lossRate', 'runs', 'seed']);
  });

  it('the command carries the same numbers, a tiny loss rate without an exponent', () => {
    expect(cliCommand({ lossRate: 0.1, profile: 'linux', runs: 2000, seed: 7 })).toBe(
      'npm run sim -- montecarlo --runs 2000 --loss 0.1 --profile linux --seed 7',
    );
    expect(lossText(1e-7)).toBe('0.0000001');
    expect(Number(lossText(1e-7))).toBe(1e-7);
    expect(lossText(1 / 3)).toBe(String(1 / 3));
  });
});

describe('the CSV', () => {
  it('one row per setup-time bin: time, runs, fraction of all runs, expected fraction', () => {
    // A hand-made expectation and histogram: 10 runs, 8 at 100 ms, 2 at 1100 ms; the model also gives 2100 ms.
    const expectation = {
      outcomes: [
        { ms: 100, probability: 0.81 },
        { ms: 1100, probability: 0.162 },
        { ms: 2100, probability: 0.0081 },
      ],
      established: 0.9801,
      meanMs: 0,
    };
    const rows = setupRows(
      [
        { ms: 100, runs: 8 },
        { ms: 1100, runs: 2 },
      ],
      10,
      expectation,
    );
    expect(statsCsv(rows)).toBe(
      'setup_ms,runs,fraction,expected_fraction\n100,8,0.8,0.81\n1100,2,0.2,0.162\n2100,0,0,0.0081\n',
    );
  });
});
