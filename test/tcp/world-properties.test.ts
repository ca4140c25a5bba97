/**
 * Properties of random v2 scenarios (2–4 hosts, up to 6 connections, random sends, closes and aborts,
 * loss, a crash, injected segments, a listener closed): the world never throws; every connection end finishes in a state
 * with nothing left to do; SND.UNA ≤ SND.NXT (mod 2^32) in every TCB after every event; and no segment
 * reaches a socket whose local and remote address and port are not the segment's destination and source.
 * On failure fast-check prints the seed and the scenario, which replays as a v2 file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScenarioV2 } from '../../src/scenarios/validateV2';
import type { ActionV2, FaultV2, ScenarioV2Input } from '../../src/tcp/scenarioV2';
import { seqLe } from '../../src/tcp/seq';
import type { SendEventV2, SnapshotV2 } from '../../src/tcp/traceV2';
import type { Flag, State } from '../../src/tcp/types';
import { World } from '../../src/tcp/world';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 150);

/**
 * States a run can end in: the run ends when nothing is queued and no timer is armed, so a TCB with a
 * retransmission or TIME-WAIT timer (SYN-SENT, SYN-RECEIVED, FIN-WAIT-1, CLOSING, LAST-ACK, TIME-WAIT) has
 * moved on. ESTABLISHED, CLOSE-WAIT and FIN-WAIT-2 wait for the application or the peer (RFC 9293 has no
 * FIN-WAIT-2 timeout); LISTEN is a server end returned to its listener (§3.10.7.4).
 */
const FINAL_STATES: ReadonlySet<State> = new Set([
  'CLOSED',
  'LISTEN',
  'ESTABLISHED',
  'CLOSE-WAIT',
  'FIN-WAIT-2',
]);

interface Plan {
  seed: number;
  hosts: { linux: boolean; closeOnEof: boolean }[];
  conns: { from: number; to: number; port: 80 | 81; at: number }[];
  calls: { conn: number; server: boolean; call: 'send' | 'close' | 'abort'; at: number; bytes: number }[];
  loss: number;
  crash: { host: number; at: number } | null;
  /** A host closes (or aborts) its listener on port 80: under linux its unaccepted children are reset. */
  stop: { host: number; at: number; call: 'close' | 'abort' } | null;
  inject: { from: number; to: number; at: number; flags: Flag[]; seq: number } | null;
}

