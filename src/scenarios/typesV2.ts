/**
 * Scenario JSON version 2 as a user writes it (issue 12, "Scenario v2 (v1 stays valid)"): named hosts with
 * IPv4 addresses, connections named at `connect` and addressed by (host, conn), several per host. The
 * schema (schemaV2.ts) and the whole-file checks (validateV2.ts) guarantee these shapes; the v1 types in
 * src/tcp/types.ts are untouched, and the engine does not run v2 yet.
 */
import type { Flag, NetworkConfig, Profile, ScenarioOptions, SegmentInput } from '../tcp/types';

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

interface ActionBase {
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
