/**
 * options.maxEvents is a hard limit (issue 9): a run stops at exactly that many events, even in the middle
 * of a happening, and says so (truncated, truncatedBy 'maxEvents'). Oracles that do not share the stopping
 * code: RFC 9293 figure 6 segment by segment (as in figures.test.ts), and the same scenario run with a
 * larger limit, whose first N events and snapshots a run stopped at N must repeat exactly.
 */
import { describe, expect, it } from 'vitest';
import { bulkTransfer } from '../../bench/scenarios';
import { loadPreset } from '../../src/scenarios/index';
import { buildTimeline, runScenario, Simulation, TimelineRun } from '../../src/tcp/index';
import type { ScenarioInput, TraceEvent } from '../../src/tcp/types';
import { wire } from './harness';

const withMaxEvents = (scenario: ScenarioInput, maxEvents: number): ScenarioInput => ({
  ...scenario,
  options: { ...scenario.options, maxEvents },
});

/**
 * The case: with mss 1 the SYN,ACK arriving at A opens a 65,535-byte window that A fills at once
 * with 65,535 one-byte segments, each duplicated by the network: maxEvents 100 gave 131,088 events.
 */
const oneByteSegments: ScenarioInput = {
  version: 1,
  network: { duplicateRate: 1 },
  endpoints: { A: { mss: 1 }, B: { mss: 1 } },
  options: { maxEvents: 100 },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 1, endpoint: 'A', call: 'connect' },
    { at: 200, endpoint: 'A', call: 'send', bytes: 100_000 },
  ],
};

/** The event minus what a segment's processing decides as it goes (a stop can cut that short). */
const withoutExplanation = (e: TraceEvent) => {
  const { explain: _explain, rfc: _rfc, ...rest } = e;
  return rest;
};