const flags = fc.subarray<Flag>(['SYN', 'ACK', 'FIN', 'RST']);
const planArb: fc.Arbitrary<Plan> = fc.integer({ min: 2, max: 4 }).chain((n) => {
  const host = fc.integer({ min: 0, max: n - 1 });
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    hosts: fc.array(fc.record({ linux: fc.boolean(), closeOnEof: fc.boolean() }), {
      minLength: n,
      maxLength: n,
    }),
    conns: fc.array(
      fc.record({
        from: host,
        to: host,
        port: fc.constantFrom<80 | 81>(80, 80, 81),
        at: fc.integer({ min: 0, max: 3000 }),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    calls: fc.array(
      fc.record({
        conn: fc.integer({ min: 0, max: 5 }),
        server: fc.boolean(),
        call: fc.constantFrom<'send' | 'close' | 'abort'>('send', 'send', 'close', 'abort'),
        at: fc.integer({ min: 0, max: 6000 }),
        bytes: fc.integer({ min: 1, max: 4000 }),
      }),
      { maxLength: 12 },
    ),
    loss: fc.constantFrom(0, 0.05, 0.2),
    crash: fc.option(fc.record({ host, at: fc.integer({ min: 0, max: 6000 }) })),
    stop: fc.option(
      fc.record({
        host,
        at: fc.integer({ min: 0, max: 6000 }),
        call: fc.constantFrom<'close' | 'abort'>('close', 'abort'),
      }),
    ),
    inject: fc.option(
      fc.record({ from: host, to: host, at: fc.integer({ min: 0, max: 6000 }), flags, seq: fc.nat() }),
    ),
  });
});

/** A valid v2 scenario from the plan: a connection to another host, calls only after its connect. */
function scenarioOf(p: Plan): ScenarioV2Input {
  const name = (i: number) => `h${i}`;
  const hosts: ScenarioV2Input['hosts'] = {};
  p.hosts.forEach((h, i) => {
    hosts[name(i)] = {
      address: `10.0.0.${i + 1}`,
      profile: h.linux ? 'linux' : 'rfc',
      closeOnEof: h.closeOnEof,
    };
  });
  const actions: ActionV2[] = p.hosts.map((_, i) => ({ at: 0, host: name(i), call: 'listen', port: 80 }));
  const conns = p.conns.map((c, i) => ({
    ...c,
    to: c.to === c.from ? (c.from + 1) % p.hosts.length : c.to,
    name: `c${i}`,
  }));
  for (const c of conns) {
    actions.push({
      at: c.at,
      host: name(c.from),
      call: 'connect',
      to: `${name(c.to)}:${c.port}`,
      conn: c.name,
    });
  }
  for (const call of p.calls) {
    const c = conns[call.conn % conns.length] as (typeof conns)[0];
    const host = name(call.server ? c.to : c.from);
    const at = Math.max(call.at, c.at);
    if (call.call === 'send') actions.push({ at, host, conn: c.name, call: 'send', bytes: call.bytes });
    else actions.push({ at, host, conn: c.name, call: call.call });
  }
  if (p.stop) actions.push({ at: p.stop.at, host: name(p.stop.host), call: p.stop.call, port: 80 });
  actions.sort((a, b) => a.at - b.at);
  const faults: FaultV2[] = [];
  if (p.crash) faults.push({ crash: { at: p.crash.at, host: name(p.crash.host) } });
  if (p.inject)
    faults.push({
      inject: {
        at: p.inject.at,
        from: name(p.inject.from),
        port: 40000,
        to: `${name(p.inject.to)}:80`,
        segment: { seq: p.inject.seq, ack: 1, flags: p.inject.flags },
      },
    });
  return { version: 2, seed: p.seed, network: { lossRate: p.loss }, hosts, actions, faults };
}

describe('random v2 scenarios', () => {
  it('never throw; every end finishes legally; SND.UNA ≤ SND.NXT; every segment reaches the socket it names', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const scenario = scenarioOf(plan);
        const parsed = parseScenarioV2(scenario);
        expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
        const sent = new Map<number, SendEventV2>();
        const reached: { host: string; conn: string; send: SendEventV2 }[] = [];
        // Per-event snapshots hold only changes; applied in order they must give every socket as it is.
        const moment: SnapshotV2 = { sockets: {}, listeners: {} };
        const world = new World(scenario, {
          snapshots: true,
          onEvent: (e, i, w) => {
            const settled = w.recorder.changes?.[i - 1];
            if (settled) {
              Object.assign(moment.sockets, settled.sockets);
              Object.assign(moment.listeners, settled.listeners);
              const now = w.snapshot();
              for (const [key, snap] of Object.entries(now.sockets))
                expect(moment.sockets[key], key).toEqual(snap);
              expect(moment.listeners).toMatchObject(now.listeners);
            }
            if (e.type === 'send') sent.set(e.id, e);
            if (e.type === 'deliver') {
              const s = sent.get(e.id) as SendEventV2;
              const host = w.hosts.get(e.host);
              expect(host?.address).toBe(s.dst.address);
              if (e.conn !== undefined) {
                // A SYN's deliver event comes before the child it spawns: check the socket after the run.
                reached.push({ host: e.host, conn: e.conn, send: s });
              } else if (e.listener === undefined) {
                expect(
                  host?.sockets.has(`${s.dst.address}:${s.dst.port}-${s.src.address}:${s.src.port}`),
                ).toBe(false);
              }
            }
            for (const h of w.hosts.values()) {
              for (const sock of h.sockets.values()) {
                if (sock.issKnown) expect(seqLe(sock.sndUna, sock.sndNxt)).toBe(true);
              }
              // A listener's accept queue counts exactly its unaccepted established children.
              for (const l of h.listeners.values()) {
                let queued = 0;
                for (const sock of h.sockets.values()) if (sock.parent === l && sock.queued) queued++;
                expect(l.queued).toBe(queued);
              }
            }
            // Every connect here takes an ephemeral port: none is refused for a 4-tuple in use.
            if (e.type === 'app') expect(e.explain).not.toBe('call-already-exists');
          },
        });
        const trace = world.run();
        expect(trace.truncated).toBeUndefined();
        for (const r of reached) {
          const sock = world.socket(r.host, r.conn);
          expect({ local: sock?.local, remote: sock?.remote }).toEqual({
            local: r.send.dst,
            remote: r.send.src,
          });
        }
        for (const [conn, f] of Object.entries(trace.final)) {
          expect(FINAL_STATES.has(f.client.state), `${conn} client ${f.client.state}`).toBe(true);
          if (f.server)
            expect(FINAL_STATES.has(f.server.state), `${conn} server ${f.server.state}`).toBe(true);
        }
        expect(world.done).toBe(true);
        // Nothing was left behind: a TCB with an armed timer would mean a lost wake-up.
        for (const conn of Object.keys(trace.final)) {
          for (const host of world.hosts.keys()) expect(world.socket(host, conn)?.timers ?? []).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('the same plan and seed give a byte-identical trace', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const s = scenarioOf(plan);
        expect(JSON.stringify(new World(s).run())).toBe(JSON.stringify(new World(s).run()));
      }),
      { numRuns: 30 },
    );
  });
});
