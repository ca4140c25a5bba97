/**
 * Scenario JSON version 2 as a user writes it (issue 12, "Scenario v2 (v1 stays valid)"): named hosts with
 * IPv4 addresses, connections named at `connect` and addressed by (host, conn), several per host. The engine
 * runs it (world.ts); src/scenarios validates it at the edge (its schema and whole-file checks guarantee
 * these shapes) and re-exports these types. The v1 types in types.ts are untouched.
 */
import type { Flag, NetworkConfig, Profile, ScenarioOptions, SegmentInput } from './types';

/** Hosts in a scenario (issue 12: "Up to 16 hosts and 1,000 connections per scenario"). */
export const MAX_HOSTS = 16;
/** Connections in a scenario, that is connect actions (issue 12). */
export const MAX_CONNECTIONS = 1000;

/**
 * A listen's backlog when the file gives none: 4096, Linux's SOMAXCONN since 5.4 (include/linux/socket.h,
 * commit 19f92a030ca6 "net: increase SOMAXCONN to 4096"), the default of net.core.somaxconn, which caps
 * the backlog listen(2) asks for. RFC 9293 has no backlog; the same default applies under `rfc`.
 */
export const DEFAULT_BACKLOG = 4096;

/**
 * Where a connect without `port` takes its client port from, by the host's profile (inclusive).
 * linux: net.ipv4.ip_local_port_range, whose default is "32768 and 60999" (Documentation/networking/
 * ip-sysctl.rst; 61000 before commit 07f4c90062f8, Linux 4.6). rfc: the Dynamic Ports 49152–65535 of
 * RFC 6335 §6, the IANA range (RFC 6056 §3.2 would allow all of 1024–65535). The engine picks the port (seeded).
 */
export const EPHEMERAL_PORTS: Record<Profile, { first: number; last: number }> = {
  linux: { first: 32768, last: 60999 },
  rfc: { first: 49152, last: 65535 },
};

/** A host's or a connection's name: a letter, then up to 31 letters, digits, "-" or "_" (see NAME_PATTERN). */
export type HostName = string;
export type ConnName = string;

/** One host: its address and the options that may differ per host (each defaults to the scenario's). */
export interface HostInput {
  /** A unicast IPv4 address in dotted decimal ("192.0.2.1"), unique in the scenario. */
  address: string;
  /** This host's TCP behaviour. Default: the scenario's profile. */
  profile?: Profile;
  /** ISNs this host uses, one per successive ISS it chooses (as v1's endpoint `isn`); then the §3.4.1 clock. */
  isn?: number | number[];
  /** Receive window advertised (no window scaling). Default 65535. */
  window?: number;
  /** Maximum segment size used to segmentize sends. Default 1460. */
  mss?: number;
  /** Delay ACKs (RFC 9293 §3.8.6.3). Default: options.delayedAck, else the host's profile's default. */
  delayedAck?: boolean;
  /** The application closes each connection as soon as it reads end-of-file. Default false. */
  closeOnEof?: boolean;
  /** The application closes each connection as soon as it is established. Default false. */
  closeOnConnect?: boolean;
}

export interface ActionBase {
  /** Simulated time in ms; at equal times actions run in file order. */
  at: number;
  host: HostName;
}

/** A passive OPEN: a listening socket on `port` that spawns a connection for each SYN and survives them. */
export interface ListenAction extends ActionBase {
  call: 'listen';
  port: number;
  /** Connections waiting to be accepted at most. Default DEFAULT_BACKLOG (4096). */
  backlog?: number;
}

/** An active OPEN of a new connection, named `conn`, to `to` ("server:80"). */
export interface ConnectAction extends ActionBase {
  call: 'connect';
  to: string;
  conn: ConnName;
  /** The client port. Default: one the engine picks from the host's profile's ephemeral range. */
  port?: number;
  /** This end's initial send sequence number. Default: the host's `isn` list, then the §3.4.1 clock. */
  iss?: number;
}

export interface SendAction extends ActionBase {
  call: 'send';
  conn: ConnName;
  bytes: number;
}

/** close or abort one end of a connection (`conn`), or a listening socket (`port`): exactly one of them. */
export interface CloseAction extends ActionBase {
  call: 'close' | 'abort';
  conn?: ConnName;
  port?: number;
}

export type ActionV2 = ListenAction | ConnectAction | SendAction | CloseAction;

/** Segments that `from` sends (on `conn` only, when given) matching `flags`: the nth … nth + count - 1. */
export interface DropRuleV2 {
  from: HostName;
  conn?: ConnName;
  flags: Flag[];
  nth: number;
  count?: number;
}

export type FaultV2 =
  | { drop: DropRuleV2 }
  /** Hold matching segments in the network for `ms` more. */
  | { delay: DropRuleV2 & { ms: number } }
  /** A segment on the wire from `from`:`port` to `to` ("host:port"), whether or not a socket has that 4-tuple. */
  | { inject: { at: number; from: HostName; port: number; to: string; segment: SegmentInput } }
  /** The host reboots and forgets every connection and listener. */
  | { crash: { at: number; host: HostName } };

/** Scenario JSON version 2: version, hosts and actions are required. */
export interface ScenarioV2Input {
  version: 2;
  name?: string;
  description?: string;
  seed?: number;
  /** Every host's profile unless the host says otherwise. Default "rfc". */
  profile?: Profile;
  network?: Partial<NetworkConfig>;
  options?: Partial<ScenarioOptions>;
  /** 1 to MAX_HOSTS (16) hosts by name. */
  hosts: Record<HostName, HostInput>;
  actions: ActionV2[];
  faults?: FaultV2[];
}
