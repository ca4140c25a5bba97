/**
 * The world simulator (issue 12, docs/design/engine-v2.md §1–§7): hosts with addresses and socket tables,
 * listening sockets that spawn a child per SYN, many connections, on the same network as v1 (network.ts)
 * and with the same per-connection rules (the v1 TCB code: arrive.ts, user-calls.ts, timers.ts, unchanged).
 *
 * A segment carries source and destination addresses and ports and is delivered by 4-tuple: the exact
 * connection first, then a listener on the destination port, else the CLOSED-state reply (RFC 9293
 * §3.10.7.1; Linux `tcp_v4_rcv` → `no_tcp_socket` → `tcp_v4_send_reset` sends the same). The world keeps one
 * wake-up per TCB in a queue (at its earliest timer), so thousands of connections cost no scan per step.
 */
import { segmentArrives } from './arrive';
import { type ExplainKey, rfcOf } from './explain';
import { addressBits, type Listener, Socket, tupleKey, WorldHost } from './host';
import { before, EVENT_LIMIT, Network, segmentRule } from './network';
import { hash32 } from './prng';
import { PROFILES } from './profile';
import { EventQueue, type Queued } from './queue';
import { type SegmentRule, SegmentRules } from './rules';
import type { Overrides } from './scenario';
import type { ActionV2, DropRuleV2, ScenarioV2Input } from './scenarioV2';
import { ACK, flagBits, RST, type Seg, SYN, toWire } from './segment';
import { seqAdd, seqGt } from './seq';
import { sameSnapshot } from './snapshot';
import { crash, type Endpoint, enterState, type Host } from './tcb';
import { dispatch, nextTimer } from './timers';
import {
  type CallEventV2,
  type ConnectionFinal,
  type ConnectionInfo,
  type ConnName,
  type DeliverEventV2,
  type HostName,
  listenerKey,
  type SnapshotV2,
  type SocketAddress,
  type SocketSnapshot,
  socketKey,
  type TraceEventV2,
  type TraceV2,
} from './traceV2';
import type { AppError, AppEventKind, FinalEndpoint, State, TimerKind, TruncatedBy, UserCall } from './types';
import { userCall } from './user-calls';
import { normalizeWorld, type WorldSetup } from './worldScenario';

export interface WorldOptions extends Overrides {
  /** Record trace events (default true). */
  trace?: boolean;
  /** Record, per event, the sockets it changed (`snapshotAt` rebuilds a moment from them; default false). */
  snapshots?: boolean;
  /** Called after each event is recorded. */
  onEvent?: (event: TraceEventV2, index: number, world: World) => void;
}

/** One connection of the scenario: its two ends (the server end once a SYN has spawned it). */
interface Connection {
  name: ConnName;
  info: ConnectionInfo;
  client: Socket | null;
  server: Socket | null;
}

type Item =
  | { k: 'action'; action: ActionV2 }
  | { k: 'reflex'; sock: Socket; call: 'close' }
  | { k: 'arrive'; id: number; seg: Seg; src: SocketAddress; dst: SocketAddress; from: Socket | null }
  | { k: 'drop'; id: number; sender: HostName; conn: ConnName | null; cause: 'loss' | 'fault' }
  | { k: 'inject'; from: HostName; src: SocketAddress; dst: SocketAddress; seg: Seg }
  | { k: 'crash'; host: HostName };

