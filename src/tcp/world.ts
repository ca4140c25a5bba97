/**
 * The world simulator (issue 12, docs/design/engine-v2.md §1–§7): hosts with addresses and socket tables,
 * listening sockets that spawn a child per SYN, many connections, on the same network as v1 (network.ts)
 * and with the same per-connection rules (the v1 TCB code: arrive.ts, user-calls.ts, timers.ts, unchanged).
 *
 * A segment carries source and destination addresses and ports and is delivered by 4-tuple (deliver.ts).
 * The world keeps one wake-up per TCB in a queue (at its earliest timer), so thousands of connections cost
 * no scan per step.
 *
 * A v1 scenario runs here too (§2): hosts A and B, each with its one endpoint record that a passive OPEN
 * turns into the connection, as v1 always did; segments go straight to the other endpoint (no socket
 * table), ISNs come from v1's clock, and the events gain `host` and `conn: "c1"`. Simulation is its facade.
 */

import { deliver } from './deliver';
import { type ExplainKey, rfcOf } from './explain';
import { addressBits, type Socket, splitTarget, WorldHost } from './host';
import { before, EVENT_LIMIT, Network, segmentRule } from './network';
import { hash32 } from './prng';
import { PROFILES } from './profile';
import { EventQueue, type Queued } from './queue';
import { type SegmentRule, SegmentRules } from './rules';
import type { Overrides } from './scenario';
import type { ActionV2, DropRuleV2, ScenarioV2Input } from './scenarioV2';
import { flagBits, type Seg, toWire } from './segment';
import { crash, type Endpoint, type Host } from './tcb';
import { dispatch, nextTimer } from './timers';
import {
  type ConnectionFinal,
  type ConnectionInfo,
  type ConnName,
  type DeliverEventV2,
  type HostName,
  listenerKey,
  type SnapshotV2,
  type SocketAddress,
  socketKey,
  type TraceEventV2,
  type TraceV2,
} from './traceV2';
import type {
  AppError,
  AppEventKind,
  FinalEndpoint,
  Scenario,
  SegmentInput,
  State,
  TimerKind,
  TruncatedBy,
  UserCall,
} from './types';
import { userCall } from './user-calls';
import {
  accept,
  CALL_EXPLAIN,
  closeListener,
  connect,
  crashHost,
  listen,
  onConnection,
  recordCall,
} from './worldCalls';
import { socketSnapshot, WorldRecorder, where } from './worldRecord';
import { normalizeWorld, type WorldSetup } from './worldScenario';
import { v1Deliver, v1Iss, v1Queue, v1Setup } from './worldV1';

export interface WorldOptions extends Overrides {
  /** Record trace events (default true). */
  trace?: boolean;
  /** Record, per event, the sockets it changed (`snapshotAt` rebuilds a moment from them; default false). */
  snapshots?: boolean;
  /** Called after each event is recorded. */
  onEvent?: (event: TraceEventV2, index: number, world: World) => void;
}

/** One connection of the scenario: its two ends (the server end once a SYN has spawned it). */
export interface Connection {
  name: ConnName;
  info: ConnectionInfo;
  client: Socket | null;
  server: Socket | null;
}

export type Item =
  | { k: 'action'; action: ActionV2 }
  | { k: 'reflex'; sock: Socket; call: 'close' }
  | { k: 'arrive'; id: number; seg: Seg; src: SocketAddress; dst: SocketAddress; from: Socket | null }
  | { k: 'drop'; id: number; sender: HostName; conn: ConnName | null; cause: 'loss' | 'fault' }
  | { k: 'inject'; from: HostName; src: SocketAddress; dst: SocketAddress; seg: Seg; to: Socket | null }
  | { k: 'crash'; host: HostName }
  // a v1 run (§2): calls and crashes on an endpoint record, segments straight to the other endpoint
  | { k: 'v1call'; sock: Socket; call: UserCall; bytes: number }
  | { k: 'v1crash'; sock: Socket }
  | { k: 'v1arrive'; id: number; seg: Seg; to: Socket };

/** A v1 run's two endpoint records. */
export interface V1Endpoints {
  scenario: Scenario;
  A: Socket;
  B: Socket;
}

const TIMER_EXPLAIN: Record<TimerKind, ExplainKey> = {
  retransmission: 'timer-retransmission',
  'time-wait': 'timer-time-wait',
  'delayed-ack': 'timer-delayed-ack',
};

export class World implements Host {
  now = 0;
  readonly setup: WorldSetup;
  readonly hosts = new Map<HostName, WorldHost>();
  /** The events, the event limit, and the per-event socket changes (options.snapshots). */
  readonly recorder: WorldRecorder;
  truncated = false;
  truncatedBy: TruncatedBy | null = null;

