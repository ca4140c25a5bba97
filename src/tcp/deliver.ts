/**
 * Where an arriving segment goes (docs/design/engine-v2.md §1, §6): the connection whose 4-tuple it names,
 * else a listener on the destination port (a SYN spawns a child TCB there; the listener stays in LISTEN),
 * else the CLOSED-state reply of RFC 9293 §3.10.7.1, which Linux's tcp_v4_rcv → no_tcp_socket →
 * tcp_v4_send_reset sends too. The listener rules that differ by profile live here: under `linux` a full
 * accept queue drops the SYN or the handshake's last ACK, and a SYN after RCV.NXT reopens a TIME-WAIT 4-tuple.
 */
import { segmentArrives } from './arrive';
import { type ExplainKey, rfcOf } from './explain';
import { type Listener, Socket, tupleKey, type WorldHost } from './host';
import { ACK, RST, type Seg, SYN } from './segment';
import { seqAdd, seqGt } from './seq';
import { enterState } from './tcb';
import type { ConnName, DeliverEventV2, SocketAddress } from './traceV2';
import { socketKey } from './traceV2';
import type { State } from './types';
import type { World } from './world';
import { where } from './worldRecord';

/** Deliver by 4-tuple: the connection, else the listener on the port, else the CLOSED reply. */
export function deliver(
  w: World,
  id: number,
  seg: Seg,
  src: SocketAddress,
  dst: SocketAddress,
  from: Socket | null,
): void {
  const host = w.byAddress.get(dst.address);
  if (!host) return;
  w.current = { src, dst };
  const found = host.sockets.get(tupleKey(dst, src));
  const listener = host.listeners.get(dst.port);
  const bareSyn = (seg.flags & (SYN | ACK | RST)) === SYN;
  let target: Socket;
  let ev: DeliverEventV2 | null;
  let explain: ExplainKey | null = null;
  if (
    found &&
    found.state === 'TIME-WAIT' &&
    bareSyn &&
    listener &&
    found.profile.timeWaitSynReopens &&
    seqGt(seg.seq, found.rcvNxt)
  ) {
    // Linux tcp_timewait_state_process → TCP_TW_SYN (SEG.SEQ after RCV.NXT; no timestamps, so no PAWS):
    // tcp_v4_rcv deschedules the TIME-WAIT socket (inet_twsk_deschedule_put) and hands the SYN to the
    // listener, whose tcp_conn_request takes ISS = tw_snd_nxt + 65535 + 2 (0 → 1): RFC 9293 §3.6 MAY-2.
    explain = 'time-wait-syn-reopen';
    ev = deliverEvent(w, id, host, found, 'TIME-WAIT', explain);
    let iss = seqAdd(found.sndNxt, 65537);
    if (iss === 0) iss = 1;
    w.recorder.touch(found);
    enterState(found, 'CLOSED', explain);
    w.removeSocket(found);
    if (host.profile.acceptQueueLimit && full(listener)) {
      // tcp_conn_request still checks the accept queue for a TIME-WAIT SYN (only the SYN queue is skipped).
      if (ev) {
        ev.explain = 'accept-queue-full';
        ev.rfc = rfcOf('accept-queue-full');
      }
      w.current = null;
      return;
    }
    const name = childName(w, host, src, from);
    if (ev) {
      ev.conn = name;
      ev.listener = listener.port;
    }
    target = spawn(w, host, listener, name, src, dst, iss);
  } else if (!found && listener && bareSyn) {
    if (host.profile.acceptQueueLimit && full(listener)) {
      // Linux tcp_conn_request: `if (sk_acceptq_is_full(sk)) goto drop` — no reply; the client retransmits.
      deliverEvent(w, id, host, listener.socket, 'LISTEN', 'accept-queue-full');
      w.current = null;
      return;
    }
    // The deliver event comes first, so the child appears in the snapshots from this event on.
    const name = childName(w, host, src, from);
    ev = deliverEvent(w, id, host, null, 'LISTEN', 'accepted', { conn: name, listener: listener.port });
    target = spawn(w, host, listener, name, src, dst, null);
  } else {
    target = found ?? listener?.socket ?? host.noSocket;
    if (
      target.state === 'SYN-RECEIVED' &&
      target.parent &&
      target.profile.acceptQueueLimit &&
      (seg.flags & (ACK | SYN | RST)) === ACK &&
      full(target.parent)
    ) {
      // Linux tcp_check_req → tcp_v4_syn_recv_sock → exit_overflow: the accept queue is full
      // (sk_acceptq_is_full), so the handshake's last ACK is dropped (tcp_abort_on_overflow = 0) and the
      // SYN,ACK timer sends the SYN,ACK again later.
      deliverEvent(w, id, host, target, target.state, 'accept-queue-full');
      w.current = null;
      return;
    }
    ev = deliverEvent(w, id, host, target, target.state, 'accepted');
  }
  w.recorder.touch(target);
  if (ev) w.delivering = { ev, ep: target };
  segmentArrives(target, seg);
  w.delivering = null;
  if (ev) {
    const why = explain ?? target.explain;
    ev.explain = why;
    ev.rfc = rfcOf(why);
  }
  w.current = null;
}

