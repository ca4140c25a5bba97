/**
 * A v1 scenario runs in the world (docs/design/engine-v2.md §2): hosts A and B at the pcap export's
 * addresses (RFC 5737), one connection "c1"; every event keeps its v1 fields (test/tcp/golden checks them
 * all) and gains where it happened.
 */
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/scenarios';
import { runScenario, Simulation } from '../../src/tcp/index';
import type { ScenarioInput } from '../../src/tcp/types';

describe('a v1 run is a world of two hosts', () => {
  it('every event names its host (A or B) and the connection c1; sends carry addresses and ports', () => {
    const trace = runScenario(loadPreset('data-then-close') as ScenarioInput);
    expect(trace.events.length).toBeGreaterThan(10);
    for (const e of trace.events as unknown as Record<string, unknown>[]) {
      expect(['A', 'B']).toContain(e.host);
      expect(e.conn).toBe('c1');
      if (e.type === 'send') {
        const a = { address: '192.0.2.1', port: 40000 };
        const b = { address: '198.51.100.1', port: 80 };
        expect(e.src).toEqual(e.from === 'A' ? a : b);
        expect(e.dst).toEqual(e.from === 'A' ? b : a);
        expect(e.toHost).toBe(e.to);
      }
      if (e.type === 'state' || e.type === 'app' || e.type === 'call' || e.type === 'timer')
        expect(e.host).toBe(e.endpoint);
    }
  });

  it('Simulation is the facade: its endpoints are the world’s two records', () => {
    const sim = new Simulation(loadPreset('data-then-close') as ScenarioInput);
    sim.run();
    expect(sim.endpoints.A).toBe(sim.world.v1?.A);
    expect(sim.endpoints.B.name).toBe('B');
    expect(sim.world.hosts.get('A')?.address).toBe('192.0.2.1');
  });
});

describe('World.trace() of a v1 run', () => {
  it('has the one connection c1 between A and B, with both ends final', () => {
    const sim = new Simulation(loadPreset('data-then-close') as ScenarioInput);
    const v1 = sim.run();
    const trace = sim.world.trace();
    expect(trace.connections.c1).toEqual({
      client: { host: 'A', local: { address: '192.0.2.1', port: 40000 } },
      server: { host: 'B', local: { address: '198.51.100.1', port: 80 } },
    });
    expect(trace.final.c1).toEqual({ client: v1.final.A, server: v1.final.B });
  });
});
