/** Why three ways (RFC 9293 §3.5), time travel, and the Monte Carlo summary. */
import { describe, expect, it } from 'vitest';
import { buildTimeline, runMonteCarlo, runScenario } from '../../src/tcp/index';
import type { ScenarioInput } from '../../src/tcp/types';
import { appEvents, wire } from './harness';

const oldDuplicate = (handshake: 'three-way' | 'two-way'): ScenarioInput => ({
  version: 1,
  endpoints: { A: { isn: 100 }, B: { isn: [300, 400] } },
  options: { handshake, mslMs: 1000 },
  actions: [{ at: 0, endpoint: 'B', call: 'listen' }],
  faults: [{ inject: { at: 0, from: 'A', segment: { seq: 90, flags: ['SYN'] } } }],
});

describe('two-way handshake variant', () => {
  it('three-way: an old duplicate SYN never reaches the application; B returns to LISTEN', () => {
    const trace = runScenario(oldDuplicate('three-way'));
    expect(appEvents(trace, 'B')).toEqual(['listening']);
    expect(trace.final.B.state).toBe('LISTEN');
  });

  it('two-way: the same old duplicate SYN opens a bogus connection that the user sees, then is reset', () => {
    const trace = runScenario(oldDuplicate('two-way'));
    expect(appEvents(trace, 'B')).toEqual(['listening', 'connected', 'error:ECONNRESET']);
    expect(wire(trace)).toEqual(['A>B SYN seq=90', 'B>A SYN,ACK seq=300 ack=91', 'A>B RST seq=91']);
  });

  it('two-way: the active opener treats SYN,ACK as enough and sends no third ACK', () => {
    const trace = runScenario({
      version: 1,
      endpoints: { A: { isn: 100 }, B: { isn: 300 } },
      options: { handshake: 'two-way' },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
      ],
    });
    expect(wire(trace).slice(0, 2)).toEqual(['A>B SYN seq=100', 'B>A SYN,ACK seq=300 ack=101']);
    expect(
      trace.events.find((e) => e.type === 'state' && e.endpoint === 'B' && e.to === 'ESTABLISHED')?.t,
    ).toBe(60);
  });
});

describe('time travel', () => {
  const scenario: ScenarioInput = {
    version: 1,
    seed: 3,
    network: { lossRate: 0.2 },
    endpoints: { A: { closeOnConnect: true }, B: { closeOnEof: true } },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 10, endpoint: 'A', call: 'connect' },
    ],
  };

  it('stateAt(-1) is the initial state; stateAt(last) is the final state', () => {
    const tl = buildTimeline(scenario);
    expect(tl.stateAt(-1).A.state).toBe('CLOSED');
    const last = tl.trace.events.length - 1;
    expect(tl.stateAt(last).A.state).toBe(tl.trace.final.A.state);
    expect(tl.stateAt(last).B.state).toBe(tl.trace.final.B.state);
  });

  it('a state event is reflected in the snapshot at its own index', () => {
    const tl = buildTimeline(scenario);
    tl.trace.events.forEach((e, i) => {
      if (e.type === 'state') expect(tl.stateAt(i)[e.endpoint].state).toBe(e.to);
    });
  });

  it('indexAtTime finds the last event at or before a time', () => {
    const tl = buildTimeline(scenario);
    const i = tl.indexAtTime(60);
    expect(tl.trace.events[i]?.t).toBeLessThanOrEqual(60);
    expect(tl.trace.events[i + 1]?.t ?? Number.POSITIVE_INFINITY).toBeGreaterThan(60);
    expect(tl.indexAtTime(-1)).toBe(-1);
  });
});

describe('Monte Carlo', () => {
  it('without loss every lifecycle establishes in one round trip', () => {
    const r = runMonteCarlo({ runs: 200, lossRate: 0, latencyMs: 50 });
    expect(r).toMatchObject({ runs: 200, established: 200, failed: 0 });
    expect(r.setupMs).toEqual({ mean: 100, p50: 100, p90: 100, p99: 100, max: 100 });
  });

  it('with 10 % loss some handshakes wait for retransmissions; percentiles are ordered', () => {
    const r = runMonteCarlo({ runs: 2000, lossRate: 0.1, latencyMs: 50, seed: 42 });
    expect(r.established).toBeGreaterThan(1990);
    expect(r.setupMs.p50).toBe(100);
    expect(r.setupMs.p90).toBeGreaterThanOrEqual(1100);
    expect(r.setupMs.p50).toBeLessThanOrEqual(r.setupMs.p90);
    expect(r.setupMs.p90).toBeLessThanOrEqual(r.setupMs.p99);
    expect(r.setupMs.p99).toBeLessThanOrEqual(r.setupMs.max);
  });

  it('is deterministic for a seed and reports progress', () => {
    const seen: number[] = [];
    const a = runMonteCarlo({
      runs: 500,
      lossRate: 0.2,
      seed: 5,
      progressEvery: 100,
      onProgress: (d) => seen.push(d),
    });
    const b = runMonteCarlo({ runs: 500, lossRate: 0.2, seed: 5 });
    expect(a).toEqual(b);
    expect(seen).toEqual([100, 200, 300, 400, 500]);
  });
});