describe('options.maxEvents is a hard limit', () => {
  it('the issue: mss 1, duplicateRate 1, maxEvents 100 stops at exactly 100 events, truncated', () => {
    const trace = runScenario(oneByteSegments);
    expect(trace.events).toHaveLength(100);
    expect(trace.truncated).toBe(true);
    expect(trace.truncatedBy).toBe('maxEvents');
  });

  it('a run stopped at the limit is the same every time', () => {
    const once = JSON.stringify(buildTimeline(withMaxEvents(oneByteSegments, 5_000)).snapshots);
    const again = JSON.stringify(buildTimeline(withMaxEvents(oneByteSegments, 5_000)).snapshots);
    expect(again).toBe(once);
    expect(JSON.stringify(runScenario(oneByteSegments))).toBe(JSON.stringify(runScenario(oneByteSegments)));
  });

  it('no segment beyond the limit is queued: the run holds about maxEvents happenings, not a window', () => {
    const sim = new Simulation(oneByteSegments);
    sim.run();
    // Each recorded send queues at most its arrival, and each event at most one timer: ≤ 2 per event.
    expect(sim.queued).toBeLessThanOrEqual(2 * 100);
  });

  const scenarios: [string, ScenarioInput][] = [
    ['one-byte segments, all duplicated', oneByteSegments],
    ['a bulk transfer with 2 % loss', bulkTransfer(40, 0.02)],
    ['RFC 9293 figure 6', loadPreset('rfc9293-fig6') as ScenarioInput],
  ];
  for (const [name, scenario] of scenarios) {
    it(`${name}: stopped at N, the first N events and snapshots are those of a longer run`, () => {
      const longer = 100_000;
      const full = buildTimeline(withMaxEvents(scenario, longer));
      const total = full.trace.events.length;
      for (const n of [1, 2, 3, 7, 50, 100, 1_000, 5_000, 70_000, total - 1, total, total + 1]) {
        if (n < 1 || n > longer) continue;
        const cut = buildTimeline(withMaxEvents(scenario, n));
        const events = cut.trace.events;
        expect(events.length).toBe(Math.min(n, total));
        expect(cut.snapshots.length).toBe(events.length);
        if (n >= total) {
          // Below the limit nothing changes.
          expect(cut.trace.truncated).toBe(full.trace.truncated);
          expect(events).toEqual(full.trace.events);
          continue;
        }
        expect(cut.trace.truncated).toBe(true);
        expect(cut.trace.truncatedBy).toBe('maxEvents');
        // Every event but the last is exactly the longer run's; the last may be a segment whose
        // processing the stop cut short, so its explanation may differ.
        expect(events.slice(0, -1)).toEqual(full.trace.events.slice(0, n - 1));
        expect(withoutExplanation(events[n - 1] as TraceEvent)).toEqual(
          withoutExplanation(full.trace.events[n - 1] as TraceEvent),
        );
        // The snapshot at each event, including the last, is the longer run's at the same event.
        for (const i of [0, Math.floor(n / 2), n - 2, n - 1]) {
          if (i >= 0) expect(cut.stateAt(i)).toEqual(full.stateAt(i));
        }
        // The final states are the state at the stop.
        for (const ep of ['A', 'B'] as const) {
          expect(cut.trace.final[ep].state).toBe(cut.stateAt(n - 1)[ep].state);
        }
      }
    }, 30_000);
  }

  it('RFC 9293 figure 6: each limit keeps a prefix of the figure, segment by segment', () => {
    // Figure 6, lines 1–5 (hand-copied in figures.test.ts).
    const figure = [
      'A>B SYN seq=100',
      'B>A SYN,ACK seq=300 ack=101',
      'A>B ACK seq=101 ack=301',
      'A>B ACK,PSH seq=101 ack=301 len=100',
      'B>A ACK seq=301 ack=201',
    ];
    const fig6 = loadPreset('rfc9293-fig6') as ScenarioInput;
    const total = runScenario(fig6).events.length;
    let previous = 0;
    for (let n = 1; n <= total + 2; n++) {
      const trace = runScenario(withMaxEvents(fig6, n));
      expect(trace.events.length).toBe(Math.min(n, total));
      expect(trace.truncated === true).toBe(n < total);
      const segments = wire(trace);
      expect(segments).toEqual(figure.slice(0, segments.length));
      expect(segments.length).toBeGreaterThanOrEqual(previous);
      previous = segments.length;
    }
    expect(previous).toBe(figure.length);
  });

  it('a run without a trace (Monte Carlo) is bounded by the same count', () => {
    const sim = new Simulation(oneByteSegments, { trace: false });
    sim.run();
    expect(sim.eventCount).toBe(100);
    expect(sim.truncated).toBe(true);
    expect(sim.events).toHaveLength(0);
  });

  it('the enormous scenario of the issue (mss 1, 100,000,000 bytes, maxEvents 1,000,000) stops at 1,000,000', () => {
    const trace = runScenario({
      version: 1,
      endpoints: { A: { mss: 1 } },
      options: { maxEvents: 1_000_000 },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 1, endpoint: 'A', call: 'connect' },
        { at: 200, endpoint: 'A', call: 'send', bytes: 100_000_000 },
      ],
    });
    expect(trace.events).toHaveLength(1_000_000);
    expect(trace.truncatedBy).toBe('maxEvents');
  }, 30_000);

  it('maxTimeMs stops between happenings and says so', () => {
    const trace = runScenario({ ...bulkTransfer(40), options: { mslMs: 1000, maxTimeMs: 500 } });
    expect(trace.truncatedBy).toBe('maxTimeMs');
    expect(trace.events.every((e) => e.t <= 500)).toBe(true);
  });

  it('a run that stays inside both limits is not truncated and carries no reason', () => {
    const trace = runScenario(loadPreset('rfc9293-fig6') as ScenarioInput);
    expect(trace.truncated).toBeUndefined();
    expect(trace.truncatedBy).toBeUndefined();
  });

  it('a chunked run stopped by its limit ends the same way', () => {
    const run = new TimelineRun(oneByteSegments);
    while (!run.done) run.advance(7);
    expect(run.data().trace.events).toHaveLength(100);
    expect(run.data().trace.truncatedBy).toBe('maxEvents');
  });
});