  // Engine-internal (deliver.ts reads and writes them): hosts by address, the scenario's connections.
  readonly byAddress = new Map<string, WorldHost>();
  readonly connections = new Map<ConnName, Connection>();
  /** Engine-internal (worldV1.ts queues a v1 scenario's happenings). */
  readonly queue = new EventQueue<Item>();
  /** One wake-up per TCB at its earliest timer (stale ones are skipped when they reach the top). */
  private readonly wakeups = new EventQueue<Socket>();
  /** Drop/delay rule sender numbers: a host is its index; a (host, conn) pair gets one when a rule names it. */
  readonly connSenders = new Map<string, number>();
  private readonly dirty: Socket[] = [];
  private nextId = 1;
  /** The segment being delivered: a listener's or the no-socket reply goes back to its source. */
  current: { src: SocketAddress; dst: SocketAddress } | null = null;
  /** Its deliver event: if the event limit stops the run mid-segment, it gets the explanation known so far. */
  delivering: { ev: DeliverEventV2; ep: Endpoint } | null = null;

  /** A v1 run's endpoints (null in a v2 run). */
  readonly v1: V1Endpoints | null;
  private readonly network: Network;

  /** A v2 scenario, or a normalized v1 one (normalizeScenario; Simulation is the v1 facade). */
  constructor(input: ScenarioV2Input | Scenario, options: WorldOptions = {}) {
    const setup = input.version === 1 ? v1Setup(input) : normalizeWorld(input, options);
    this.setup = setup;
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
    const drops: SegmentRule[] = [];
    const delays: SegmentRule[] = [];
    this.v1 =
      input.version === 1 ? v1Queue(this, input, drops, delays) : this.queueInput(input, drops, delays);
    this.network = new Network(setup.network, setup.seed, new SegmentRules(drops), new SegmentRules(delays));
    const onEvent = options.onEvent;
    this.recorder = new WorldRecorder(
      setup.options.maxEvents,
      options.trace ?? true,
      options.snapshots ?? false,
      onEvent ? (ev, index) => onEvent(ev, index, this) : undefined,
      this.v1,
    );
  }

