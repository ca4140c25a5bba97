/**
 * Simulation.rerun (the Monte Carlo loop's reuse of one simulation, src/tcp/montecarlo.ts) must leave
 * nothing of the previous run behind: a rerun under seed s produces exactly the trace, snapshots and final
 * TCBs of a new Simulation under seed s, whatever ran before it.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios/presets';
import { lifecycleScenario } from '../../src/tcp/montecarlo';
import { PROFILES } from '../../src/tcp/profile';
import { normalizeScenario } from '../../src/tcp/scenario';
import { Simulation } from '../../src/tcp/simulator';
import { Endpoint, type Host, resetEndpoint } from '../../src/tcp/tcb';
import type { Scenario, ScenarioInput } from '../../src/tcp/types';

function fresh(scenario: Scenario, seed: number) {
  const sim = new Simulation({ ...scenario, seed }, { normalized: true, snapshots: true });
  const trace = sim.run();
  return { trace, snapshots: sim.snapshots, events: sim.eventCount };
}

function rerun(sim: Simulation, seed: number) {
  sim.rerun(seed);
  const trace = sim.run();
  return { trace, snapshots: sim.snapshots, events: sim.eventCount };
}

/** An endpoint's own state, without its host and with its queues as what they hold. */
function fields(ep: Endpoint): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ep)) {
    if (k === 'host') continue;
    out[k] = v;
  }
  out.rtx = { length: ep.rtx.length, space: ep.rtx.space, first: ep.rtx.first() };
  out.ooo = ep.ooo.size;
  out.timers = [...ep.timers];
  return out;
}

const scenarios: [string, Scenario][] = [];
for (const name of PRESET_NAMES) {
  for (const profile of ['rfc', 'linux'] as const) {
    scenarios.push([
      `${name} (${profile})`,
      normalizeScenario(loadPreset(name) as ScenarioInput, { profile }),
    ]);
  }
}
for (const loss of [0, 0.1, 0.5, 0.9]) {
  for (const profile of ['rfc', 'linux'] as const) {
    scenarios.push([`lifecycle ${loss} (${profile})`, lifecycleScenario(loss, 50, profile, 1)]);
  }
}
const lossy: ScenarioInput = {
  version: 1,
  network: { latencyMs: 20, jitterMs: 7, lossRate: 0.3, duplicateRate: 0.1, reorderRate: 0.2 },
  endpoints: { A: { closeOnConnect: false }, B: { closeOnEof: true } },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 0, endpoint: 'A', call: 'connect' },
    { at: 100, endpoint: 'A', call: 'send', bytes: 20000 },
    { at: 3000, endpoint: 'A', call: 'close' },
  ],
  faults: [
    { drop: { from: 'A', flags: ['ACK'], nth: 3, count: 2 } },
    { delay: { from: 'B', flags: ['ACK'], nth: 2, ms: 300 } },
    { inject: { at: 50, from: 'A', segment: { seq: 5, ack: 0, flags: ['SYN'] } } },
  ],
};
scenarios.push(['lossy transfer with faults', normalizeScenario(lossy)]);

describe('Simulation.rerun', () => {
  it.each(scenarios)('%s: a rerun equals a new simulation under the same seed', (_name, scenario) => {
    const sim = new Simulation(scenario, { normalized: true, snapshots: true });
    sim.run();
    for (const seed of [2, 3, 99, 4294967295]) {
      expect(rerun(sim, seed)).toEqual(fresh(scenario, seed));
    }
  });

  it('resets every field of both endpoints to the values of a new endpoint', () => {
    const scenario = normalizeScenario(lossy);
    const sim = new Simulation(scenario, { normalized: true });
    sim.run();
    const host = sim as unknown as Host;
    for (const name of ['A', 'B'] as const) {
      const ep = sim.endpoints[name];
      expect(fields(ep)).not.toEqual(
        fields(new Endpoint(name, ep.config, PROFILES[scenario.profile], scenario.options, host)),
      );
      resetEndpoint(ep);
      expect(fields(ep)).toEqual(
        fields(new Endpoint(name, ep.config, PROFILES[scenario.profile], scenario.options, host)),
      );
    }
  });
});
