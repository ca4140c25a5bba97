/**
 * Property tests over random scenarios (random faults, loss up to 50 %). On failure fast-check prints the
 * seed and the counterexample scenario, which replays in the CLI or the UI.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline, runScenario, Simulation, STATES } from '../../src/tcp/index';
import type { Flag, ScenarioInput, SendEvent, Snapshot } from '../../src/tcp/types';

/** More runs for a deeper local search: PROPERTY_RUNS=5000 npx vitest run test/tcp/properties.test.ts */
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

const endpoint = fc.constantFrom<'A' | 'B'>('A', 'B');
const time = fc.integer({ min: 0, max: 5000 });
const flagSet = fc.subarray<Flag>(['SYN', 'ACK', 'FIN', 'RST', 'PSH'], { minLength: 1 });

const action = fc.oneof(
  fc.record({
    at: time,
    endpoint,
    call: fc.constantFrom('listen', 'connect', 'close', 'abort') as fc.Arbitrary<'listen'>,
  }),
  fc.record({
    at: time,
    endpoint,
    call: fc.constant('send' as const),
    bytes: fc.integer({ min: 1, max: 5000 }),
  }),
);

const fault = fc.oneof(
  fc.record({
    drop: fc.record({
      from: endpoint,
      flags: flagSet,
      nth: fc.integer({ min: 1, max: 4 }),
      count: fc.integer({ min: 1, max: 3 }),
    }),
  }),
  fc.record({
    inject: fc.record({
      at: time,
      from: endpoint,
      segment: fc.record({
        seq: fc.integer({ min: 0, max: 4294967295 }),
        ack: fc.integer({ min: 0, max: 4294967295 }),
        flags: fc.subarray<Flag>(['SYN', 'ACK', 'FIN', 'RST', 'PSH']),
        len: fc.integer({ min: 0, max: 100 }),
      }),
    }),
  }),
  fc.record({ crash: fc.record({ at: time, endpoint }) }),
);

const scenarioArb: fc.Arbitrary<ScenarioInput> = fc.record({
  version: fc.constant(1 as const),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  profile: fc.constantFrom<'rfc' | 'linux'>('rfc', 'linux'),
  network: fc.record({
    latencyMs: fc.integer({ min: 1, max: 200 }),
    jitterMs: fc.integer({ min: 0, max: 50 }),
    lossRate: fc.double({ min: 0, max: 0.5, noNaN: true }),
    duplicateRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
    reorderRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
  }),
  endpoints: fc.record({
    A: fc.record({
      isn: fc.integer({ min: 0, max: 4294967295 }),
      closeOnEof: fc.boolean(),
      closeOnConnect: fc.boolean(),
    }),
    B: fc.record({ isn: fc.integer({ min: 0, max: 4294967295 }), closeOnEof: fc.boolean() }),
  }),
  options: fc.record({
    mslMs: fc.integer({ min: 100, max: 5000 }),
    delayedAck: fc.boolean(),
    handshake: fc.constantFrom<'three-way' | 'two-way'>('three-way', 'two-way'),
  }),
  actions: fc
    .array(action, { maxLength: 8 })
    .map((xs) => [
      { at: 0, endpoint: 'B' as const, call: 'listen' as const },
      { at: 10, endpoint: 'A' as const, call: 'connect' as const },
      ...xs,
    ]),
  faults: fc.array(fault, { maxLength: 5 }),
});

describe('invariants over random scenarios', () => {
  it('no exception; the run ends; every endpoint ends in a legal state; SND.UNA =< SND.NXT throughout', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const sim = new Simulation(scenario, { snapshots: true });
        const trace = sim.run();
        expect(trace.truncated).toBeUndefined();
        for (const ep of ['A', 'B'] as const) {
          expect(STATES).toContain(trace.final[ep].state);
          // Nothing is left pending at the end: a finished run has no connection mid-handshake or mid-close.
          expect(['CLOSED', 'LISTEN', 'ESTABLISHED', 'CLOSE-WAIT', 'FIN-WAIT-2']).toContain(
            trace.final[ep].state,
          );
        }
        for (const snap of sim.snapshots as Snapshot[]) {
          for (const s of [snap.A, snap.B]) {
            if (s.state === 'CLOSED' || s.state === 'LISTEN') continue;
            expect(((s.sndNxt - s.sndUna) | 0) >= 0).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('within one connection, new segments never move seq backwards and ACK values never go backwards', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const trace = runScenario(scenario);
        // A connection incarnation: from one SYN-SENT/LISTEN entry to the next CLOSED.
        const lastSeq = { A: null as number | null, B: null as number | null };
        const lastAck = { A: null as number | null, B: null as number | null };
        for (const e of trace.events) {
          if (e.type === 'state' && (e.to === 'CLOSED' || e.to === 'LISTEN' || e.to === 'SYN-SENT')) {
            lastSeq[e.endpoint] = null;
            lastAck[e.endpoint] = null;
          }
          if (e.type === 'crash') {
            lastSeq[e.endpoint] = null;
            lastAck[e.endpoint] = null;
          }
          if (e.type !== 'send' || e.injected || e.duplicate) continue;
          const s: SendEvent['segment'] = e.segment;
          if (s.flags.includes('RST')) continue; // resets answer other incarnations' segments
          if (!e.retransmission) {
            const prev = lastSeq[e.from];
            if (prev !== null) expect((s.seq - prev) | 0).toBeGreaterThanOrEqual(0);
            lastSeq[e.from] = s.seq;
          }
          if (s.flags.includes('ACK')) {
            const prev = lastAck[e.from];
            if (prev !== null) expect((s.ack - prev) | 0).toBeGreaterThanOrEqual(0);
            lastAck[e.from] = s.ack;
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('time travel: after each happening, the last event shows the state a step-wise run stopped there has', () => {
    // The oracle is the engine's live state after step(), read without the snapshot recording.
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const timeline = buildTimeline(scenario);
        const sim = new Simulation(scenario);
        while (sim.step()) expect(timeline.stateAt(sim.events.length - 1)).toEqual(sim.snapshot());
        expect(sim.events.length).toBe(timeline.trace.events.length);
      }),
      { numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
