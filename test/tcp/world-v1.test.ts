/**
 * A v1 scenario in the world's v1 mode (docs/design/engine-v2.md §2): hosts A and B at the pcap export's
 * addresses (RFC 5737), one connection "c1". The page and `sim` still run v1 through `Simulation` (the
 * world's code stays out of the page's initial bundle: README, Benchmarks); the world's v1 mode must give
 * the same run, checked against the golden v1 traces (not against Simulation), and every event says where
 * it happened.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPreset } from '../../src/scenarios';
import { normalizeScenario, runScenario, World } from '../../src/tcp/index';
import type { TraceEvent } from '../../src/tcp/types';
import { PROFILES_RUN, presetNames, v1Difference } from './golden/run';

const GOLDEN = join(import.meta.dirname, 'golden', 'v1');

function worldV1(name: string, profile: 'rfc' | 'linux') {
  const scenario = normalizeScenario({ ...(loadPreset(name) as object), profile } as never);
  const world = new World(scenario);
  world.run();
  return world;
}

describe('the world in v1 mode', () => {
  for (const name of presetNames()) {
    for (const profile of PROFILES_RUN) {
      it(`${name} under ${profile}: the golden v1 events and final states`, () => {
        const golden = JSON.parse(readFileSync(join(GOLDEN, `${name}.${profile}.json`), 'utf8'));
        const world = worldV1(name, profile);
        const events = JSON.parse(JSON.stringify(world.events));
        expect(v1Difference(events, golden.events, '$.events')).toBeNull();
        const trace = world.trace();
        expect(trace.final.c1).toEqual({ client: golden.final.A, server: golden.final.B });
      });
    }
  }

  it('every event names its host (A or B) and the connection c1; sends carry addresses and ports', () => {
    const world = worldV1('data-then-close', 'rfc');
    const events = world.events as unknown as (TraceEvent & Record<string, unknown>)[];
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
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
    expect(world.trace().connections.c1).toEqual({
      client: { host: 'A', local: { address: '192.0.2.1', port: 40000 } },
      server: { host: 'B', local: { address: '198.51.100.1', port: 80 } },
    });
  });

  it('a v1 trace from runScenario names the host and connection of every event by the same rule', () => {
    for (const name of presetNames()) {
      for (const profile of PROFILES_RUN) {
        const scenario = normalizeScenario({ ...(loadPreset(name) as object), profile } as never);
        const events = runScenario(scenario).events;
        for (const e of events) {
          // The host is where it happened: the endpoint; a send's sender; a delivery's receiver; a drop's
          // sender (the segment was lost on its way from it). The one connection is c1, named by the socket
          // that acted: a crash is the host's, and an injected segment (or a copy of one) no socket sent.
          const sentBy = (id: number) => events.find((s) => s.type === 'send' && s.id === id);
          // A network copy is sent right after its original, of the same segment, at the same instant.
          const injectedCopy = (id: number): boolean => {
            const i = events.findIndex((s) => s.type === 'send' && s.id === id);
            const copy = events[i];
            if (copy?.type !== 'send' || !copy.duplicate) return false;
            for (let j = i - 1; j >= 0; j--) {
              const s = events[j];
              if (s?.type === 'send' && !s.duplicate) return s.injected;
            }
            return false;
          };
          const where =
            e.type === 'send'
              ? e.from
              : e.type === 'deliver'
                ? e.to
                : e.type === 'drop'
                  ? (sentBy(e.id) as { from: string }).from
                  : e.endpoint;
          expect([name, e.type, e.host]).toEqual([name, e.type, where]);
          const sent = e.type === 'send' ? e : e.type === 'drop' ? sentBy(e.id) : undefined;
          const noSocket =
            e.type === 'crash' || (sent?.type === 'send' && (sent.injected || injectedCopy(sent.id)));
          expect([name, e.type, e.conn]).toEqual([name, e.type, noSocket ? undefined : 'c1']);
        }
        // The world's v1 mode, written separately, says the same of every event.
        const world = worldV1(name, profile).events;
        expect(world.map((e) => [e.host, e.conn ?? null])).toEqual(
          events.map((e) => [e.host, e.conn ?? null]),
        );
      }
    }
  });
});
