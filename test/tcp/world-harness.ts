/**
 * v2 scenarios the world tests share (and the explanation-key cases of the world's own rules), with the
 * helpers that read a v2 trace: segments as one-line strings, the events of one connection end.
 */
import { type ActionV2, MAX_CONNECTIONS, MAX_HOSTS, type ScenarioV2Input } from '../../src/tcp/scenarioV2';
import type { SendEventV2, TraceEventV2, TraceV2 } from '../../src/tcp/traceV2';
import type { Profile } from '../../src/tcp/types';

export const SERVER = { address: '198.51.100.1' };
export const clientAddress = (i: number) => `192.0.2.${i + 1}`;

/** "client>server SYN,ACK seq=… ack=…" */
export function show(e: SendEventV2): string {
  const s = e.segment;
  const ack = s.flags.includes('ACK') || s.ack !== 0 ? ` ack=${s.ack}` : '';
  const len = s.len > 0 ? ` len=${s.len}` : '';
  return `${e.host}>${e.toHost} ${s.flags.join(',')} seq=${s.seq}${ack}${len}`;
}

export const sends = (trace: TraceV2, where: { host?: string; conn?: string } = {}): SendEventV2[] =>
  trace.events.filter(
    (e): e is SendEventV2 =>
      e.type === 'send' &&
      (where.host === undefined || e.host === where.host) &&
      (where.conn === undefined || e.conn === where.conn),
  );

export const of = (trace: TraceV2, host: string, conn: string): TraceEventV2[] =>
  trace.events.filter((e) => e.host === host && e.conn === conn);

export const statesOf = (trace: TraceV2, host: string, conn: string): string[] =>
  of(trace, host, conn).flatMap((e) => (e.type === 'state' ? [`${e.from}>${e.to}`] : []));

/**
 * The Linux TIME-WAIT reuse case: the server closes first (so the server's end of c1 lingers in TIME-WAIT,
 * RFC 9293 §3.6), then the client connects again from the same pinned port 40000 as c2. ISNs: client 100
 * (c1) and 5000 (c2, after the old RCV.NXT 102), server 300.
 */
export function timeWaitReuse(profile: Profile): ScenarioV2Input {
  return {
    version: 2,
    profile,
    hosts: { client: { address: clientAddress(0), closeOnEof: true }, server: { ...SERVER, isn: 300 } },
    options: { delayedAck: false },
    actions: [
      { at: 0, host: 'server', call: 'listen', port: 80 },
      { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1', port: 40000, iss: 100 },
      { at: 500, host: 'server', conn: 'c1', call: 'close' },
      { at: 2000, host: 'client', call: 'connect', to: 'server:80', conn: 'c2', port: 40000, iss: 5000 },
    ],
  };
}

/** Three client hosts connect to one listener with backlog 1, 1 s apart; nobody closes. */
export function backlogFull(profile: Profile): ScenarioV2Input {
  const hosts: ScenarioV2Input['hosts'] = { server: SERVER };
  const actions: ActionV2[] = [{ at: 0, host: 'server', call: 'listen', port: 80, backlog: 1 }];
  for (let i = 0; i < 3; i++) {
    hosts[`client${i + 1}`] = { address: clientAddress(i) };
    actions.push({
      at: i * 1000,
      host: `client${i + 1}`,
      call: 'connect',
      to: 'server:80',
      conn: `c${i + 1}`,
    });
  }
  return { version: 2, profile, hosts, actions };
}

/** One server, 15 client hosts, 1,000 connections: each sends 2,000 bytes, then closes (the server on EOF). */
export function thousandConnections(): ScenarioV2Input {
  const hosts: ScenarioV2Input['hosts'] = { server: { address: '198.51.100.1', closeOnEof: true } };
  const actions: ScenarioV2Input['actions'] = [{ at: 0, host: 'server', call: 'listen', port: 80 }];
  for (let h = 1; h < MAX_HOSTS; h++) hosts[`client${h}`] = { address: `192.0.2.${h}` };
  for (let i = 0; i < MAX_CONNECTIONS; i++) {
    const host = `client${(i % (MAX_HOSTS - 1)) + 1}`;
    const conn = `c${i}`;
    actions.push({ at: i, host, call: 'connect', to: 'server:80', conn });
    actions.push({ at: 2000 + i, host, conn, call: 'send', bytes: 2000 });
    actions.push({ at: 4000 + i, host, conn, call: 'close' });
  }
  actions.sort((a, b) => a.at - b.at);
  return { version: 2, profile: 'linux', seed: 12, hosts, actions, options: { maxEvents: 1_000_000 } };
}

/**
 * A listener closed with children in both queues: client1's c1 is ESTABLISHED at the server (150 ms) and
 * never accepted; client2's c2 is SYN-RECEIVED (its SYN arrived at 150 ms, the final ACK is due at 250 ms)
 * when the server closes port 80 at 200 ms. ISNs: client1 100, client2 5000, server 300 then 700; 50 ms
 * each way, no delayed ACKs.
 */
export function listenStop(profile: Profile, extra: ActionV2[] = []): ScenarioV2Input {
  const actions: ActionV2[] = [
    { at: 0, host: 'server', call: 'listen', port: 80 },
    { at: 0, host: 'client1', call: 'connect', to: 'server:80', conn: 'c1', iss: 100 },
    { at: 100, host: 'client2', call: 'connect', to: 'server:80', conn: 'c2', iss: 5000 },
    { at: 200, host: 'server', call: 'close', port: 80 },
    ...extra,
  ];
  actions.sort((a, b) => a.at - b.at);
  return {
    version: 2,
    profile,
    hosts: {
      client1: { address: clientAddress(0) },
      client2: { address: clientAddress(1) },
      server: { ...SERVER, isn: [300, 700] },
    },
    options: { delayedAck: false },
    actions,
  };
}
