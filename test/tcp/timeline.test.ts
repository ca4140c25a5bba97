/**
 * What time travel shows at each event, checked against oracles that do not share the recording code:
 * - values derived by hand from RFC 9293's figures (ISNs and lengths from the preset files);
 * - a step-wise Simulation, stopped after each happening has been processed, read through sim.snapshot();
 * - the trace's own state events (from → to) and its final states.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios/presets';
import { buildTimeline, Simulation, type Timeline } from '../../src/tcp/index';
import type { ScenarioInput, TraceEvent } from '../../src/tcp/types';

const preset = (name: string): ScenarioInput => loadPreset(name) as ScenarioInput;
const PROFILES = ['rfc', 'linux'] as const;

function lastIndex(tl: Timeline, pred: (e: TraceEvent) => boolean): number {
  const events = tl.trace.events;
  for (let i = events.length - 1; i >= 0; i--) if (pred(events[i] as TraceEvent)) return i;
  throw new Error('no such event');
}
function firstIndex(tl: Timeline, pred: (e: TraceEvent) => boolean): number {
  const i = tl.trace.events.findIndex(pred);
  if (i < 0) throw new Error('no such event');
  return i;
}

describe('time travel shows each event after it took effect (hand-derived from the RFC figures)', () => {
  it('figure 6, last event: A receives the ACK of its 100 bytes → SND.UNA = 201, no retransmission timer', () => {
    // A: ISS 100, the SYN takes 100, data 101..200; B acknowledges 201 (RFC 9293 figure 6, line 5).
    const tl = buildTimeline(preset('rfc9293-fig6'));
    const last = tl.trace.events.length - 1;
    const e = tl.trace.events[last] as TraceEvent;
    expect(e).toMatchObject({ type: 'deliver', to: 'A' });
    const a = tl.stateAt(last).A;
    expect(a.sndUna).toBe(201);
    expect(a.sndNxt).toBe(201);
    expect(a.timers.retransmission).toBeNull();
    // …and the moment before it was delivered, the 100 bytes were still outstanding with a timer armed.
    const before = tl.stateBefore(last).A;
    expect(before.sndUna).toBe(101);
    expect(before.timers.retransmission).not.toBeNull();
  });

  it('figure 6: the SYN,ACK arriving at A sets IRS = 300 and RCV.NXT = 301 at that very event', () => {
    const tl = buildTimeline(preset('rfc9293-fig6'));
    const i = firstIndex(tl, (e) => e.type === 'deliver' && e.to === 'A' && e.state === 'SYN-SENT');
    const a = tl.stateAt(i).A;
    expect(a.irs).toBe(300);
    expect(a.rcvNxt).toBe(301);
    expect(a.sndUna).toBe(101);
    // The state change is its own, later event: at the delivery A is still in SYN-SENT.
    expect(a.state).toBe('SYN-SENT');
    expect(tl.stateBefore(i).A.irs).toBe(0);
  });

  it('figure 6: the data arriving at B advances RCV.NXT from 101 to 201', () => {
    const tl = buildTimeline(preset('rfc9293-fig6'));
    const i = lastIndex(tl, (e) => e.type === 'deliver' && e.to === 'B');
    expect(tl.stateBefore(i).B.rcvNxt).toBe(101);
    expect(tl.stateAt(i).B.rcvNxt).toBe(201);
  });

  it('figure 6: SND.NXT moves past the 100 bytes at the send of the data, not at the SEND call before it', () => {
    // RFC 9293 §3.10.2: SEND queues the data; SND.NXT advances as segments go out (101 → 201 here).
    const tl = buildTimeline(preset('rfc9293-fig6'));
    const call = firstIndex(tl, (e) => e.type === 'call' && e.call === 'send');
    const data = firstIndex(tl, (e) => e.type === 'send' && e.from === 'A' && e.segment.len === 100);
    expect(data).toBeGreaterThan(call);
    for (let i = call; i < data; i++) expect(tl.stateAt(i).A.sndNxt).toBe(101);
    expect(tl.stateAt(data).A.sndNxt).toBe(201);
  });

  it("figure 12: B's FIN arriving at A makes A's RCV.NXT 301 (B's ISS 299, SYN 299, FIN 300)", () => {
    const tl = buildTimeline(preset('rfc9293-fig12'));
    const finFromB = tl.trace.events.find(
      (e) => e.type === 'send' && e.from === 'B' && e.segment.flags.includes('FIN'),
    );
    expect(finFromB).toBeDefined();
    const id = (finFromB as { id: number }).id;
    const i = firstIndex(tl, (e) => e.type === 'deliver' && e.id === id);
    expect(tl.stateBefore(i).A.rcvNxt).toBe(300);
    expect(tl.stateAt(i).A.rcvNxt).toBe(301);
  });

  it('figure 12: the last event (2·MSL later) shows A CLOSED, with no TIME-WAIT timer left', () => {
    const tl = buildTimeline(preset('rfc9293-fig12'));
    const last = tl.trace.events.length - 1;
    expect(tl.stateAt(last).A.state).toBe('CLOSED');
    expect(tl.stateAt(last).A.timers.timeWait).toBeNull();
    // mslMs 1000: TIME-WAIT lasts 2 s from its entry.
    const entered = tl.trace.events.find(
      (e) => e.type === 'state' && e.endpoint === 'A' && e.to === 'TIME-WAIT',
    ) as TraceEvent;
    const timer = tl.trace.events.find(
      (e) => e.type === 'timer' && e.endpoint === 'A' && e.timer === 'time-wait',
    ) as TraceEvent;
    expect(timer.t - entered.t).toBe(2000);
  });
});

describe('for every preset under both profiles', () => {
  for (const name of PRESET_NAMES) {
    for (const profile of PROFILES) {
      it(`${name} (${profile}): after each happening, the last event's snapshot is the engine's state`, () => {
        const tl = buildTimeline(preset(name), { profile });
        // The oracle: a fresh simulation (no snapshot recording), stopped after each step.
        const sim = new Simulation(preset(name), { profile });
        let steps = 0;
        while (sim.step()) {
          steps++;
          expect(tl.stateAt(sim.events.length - 1)).toEqual(sim.snapshot());
        }
        expect(steps).toBeGreaterThan(0);
        expect(sim.events.length).toBe(tl.trace.events.length);
        const last = tl.trace.events.length - 1;
        for (const ep of ['A', 'B'] as const) {
          expect(tl.stateAt(last)[ep].state).toBe(tl.trace.final[ep].state);
        }
      });

      it(`${name} (${profile}): a state event shows its "from" just before it and its "to" at it`, () => {
        const tl = buildTimeline(preset(name), { profile });
        tl.trace.events.forEach((e, i) => {
          if (e.type !== 'state') return;
          expect(tl.stateBefore(i)[e.endpoint].state).toBe(e.from);
          expect(tl.stateAt(i)[e.endpoint].state).toBe(e.to);
        });
      });
    }
  }
});
