/**
 * A world of hosts, the cases a user tries first (issue 12): three clients to one server, a server crash
 * with three connections open, a SYN for a port nobody listens on, and determinism. Oracles are written
 * from RFC 9293 (figure 5's state sequences, §3.10.7.1's reset) and linux-listener.md, not from a run.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioV2Input } from '../../src/tcp/scenarioV2';
import type { AppEventV2, DeliverEventV2, SendEventV2, TraceV2 } from '../../src/tcp/traceV2';
import type { Profile } from '../../src/tcp/types';
import { runWorld } from '../../src/tcp/world';
import { clientAddress, SERVER, sends, show, statesOf } from './world-harness';

/** The sockets a segment names: every deliver reaches the end whose local/remote are the segment's dst/src. */
function expectDeliveredByTuple(trace: TraceV2): void {
  const sent = new Map<number, SendEventV2>();
  for (const e of trace.events) {
    if (e.type === 'send') sent.set(e.id, e);
    if (e.type !== 'deliver') continue;
    const s = sent.get(e.id) as SendEventV2;
    expect(trace.hosts[e.host]?.address).toBe(s.dst.address);
    if (e.conn === undefined) continue;
    const info = trace.connections[e.conn];
    expect(info).toBeDefined();
    if (!info) continue;
    const [local, remote] =
      info.server.host === e.host
        ? [info.server.local, info.client.local]
        : [info.client.local, info.server.local];
    expect({ local, remote }).toEqual({ local: s.dst, remote: s.src });
  }
}

function threeClients(profile: Profile, oneHost: boolean): ScenarioV2Input {
  const hosts: ScenarioV2Input['hosts'] = { server: { ...SERVER, closeOnEof: true } };
  const actions: ScenarioV2Input['actions'] = [{ at: 0, host: 'server', call: 'listen', port: 80 }];
  for (let i = 0; i < 3; i++) {
    const host = oneHost ? 'client' : `client${i + 1}`;
    hosts[host] = { address: clientAddress(oneHost ? 0 : i) };
    const conn = `c${i + 1}`;
    actions.push({ at: 10 + i, host, call: 'connect', to: 'server:80', conn });
    actions.push({ at: 1000 + 100 * i, host, conn, call: 'send', bytes: 1000 });
    actions.push({ at: 2000 + 100 * i, host, conn, call: 'close' });
  }
  return { version: 2, profile, seed: 42, hosts, actions };
}

// RFC 9293 figure 5 (and §3.6): the active closer passes TIME-WAIT, the passive one LAST-ACK.
const CLIENT_STATES = [
  'CLOSED>SYN-SENT',
  'SYN-SENT>ESTABLISHED',
  'ESTABLISHED>FIN-WAIT-1',
  'FIN-WAIT-1>FIN-WAIT-2',
  'FIN-WAIT-2>TIME-WAIT',
  'TIME-WAIT>CLOSED',
];
const SERVER_STATES = [
  'LISTEN>SYN-RECEIVED',
  'SYN-RECEIVED>ESTABLISHED',
  'ESTABLISHED>CLOSE-WAIT',
  'CLOSE-WAIT>LAST-ACK',
  'LAST-ACK>CLOSED',
];

