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
import type { Endpoint, Host } from './tcb';
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
import type { AppError, AppEventKind, FinalEndpoint, State, TimerKind, TruncatedBy } from './types';
import { userCall } from './user-calls';
import { closeListener, connect, crashHost, listen, onConnection, recordCall } from './worldCalls';
import { socketSnapshot, WorldRecorder, where } from './worldRecord';
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
export interface Connection {
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
  private readonly queue = new EventQueue<Item>();
  /** One wake-up per TCB at its earliest timer (stale ones are skipped when they reach the top). */
  private readonly wakeups = new EventQueue<Socket>();
  private readonly network: Network;
  /** Drop/delay rule sender numbers: a host is its index; a (host, conn) pair gets one when a rule names it. */
  readonly connSenders = new Map<string, number>();
  private readonly dirty: Socket[] = [];
  private nextId = 1;
  /** The segment being delivered: a listener's or the no-socket reply goes back to its source. */
  current: { src: SocketAddress; dst: SocketAddress } | null = null;
  /** Its deliver event: if the event limit stops the run mid-segment, it gets the explanation known so far. */
  delivering: { ev: DeliverEventV2; ep: Endpoint } | null = null;

  constructor(
    readonly input: ScenarioV2Input,
    options: WorldOptions = {},
  ) {
    const setup = normalizeWorld(input, options);
    this.setup = setup;
    const onEvent = options.onEvent;
    this.recorder = new WorldRecorder(
      setup.options.maxEvents,
      options.trace ?? true,
      options.snapshots ?? false,
      onEvent ? (ev, index) => onEvent(ev, index, this) : undefined,
    );
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
    sock.node.bind(sock.local.port);
  }

  removeSocket(sock: Socket): void {
    if (sock.key === null) return;
    sock.node.sockets.delete(sock.key);
    sock.node.unbind(sock.local.port);
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
    if (this.recorder.admit()) {
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
    if (to === 'ESTABLISHED' && parent && !sock.queued && sock.key !== null) {
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

/** Run a v2 scenario to the end. */
export function runWorld(scenario: ScenarioV2Input, options: WorldOptions = {}): TraceV2 {
  return new World(scenario, options).run();
}

function finalOf(ep: Endpoint): FinalEndpoint {
  return ep.error ? { state: ep.state, error: ep.error } : { state: ep.state };
}
