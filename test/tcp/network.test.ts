/** The simulator: determinism, seeded loss/duplication/reordering, faults, crash, ISN clock. */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp/index';
import type { ScenarioInput, TraceEvent } from '../../src/tcp/types';
import { sends, stateAt, wire } from './harness';

const lifecycle = (network: ScenarioInput['network'], seed = 7): ScenarioInput => ({
  version: 1,
  seed,
  network,
  options: { mslMs: 1000 },
  endpoints: { A: { closeOnConnect: true }, B: { closeOnEof: true } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
    { at: 10, endpoint: 'A', call: 'send', bytes: 5000 },
  ],
});

describe('determinism', () => {
  it('the same scenario and seed give a byte-identical trace', () => {
    const net = { lossRate: 0.3, duplicateRate: 0.2, reorderRate: 0.2, jitterMs: 30 };
    expect(JSON.stringify(runScenario(lifecycle(net)))).toBe(JSON.stringify(runScenario(lifecycle(net))));
  });

  it('another seed gives another run under loss', () => {
    const net = { lossRate: 0.3 };
    expect(JSON.stringify(runScenario(lifecycle(net, 1)))).not.toBe(
      JSON.stringify(runScenario(lifecycle(net, 2))),
    );
  });

  it('--seed/--profile overrides win over the scenario and show in the normalized scenario', () => {
    const trace = runScenario(lifecycle({}, 7), { seed: 99, profile: 'linux' });
    expect(trace.scenario.seed).toBe(99);
    expect(trace.scenario.profile).toBe('linux');
  });

  it('the ISN clock (§3.4.1) depends on the seed and the time, not on the loss rate', () => {
    const isns = (s: ScenarioInput) =>
      sends(runScenario(s))
        .filter((e) => e.segment.flags.includes('SYN'))
        .map((e) => e.segment.seq);
    const a = isns(lifecycle({}, 5));
    expect(isns(lifecycle({ lossRate: 0.01 }, 5)).slice(0, 2)).toEqual(a.slice(0, 2));
    expect(isns(lifecycle({}, 6))[0]).not.toBe(a[0]);
    const later = isns({
      ...lifecycle({}, 5),
      actions: lifecycle({}, 5).actions.map((x) => ({ ...x, at: x.at + 4 })),
    });
    // 4 ms later the 4 µs clock has ticked 1000 times.
    expect(((later[0] as number) - (a[0] as number)) >>> 0).toBe(1000);
  });
});