describe('three clients, one server', () => {
  for (const profile of ['linux', 'rfc'] as const) {
    for (const oneHost of [false, true]) {
      it(`${profile}, ${oneHost ? 'one client host with three connections' : 'three client hosts'}: three connections, each by its own 4-tuple, all closed legally`, () => {
        const trace = runWorld(threeClients(profile, oneHost));
        const range = profile === 'linux' ? [32768, 60999] : [49152, 65535];
        const ports = ['c1', 'c2', 'c3'].map((c) => trace.connections[c]?.client.local.port as number);
        expect(new Set(ports).size).toBe(3);
        for (const port of ports) {
          expect(port % 2).toBe(0); // connect() prefers even ports (__inet_hash_connect)
          expect(port).toBeGreaterThanOrEqual(range[0] as number);
          expect(port).toBeLessThanOrEqual(range[1] as number);
        }
        expectDeliveredByTuple(trace);
        for (const conn of ['c1', 'c2', 'c3']) {
          const client = trace.connections[conn]?.client.host as string;
          expect(statesOf(trace, client, conn)).toEqual(CLIENT_STATES);
          expect(statesOf(trace, 'server', conn)).toEqual(SERVER_STATES);
          expect(trace.final[conn]).toEqual({ client: { state: 'CLOSED' }, server: { state: 'CLOSED' } });
          // The server end received the client's 1000 bytes.
          const data = trace.events.filter(
            (e): e is AppEventV2 =>
              e.type === 'app' && e.host === 'server' && e.conn === conn && e.event === 'data',
          );
          expect(data.reduce((n, e) => n + (e.bytes ?? 0), 0)).toBe(1000);
        }
        // The listener survives its children (linux-listener.md §3): one LISTEN, never left.
        const listener = trace.events.filter((e) => e.type === 'state' && e.listener === 80);
        expect(listener.map((e) => e.type === 'state' && `${e.from}>${e.to}`)).toEqual(['CLOSED>LISTEN']);
      });
    }
  }
});

describe('a server crash with three connections open', () => {
  it('each client that sends next gets a RST (<SEQ=SEG.ACK>, §3.10.7.1) → ECONNRESET; the idle one stays ESTABLISHED', () => {
    const s = threeClients('linux', false);
    s.actions = s.actions.filter((a) => a.call === 'listen' || a.call === 'connect');
    s.faults = [{ crash: { at: 500, host: 'server' } }];
    s.actions.push({ at: 1000, host: 'client1', conn: 'c1', call: 'send', bytes: 10 });
    s.actions.push({ at: 1200, host: 'client2', conn: 'c2', call: 'send', bytes: 10 });
    const trace = runWorld(s);
    for (const [host, conn] of [
      ['client1', 'c1'],
      ['client2', 'c2'],
    ] as const) {
      const data = sends(trace, { host, conn }).find((e) => e.segment.len === 10) as SendEventV2;
      // The server has no socket: the reply is <SEQ=SEG.ACK><CTL=RST> from port 80, on no connection.
      const reply = sends(trace, { host: 'server' }).find((e) => e.t === data.arriveAt) as SendEventV2;
      expect(reply.conn).toBeUndefined();
      expect(reply.segment).toMatchObject({ flags: ['RST'], seq: data.segment.ack, ack: 0 });
      expect(reply.dst).toEqual(data.src);
      const err = trace.events.find((e) => e.type === 'app' && e.host === host && e.event === 'error');
      expect(err).toMatchObject({ conn, error: 'ECONNRESET', explain: 'rst-reset' });
      expect(trace.final[conn]?.client).toEqual({ state: 'CLOSED', error: 'ECONNRESET' });
    }
    expect(trace.final.c3?.client).toEqual({ state: 'ESTABLISHED' });
    expect(sends(trace, { host: 'client3' }).every((e) => e.t < 500)).toBe(true);
    // The crash forgot all three server ends and the listener.
    const forgotten = trace.events.filter(
      (e) => e.type === 'state' && e.host === 'server' && e.explain === 'crash',
    );
    expect(forgotten).toHaveLength(4);
  });
});