const TIMER_EXPLAIN: Record<TimerKind, ExplainKey> = {
  retransmission: 'timer-retransmission',
  'time-wait': 'timer-time-wait',
  'delayed-ack': 'timer-delayed-ack',
};
const CALL_EXPLAIN: Record<UserCall, ExplainKey> = {
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

export class World implements Host {
  now = 0;
  readonly setup: WorldSetup;
  readonly hosts = new Map<HostName, WorldHost>();
  readonly events: TraceEventV2[] = [];
  /** Per event, the sockets (and listeners) it changed, when options.snapshots is on (see snapshotAt). */
  readonly snapshotChanges: SnapshotV2[] | null;
  truncated = false;
  truncatedBy: TruncatedBy | null = null;

  private readonly byAddress = new Map<string, WorldHost>();
  private readonly connections = new Map<ConnName, Connection>();
  private readonly queue = new EventQueue<Item>();
  /** One wake-up per TCB at its earliest timer (stale ones are skipped when they reach the top). */
  private readonly wakeups = new EventQueue<Socket>();
  private readonly network: Network;
  /** Drop/delay rule sender numbers: a host is its index; a (host, conn) pair gets one when a rule names it. */
  private readonly connSenders = new Map<string, number>();
  private readonly tracing: boolean;
  private readonly onEvent: WorldOptions['onEvent'];
  private readonly dirty: Socket[] = [];
  private readonly touched: Socket[] = [];
  private readonly lastSnap = new Map<Socket, SocketSnapshot>();
  private nextId = 1;
  private admitted = 0;
  /** The segment being delivered: a listener's or the no-socket reply goes back to its source. */
  private current: { src: SocketAddress; dst: SocketAddress } | null = null;
  private delivering: { ev: DeliverEventV2; ep: Endpoint } | null = null;

  constructor(
    readonly input: ScenarioV2Input,
    options: WorldOptions = {},
  ) {
    const setup = normalizeWorld(input, options);
    this.setup = setup;
    this.tracing = options.trace ?? true;
    this.snapshotChanges = options.snapshots ? [] : null;
    this.onEvent = options.onEvent;
    setup.hosts.forEach((h, index) => {
      const host = new WorldHost(
        h.name,
        index,
        h.address,
        h.profile,
        PROFILES[h.profile],
        h.config,
        h.options,
        h.isn,
        setup.seed,
        this,
      );
      this.hosts.set(h.name, host);
      this.byAddress.set(h.address, host);
    });
    for (const action of input.actions) this.queue.push(action.at, { k: 'action', action });
    const drops: SegmentRule[] = [];
    const delays: SegmentRule[] = [];
    const sender = (rule: DropRuleV2): number => {
      const hostIndex = (this.hosts.get(rule.from) as WorldHost).index;
      if (rule.conn === undefined) return hostIndex;
      const key = socketKey(rule.from, rule.conn);
      let id = this.connSenders.get(key);
      if (id === undefined) {
        id = this.hosts.size + this.connSenders.size;
        this.connSenders.set(key, id);
      }
      return id;
    };
    for (const f of input.faults ?? []) {
      if ('drop' in f) drops.push(segmentRule(sender(f.drop), f.drop, 0));
      else if ('delay' in f) delays.push(segmentRule(sender(f.delay), f.delay, f.delay.ms));
      else if ('inject' in f) {
        const from = this.hosts.get(f.inject.from) as WorldHost;
        const [toName, toPort] = splitTarget(f.inject.to);
        const to = this.hosts.get(toName) as WorldHost;
        const s = f.inject.segment;
        const seg: Seg = {
          seq: s.seq >>> 0,
          ack: s.ack === undefined ? 0 : s.ack >>> 0,
          flags: flagBits(s.flags),
          len: s.len ?? 0,
          win: s.win ?? 65535,
        };
        this.queue.push(f.inject.at, {
          k: 'inject',
          from: from.name,
          src: { address: from.address, port: f.inject.port },
          dst: { address: to.address, port: toPort },
          seg,
        });
      } else this.queue.push(f.crash.at, { k: 'crash', host: f.crash.host });
    }
    this.network = new Network(setup.network, setup.seed, new SegmentRules(drops), new SegmentRules(delays));
  }

  get done(): boolean {
    return this.truncated || (this.queue.size === 0 && this.nextWakeup() === undefined);
  }

  get eventCount(): number {
    return this.admitted;
  }

  /** Process the next happening (a queued one, or the TCB timer due first). False when the run is over. */
  step(): boolean {
    if (this.truncated) return false;
    const head = this.queue.peek();
    const wake = this.nextWakeup();
    const timerFirst =
      wake !== undefined && (head === undefined || before(wake.at, wake.order, head.at, head.order));
    const at = timerFirst ? (wake as Queued<Socket>).at : head?.at;
    if (at === undefined) return false;
    if (at > this.setup.options.maxTimeMs) {
      this.stop('maxTimeMs');
      return false;
    }
    this.now = at;
    try {
      if (timerFirst) this.expire((this.wakeups.pop() as Queued<Socket>).item);
      else this.apply((this.queue.pop() as Queued<Item>).item);
    } catch (e) {
      if (e !== EVENT_LIMIT) throw e;
      this.stop('maxEvents');
      const pending = this.delivering;
      if (pending) {
        pending.ev.explain = pending.ep.explain;
        pending.ev.rfc = rfcOf(pending.ep.explain);
        this.delivering = null;
      }
      this.settleSnapshot();
      return false;
    }
    this.settleSnapshot();
    this.scheduleWakeups();
    return true;
  }

  cancel(): void {
    if (!this.done) this.stop('cancelled');
  }

  run(): TraceV2 {
    while (this.step()) {
      // keep going
    }
    return this.trace();
  }

  trace(): TraceV2 {
    const hosts: TraceV2['hosts'] = {};
    for (const h of this.hosts.values()) hosts[h.name] = { address: h.address, profile: h.profileName };
    const connections: TraceV2['connections'] = {};
    const final: Record<ConnName, ConnectionFinal> = {};
    for (const c of this.connections.values()) {
      connections[c.name] = c.info;
      final[c.name] = {
        client: c.client ? finalOf(c.client) : { state: 'CLOSED' },
        server: c.server ? finalOf(c.server) : null,
      };
    }
    const trace: TraceV2 = { version: 2, hosts, connections, events: this.events, final };
    if (this.truncated) {
      trace.truncated = true;
      if (this.truncatedBy) trace.truncatedBy = this.truncatedBy;
    }
    return trace;
  }

  /** Every connection end (closed ones included) and every open listening socket, now. */
  snapshot(): SnapshotV2 {
    const snap: SnapshotV2 = { sockets: {}, listeners: {} };
    for (const c of this.connections.values()) {
      for (const end of [c.client, c.server])
        if (end) snap.sockets[socketKey(end.node.name, c.name)] = socketSnapshot(end);
    }
    for (const h of this.hosts.values()) {
      for (const l of h.listeners.values()) {
        const key = listenerKey(h.name, l.port);
        snap.sockets[key] = socketSnapshot(l.socket);
        snap.listeners[key] = { backlog: l.backlog, queued: l.queued };
      }
    }
    return snap;
  }

  /**
   * The sockets as they were once events[index] had taken effect (options.snapshots): the changes recorded
   * up to it, applied in order. A socket that no longer exists keeps its last snapshot.
   */
  snapshotAt(index: number): SnapshotV2 {
    const out: SnapshotV2 = { sockets: {}, listeners: {} };
    const changes = this.snapshotChanges ?? [];
    for (let i = 0; i <= index && i < changes.length; i++) {
      const c = changes[i] as SnapshotV2;
      Object.assign(out.sockets, c.sockets);
      Object.assign(out.listeners, c.listeners);
    }
    return out;
  }

  /** The socket at one end of a connection (the latest, if a SYN spawned the server end again). */
  socket(host: HostName, conn: ConnName): Socket | null {
    const c = this.connections.get(conn);
    if (!c) return null;
    if (c.client?.node.name === host) return c.client;
    if (c.server?.node.name === host) return c.server;
    return null;
  }

  // ------------------------------------------------------------ happenings

  private apply(item: Item): void {
    switch (item.k) {
      case 'action':
        return this.action(item.action);
      case 'reflex':
        this.recordCall(item.sock.node.name, item.call, 'reflex-close', item.sock);
        this.touch(item.sock);
        userCall(item.sock, item.call);
        return;
      case 'arrive':
        return this.arrive(item.id, item.seg, item.src, item.dst, item.from);
      case 'drop':
        if (this.admit()) {
          const explain = item.cause === 'loss' ? 'lost' : 'dropped-by-fault';
          const ev: TraceEventV2 = {
            t: this.now,
            type: 'drop',
            id: item.id,
            cause: item.cause,
            explain,
            rfc: rfcOf(explain),
            host: item.sender,
          };
          if (item.conn !== null) ev.conn = item.conn;
          this.record(ev);
        }
        return;
      case 'inject':
        this.launch(
          this.nextId++,
          item.seg,
          item.src,
          item.dst,
          item.from,
          null,
          false,
          true,
          false,
          'injected',
        );
        return;
      case 'crash':
        return this.crash(this.hosts.get(item.host) as WorldHost);
    }
  }

  private action(a: ActionV2): void {
    const host = this.hosts.get(a.host) as WorldHost;
    switch (a.call) {
      case 'listen':
        return this.listen(host, a.port, a.backlog);
      case 'connect':
        return this.connect(host, a.conn, a.to, a.port, a.iss);
      case 'send':
        return this.onConnection(host, a.conn, 'send', a.bytes);
      default:
        if (a.conn !== undefined) return this.onConnection(host, a.conn, a.call, 0);
        return this.closeListener(host, a.call, a.port as number);
    }
  }

  /** A passive OPEN on `port` (§3.10.1): a listening socket that outlives the connections it spawns. */
  private listen(host: WorldHost, port: number, backlog: number | undefined): void {
    const sock = new Socket(host, { address: host.address, port }, this);
    sock.listenerPort = port;
    this.recordCall(host.name, 'listen', CALL_EXPLAIN.listen, sock, (ev) => {
      ev.port = port;
    });
    if (host.listeners.has(port)) {
      this.onApp(sock, 'error', 'call-already-exists', 'EISCONN');
      return;
    }
    const requested = backlog ?? 4096;
    host.listeners.set(port, {
      socket: sock,
      port,
      backlog: host.profile.acceptQueueLimit ? Math.min(requested, SOMAXCONN) : requested,
      queued: 0,
    });
    this.touch(sock);
    userCall(sock, 'listen');
  }

  private closeListener(host: WorldHost, call: 'close' | 'abort', port: number): void {
    const listener = host.listeners.get(port);
    const sock = listener?.socket ?? new Socket(host, { address: host.address, port }, this);
    sock.listenerPort = port;
    this.recordCall(host.name, call, CALL_EXPLAIN[call], sock);
    this.touch(sock);
    // §3.10.4 / §3.10.5 in LISTEN: the listener is deleted; its children are connections of their own.
    userCall(sock, call);
  }

  /** An active OPEN of connection `conn` (§3.10.1) from a pinned or ephemeral port, with a pinned or chosen ISS. */
  private connect(host: WorldHost, conn: ConnName, to: string, pinnedPort?: number, iss?: number): void {
    const [toName, toPort] = splitTarget(to);
    const peer = this.hosts.get(toName) as WorldHost;
    const remote: SocketAddress = { address: peer.address, port: toPort };
    const port = pinnedPort ?? host.ports.allocate(remote, (p) => host.isBound(p));
    const local: SocketAddress = { address: host.address, port: port ?? 0 };
    const sock = new Socket(host, local, this);
    sock.conn = conn;
    sock.remote = remote;
    sock.connSender = this.connSenders.get(socketKey(host.name, conn)) ?? -1;
    if (iss !== undefined) sock.pendingIss = iss >>> 0;
    const record: Connection = {
      name: conn,
      info: { client: { host: host.name, local }, server: { host: peer.name, local: remote } },
      client: sock,
      server: null,
    };
    this.connections.set(conn, record);
    this.recordCall(host.name, 'connect', CALL_EXPLAIN.connect, sock, (ev) => {
      ev.dst = remote;
    });
    const key = tupleKey(local, remote);
    if (port === null || host.sockets.has(key)) {
      // The 4-tuple is taken (a pinned port whose old connection is still in TIME-WAIT here, or no free
      // port): §3.10.1 "connection already exists". Linux says EADDRNOTAVAIL (tcp_twsk_unique refuses a
      // TIME-WAIT 4-tuple without timestamps, which synack does not model).
      this.onApp(sock, 'error', 'call-already-exists', 'EISCONN');
      return;
    }
    this.addSocket(sock, key);
    this.touch(sock);
    userCall(sock, 'connect');
  }

  /** send, close or abort on one end of a connection. */
  private onConnection(
    host: WorldHost,
    conn: ConnName,
    call: 'send' | 'close' | 'abort',
    bytes: number,
  ): void {
    const sock = this.socket(host.name, conn);
    if (!sock) {
      // The end was never spawned (its SYN has not arrived) or was forgotten: no TCB (§3.10.2–3.10.5).
      this.recordCall(host.name, call, CALL_EXPLAIN[call], null, (ev) => {
        ev.conn = conn;
        if (call === 'send') ev.bytes = bytes;
      });
      if (this.admit()) {
        const explain = NO_CONNECTION[call];
        this.record({
          t: this.now,
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
    this.recordCall(host.name, call, CALL_EXPLAIN[call], sock, (ev) => {
      if (call === 'send') ev.bytes = bytes;
    });
    this.touch(sock);
    userCall(sock, call, bytes);
  }

  /** The host reboots: it forgets every connection and listener (§3.5.1); a peer's next segment gets a RST. */
  private crash(host: WorldHost): void {
    if (this.admit())
      this.record({
        t: this.now,
        type: 'crash',
        endpoint: host.name,
        explain: 'crash',
        rfc: rfcOf('crash'),
        host: host.name,
      });
    for (const sock of [...host.sockets.values()]) {
      this.touch(sock);
      crash(sock);
      this.removeSocket(sock);
    }
    for (const l of [...host.listeners.values()]) {
      this.touch(l.socket);
      crash(l.socket);
      host.listeners.delete(l.port);
    }
  }

  private expire(sock: Socket): void {
    const due = nextTimer(sock);
    if (!due) return;
    if (this.admit()) {
      const explain = TIMER_EXPLAIN[due.kind];
      const ev: TraceEventV2 = {
        t: this.now,
        type: 'timer',
        endpoint: sock.node.name,
        timer: due.kind,
        explain,
        rfc: rfcOf(explain),
        host: sock.node.name,
      };
      this.where(ev, sock);
      this.record(ev);
    }
    this.touch(sock);
    dispatch(sock, this.now);
  }

  /** Deliver by 4-tuple: the connection, else the listener on the port, else the CLOSED reply. */
  private arrive(id: number, seg: Seg, src: SocketAddress, dst: SocketAddress, from: Socket | null): void {
    const host = this.byAddress.get(dst.address);
    if (!host) return;
    this.current = { src, dst };
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
      ev = this.deliverEvent(id, host, found, 'TIME-WAIT', explain);
      let iss = seqAdd(found.sndNxt, 65537);
      if (iss === 0) iss = 1;
      this.touch(found);
      enterState(found, 'CLOSED', explain);
      this.removeSocket(found);
      const child = this.spawn(host, listener, src, dst, from, iss);
      if (!child) {
        // The accept queue is full: tcp_conn_request still checks it for a TIME-WAIT SYN.
        if (ev) {
          ev.explain = 'accept-queue-full';
          ev.rfc = rfcOf('accept-queue-full');
        }
        this.current = null;
        return;
      }
      if (ev) {
        ev.conn = child.conn as ConnName;
        ev.listener = listener.port;
      }
      target = child;
    } else if (!found && listener && bareSyn) {
      const child = this.spawn(host, listener, src, dst, from, null);
      if (!child) {
        this.deliverEvent(id, host, listener.socket, 'LISTEN', 'accept-queue-full');
        this.current = null;
        return;
      }
      target = child;
      ev = this.deliverEvent(id, host, child, 'LISTEN', 'accepted');
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
        this.deliverEvent(id, host, target, target.state, 'accept-queue-full');
        this.current = null;
        return;
      }
      ev = this.deliverEvent(id, host, target, target.state, 'accepted');
    }
    this.touch(target);
    if (ev) this.delivering = { ev, ep: target };
    segmentArrives(target, seg);
    this.delivering = null;
    if (ev) {
      const why = explain ?? target.explain;
      ev.explain = why;
      ev.rfc = rfcOf(why);
    }
    this.current = null;
  }

  /**
   * A SYN for a listening port: a child TCB in LISTEN that the SYN makes specific (§3.10.7.2; Linux
   * tcp_conn_request), named after the connection whose SYN it is, else "<host>:<remote port>". Null when,
   * under linux, the accept queue is full: the SYN is dropped silently (`sk_acceptq_is_full` in
   * tcp_conn_request) and the client's retransmissions show it.
   */
  private spawn(
    host: WorldHost,
    listener: Listener,
    src: SocketAddress,
    dst: SocketAddress,
    from: Socket | null,
    iss: number | null,
  ): Socket | null {
    if (host.profile.acceptQueueLimit && full(listener)) return null;
    let name = from?.conn ?? null;
    if (name === null || this.socket(host.name, name) !== null) {
      name = `${host.name}:${src.port}`;
      for (let n = 2; this.connections.get(name)?.server?.key; n++) name = `${host.name}:${src.port}#${n}`;
    }
    const child = new Socket(host, dst, this);
    child.conn = name;
    child.remote = src;
    child.parent = listener;
    child.passive = true;
    child.state = 'LISTEN'; // the listener's copy, not yet specific: its first traced change is to SYN-RECEIVED
    child.pendingIss = iss;
    child.connSender = this.connSenders.get(socketKey(host.name, name)) ?? -1;
    let record = this.connections.get(name);
    if (!record) {
      const client = { host: this.byAddress.get(src.address)?.name ?? src.address, local: src };
      record = {
        name,
        info: { client, server: { host: host.name, local: dst } },
        client: null,
        server: null,
      };
      this.connections.set(name, record);
    }
    record.server = child;
    this.addSocket(child, tupleKey(dst, src));
    return child;
  }

  private deliverEvent(
    id: number,
    host: WorldHost,
    sock: Socket,
    state: State,
    explain: ExplainKey,
  ): DeliverEventV2 | null {
    if (!this.admit()) return null;
    const ev: DeliverEventV2 = {
      t: this.now,
      type: 'deliver',
      id,
      to: host.name,
      state,
      explain,
      rfc: rfcOf(explain),
      host: host.name,
    };
    this.where(ev, sock);
    if (sock.parent) ev.listener = sock.parent.port;
    this.record(ev);
    return ev;
  }

  private addSocket(sock: Socket, key: string): void {
    sock.key = key;
    sock.node.sockets.set(key, sock);
    sock.node.bind(sock.local.port);
  }

  private removeSocket(sock: Socket): void {
    if (sock.key === null) return;
    sock.node.sockets.delete(sock.key);
    sock.node.unbind(sock.local.port);
    sock.key = null;
    if (sock.queued && sock.parent) {
      sock.parent.queued--;
      sock.queued = false;
      this.touch(sock.parent.socket);
    }
  }

  // ------------------------------------------------------------ Host

  transmit(from: Endpoint, seg: Seg, retransmission: boolean, explain: ExplainKey): void {
    const sock = from as Socket;
    let src = sock.local;
    let dst = sock.remote;
    if (dst === null) {
      // A listener or the no-socket stand-in answers the segment being processed (§3.10.7.1, §3.10.7.2).
      const cur = this.current as { src: SocketAddress; dst: SocketAddress };
      src = cur.dst;
      dst = cur.src;
    }
    this.launch(this.nextId++, seg, src, dst, sock.node.name, sock, retransmission, false, false, explain);
  }

  /** Put a segment on the wire: its fate and arrival time, the send event, its arrival (or drop) queued. */
  private launch(
    id: number,
    seg: Seg,
    src: SocketAddress,
    dst: SocketAddress,
    senderName: HostName,
    sender: Socket | null,
    retransmission: boolean,
    injected: boolean,
    duplicate: boolean,
    explain: ExplainKey,
  ): void {
    const senderHost = this.hosts.get(senderName) as WorldHost;
    const network = this.network;
    const arriveAt =
      this.now + network.carry(senderHost.index, sender?.connSender ?? -1, seg.flags, injected, duplicate);
    const lost = network.lost;
    const toHost = this.byAddress.get(dst.address)?.name ?? dst.address;
    if (this.admit()) {
      const ev: TraceEventV2 = {
        t: this.now,
        type: 'send',
        id,
        from: senderName,
        to: toHost,
        segment: toWire(seg),
        retransmission,
        injected,
        duplicate,
        arriveAt,
        explain,
        rfc: rfcOf(explain),
        host: senderName,
        toHost,
        src,
        dst,
      };
      if (sender) this.where(ev, sender);
      this.record(ev);
    }
    const conn = sender?.conn ?? null;
    if (lost) this.queue.push(arriveAt, { k: 'drop', id, sender: senderName, conn, cause: lost });
    else this.queue.push(arriveAt, { k: 'arrive', id, seg, src, dst, from: sender });
    if (network.duplicates(injected, duplicate)) {
      this.launch(
        this.nextId++,
        seg,
        src,
        dst,
        senderName,
        sender,
        retransmission,
        false,
        true,
        'duplicated',
      );
    }
  }

  stamp(ep: Endpoint): number {
    const sock = ep as Socket;
    if (!sock.dirtyTimers) {
      sock.dirtyTimers = true;
      this.dirty.push(sock);
    }
    return this.queue.stamp();
  }

  onState(ep: Endpoint, from: State, to: State, explain: ExplainKey): void {
    const sock = ep as Socket;
    this.touch(sock);
    if (this.admit()) {
      const ev: TraceEventV2 = {
        t: this.now,
        type: 'state',
        endpoint: sock.node.name,
        from,
        to,
        explain,
        rfc: rfcOf(explain),
        host: sock.node.name,
      };
      this.where(ev, sock);
      this.record(ev);
    }
    const parent = sock.parent;
    if (to === 'ESTABLISHED' && parent && !sock.queued && sock.key !== null) {
      sock.queued = true;
      parent.queued++;
      this.touch(parent.socket);
    }
    if (sock.listenerPort !== null && to === 'CLOSED') {
      const host = sock.node;
      if (host.listeners.get(sock.listenerPort)?.socket === sock) host.listeners.delete(sock.listenerPort);
    } else if (to === 'CLOSED' || (to === 'LISTEN' && parent)) {
      // The TCB is deleted (§3.3.2); a child "returning to LISTEN" is the listener's again (§3.10.7.4).
      this.removeSocket(sock);
    }
  }

  onApp(ep: Endpoint, event: AppEventKind, explain: ExplainKey, error?: AppError, bytes?: number): void {
    const sock = ep as Socket;
    if (!this.admit()) return;
    const ev: TraceEventV2 = {
      t: this.now,
      type: 'app',
      endpoint: sock.node.name,
      event,
      explain,
      rfc: rfcOf(explain),
      host: sock.node.name,
    };
    if (error) ev.error = error;
    if (bytes !== undefined) ev.bytes = bytes;
    this.where(ev, sock);
    this.record(ev);
  }

  reflex(ep: Endpoint, call: 'close'): void {
    this.queue.push(this.now, { k: 'reflex', sock: ep as Socket, call });
  }

  /**
   * ISS (§3.4.1): a connect's pinned `iss` or a TIME-WAIT reopen's, else the host's `isn` list, else
   * ISN = M + F(4-tuple, seed), M the host profile's clock (4 µs under rfc; Linux seq_scale's 64 ns) and F a
   * seeded hash of the 4-tuple standing in for secure_tcp_seq's keyed siphash (RFC 6528).
   */
  chooseIss(ep: Endpoint): number {
    const sock = ep as Socket;
    if (sock.pendingIss !== null) {
      const iss = sock.pendingIss;
      sock.pendingIss = null;
      return iss;
    }
    const pinned = sock.node.nextPinnedIss();
    if (pinned !== null) return pinned;
    const remote = sock.remote as SocketAddress;
    const m = Math.floor(this.now * sock.profile.isnTicksPerMs);
    const f = hash32(
      'isn',
      this.setup.seed,
      addressBits(sock.local.address),
      sock.local.port,
      addressBits(remote.address),
      remote.port,
    );
    return (m + f) >>> 0;
  }

  // ------------------------------------------------------------ recording

  private where(ev: { conn?: ConnName; listener?: number }, sock: Socket): void {
    if (sock.conn !== null) ev.conn = sock.conn;
    else if (sock.listenerPort !== null) ev.listener = sock.listenerPort;
  }

  private recordCall(
    host: HostName,
    call: UserCall,
    explain: ExplainKey,
    sock: Socket | null,
    extra?: (ev: CallEventV2) => void,
  ): void {
    if (!this.admit()) return;
    const ev: CallEventV2 = {
      t: this.now,
      type: 'call',
      endpoint: host,
      call,
      explain,
      rfc: rfcOf(explain),
      host,
    };
    if (sock) this.where(ev, sock);
    extra?.(ev);
    this.record(ev);
  }

  private admit(): boolean {
    if (this.admitted >= this.setup.options.maxEvents) throw EVENT_LIMIT;
    this.admitted++;
    return this.tracing;
  }

  private stop(by: TruncatedBy): void {
    this.truncated = true;
    this.truncatedBy = by;
  }

  private record(ev: TraceEventV2): void {
    this.settleSnapshot();
    this.events.push(ev);
    this.onEvent?.(ev, this.events.length - 1, this);
  }

  private touch(sock: Socket): void {
    if (this.snapshotChanges && !sock.touched) {
      sock.touched = true;
      this.touched.push(sock);
    }
  }

  /** Record what the last event changed, if not yet (see snapshotAt). */
  private settleSnapshot(): void {
    const changes = this.snapshotChanges;
    if (!changes || changes.length >= this.events.length) return;
    const delta: SnapshotV2 = { sockets: {}, listeners: {} };
    for (const sock of this.touched) {
      sock.touched = false;
      if (sock.conn === null && sock.listenerPort !== null) {
        const l = sock.node.listeners.get(sock.listenerPort);
        if (l?.socket === sock)
          delta.listeners[listenerKey(sock.node.name, l.port)] = { backlog: l.backlog, queued: l.queued };
      }
      const snap = socketSnapshot(sock);
      const prev = this.lastSnap.get(sock);
      if (prev && sameSnapshot(prev, snap)) continue;
      this.lastSnap.set(sock, snap);
      if (sock.conn !== null) delta.sockets[socketKey(sock.node.name, sock.conn)] = snap;
      else if (sock.listenerPort !== null) {
        const key = listenerKey(sock.node.name, sock.listenerPort);
        delta.sockets[key] = snap;
      }
    }
    this.touched.length = 0;
    changes.push(delta);
  }

  // ------------------------------------------------------------ wake-ups

  /** Queue a wake-up for every TCB whose timers were set since the last step (at its earliest timer). */
  private scheduleWakeups(): void {
    const dirty = this.dirty;
    for (let i = 0; i < dirty.length; i++) {
      const sock = dirty[i] as Socket;
      sock.dirtyTimers = false;
      const t = nextTimer(sock);
      if (t) this.wakeups.insert(t.expiresAt, t.armed, sock);
    }
    dirty.length = 0;
  }

  /** The valid wake-up due first: one whose TCB's earliest timer is still the one it was queued for. */
  private nextWakeup(): Queued<Socket> | undefined {
    if (this.dirty.length > 0) this.scheduleWakeups();
    for (let top = this.wakeups.peek(); top; top = this.wakeups.peek()) {
      const t = nextTimer(top.item);
      if (t && t.expiresAt === top.at && t.armed === top.order) return top;
      this.wakeups.pop();
    }
    return undefined;
  }
}

/** Run a v2 scenario to the end. */
export function runWorld(scenario: ScenarioV2Input, options: WorldOptions = {}): TraceV2 {
  return new World(scenario, options).run();
}

function full(listener: Listener): boolean {
  return listener.queued > listener.backlog; // sk_acceptq_is_full: `>`, so backlog N admits N + 1
}

function finalOf(ep: Endpoint): FinalEndpoint {
  return ep.error ? { state: ep.state, error: ep.error } : { state: ep.state };
}

function socketSnapshot(sock: Socket): SocketSnapshot {
  return {
    ...sock.snapshot(),
    host: sock.node.name,
    conn: sock.conn,
    local: sock.local,
    remote: sock.remote,
  };
}

/** "server:80" → ["server", 80] (validated at the edge). */
function splitTarget(to: string): [HostName, number] {
  const i = to.lastIndexOf(':');
  return [to.slice(0, i), Number(to.slice(i + 1))];
}