/**
 * The name of the child a SYN spawns: the connection whose SYN it is, else "<host>:<remote port>" (a
 * segment injected by a fault, a SYN from outside the scenario; scenario names cannot contain ':').
 */
function childName(w: World, host: WorldHost, src: SocketAddress, from: Socket | null): ConnName {
  const name = from?.conn ?? null;
  if (name !== null && w.socket(host.name, name) === null) return name;
  let unnamed = `${host.name}:${src.port}`;
  for (let n = 2; w.connections.get(unnamed)?.server?.key; n++) unnamed = `${host.name}:${src.port}#${n}`;
  return unnamed;
}

/**
 * A SYN for a listening port: a child TCB in LISTEN that the SYN makes specific (§3.10.7.2; Linux
 * tcp_conn_request → inet_reqsk_alloc); the listener itself never changes state.
 */
function spawn(
  w: World,
  host: WorldHost,
  listener: Listener,
  name: ConnName,
  src: SocketAddress,
  dst: SocketAddress,
  iss: number | null,
): Socket {
  const child = new Socket(host, dst, w);
  child.conn = name;
  child.remote = src;
  child.parent = listener;
  child.passive = true;
  child.state = 'LISTEN'; // the listener's copy, not yet specific: its first traced change is to SYN-RECEIVED
  child.pendingIss = iss;
  child.connSender = w.connSenders.get(socketKey(host.name, name)) ?? -1;
  let record = w.connections.get(name);
  if (!record) {
    const client = { host: w.byAddress.get(src.address)?.name ?? src.address, local: src };
    record = {
      name,
      info: { client, server: { host: host.name, local: dst } },
      client: null,
      server: null,
    };
    w.connections.set(name, record);
  }
  record.server = child;
  w.addSocket(child, tupleKey(dst, src));
  return child;
}

function deliverEvent(
  w: World,
  id: number,
  host: WorldHost,
  sock: Socket | null,
  state: State,
  explain: ExplainKey,
  at?: { conn: ConnName; listener: number },
): DeliverEventV2 | null {
  if (!w.recorder.admit()) return null;
  const ev: DeliverEventV2 = {
    t: w.now,
    type: 'deliver',
    id,
    to: host.name,
    state,
    explain,
    rfc: rfcOf(explain),
    host: host.name,
  };
  if (sock) {
    where(ev, sock);
    if (sock.parent) ev.listener = sock.parent.port;
  } else if (at) {
    ev.conn = at.conn;
    ev.listener = at.listener;
  }
  w.recorder.record(ev);
  return ev;
}

/** sk_acceptq_is_full: `sk_ack_backlog > sk_max_ack_backlog`, so a backlog of N admits N + 1. */
export function full(listener: Listener): boolean {
  return listener.queued > listener.backlog;
}
