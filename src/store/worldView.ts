/**
 * What the page shows of a world (a version 2 scenario: several hosts and connections), derived from its
 * trace and the sockets each event changed: the hosts in the file's order (one lifeline each), the
 * connections in the order they were opened (one colour each, the legend), every segment's life from its
 * send to its arrival or loss, and the sockets as they are once an event has taken effect. Pure and lazy:
 * loaded with the first v2 scenario, never with the page. The components read it through the store.
 */
import type {
  ConnName,
  DeliverEventV2,
  DropEventV2,
  HostName,
  SendEventV2,
  SnapshotV2,
  SocketSnapshot,
  TraceEventV2,
  TraceV2,
} from '../tcp/traceV2';
import type { Profile } from '../tcp/types';

export interface WorldHost {
  name: HostName;
  address: string;
  profile: Profile;
  /** Its lifeline's place, left to right (the file's order). */
  index: number;
}

export interface WorldConnection {
  name: ConnName;
  /** Its place in the legend: the order connections were opened. */
  order: number;
  /** Its colour (one of CONN_COLOURS, in the order connections were opened). */
  colour: number;
  client: { host: HostName; address: string; port: number };
  server: { host: HostName; address: string; port: number };
}

/** One segment from its send to its arrival (or loss). */
export interface SegmentLife {
  id: number;
  send: SendEventV2;
  sendIndex: number;
  /** The deliver or drop event's index; events.length when it never ended within the trace. */
  endIndex: number;
  end: DeliverEventV2 | DropEventV2 | null;
  from: HostName;
  to: HostName;
}

/** How many connection colours there are (CSS: --conn-0 … --conn-7); more connections reuse them. */
export const CONN_COLOURS = 8;

/** Full snapshots kept every this many events; any other moment is one of them plus at most this many changes. */
const STRIDE = 64;

const empty = (): SnapshotV2 => ({ sockets: {}, listeners: {} });

function merge(into: SnapshotV2, change: SnapshotV2 | undefined): void {
  if (!change) return;
  Object.assign(into.sockets, change.sockets);
  Object.assign(into.listeners, change.listeners);
}

export class WorldView {
  readonly hosts: WorldHost[];
  readonly connections: WorldConnection[];
  readonly lives: SegmentLife[] = [];
  private readonly hostByName = new Map<HostName, WorldHost>();
  private readonly connByName = new Map<ConnName, WorldConnection>();
  private readonly lifeById = new Map<number, SegmentLife>();
  /** checkpoints[k]: the sockets once events[k * STRIDE - 1] had taken effect (k = 0: before any event). */
  private readonly checkpoints: SnapshotV2[] = [];
  /** The last few moments asked for, so a component's selector gets the same object back. */
  private readonly recent = new Map<number, SnapshotV2>();

  constructor(
    readonly trace: TraceV2,
    private readonly changes: readonly SnapshotV2[],
  ) {
    this.hosts = Object.entries(trace.hosts).map(([name, h], index) => ({ name, ...h, index }));
    for (const h of this.hosts) this.hostByName.set(h.name, h);
    const address = (host: HostName) => trace.hosts[host]?.address ?? '';
    this.connections = Object.entries(trace.connections).map(([name, c], i) => ({
      name,
      order: i,
      colour: i % CONN_COLOURS,
      client: { host: c.client.host, address: address(c.client.host), port: c.client.local.port },
      server: { host: c.server.host, address: address(c.server.host), port: c.server.local.port },
    }));
    for (const c of this.connections) this.connByName.set(c.name, c);
    const { events } = trace;
    events.forEach((e, i) => {
      if (e.type === 'send') {
        const life: SegmentLife = {
          id: e.id,
          send: e,
          sendIndex: i,
          endIndex: events.length,
          end: null,
          from: e.host,
          to: e.toHost,
        };
        this.lives.push(life);
        this.lifeById.set(e.id, life);
      } else if (e.type === 'deliver' || e.type === 'drop') {
        const life = this.lifeById.get(e.id);
        if (life && life.end === null) {
          life.end = e;
          life.endIndex = i;
        }
      }
    });
    const running = empty();
    this.checkpoints.push(empty());
    for (let i = 0; i < events.length; i++) {
      merge(running, changes[i]);
      if ((i + 1) % STRIDE === 0)
        this.checkpoints.push({ sockets: { ...running.sockets }, listeners: { ...running.listeners } });
    }
  }

  get events(): readonly TraceEventV2[] {
    return this.trace.events;
  }

  host(name: HostName): WorldHost | undefined {
    return this.hostByName.get(name);
  }

  connection(name: ConnName | undefined): WorldConnection | undefined {
    return name === undefined ? undefined : this.connByName.get(name);
  }

  life(id: number): SegmentLife | undefined {
    return this.lifeById.get(id);
  }

  /** Every socket (connection ends and listeners) once events[index] has taken effect; -1: before any. */
  snapshotAt(index: number): SnapshotV2 {
    const i = Math.max(-1, Math.min(index, this.trace.events.length - 1));
    const cached = this.recent.get(i);
    if (cached) return cached;
    const k = Math.floor((i + 1) / STRIDE);
    const base = this.checkpoints[k] ?? empty();
    const out: SnapshotV2 = { sockets: { ...base.sockets }, listeners: { ...base.listeners } };
    for (let j = k * STRIDE; j <= i; j++) merge(out, this.changes[j]);
    if (this.recent.size >= 4) this.recent.delete(this.recent.keys().next().value as number);
    this.recent.set(i, out);
    return out;
  }

  /** The segments on the wire at the cursor: sent, and not yet arrived or lost. */
  inFlight(cursor: number): SegmentLife[] {
    const out: SegmentLife[] = [];
    for (const life of this.lives) {
      if (life.sendIndex > cursor) break;
      if (cursor < life.endIndex) out.push(life);
    }
    return out;
  }

  /** The sockets of one host at a moment: its listeners, then its connection ends in connection order. */
  socketsOf(host: HostName, snap: SnapshotV2): { listeners: SocketSnapshot[]; ends: SocketSnapshot[] } {
    const listeners: SocketSnapshot[] = [];
    const ends: SocketSnapshot[] = [];
    for (const s of Object.values(snap.sockets)) {
      if (s.host !== host) continue;
      if (s.conn === null) listeners.push(s);
      else ends.push(s);
    }
    listeners.sort((a, b) => a.local.port - b.local.port);
    const rank = (s: SocketSnapshot) => this.connection(s.conn ?? undefined)?.order ?? 0;
    ends.sort((a, b) => rank(a) - rank(b));
    return { listeners, ends };
  }
}

/** The event's socket, as the page names it: its connection ("c1"), or its listener (":80"), or "". */
export function whoOf(e: { conn?: ConnName; listener?: number }): string {
  if (e.conn !== undefined) return e.conn;
  if (e.listener !== undefined) return `:${e.listener}`;
  return '';
}