describe('a SYN for a port nobody listens on', () => {
  it('gets <SEQ=0><ACK=ISS+1><CTL=RST,ACK> (§3.10.7.1, tcp_v4_send_reset) and connect() fails with ECONNREFUSED', () => {
    for (const profile of ['linux', 'rfc'] as const) {
      const trace = runWorld({
        version: 2,
        profile,
        hosts: { client: { address: clientAddress(0) }, server: SERVER },
        actions: [
          { at: 0, host: 'server', call: 'listen', port: 80 },
          { at: 10, host: 'client', call: 'connect', to: 'server:81', conn: 'c1', iss: 1000 },
        ],
      });
      expect(sends(trace).map(show)).toEqual([
        'client>server SYN seq=1000',
        'server>client ACK,RST seq=0 ack=1001',
      ]);
      const deliver = trace.events.find(
        (e): e is DeliverEventV2 => e.type === 'deliver' && e.host === 'server',
      );
      expect(deliver).toMatchObject({ state: 'CLOSED', explain: 'closed-reset' });
      expect(deliver?.conn).toBeUndefined();
      expect(trace.final.c1).toEqual({ client: { state: 'CLOSED', error: 'ECONNREFUSED' }, server: null });
    }
  });
});

describe('determinism', () => {
  it('the same scenario and seed give a byte-identical trace; another seed other ports', () => {
    const s = threeClients('linux', true);
    const a = JSON.stringify(runWorld(s));
    expect(JSON.stringify(runWorld(s))).toBe(a);
    const other = runWorld({ ...s, seed: 43 });
    expect(JSON.stringify(other)).not.toBe(a);
  });
});

describe('faults in a world', () => {
  it('a drop rule with conn counts only that connection’s segments from its host', () => {
    const trace = runWorld({
      version: 2,
      hosts: { client: { address: clientAddress(0) }, server: SERVER },
      actions: [
        { at: 0, host: 'server', call: 'listen', port: 80 },
        { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' },
        { at: 20, host: 'client', call: 'connect', to: 'server:80', conn: 'c2' },
      ],
      faults: [{ drop: { from: 'client', conn: 'c2', flags: ['SYN'], nth: 1 } }],
    });
    const drops = trace.events.filter((e) => e.type === 'drop');
    expect(drops).toHaveLength(1);
    expect(drops[0]).toMatchObject({ host: 'client', conn: 'c2', cause: 'fault' });
    // c2's SYN goes again after the initial RTO of 1 s (RFC 6298 §2.1) and both connect.
    const c2Syns = sends(trace, { host: 'client', conn: 'c2' }).filter(
      (e) => e.segment.flags.join() === 'SYN',
    );
    expect(c2Syns.map((e) => e.t)).toEqual([20, 1020]);
    expect(trace.final.c1?.server).toEqual({ state: 'ESTABLISHED' });
    expect(trace.final.c2?.server).toEqual({ state: 'ESTABLISHED' });
  });

  it('an injected SYN to a listener spawns a child named "<host>:<remote port>"', () => {
    const trace = runWorld({
      version: 2,
      hosts: { client: { address: clientAddress(0) }, server: { ...SERVER, isn: 300 } },
      actions: [{ at: 0, host: 'server', call: 'listen', port: 80 }],
      faults: [
        {
          inject: {
            at: 10,
            from: 'client',
            port: 41000,
            to: 'server:80',
            segment: { seq: 100, flags: ['SYN'] },
          },
        },
      ],
    });
    // §3.10.7.2: the listener's child answers <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>; the client has no socket
    // for it and answers <SEQ=SEG.ACK><CTL=RST> (§3.10.7.1), which returns the child to LISTEN (§3.10.7.4).
    expect(sends(trace).map(show)).toEqual([
      'client>server SYN seq=100',
      'server>client SYN,ACK seq=300 ack=101',
      'client>server RST seq=101', // SEG.ACK of the SYN,ACK = the child's RCV.NXT
    ]);
    expect(trace.connections['server:41000']).toEqual({
      client: { host: 'client', local: { address: clientAddress(0), port: 41000 } },
      server: { host: 'server', local: { address: SERVER.address, port: 80 } },
    });
    expect(statesOf(trace, 'server', 'server:41000')).toEqual(['LISTEN>SYN-RECEIVED', 'SYN-RECEIVED>LISTEN']);
  });
});
