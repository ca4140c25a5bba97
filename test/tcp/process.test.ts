/**
 * `process` / `call` / `fire` (src/tcp/process.ts): the contract the rule tests rely on, and the
 * hand-built fixtures checked against the connection the simulator builds.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/tcp/index';
import { accepts, call, fire, pollAt, process as processSeg } from '../../src/tcp/process';
import { flagBits, type Seg } from '../../src/tcp/segment';
import { seqLe } from '../../src/tcp/seq';
import type { Flag, State } from '../../src/tcp/types';
import { World } from '../../src/tcp/world';
import { apps, type Side, show, tcb } from './fixtures';
import { FIXTURES, inject, scenario } from './harness';

const RUNS = Number(globalThis.process?.env.PROPERTY_RUNS ?? 300);

/** Each hand-built state beside the simulated fixture (harness.ts) that holds the same TCB, and the time to look. */
const SIMULATED: { state: State; side: Side; fixture: keyof typeof FIXTURES; at: number }[] = [
  { state: 'LISTEN', side: 'B', fixture: 'listen', at: 100 },
  { state: 'SYN-SENT', side: 'A', fixture: 'synSentA', at: 100 },
  { state: 'SYN-RECEIVED', side: 'B', fixture: 'synReceivedB', at: 200 },
  { state: 'ESTABLISHED', side: 'A', fixture: 'established', at: 1000 },
  { state: 'ESTABLISHED', side: 'B', fixture: 'established', at: 1000 },
  { state: 'FIN-WAIT-1', side: 'A', fixture: 'finWait1A', at: 1000 },
  { state: 'FIN-WAIT-2', side: 'A', fixture: 'finWait2A', at: 2000 },
  { state: 'CLOSE-WAIT', side: 'B', fixture: 'closeWaitB', at: 2000 },
  { state: 'CLOSING', side: 'A', fixture: 'closing', at: 1060 },
  { state: 'LAST-ACK', side: 'B', fixture: 'lastAckB', at: 2010 },
  { state: 'TIME-WAIT', side: 'A', fixture: 'timeWaitA', at: 3000 },
];

const FIELDS = ['state', 'iss', 'irs', 'sndUna', 'sndNxt', 'sndWnd', 'rcvNxt', 'rcvWnd', 'inFlight'] as const;

describe('fixtures', () => {
  for (const s of SIMULATED) {
    it(`${s.state} (${s.side}) has the sequence variables the simulated connection has at ${s.at} ms`, () => {
      const timeline = buildTimeline(scenario(FIXTURES[s.fixture]));
      const simulated = timeline.stateAt(timeline.indexAtTime(s.at))[s.side];
      const built = tcb(s.state, s.side).snapshot();
      for (const f of FIELDS) expect([f, built[f]]).toEqual([f, simulated[f]]);
    });
  }
});

const STATES_BUILT: [State, Side][] = [
  ['CLOSED', 'B'],
  ['LISTEN', 'B'],
  ['SYN-SENT', 'A'],
  ['SYN-RECEIVED', 'B'],
  ['ESTABLISHED', 'A'],
  ['ESTABLISHED', 'B'],
  ['FIN-WAIT-1', 'A'],
  ['FIN-WAIT-2', 'A'],
  ['CLOSE-WAIT', 'B'],
  ['CLOSING', 'A'],
  ['LAST-ACK', 'B'],
  ['TIME-WAIT', 'A'],
];

