/**
 * A world's trace as it is recorded: the event limit (options.maxEvents, a hard stop, as in v1: see
 * Simulation.admit), the events, and, when asked for, per-event snapshots of only the sockets an event
 * changed (docs/design/engine-v2.md §3: many connections, few changing per event, so memory grows with the
 * changes, not with connections × events).
 */
import type { Socket } from './host';
import { EVENT_LIMIT } from './network';
import { sameSnapshot } from './snapshot';
import {
  type ConnName,
  listenerKey,
  type SnapshotV2,
  type SocketSnapshot,
  socketKey,
  type TraceEventV2,
} from './traceV2';
import type { Snapshot } from './types';

export class WorldRecorder {
  readonly events: TraceEventV2[] = [];
  /** Per event, the sockets (and listeners) whose snapshot it changed; null when not recording them. */
  readonly changes: SnapshotV2[] | null;
  /** Events admitted so far (counted also when not tracing, so maxEvents bounds every run). */
  admitted = 0;
  private readonly touched: Socket[] = [];
  private readonly last = new Map<Socket, SocketSnapshot>();

  /**
   * A v1 run's snapshots, as v1 took them: both endpoints once events[i] has taken effect, an endpoint's
   * object shared with the previous snapshot when it did not change (Simulation.snapshots).
   */
  readonly v1Snapshots: Snapshot[] | null;
  private lastV1: Snapshot | null = null;

  constructor(
    private readonly maxEvents: number,
    private readonly tracing: boolean,
    snapshots: boolean,
    private readonly onRecord: ((ev: TraceEventV2, index: number) => void) | undefined,
    private readonly v1: { A: Socket; B: Socket } | null = null,
  ) {
    this.changes = snapshots && !v1 ? [] : null;
    this.v1Snapshots = snapshots && v1 ? [] : null;
  }

  /** Count one more event; whether to build and record it. Throws EVENT_LIMIT past maxEvents. */
  admit(): boolean {
    if (this.admitted >= this.maxEvents) throw EVENT_LIMIT;
    this.admitted++;
    return this.tracing;
  }

  record(ev: TraceEventV2): void {
    this.settle();
    this.events.push(ev);
    this.onRecord?.(ev, this.events.length - 1);
  }

  /** The socket is about to change (or a listener's queue did): its snapshot is compared when the event settles. */
  touch(sock: Socket): void {
    if (this.changes && !sock.touched) {
      sock.touched = true;
      this.touched.push(sock);
    }
  }

  /**
   * Record what the last event changed, if not yet: taken at the next event or when the happening ends
   * (as v1's snapshots are). Every socket touched during the happening is compared, since it may change
   * again after an event is recorded (a state change is traced before it is applied).
   */
  settle(): void {
    const v1 = this.v1Snapshots;
    if (v1) {
      if (v1.length < this.events.length) v1.push(this.sharedV1Snapshot());
      return;
    }
    const changes = this.changes;
    if (!changes || changes.length >= this.events.length) return;
    const delta: SnapshotV2 = { sockets: {}, listeners: {} };
    for (const sock of this.touched) {
      const key = keyOf(sock);
      if (key === null) continue;
      if (sock.conn === null) {
        const l = sock.node.listeners.get(sock.listenerPort as number);
        if (l?.socket === sock) delta.listeners[key] = { backlog: l.backlog, queued: l.queued };
      }
      const snap = socketSnapshot(sock);
      const prev = this.last.get(sock);
      if (prev && sameSnapshot(prev, snap)) continue;
      this.last.set(sock, snap);
      delta.sockets[key] = snap;
    }
    changes.push(delta);
  }

  /** The happening is over: settle its last event; the sockets it touched are done changing. */
  endHappening(): void {
    this.settle();
    for (const sock of this.touched) sock.touched = false;
    this.touched.length = 0;
  }

  private sharedV1Snapshot(): Snapshot {
    const pair = this.v1 as { A: Socket; B: Socket };
    const a = pair.A.snapshot();
    const b = pair.B.snapshot();
    const prev = this.lastV1;
    const A = prev && sameSnapshot(prev.A, a) ? prev.A : a;
    const B = prev && sameSnapshot(prev.B, b) ? prev.B : b;
    const snap = prev && prev.A === A && prev.B === B ? prev : { A, B };
    this.lastV1 = snap;
    return snap;
  }

  /** The sockets once events[index] had taken effect: the changes up to it, in order. */
  snapshotAt(index: number): SnapshotV2 {
    const out: SnapshotV2 = { sockets: {}, listeners: {} };
    const changes = this.changes ?? [];
    for (let i = 0; i <= index && i < changes.length; i++) {
      const c = changes[i] as SnapshotV2;
      Object.assign(out.sockets, c.sockets);
      Object.assign(out.listeners, c.listeners);
    }
    return out;
  }
}

/** A socket's key in a SnapshotV2: "<host>/<conn>", or "<host>/:<port>" for a listener; null for none. */
export function keyOf(sock: Socket): string | null {
  if (sock.conn !== null) return socketKey(sock.node.name, sock.conn);
  if (sock.listenerPort !== null) return listenerKey(sock.node.name, sock.listenerPort);
  return null;
}

export function socketSnapshot(sock: Socket): SocketSnapshot {
  return {
    ...sock.snapshot(),
    host: sock.node.name,
    conn: sock.conn,
    local: sock.local,
    remote: sock.remote,
  };
}

/** An event's `conn` (a connection end) or `listener` (a listening socket's own event). */
export function where(ev: { conn?: ConnName; listener?: number }, sock: Socket): void {
  if (sock.conn !== null) ev.conn = sock.conn;
  else if (sock.listenerPort !== null) ev.listener = sock.listenerPort;
}
