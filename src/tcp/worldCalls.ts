/**
 * The user calls of a world, by (host, conn) or by port (docs/design/engine-v2.md §7): listen makes a
 * listening socket, connect a new connection from a pinned or ephemeral port, send/close/abort go to one end
 * of a connection, close/abort by port to a listener; and a host's crash. Each records its call event, then
 * hands the call to the TCB's own rules (user-calls.ts, §3.10.1–3.10.5).
 */
import { type ExplainKey, rfcOf } from './explain';
import { type Listener, Socket, splitTarget, tupleKey, type WorldHost } from './host';
import { sendRaw } from './output';
import { DEFAULT_BACKLOG } from './scenarioV2';
import { ACK, RST } from './segment';
import { crash, enterState } from './tcb';
import type { CallEventV2, ConnName, HostName, SocketAddress } from './traceV2';
import { socketKey } from './traceV2';
import type { UserCall } from './types';
import { userCall } from './user-calls';
import type { Connection, World } from './world';
import { where } from './worldRecord';

export const CALL_EXPLAIN: Record<UserCall, ExplainKey> = {
  listen: 'call-listen',
  connect: 'call-connect',
  send: 'call-send',
  close: 'call-close',
  abort: 'call-abort',
};
/** A call on a connection end that does not exist (never spawned, or forgotten by a crash). */
const NO_CONNECTION: Record<'send' | 'close' | 'abort', ExplainKey> = {
  send: 'send-no-connection',
  close: 'close-no-connection',
  abort: 'abort-no-connection',
};

/** Linux net.core.somaxconn (SOMAXCONN = 4096): `__sys_listen_socket` caps the backlog at it. */
const SOMAXCONN = 4096;

/** A passive OPEN on `port` (§3.10.1): a listening socket that outlives the connections it spawns. */
export function listen(w: World, host: WorldHost, port: number, backlog: number | undefined): void {
  const sock = new Socket(host, { address: host.address, port }, w);
  sock.listenerPort = port;
  recordCall(w, host.name, 'listen', CALL_EXPLAIN.listen, sock, (ev) => {
    ev.port = port;
  });
  if (host.listeners.has(port)) {
    w.onApp(sock, 'error', 'call-already-exists', 'EISCONN');
    return;
  }
  const requested = backlog ?? DEFAULT_BACKLOG;
  host.listeners.set(port, {
    socket: sock,
    port,
    backlog: host.profile.acceptQueueLimit ? Math.min(requested, SOMAXCONN) : requested,
    queued: 0,
  });
  w.recorder.touch(sock);
  userCall(sock, 'listen');
}

/**
 * close or abort on a listening socket. §3.10.4 / §3.10.5 in LISTEN: "Delete TCB, enter CLOSED state"; a
 * connection it spawned is a TCB of its own (§3.4.1: "A connection is defined by a pair of sockets"), so
 * under `rfc` the children carry on. Under `linux` (profile.listenStopResetsChildren) __tcp_close sets the
 * listener to TCP_CLOSE, then inet_csk_listen_stop takes each child off the accept queue and
 * inet_child_forget → tcp_disconnect (the children the application never accepted: see Socket.accepted);
 * the listener's request socks are dropped.
 */
export function closeListener(w: World, host: WorldHost, call: 'close' | 'abort', port: number): void {
  const listener = host.listeners.get(port);
  const sock = listener?.socket ?? new Socket(host, { address: host.address, port }, w);
  sock.listenerPort = port;
  recordCall(w, host.name, call, CALL_EXPLAIN[call], sock);
  w.recorder.touch(sock);
  userCall(sock, call);
  if (listener && host.profile.listenStopResetsChildren) stopChildren(w, host, listener);
}

/**
 * Linux tcp_disconnect sends a RST (tcp_send_active_reset: <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, seq
 * from tcp_acceptable_seq) in the states of tcp_need_reset.
 */
const NEED_RESET: ReadonlySet<string> = new Set([
  'ESTABLISHED',
  'CLOSE-WAIT',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'SYN-RECEIVED',
]);

/**
 * A closed listener's children under `linux`:
 * - a SYN-RECEIVED child is a request sock (TCP_NEW_SYN_RECV): it is not in the accept queue, and once its
 *   listener is not in LISTEN the next segment for it (tcp_v4_rcv: inet_csk_reqsk_queue_drop_and_put, then
 *   `goto lookup`) or its SYN,ACK timer (reqsk_timer_handler: `goto drop`) drops it without a word; the
 *   lookup then finds no socket, so the client's ACK or data gets tcp_v4_send_reset's RST. synack drops it
 *   at once, which is what the peer sees;
 * - an unaccepted child in the accept queue is disconnected (inet_child_forget → tcp_disconnect: a RST in
 *   the tcp_need_reset states) and destroyed (inet_csk_destroy_sock); nobody is told (it is orphaned);
 * - an accepted child is the application's own socket: untouched.
 */
