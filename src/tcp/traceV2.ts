/**
 * The trace of a world of hosts (issue 12, docs/design/engine-v2.md §3). Pinned: the engine v2 produces
 * these shapes, and the page, the CLI's ladder and the pcap export read them. Every v1 event's fields keep
 * their meaning; a v2 event adds where it happened (`host`) and on which connection (`conn`). In a v1 run
 * the hosts are `A` and `B` and the one connection is `c1`, so v1 consumers read a v2-shaped trace as before.
 * Add fields; never rename one or change what it means.
 */
import type {
  AppEvent,
  CallEvent,
  CrashEvent,
  DeliverEvent,
  DropEvent,
  EndpointSnapshot,
  FinalEndpoint,
  Profile,
  SendEvent,
  StateEvent,
  TimerEvent,
  TruncatedBy,
} from './types';

/** A host's name in the scenario ("client"; "A" and "B" in a v1 run). */
export type HostName = string;
/** A connection's name, given at its `connect` ("c1"); both of its ends are addressed by it. */
export type ConnName = string;

/** The connection a v1 run's one connection is called. */
export const V1_CONN: ConnName = 'c1';

/** An IPv4 address in dotted decimal and a port. */
export interface SocketAddress {
  address: string;
  port: number;
}

/** Where an event happened: the host, and the connection when one is involved. */
interface At {
  host: HostName;
  /** The connection (absent for a listener's own events, a crash, a segment for no socket). */
  conn?: ConnName;
  /** A listening socket's port, for its own events (listen, its state changes, a SYN it spawns a child for). */
  listener?: number;
}

/**
 * The v1 event fields stay; `endpoint`, `from` and `to` hold host names (in a v1 run, exactly the v1
 * values). The type of those fields widens from 'A' | 'B' to a host name.
 */
type Widen<E> = Omit<E, 'endpoint' | 'from' | 'to'> &
  ('endpoint' extends keyof E ? { endpoint: HostName } : unknown) &
  ('to' extends keyof E ? { to: E['to'] extends string ? HostName | E['to'] : E['to'] } : unknown) &
  ('from' extends keyof E ? { from: E['from'] extends string ? HostName | E['from'] : E['from'] } : unknown);

export type CallEventV2 = Widen<CallEvent> &
  At & { /** listen: its port; connect: the destination. */ port?: number; dst?: SocketAddress };
export type StateEventV2 = Widen<StateEvent> & At;
export type SendEventV2 = Widen<SendEvent> &
  At & {
    /** The receiving host (as `to`). */
    toHost: HostName;
    src: SocketAddress;
    dst: SocketAddress;
  };
/** `host` is the receiver; `conn` the socket it reached (a child spawned by a listener included), if any. */
export type DeliverEventV2 = Widen<DeliverEvent> & At;
/** `host` and `conn` are the sender's (as on its send event). */
export type DropEventV2 = DropEvent & At;
export type TimerEventV2 = Widen<TimerEvent> & At;
export type AppEventV2 = Widen<AppEvent> & At;
export type CrashEventV2 = Widen<CrashEvent> & At;

export type TraceEventV2 =
  | StateEventV2
  | SendEventV2
  | DeliverEventV2
  | DropEventV2
  | TimerEventV2
  | AppEventV2
  | CallEventV2
  | CrashEventV2;

export interface HostInfo {
  address: string;
  profile: Profile;
}

/** A connection's two ends: the client (its connect) and the server (the child its SYN spawned, if any). */
export interface ConnectionInfo {
  client: { host: HostName; local: SocketAddress };
  server: { host: HostName; local: SocketAddress };
}

export interface ConnectionFinal {
  client: FinalEndpoint;
  /** Null when no server end ever existed (the SYN was refused, dropped, or never answered). */
  server: FinalEndpoint | null;
}

export interface TraceV2 {
  version: 2;
  hosts: Record<HostName, HostInfo>;
  connections: Record<ConnName, ConnectionInfo>;
  events: TraceEventV2[];
  final: Record<ConnName, ConnectionFinal>;
  truncated?: boolean;
  truncatedBy?: TruncatedBy;
}

/** One connection end, `"<host>/<conn>"` (a listener: `"<host>/:<port>"`). */
export type SocketKey = string;

export const socketKey = (host: HostName, conn: ConnName): SocketKey => `${host}/${conn}`;
export const listenerKey = (host: HostName, port: number): SocketKey => `${host}/:${port}`;

/** What the page shows of every socket at one moment (listeners in LISTEN included). */
export interface SocketSnapshot extends EndpointSnapshot {
  host: HostName;
  /** Null for a listening socket. */
  conn: ConnName | null;
  local: SocketAddress;
  /** Null for a listening socket. */
  remote: SocketAddress | null;
}

export interface SnapshotV2 {
  sockets: Record<SocketKey, SocketSnapshot>;
  /** Per listening socket: its backlog and how many connections wait in its accept queue. */
  listeners: Record<SocketKey, { backlog: number; queued: number }>;
}