describe('network', () => {
  it('every segment has exactly one send and then exactly one deliver or drop, in time order', () => {
    const trace = runScenario(
      lifecycle({ lossRate: 0.3, duplicateRate: 0.3, reorderRate: 0.3, jitterMs: 20 }, 3),
    );
    const fate = new Map<number, TraceEvent[]>();
    let last = 0;
    for (const e of trace.events) {
      expect(e.t).toBeGreaterThanOrEqual(last);
      last = e.t;
      if (e.type === 'send' || e.type === 'deliver' || e.type === 'drop') {
        fate.set(e.id, [...(fate.get(e.id) ?? []), e]);
      }
    }
    for (const [, evs] of fate) {
      expect(evs.map((e) => e.type)[0]).toBe('send');
      expect(evs.length).toBe(2);
      const send = evs[0] as Extract<TraceEvent, { type: 'send' }>;
      expect(evs[1]?.t).toBe(send.arriveAt);
    }
  });

  it('latency is one-way: a segment sent at t arrives at t + latencyMs', () => {
    const trace = runScenario({
      ...lifecycle({ latencyMs: 123 }),
      actions: lifecycle({}).actions.slice(0, 2),
    });
    expect(sends(trace)[0]).toMatchObject({ t: 10, arriveAt: 133 });
  });

  it('jitter adds 0..jitterMs, so segments can overtake each other', () => {
    const trace = runScenario(lifecycle({ jitterMs: 40 }, 11));
    const delays = sends(trace).map((e) => e.arriveAt - e.t);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...delays)).toBeLessThanOrEqual(90);
    expect(new Set(delays).size).toBeGreaterThan(3);
  });

  it('duplicateRate delivers copies with their own ids, marked duplicate, and TCP copes', () => {
    const trace = runScenario(lifecycle({ duplicateRate: 1 }, 4));
    const copies = sends(trace, (e) => e.duplicate);
    expect(copies.length).toBe(sends(trace, (e) => !e.duplicate).length);
    expect(trace.final).toEqual({ A: { state: 'CLOSED' }, B: { state: 'CLOSED' } });
  });

  it('reorderRate holds segments back by reorderDelayMs; the receiver reassembles', () => {
    const trace = runScenario(lifecycle({ reorderRate: 0.5, reorderDelayMs: 30 }, 9));
    const held = sends(trace).filter((e) => e.arriveAt - e.t === 80);
    expect(held.length).toBeGreaterThan(0);
    const received = trace.events.filter((e) => e.type === 'app' && e.endpoint === 'B' && e.event === 'data');
    expect(received.reduce((n, e) => n + (e.type === 'app' ? (e.bytes ?? 0) : 0), 0)).toBe(5000);
  });

  it('loss drops segments (cause "loss"), recorded at the time they would have arrived', () => {
    const trace = runScenario(lifecycle({ lossRate: 0.5 }, 12));
    const drops = trace.events.filter((e) => e.type === 'drop');
    expect(drops.length).toBeGreaterThan(0);
    for (const d of drops) {
      const send = sends(trace, (e) => d.type === 'drop' && e.id === d.id)[0];
      expect(d).toMatchObject({ cause: 'loss', t: send?.arriveAt });
    }
  });

  it('drop fault: nth counts the exact flag set sent by `from`, count consecutive ones', () => {
    const trace = runScenario({
      ...lifecycle({}),
      faults: [{ drop: { from: 'A', flags: ['PSH', 'ACK'], nth: 2, count: 2 } }],
    });
    const psh = sends(trace, (e) => e.from === 'A' && e.segment.flags.join() === 'ACK,PSH');
    const dropped = trace.events
      .filter((e) => e.type === 'drop' && e.cause === 'fault')
      .map((e) => (e.type === 'drop' ? e.id : 0));
    expect(dropped).toEqual(psh.slice(1, 3).map((e) => e.id));
  });

  it('delay fault: the nth matching segment stays longer in the network (figure 8)', () => {
    const trace = runScenario({
      version: 1,
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
      ],
      faults: [{ delay: { from: 'A', flags: ['SYN'], nth: 1, ms: 150 } }],
    });
    expect(sends(trace)[0]).toMatchObject({ t: 10, arriveAt: 210 });
    expect(sends(trace)[1]).toMatchObject({ t: 210, arriveAt: 260 });
  });

  it('inject: an injected segment is released at `at`, arrives after the latency and is never lost', () => {
    const trace = runScenario({
      version: 1,
      network: { lossRate: 1 },
      actions: [{ at: 0, endpoint: 'B', call: 'listen' }],
      faults: [{ inject: { at: 5, from: 'A', segment: { seq: 9, flags: ['SYN'] } } }],
    });
    expect(sends(trace)[0]).toMatchObject({
      t: 5,
      arriveAt: 55,
      injected: true,
      segment: { seq: 9, ack: 0, len: 0 },
    });
    expect(stateAt(trace, 'B', 55)).toBe('SYN-RECEIVED');
  });

  it('crash: the endpoint forgets every connection; the next connect uses the next pinned ISN', () => {
    const trace = runScenario({
      version: 1,
      options: { mslMs: 1000 },
      endpoints: { A: { isn: [100, 400] }, B: { isn: 300 } },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 1000, endpoint: 'A', call: 'connect' },
      ],
      faults: [{ crash: { at: 500, endpoint: 'A' } }],
    });
    expect(trace.events.find((e) => e.type === 'crash')).toMatchObject({ t: 500, endpoint: 'A' });
    expect(stateAt(trace, 'A', 500)).toBe('CLOSED');
    expect(wire(trace, 1000)[0]).toBe('A>B SYN seq=400');
    // Figure 9: B answers the SYN in ESTABLISHED with a challenge ACK, A resets, B aborts.
    expect(wire(trace, 1000).slice(1, 3)).toEqual(['B>A ACK seq=301 ack=101', 'A>B RST seq=101']);
  });
});