function stopChildren(w: World, host: WorldHost, listener: Listener): void {
  for (const child of [...host.sockets.values()]) {
    if (child.parent !== listener) continue;
    if (child.state === 'SYN-RECEIVED') {
      w.recorder.touch(child);
      enterState(child, 'CLOSED', 'listen-stop-request-dropped');
    } else if (!child.accepted) {
      w.recorder.touch(child);
      if (NEED_RESET.has(child.state)) {
        // Not a SYN, so __tcp_transmit_skb writes the receive window (tcp_select_window) into it.
        sendRaw(
          child,
          { seq: child.sndNxt, ack: child.rcvNxt, flags: RST | ACK, len: 0, win: child.rcvWnd },
          'listen-stop-reset',
        );
      }
      enterState(child, 'CLOSED', 'listen-stop-reset');
    }
  }
}

/** The application's first call on a server end stands for accept(): the child leaves the accept queue. */
export function accept(w: World, sock: Socket): void {
  if (sock.parent === null || sock.accepted) return;
  sock.accepted = true;
  if (sock.queued) {
    sock.queued = false;
    sock.parent.queued--;
    w.recorder.touch(sock.parent.socket);
  }
}

/** An active OPEN of connection `conn` (§3.10.1) from a pinned or ephemeral port, with a pinned or chosen ISS. */
export function connect(
  w: World,
  host: WorldHost,
  conn: ConnName,
  to: string,
  pinnedPort?: number,
  iss?: number,
): void {
  const [toName, toPort] = splitTarget(to);
  const peer = w.hosts.get(toName) as WorldHost;
  const remote: SocketAddress = { address: peer.address, port: toPort };
  const port = pinnedPort ?? host.ports.allocate(remote, w.now, (p) => host.connectPortFree(p, remote));
  const local: SocketAddress = { address: host.address, port: port ?? 0 };
  const sock = new Socket(host, local, w);
  sock.ephemeralPort = pinnedPort === undefined;
  sock.conn = conn;
  sock.remote = remote;
  sock.connSender = w.connSenders.get(socketKey(host.name, conn)) ?? -1;
  if (iss !== undefined) sock.pendingIss = iss >>> 0;
  const record: Connection = {
    name: conn,
    info: { client: { host: host.name, local }, server: { host: peer.name, local: remote } },
    client: sock,
    server: null,
  };
  recordCall(w, host.name, 'connect', CALL_EXPLAIN.connect, sock, (ev) => {
    ev.dst = remote;
  });
  // Registered after its call event, so the connection appears in the snapshots from that event on.
  w.connections.set(conn, record);
  w.recorder.touch(sock);
  const key = tupleKey(local, remote);
  if (port === null || host.sockets.has(key)) {
    // The 4-tuple is taken (a pinned port whose old connection is still in TIME-WAIT here, or no free
    // port): §3.10.1 "connection already exists". Linux says EADDRNOTAVAIL (tcp_twsk_unique refuses a
    // TIME-WAIT 4-tuple without timestamps, which synack does not model).
    w.onApp(sock, 'error', 'call-already-exists', 'EISCONN');
    return;
  }
  w.addSocket(sock, key);
  userCall(sock, 'connect');
}

/** send, close or abort on one end of a connection. */
export function onConnection(
  w: World,
  host: WorldHost,
  conn: ConnName,
  call: 'send' | 'close' | 'abort',
  bytes: number,
): void {
  const sock = w.socket(host.name, conn);
  if (!sock) {
    // The end was never spawned (its SYN has not arrived) or was forgotten: no TCB (§3.10.2–3.10.5).
    recordCall(w, host.name, call, CALL_EXPLAIN[call], null, (ev) => {
      ev.conn = conn;
      if (call === 'send') ev.bytes = bytes;
    });
    if (w.recorder.admit()) {
      const explain = NO_CONNECTION[call];
      w.recorder.record({
        t: w.now,
        type: 'app',
        endpoint: host.name,
        event: 'error',
        error: 'ENOTCONN',
        explain,
        rfc: rfcOf(explain),
        host: host.name,
        conn,
      });
    }
    return;
  }
  recordCall(w, host.name, call, CALL_EXPLAIN[call], sock, (ev) => {
    if (call === 'send') ev.bytes = bytes;
  });
  w.recorder.touch(sock);
  accept(w, sock);
  userCall(sock, call, bytes);
}

/** The host reboots: it forgets every connection and listener (§3.5.1); a peer's next segment gets a RST. */
export function crashHost(w: World, host: WorldHost): void {
  if (w.recorder.admit())
    w.recorder.record({
      t: w.now,
      type: 'crash',
      endpoint: host.name,
      explain: 'crash',
      rfc: rfcOf('crash'),
      host: host.name,
    });
  for (const sock of [...host.sockets.values()]) {
    w.recorder.touch(sock);
    crash(sock);
    w.removeSocket(sock);
  }
  for (const l of [...host.listeners.values()]) {
    w.recorder.touch(l.socket);
    crash(l.socket);
    host.listeners.delete(l.port);
  }
}

export function recordCall(
  w: World,
  host: HostName,
  call: UserCall,
  explain: ExplainKey,
  sock: Socket | null,
  extra?: (ev: CallEventV2) => void,
): void {
  if (!w.recorder.admit()) return;
  const ev: CallEventV2 = {
    t: w.now,
    type: 'call',
    endpoint: host,
    call,
    explain,
    rfc: rfcOf(explain),
    host,
  };
  if (sock) where(ev, sock);
  extra?.(ev);
  w.recorder.record(ev);
}
