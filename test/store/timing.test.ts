/**
 * timing() reads only the events that matter (connect and close calls, state changes), memoized per trace.
 * Oracles: the handshake of RFC 9293 figure 6 worked by hand (one-way latency from the preset), and, for every
 * preset under both profiles at every cursor, a plain scan of all events up to the cursor (the definition).
 */
import { describe, expect, it } from 'vitest';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios/presets';
import { timing } from '../../src/store/selectors';
import { runScenario } from '../../src/tcp';
import type { EndpointName, ScenarioInput, Trace, TraceEvent } from '../../src/tcp/types';

/** The definition: walk every event up to the cursor. */
function byScan(trace: Trace, cursor: number) {
  const events = trace.events;
  const now = events[cursor]?.t ?? 0;
  let connectAt: number | null = null;
  let closeAt: number | null = null;
  const established: Partial<Record<EndpointName, number>> = {};
  const closed: Partial<Record<EndpointName, number>> = {};
  for (let i = 0; i <= cursor && i < events.length; i++) {
    const e = events[i] as TraceEvent;
    if (e.type === 'call' && e.call === 'connect' && connectAt === null) connectAt = e.t;
    if (e.type === 'call' && e.call === 'close' && closeAt === null) closeAt = e.t;
    if (e.type === 'state') {
      if (e.to === 'ESTABLISHED' && established[e.endpoint] === undefined) established[e.endpoint] = e.t;
      if (e.to === 'CLOSED' && closeAt !== null) closed[e.endpoint] = e.t;
    }
  }
  const both = (m: Partial<Record<EndpointName, number>>) =>
    m.A !== undefined && m.B !== undefined ? Math.max(m.A, m.B) : null;
  const est = both(established);
  const fin = both(closed);
  return {
    now,
    handshakeMs: connectAt !== null && est !== null ? est - connectAt : null,
    teardownMs: closeAt !== null && fin !== null ? fin - closeAt : null,
  };
}

describe('timing records', () => {
  it('figure 6: the handshake takes one round trip and a half (SYN, SYN,ACK, ACK) = 3 × the one-way latency', () => {
    const scenario = loadPreset('rfc9293-fig6') as ScenarioInput;
    const latency = scenario.network?.latencyMs ?? 50;
    const trace = runScenario(scenario);
    const last = trace.events.length - 1;
    // A is ESTABLISHED when the SYN,ACK arrives (2 latencies), B when the ACK does (3).
    expect(timing(trace, last).handshakeMs).toBe(3 * latency);
  });

  for (const name of PRESET_NAMES) {
    for (const profile of ['rfc', 'linux'] as const) {
      it(`${name} (${profile}): at every cursor, as a scan of all events says`, () => {
        const trace = runScenario(loadPreset(name) as ScenarioInput, { profile });
        for (let c = -1; c < trace.events.length; c++) {
          const got = timing(trace, c);
          const want = byScan(trace, c);
          expect([got.handshakeMs, got.teardownMs]).toEqual([want.handshakeMs, want.teardownMs]);
        }
      });
    }
  }
});