  /** Queue a v2 scenario's actions, then its faults (at equal times actions first, each in file order). */
  private queueInput(input: ScenarioV2Input, drops: SegmentRule[], delays: SegmentRule[]): null {
    for (const action of input.actions) this.queue.push(action.at, { k: 'action', action });
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
        this.queue.push(f.inject.at, {
          k: 'inject',
          from: from.name,
          src: { address: from.address, port: f.inject.port },
          dst: { address: to.address, port: toPort },
          seg: injectedSegment(f.inject.segment),
          to: null,
        });
      } else this.queue.push(f.crash.at, { k: 'crash', host: f.crash.host });
    }
    return null;
  }

  /** Happenings queued (arrivals, calls, faults), timers not included. */
  get queueSize(): number {
    return this.queue.size;
  }

  get done(): boolean {
    return this.truncated || (this.queue.size === 0 && this.nextWakeup() === undefined);
  }

  get eventCount(): number {
    return this.recorder.admitted;
  }

  get events(): TraceEventV2[] {
    return this.recorder.events;
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
      if (timerFirst) {
        const sock = (this.wakeups.pop() as Queued<Socket>).item;
        sock.wakeAt = null;
        // Its other timers (if any) need a wake-up too, whether or not firing this one set a timer.
        this.timersChanged(sock);
        this.expire(sock);
      } else this.apply((this.queue.pop() as Queued<Item>).item);
    } catch (e) {
      if (e !== EVENT_LIMIT) throw e;
      this.stop('maxEvents');
      const pending = this.delivering;
      if (pending) {
        pending.ev.explain = pending.ep.explain;
        pending.ev.rfc = rfcOf(pending.ep.explain);
        this.delivering = null;
      }
      this.recorder.endHappening();
      return false;
    }
    this.recorder.endHappening();
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

  /** The sockets as they were once events[index] had taken effect (options.snapshots; see WorldRecorder). */
  snapshotAt(index: number): SnapshotV2 {
    return this.recorder.snapshotAt(index);
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
        recordCall(this, item.sock.node.name, item.call, 'reflex-close', item.sock);
        this.recorder.touch(item.sock);
        accept(this, item.sock);
        userCall(item.sock, item.call);
        return;
      case 'arrive':
        return deliver(this, item.id, item.seg, item.src, item.dst, item.from);
      case 'drop':
        if (this.recorder.admit()) {
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
          this.recorder.record(ev);
        }
        return;
      case 'inject': {
        const from = this.hosts.get(item.from) as WorldHost;
        this.launch(
          this.nextId++,
          item.seg,
          item.src,
          item.dst,
          from,
          null,
          item.to,
          false,
          true,
          false,
          'injected',
        );
        return;
      }
      case 'v1call': {
        const { sock, call, bytes } = item;
        recordCall(this, sock.node.name, call, CALL_EXPLAIN[call], sock, (ev) => {
          if (call === 'send') ev.bytes = bytes;
        });
        this.recorder.touch(sock);
        userCall(sock, call, bytes);
        return;
      }
      case 'v1crash': {
        const name = item.sock.node.name;
        if (this.recorder.admit())
          this.recorder.record({
            t: this.now,
            type: 'crash',
            endpoint: name,
            explain: 'crash',
            rfc: rfcOf('crash'),
            host: name,
          });
        this.recorder.touch(item.sock);
        crash(item.sock); // v1: the endpoint record stays, in CLOSED
        return;
      }
      case 'v1arrive':
        return v1Deliver(this, item.id, item.seg, item.to);
      case 'crash':
        return crashHost(this, this.hosts.get(item.host) as WorldHost);
    }
  }

  private action(a: ActionV2): void {
    const host = this.hosts.get(a.host) as WorldHost;
    switch (a.call) {
      case 'listen':
        return listen(this, host, a.port, a.backlog);
      case 'connect':
        return connect(this, host, a.conn, a.to, a.port, a.iss);
      case 'send':
        return onConnection(this, host, a.conn, 'send', a.bytes);
      default:
        if (a.conn !== undefined) return onConnection(this, host, a.conn, a.call, 0);
        return closeListener(this, host, a.call, a.port as number);
    }
  }

  private expire(sock: Socket): void {
    const due = nextTimer(sock);
    if (!due) return;
    if (this.recorder.admit()) {
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
      where(ev, sock);
      this.recorder.record(ev);
    }
    this.recorder.touch(sock);
    dispatch(sock, this.now);
  }

  addSocket(sock: Socket, key: string): void {
    sock.key = key;
    sock.node.sockets.set(key, sock);
    sock.node.bind(sock.local.port, sock.ephemeralPort);
  }

  removeSocket(sock: Socket): void {
    if (sock.key === null) return;
    sock.node.sockets.delete(sock.key);
    sock.node.unbind(sock.local.port, sock.ephemeralPort);
    sock.key = null;
    if (sock.queued && sock.parent) {
      sock.parent.queued--;
      sock.queued = false;
      this.recorder.touch(sock.parent.socket);
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
    this.launch(
      this.nextId++,
      seg,
      src,
      dst,
      sock.node,
      sock,
      sock.peer,
      retransmission,
      false,
      false,
      explain,
    );
  }

  /** Put a segment on the wire: its fate and arrival time, the send event, its arrival (or drop) queued. */
  private launch(
    id: number,
    seg: Seg,
    src: SocketAddress,
    dst: SocketAddress,
    senderHost: WorldHost,
    sender: Socket | null,
    peer: Socket | null,
    retransmission: boolean,
    injected: boolean,
    duplicate: boolean,
    explain: ExplainKey,
  ): void {
    const senderName = senderHost.name;
    const network = this.network;
    const arriveAt =
      this.now + network.carry(senderHost.index, sender?.connSender ?? -1, seg.flags, injected, duplicate);
    const lost = network.lost;
    if (this.recorder.admit()) {
      const toHost = peer ? peer.node.name : (this.byAddress.get(dst.address)?.name ?? dst.address);
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
      if (sender) where(ev, sender);
      this.recorder.record(ev);
    }
    const conn = sender?.conn ?? null;
    if (lost) this.queue.push(arriveAt, { k: 'drop', id, sender: senderName, conn, cause: lost });
    else if (peer) this.queue.push(arriveAt, { k: 'v1arrive', id, seg, to: peer });
    else this.queue.push(arriveAt, { k: 'arrive', id, seg, src, dst, from: sender });
    if (network.duplicates(injected, duplicate)) {
      this.launch(
        this.nextId++,
        seg,
        src,
        dst,
        senderHost,
        sender,
        peer,
        retransmission,
        false,
        true,
        'duplicated',
      );
    }
  }

  stamp(ep: Endpoint): number {
    this.timersChanged(ep as Socket);
    return this.queue.stamp();
  }

  /** The TCB's timers changed (or one fired): it gets its wake-up when the step ends. */
  private timersChanged(sock: Socket): void {
    if (!sock.dirtyTimers) {
      sock.dirtyTimers = true;
      this.dirty.push(sock);
    }
  }

  onState(ep: Endpoint, from: State, to: State, explain: ExplainKey): void {
    const sock = ep as Socket;
    this.recorder.touch(sock);
    if (this.recorder.admit()) {
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
      where(ev, sock);
      this.recorder.record(ev);
    }
    const parent = sock.parent;
    if (to === 'ESTABLISHED' && parent && !sock.queued && !sock.accepted && sock.key !== null) {
      sock.queued = true;
      parent.queued++;
      this.recorder.touch(parent.socket);
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
    if (!this.recorder.admit()) return;
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
    where(ev, sock);
    this.recorder.record(ev);
  }

  reflex(ep: Endpoint, call: 'close'): void {
    this.queue.push(this.now, { k: 'reflex', sock: ep as Socket, call });
  }

  /**
   * ISS (§3.4.1): a connect's pinned `iss` or a TIME-WAIT reopen's (tcp_conn_request takes tcp_tw_isn and
   * skips the hash), else the host's `isn` list, else ISN = M + F(4-tuple, seed) (RFC 6528's scheme):
   * - `linux`: net/core/secure_seq.c secure_tcp_seq_and_ts_off = siphash_3u32(saddr, daddr,
   *   sport << 16 | dport, net_secret), then seq_scale: `seq + (ktime_get_real_ns() >> 6)`, one tick per
   *   64 ns (15,625 per ms). Both ends hash their own (local, remote) order: tcp_v4_connect passes
   *   (inet_saddr, inet_daddr, inet_sport, sin_port), tcp_v4_init_seq_and_ts_off the SYN's (daddr, saddr,
   *   dest, source). The passive ISS is taken when the SYN arrives, as tcp_conn_request does.
   * - `rfc`: M ticks every 4 µs (250 per ms, §3.4.1).
   * F is hash32('isn', seed, local address, local port, remote address, remote port): the scenario seed
   * stands in for the boot secret (deterministic), and simulated time 0 for the real-time clock's reading.
   */
  chooseIss(ep: Endpoint): number {
    const sock = ep as Socket;
    if (this.v1) return v1Iss(this, sock);
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

  private stop(by: TruncatedBy): void {
    this.truncated = true;
    this.truncatedBy = by;
  }

  // ------------------------------------------------------------ wake-ups

  /**
   * A TCB whose timers were set since the last look gets a wake-up at its earliest timer, unless it already
   * has one queued no later (a timer moved later leaves the early wake-up in place: it finds nothing due and
   * moves on, see nextWakeup). So the queue holds at most about one entry per TCB, however often an ACK
   * restarts the retransmission timer.
   */
  private scheduleWakeups(): void {
    const dirty = this.dirty;
    for (let i = 0; i < dirty.length; i++) {
      const sock = dirty[i] as Socket;
      sock.dirtyTimers = false;
      const t = nextTimer(sock);
      if (t && (sock.wakeAt === null || before(t.expiresAt, t.armed, sock.wakeAt, sock.wakeOrder))) {
        this.wake(sock, t.expiresAt, t.armed);
      }
    }
    dirty.length = 0;
  }

  private wake(sock: Socket, at: number, order: number): void {
    sock.wakeAt = at;
    sock.wakeOrder = order;
    this.wakeups.insert(at, order, sock);
  }

  /**
   * The wake-up due first, for the TCB's earliest timer: (time, the timer's stamp) orders it among the queued
   * happenings exactly as v1 orders its two endpoints' timers. An entry that is no longer its TCB's (a
   * newer, earlier one was queued) is dropped; one for a timer that moved later is queued again for it.
   */
  private nextWakeup(): Queued<Socket> | undefined {
    if (this.dirty.length > 0) this.scheduleWakeups();
    const wakeups = this.wakeups;
    for (let top = wakeups.peek(); top; top = wakeups.peek()) {
      const sock = top.item;
      if (sock.wakeAt === top.at && sock.wakeOrder === top.order) {
        const t = nextTimer(sock);
        if (t && t.expiresAt === top.at && t.armed === top.order) return top;
        wakeups.pop();
        sock.wakeAt = null;
        if (t) this.wake(sock, t.expiresAt, t.armed);
      } else {
        wakeups.pop();
      }
    }
    return undefined;
  }
}

/** An injected segment: missing `ack` means no ACK value (0), missing `len` 0, missing `win` 65535. */
export function injectedSegment(s: SegmentInput): Seg {
  return {
    seq: s.seq >>> 0,
    ack: s.ack === undefined ? 0 : s.ack >>> 0,
    flags: flagBits(s.flags),
    len: s.len ?? 0,
    win: s.win ?? 65535,
  };
}

/** Run a v2 scenario to the end. */
export function runWorld(scenario: ScenarioV2Input, options: WorldOptions = {}): TraceV2 {
  return new World(scenario, options).run();
}

function finalOf(ep: Endpoint): FinalEndpoint {
  return ep.error ? { state: ep.state, error: ep.error } : { state: ep.state };
}
