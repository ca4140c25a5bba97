/**
 * A v1 scenario in the world (docs/design/engine-v2.md §2): hosts A and B, each with its one endpoint record
 * that a passive OPEN turns into the connection (RFC 9293 §3.9.1.1: "a LISTENing connection has become
 * specific"), which successive connects and listens reuse, as v1 always did. Segments go straight to the
 * other record (no socket table), ISNs come from v1's clock, drop/delay rules count A = 0 and B = 1; so
 * every v1 trace is what it was (test/tcp/golden), and its events gain `host` and `conn: "c1"`.
 */
import { segmentArrives } from './arrive';
import { rfcOf } from './explain';
import { Socket, V1_ADDRESSES, type WorldHost } from './host';
import { segmentRule } from './network';
import { hash32 } from './prng';
import type { SegmentRule } from './rules';
import type { Seg } from './segment';
import { type DeliverEventV2, V1_CONN } from './traceV2';
import type { EndpointName, Scenario } from './types';
import { injectedSegment, type V1Endpoints, type World } from './world';
import type { WorldSetup } from './worldScenario';

/** A v1 scenario as a world: hosts A and B with the scenario's profile, endpoint options and limits. */
export function v1Setup(s: Scenario): WorldSetup {
  const host = (name: EndpointName) => ({
    name,
    address: V1_ADDRESSES[name],
    profile: s.profile,
    config: s.endpoints[name],
    options: s.options,
  });
  return {
    seed: s.seed,
    profile: s.profile,
    network: s.network,
    options: s.options,
    hosts: [host('A'), host('B')],
  };
}

/** A v1 run (§2): one endpoint record per host, connected to the other's; its actions and faults queued. */
export function v1Queue(
  w: World,
  scenario: Scenario,
  drops: SegmentRule[],
  delays: SegmentRule[],
): V1Endpoints {
  const endpoint = (name: EndpointName): Socket => {
    const host = w.hosts.get(name) as WorldHost;
    const sock = new Socket(host, { address: host.address, port: host.config.port }, w);
    sock.conn = V1_CONN;
    return sock;
  };
  const A = endpoint('A');
  const B = endpoint('B');
  A.remote = B.local;
  B.remote = A.local;
  A.peer = B;
  B.peer = A;
  // The one connection, for World.trace() and snapshot(): A's end as "client" (v1 has no fixed roles).
  w.connections.set(V1_CONN, {
    name: V1_CONN,
    info: { client: { host: 'A', local: A.local }, server: { host: 'B', local: B.local } },
    client: A,
    server: B,
  });
  const ep = (name: EndpointName): Socket => (name === 'A' ? A : B);
  for (const a of scenario.actions) {
    w.queue.push(a.at, { k: 'v1call', sock: ep(a.endpoint), call: a.call, bytes: a.bytes ?? 0 });
  }
  for (const f of scenario.faults) {
    // The rules' sender numbers are the hosts' indexes: A = 0, B = 1, as v1 counted them.
    if ('drop' in f) drops.push(segmentRule(ep(f.drop.from).node.index, f.drop, 0));
    else if ('delay' in f) delays.push(segmentRule(ep(f.delay.from).node.index, f.delay, f.delay.ms));
    else if ('inject' in f) {
      const from = ep(f.inject.from);
      const to = from.peer as Socket;
      const seg = injectedSegment(f.inject.segment);
      w.queue.push(f.inject.at, {
        k: 'inject',
        from: from.node.name,
        src: from.local,
        dst: to.local,
        seg,
        to,
      });
    } else w.queue.push(f.crash.at, { k: 'v1crash', sock: ep(f.crash.endpoint) });
  }
  return { scenario, A, B };
}

/** A v1 segment reaches the other endpoint record, whatever its state (v1's delivery, unchanged). */
export function v1Deliver(w: World, id: number, seg: Seg, ep: Socket): void {
  let ev: DeliverEventV2 | null = null;
  if (w.recorder.admit()) {
    const host = ep.node.name;
    ev = {
      t: w.now,
      type: 'deliver',
      id,
      to: host,
      state: ep.state,
      explain: 'accepted',
      rfc: '',
      host,
      conn: V1_CONN,
    };
    w.recorder.record(ev);
    w.delivering = { ev, ep };
  }
  w.recorder.touch(ep);
  segmentArrives(ep, seg);
  w.delivering = null;
  if (ev) {
    ev.explain = ep.explain;
    ev.rfc = rfcOf(ep.explain);
  }
}

/** v1's ISS (§3.4.1): the pinned value for this incarnation, else ISN = M + F(ports, seed), M the ISN clock. */
export function v1Iss(w: World, ep: Socket): number {
  const index = ep.incarnations++;
  const pinned = ep.config.isn;
  if (typeof pinned === 'number') return pinned >>> 0;
  if (Array.isArray(pinned) && index < pinned.length) return (pinned[index] as number) >>> 0;
  const m = Math.floor(w.now * ep.profile.isnTicksPerMs); // the ISN clock
  const f = hash32('isn', w.setup.seed, ep.config.port, (ep.peer as Socket).config.port);
  return (m + f) >>> 0;
}
