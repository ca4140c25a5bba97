/**
 * Fresh numbers per attempt. The oracle is the runs themselves read directly: the original and the fresh
 * run must have the same events (types, endpoints, flags, states, times), and each endpoint's numbers must
 * move by one constant per endpoint (mod 2^32) that differs between seeds.
 */
import { describe, expect, it } from 'vitest';
import { answerFor } from '../../src/lessons/answers';
import { freshScenario } from '../../src/lessons/fresh';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios/presets';
import { buildTimeline, runScenario } from '../../src/tcp';
import type { ScenarioInput, Trace, TraceEvent } from '../../src/tcp/types';

const SEEDS = [1, 12345] as const;

/** What a student sees of a run apart from the numbers: one line per event. */
function shape(trace: Trace): string[] {
  return trace.events.map((e: TraceEvent) => {
    switch (e.type) {
      case 'send':
        return `${e.t} send ${e.from} ${e.segment.flags.join()} len=${e.segment.len} rtx=${e.retransmission} inj=${e.injected}`;
      case 'deliver':
        return `${e.t} deliver ${e.to} in ${e.state}`;
      case 'state':
        return `${e.t} state ${e.endpoint} ${e.from}->${e.to}`;
      case 'drop':
        return `${e.t} drop ${e.cause}`;
      default:
        return `${e.t} ${e.type} ${'endpoint' in e ? e.endpoint : ''} ${e.explain}`;
    }
  });
}

const sub = (a: number, b: number) => (a - b) >>> 0;

/** The constant each endpoint's seq moved by (and its peer's ack, when ACK is set), or a failure. */
function shifts(before: Trace, after: Trace): { A: Set<number>; B: Set<number> } {
  const moved = { A: new Set<number>(), B: new Set<number>() };
  before.events.forEach((e, i) => {
    const f = after.events[i];
    if (e.type !== 'send' || f?.type !== 'send') return;
    // A reset answering a segment without ACK has seq 0 in any numbering (RFC 9293 §3.10.7.1).
    if (!(e.segment.flags.includes('RST') && e.segment.seq === 0))
      moved[e.from].add(sub(f.segment.seq, e.segment.seq));
    if (e.segment.flags.includes('ACK')) moved[e.to].add(sub(f.segment.ack, e.segment.ack));
  });
  return moved;
}

describe('freshScenario: every preset', () => {
  for (const name of PRESET_NAMES) {
    it(`${name}: same shape, every number of an endpoint moved by one constant per seed`, () => {
      const original = loadPreset(name) as ScenarioInput;
      const before = runScenario(original);
      const moves = SEEDS.map((seed) => {
        const result = freshScenario(original, seed);
        expect(result.fresh, `seed ${seed}`).toBe(true);
        const after = runScenario(result.scenario);
        expect(shape(after), `seed ${seed}`).toEqual(shape(before));
        const moved = shifts(before, after);
        // One constant per endpoint (or none, for an endpoint that sends nothing).
        expect(moved.A.size, `seed ${seed}: A`).toBeLessThanOrEqual(1);
        expect(moved.B.size, `seed ${seed}: B`).toBeLessThanOrEqual(1);
        return moved;
      });
      // The two seeds move the numbers differently.
      const [m1, m2] = moves as [ReturnType<typeof shifts>, ReturnType<typeof shifts>];
      for (const ep of ['A', 'B'] as const)
        if (m1[ep].size === 1) expect([...m1[ep]][0], ep).not.toBe([...m2[ep]][0]);
      // The first segment's answer changes with the seed.
      const answers = SEEDS.map((seed) => {
        const a = answerFor(
          buildTimeline(freshScenario(original, seed).scenario),
          { kind: 'next-segment' },
          -1,
        );
        return a?.kind === 'next-segment' ? a.segment.seq : null;
      });
      expect(answers[0]).not.toBeNull();
      expect(answers[0]).not.toBe(answers[1]);
    });
  }
});

describe('freshScenario: injected segments and ISNs', () => {
  it("rfc9293-fig8: the old duplicate SYN still arrives in the same state, its seq moved with A's ISN", () => {
    const original = loadPreset('rfc9293-fig8') as ScenarioInput;
    const { scenario } = freshScenario(original, 99);
    const inject = (s: ScenarioInput) =>
      (s.faults ?? []).flatMap((f) => ('inject' in f ? [f.inject.segment.seq] : []))[0] as number;
    const isnA = (s: ScenarioInput) => s.endpoints?.A?.isn as number;
    // Figure 8: A's ISN 100 and the old SYN's 90 keep their distance of 10 in the fresh numbers.
    expect(sub(isnA(scenario), inject(scenario))).toBe(sub(100, 90));
    const deliveredIn = (trace: Trace) =>
      trace.events.flatMap((e) => {
        if (e.type !== 'deliver') return [];
        const send = trace.events.find((s) => s.type === 'send' && s.id === e.id);
        return send?.type === 'send' && send.injected ? [e.state] : [];
      });
    expect(deliveredIn(runScenario(scenario))).toEqual(deliveredIn(runScenario(original)));
  });

  it('rfc9293-fig9: a list of ISNs (one per connection) stays a list, each moved', () => {
    const { scenario } = freshScenario(loadPreset('rfc9293-fig9') as ScenarioInput, 5);
    const a = scenario.endpoints?.A?.isn as number[];
    expect(a).toHaveLength(2);
    expect(sub(a[1] as number, a[0] as number)).toBe(400 - 99);
  });

  it('deterministic: the same seed gives the same scenario; the input is not modified', () => {
    const original = loadPreset('old-duplicate-syn') as ScenarioInput;
    const copy = structuredClone(original);
    expect(freshScenario(original, 7)).toEqual(freshScenario(original, 7));
    expect(original).toEqual(copy);
  });

  it('a run cut short cannot be compared: the original comes back, fresh: false', () => {
    const original = { ...(loadPreset('rfc9293-fig6') as ScenarioInput), options: { maxEvents: 5 } };
    expect(freshScenario(original, 3)).toEqual({ scenario: original, fresh: false });
  });

  it('under the profile the step runs with (linux)', () => {
    const original = loadPreset('linux-lost-syn-ack') as ScenarioInput;
    const result = freshScenario(original, 11, 'linux');
    expect(result.fresh).toBe(true);
    expect(shape(runScenario(result.scenario, { profile: 'linux' }))).toEqual(
      shape(runScenario(original, { profile: 'linux' })),
    );
  });
});
