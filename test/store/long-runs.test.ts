/**
 * Long runs in the page (issue "Nothing a user gives synack can crash it, freeze it…"): a run over
 * SYNC_EVENT_BUDGET events goes to the runner (here the page-thread runner, in slices), shows its progress,
 * can be cancelled with nothing changed, and a scenario that asks for more than PAGE_MAX_EVENTS is shown up to
 * it with a note. Oracles: the preset's own trace (unchanged while a run is under way or after a cancel), the
 * event counts the constants promise, and a run of the same scenario in one go (runScenario, no slicing).
 */
import { describe, expect, it } from 'vitest';
import { oneByteFlood } from '../../bench/scenarios';
import { createAppStore } from '../../src/store';
import { PAGE_MAX_EVENTS, SYNC_EVENT_BUDGET } from '../../src/store/compute';
import { inlineRunner } from '../../src/store/runner';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';

/** One-byte segments: a window of 65,535 of them in flight, released by one ACK (bench/scenarios.ts). */
const enormous = (maxEvents: number) => oneByteFlood(maxEvents);

/** A transfer that ends by itself after ~30,000 events (about 68 per 20,000-byte write). */
function medium(): ScenarioInput {
  return {
    version: 1,
    name: 'medium',
    seed: 7,
    network: { latencyMs: 20, lossRate: 0.005 },
    endpoints: { B: { closeOnEof: true } },
    options: { mslMs: 1000 },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 10, endpoint: 'A', call: 'connect' },
      ...Array.from({ length: 450 }, (_, i) => ({
        at: 100 + i * 50,
        endpoint: 'A' as const,
        call: 'send' as const,
        bytes: 20_000,
      })),
      { at: 100 + 450 * 50, endpoint: 'A', call: 'close' },
    ],
  };
}

describe('long runs in the page', () => {
  it('a short run (every preset) is built at once; a long one goes to the runner and arrives whole', async () => {
    const store = createAppStore({ runner: inlineRunner() });
    const s = store.getState;
    s().loadPreset('lost-syn-ack');
    expect(s().computing).toBeNull();
    expect(s().presetName).toBe('lost-syn-ack');

    const before = s().timeline;
    const scenario = medium();
    const whole = runScenario(scenario);
    expect(whole.events.length).toBeGreaterThan(SYNC_EVENT_BUDGET);
    expect(whole.truncated).toBeUndefined();

    s().edit(scenario);
    // Under way: the page keeps what it had and says how far the run is.
    expect(s().computing?.what).toBe('scenario');
    expect(s().timeline).toBe(before);
    const fractions: number[] = [];
    const unsubscribe = store.subscribe((st) => {
      if (st.computing?.progress.fraction != null) fractions.push(st.computing.progress.fraction);
    });
    await s().idle();
    unsubscribe();
    expect(s().computing).toBeNull();
    // The sliced run is the same run as one in a go.
    expect(s().timeline.trace.events).toEqual(whole.events);
    expect(s().timeline.trace.final).toEqual(whole.final);
    expect(s().timeline.trace.scenario.options.maxEvents).toBe(200_000);
    expect(s().pageLimit).toBeNull();
    // Progress only grows, and stays below 1 until it is done.
    expect(fractions.length).toBeGreaterThan(0);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] as number);
    expect(Math.max(...fractions.slice(-100))).toBeLessThan(1);
    // Recorded for undo like any edit.
    s().undo();
    expect(s().presetName).toBe('lost-syn-ack');
  });

  it('Cancel stops the run and changes nothing; the next change clears the note', async () => {
    const store = createAppStore({ runner: inlineRunner() });
    const s = store.getState;
    const before = { timeline: s().timeline, scenario: s().scenario, past: s().past };
    s().edit(enormous(1_000_000));
    expect(s().computing).not.toBeNull();
    s().cancelComputing();
    expect(s().computing).toBeNull();
    expect(s().cancelled).toBe(true);
    await s().idle();
    expect(s().timeline).toBe(before.timeline);
    expect(s().scenario).toBe(before.scenario);
    expect(s().past).toBe(before.past);
    s().edit(medium());
    expect(s().cancelled).toBe(false);
    await s().idle();
    expect(s().scenario.name).toBe('medium');
    // A short change clears the note too.
    s().edit(enormous(1_000_000));
    s().cancelComputing();
    expect(s().cancelled).toBe(true);
    s().loadPreset('lost-syn');
    expect(s().cancelled).toBe(false);
  });

  it('a newer change replaces a run under way (the last one asked for is shown)', async () => {
    const store = createAppStore({ runner: inlineRunner() });
    const s = store.getState;
    s().edit(enormous(1_000_000));
    s().loadPreset('rfc9293-fig7');
    expect(s().computing).toBeNull();
    await s().idle();
    expect(s().presetName).toBe('rfc9293-fig7');
    expect(s().scenario.name).not.toBe('Enormous');
  });

  it(`a scenario allowing 1,000,000 events is shown up to ${PAGE_MAX_EVENTS.toLocaleString('en')}, with a note`, async () => {
    const store = createAppStore({ runner: inlineRunner() });
    const s = store.getState;
    s().edit(enormous(1_000_000));
    await s().idle();
    expect(s().timeline.trace.events).toHaveLength(PAGE_MAX_EVENTS);
    expect(s().timeline.trace.truncated).toBe(true);
    expect(s().pageLimit).toEqual({ shown: PAGE_MAX_EVENTS, maxEvents: 1_000_000 });
    // What is exported is the scenario as the user made it.
    expect(JSON.parse(s().exportJson()).options.maxEvents).toBe(1_000_000);
    // Time travel works to its last event.
    const last = s().timeline.trace.events.length - 1;
    expect(s().timeline.stateAt(last).A.state).toBe('ESTABLISHED');
  }, 120_000);

  it('a scenario whose own limit is reached is not a page limit (no note)', async () => {
    const store = createAppStore({ runner: inlineRunner() });
    const s = store.getState;
    s().edit(enormous(50_000));
    await s().idle();
    expect(s().timeline.trace.truncated).toBe(true);
    expect(s().pageLimit).toBeNull();
  }, 60_000);
});