/** Sequence numbers near the ones the fixtures use, and far ones. */
const seqNear = fc.oneof(
  fc.integer({ min: 85, max: 125 }),
  fc.integer({ min: 285, max: 325 }),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const segment: fc.Arbitrary<Seg> = fc.record({
  seq: seqNear,
  ack: seqNear,
  flags: fc.subarray<Flag>(['SYN', 'ACK', 'FIN', 'RST', 'PSH']).map(flagBits),
  len: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
  win: fc.oneof(fc.constant(65535), fc.integer({ min: 0, max: 65535 })),
});
const profile = fc.constantFrom<'rfc' | 'linux'>('rfc', 'linux');

describe('process', () => {
  it('at most one immediate reply; the outcome agrees with the TCB; SND.UNA ≤ SND.NXT', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...STATES_BUILT),
        profile,
        fc.array(segment, { minLength: 1, maxLength: 6 }),
        ([state, side], p, segs) => {
          const ep = tcb(state, side, { profile: p });
          let now = 1000;
          for (const s of segs) {
            const out = processSeg(ep, { ...s, ack: s.flags & flagBits(['ACK']) ? s.ack : 0 }, now);
            const replies = out.sent.filter((x) => !out.released.includes(x));
            expect(replies.length).toBeLessThanOrEqual(1);
            expect(out.reply).toBe(replies[0] ?? null);
            expect(out.state).toBe(ep.state);
            const lastState = out.events.filter((e) => e.type === 'state').at(-1);
            if (lastState?.type === 'state') expect(lastState.to).toBe(ep.state);
            if (ep.issKnown) expect(seqLe(ep.sndUna, ep.sndNxt)).toBe(true);
            for (const t of out.timers) expect(t.from).not.toBe(t.to);
            now += 7;
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('is deterministic: the same fixture and segment give the same outcome', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATES_BUILT), profile, segment, ([state, side], p, s) => {
        const a = processSeg(tcb(state, side, { profile: p }), s, 1000);
        const b = processSeg(tcb(state, side, { profile: p }), s, 1000);
        expect(a).toEqual(b);
      }),
      { numRuns: RUNS },
    );
  });

  it('gives the replies the simulator gives the same segment in the same state (ESTABLISHED)', () => {
    fc.assert(
      fc.property(segment, (s) => {
        const flags = (['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as Flag[]).filter((f) => s.flags & flagBits([f]));
        if (flags.length === 0) return; // a segment without flags cannot be injected
        const simulated = inject(FIXTURES.established, 'A', {
          seq: s.seq,
          ...(flags.includes('ACK') ? { ack: s.ack } : {}),
          flags,
          len: s.len,
          win: s.win,
        }).reaction;
        const seg = { ...s, ack: flags.includes('ACK') ? s.ack : 0 };
        const out = processSeg(tcb('ESTABLISHED', 'B'), seg, 1050);
        expect(out.explain).toBe(simulated.explain);
        expect(out.sent.map(show)).toEqual(simulated.replies.map((r) => r.replace(/^B>A /, '')));
      }),
      { numRuns: 100 },
    );
  });

  it('restores the TCB its host after the call, even when a rule throws', () => {
    const ep = tcb('ESTABLISHED');
    const host = ep.host;
    processSeg(ep, { seq: 101, ack: 301, flags: flagBits(['ACK']), len: 0, win: 65535 }, 1000);
    expect(ep.host).toBe(host);
    const listen = tcb('CLOSED');
    listen.config.isn = undefined;
    listen.state = 'LISTEN';
    expect(() => processSeg(listen, { seq: 1, ack: 0, flags: flagBits(['SYN']), len: 0, win: 1 }, 0)).toThrow(
      /no pinned ISN/,
    );
    expect(() => listen.host.now).toThrow(/outside process/);
  });
});

describe('call and fire', () => {
  it('fire does nothing before the first expiry and fires the due timer once', () => {
    const ep = tcb('SYN-SENT'); // SYN at 10, timer at 1010
    expect(pollAt(ep)).toBe(1010);
    const early = fire(ep, 1009);
    expect([early.fired, early.sent, early.timers]).toEqual([null, [], []]);
    const due = fire(ep, 1010);
    expect(due.fired).toBe('retransmission');
    // Backed off (RFC 6298 §5.5): the next expiry is 2 s later.
    expect(due.timers).toEqual([{ kind: 'retransmission', from: 1010, to: 3010 }]);
    expect(fire(ep, 1010).fired).toBeNull();
  });

  it('a call reports the application events and the reflexes it queued', () => {
    const ep = tcb('SYN-SENT', 'A');
    const o = processSeg(
      ep,
      { seq: 300, ack: 101, flags: flagBits(['SYN', 'ACK']), len: 0, win: 65535 },
      110,
    );
    expect(apps(o)).toEqual(['connected']);
    const closeOnConnect = tcb('SYN-SENT', 'A');
    closeOnConnect.config.closeOnConnect = true;
    const c = processSeg(
      closeOnConnect,
      { seq: 300, ack: 101, flags: flagBits(['SYN', 'ACK']), len: 0, win: 65535 },
      110,
    );
    expect(c.calls).toEqual(['close']);
    expect(call(closeOnConnect, 'close', 110).state).toBe('FIN-WAIT-1');
  });
});

describe('accepts', () => {
  it('a connection takes its own 4-tuple only; a listener, anything to its port', () => {
    const world = new World(JSON.parse(readFileSync('docs/examples/three-clients-one-server.json', 'utf8')));
    // Stop while every connection is open: after the handshakes, before anything closes.
    const open = () =>
      world.connections.size === 3 &&
      [...world.connections.values()].every((c) => c.server?.state === 'ESTABLISHED');
    while (!world.done && !open()) world.step();
    expect(open()).toBe(true);
    const server = [...world.hosts.values()].find((h) => h.listeners.size > 0);
    if (!server) throw new Error('no listener in the example');
    const children = [...server.sockets.values()].filter((s) => s.remote !== null);
    expect(children.length).toBe(3);
    for (const child of children) {
      const remote = child.remote as { address: string; port: number };
      expect(accepts(child, remote, child.local)).toBe(true);
      expect(accepts(child, { ...remote, port: remote.port + 1 }, child.local)).toBe(false);
      expect(accepts(child, remote, { ...child.local, port: child.local.port + 1 })).toBe(false);
      // Exactly one socket of the host takes a segment of this 4-tuple: the child (the table's lookup agrees).
      const takers = children.filter((s) => accepts(s, remote, child.local));
      expect(takers).toEqual([child]);
    }
    for (const { socket, port } of server.listeners.values()) {
      expect(accepts(socket, { address: '203.0.113.9', port: 5555 }, { address: server.address, port })).toBe(
        true,
      );
      expect(
        accepts(socket, { address: '203.0.113.9', port: 5555 }, { address: server.address, port: port + 1 }),
      ).toBe(false);
    }
  });
});
