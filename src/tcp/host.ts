/**
 * A host of the world (docs/design/engine-v2.md §1): its name and IPv4 address, its TCP options, and its
 * sockets. Connections are kept by 4-tuple, listening sockets by port (the pinned SocketTable), and the host
 * picks client ports from its profile's ephemeral range and ISNs from its `isn` list, then the §3.4.1 clock.
 */
import { hash32 } from './prng';
import type { ProfileConstants } from './profile';
import { EPHEMERAL_PORTS } from './scenarioV2';
import { Endpoint, type Host } from './tcb';
import type { ConnName, HostName, SocketAddress } from './traceV2';
import type { EndpointConfig, Profile, ScenarioOptions } from './types';

/** The pinned socket-table key of a connection: "<local addr>:<local port>-<remote addr>:<remote port>". */
export function tupleKey(local: SocketAddress, remote: SocketAddress): string {
  return `${local.address}:${local.port}-${remote.address}:${remote.port}`;
}

/** "server:80" → ["server", 80] (validated at the edge). */
export function splitTarget(to: string): [HostName, number] {
  const i = to.lastIndexOf(':');
  return [to.slice(0, i), Number(to.slice(i + 1))];
}

/**
 * A v1 run's hosts (docs/design/engine-v2.md §2): A and B at the pcap export's documentation addresses
 * (RFC 5737), as src/scenarios' v1ToV2 maps them.
 */
export const V1_ADDRESSES = { A: '192.0.2.1', B: '198.51.100.1' } as const;

/** Dotted decimal to a 32-bit number (the address as the ISN and port hashes take it). */
export function addressBits(address: string): number {
  let bits = 0;
  for (const octet of address.split('.')) bits = bits * 256 + Number(octet);
  return bits >>> 0;
}

/**
 * A listening socket (§3.10.1 passive OPEN) as every real stack keeps it: it stays in LISTEN and spawns a
 * child TCB per SYN (linux-listener.md §3). synack has no accept() call: the application reads every
 * connection, and the accept queue holds the children that reached ESTABLISHED and are still open, as if
 * accept() were never called (Linux completes handshakes without it, `tcp_child_process`).
 */
export interface Listener {
  socket: Socket;
  port: number;
  /** As the action asked (DEFAULT_BACKLOG when it did not). */
  backlog: number;
  /** Children in the accept queue (`sk_ack_backlog`). */
  queued: number;
}

/**
 * One socket: a TCB (the v1 Endpoint, whose rules are unchanged) and where it sits in the world. `name` is
 * the host's name, so a trace event's v1 `endpoint` field names the host.
 */
export class Socket extends Endpoint {
  /** The connection's name (both ends share it); null for a listener and for the host's no-socket stand-in. */
  conn: ConnName | null = null;
  /** The listening socket's port, for a listener's own events. */
  listenerPort: number | null = null;
  /** The remote end; null for a listener and the no-socket stand-in (they reply to the segment's source). */
  remote: SocketAddress | null = null;
  /** The socket table key while the socket is in the table. */
  key: string | null = null;
  /** The listener that spawned it (a server end). */
  parent: Listener | null = null;
  /** Counted in its parent's accept queue. */
  queued = false;
  /**
   * The application has accepted it (a server end): synack has no accept() call, so the application's first
   * call on the end (send, close, abort, or its close-on-EOF/connect reflex) stands for accept() followed by
   * that call. An accepted child leaves the accept queue (inet_csk_accept → reqsk_queue_remove →
   * sk_acceptq_removed) and outlives its listener.
   */
  accepted = false;
  /** Its local port came from the host's ephemeral range (a connect without `port`). */
  ephemeralPort = false;
  /** The ISS the next choice must take (a connect's pinned `iss`, a TIME-WAIT reopen), else null. */
  pendingIss: number | null = null;
  /** Drop/delay rule sender numbers: the host's, and this connection's on this host (-1 when no rule names it). */
  connSender = -1;
  /** Touched since the last snapshot was taken (per-event snapshots), or since timers were last polled. */
  touched = false;
  dirtyTimers = false;
  /** The wake-up queued for it (World.nextWakeup), if any: its time and order. */
  wakeAt: number | null = null;
  wakeOrder = 0;
  /** A v1 run's other endpoint: every segment this one sends goes to it (the socket table is bypassed). */
  peer: Socket | null = null;

  constructor(
    readonly node: WorldHost,
    readonly local: SocketAddress,
    host: Host,
  ) {
    super(node.name, node.config, node.profile, node.options, host);
  }
}

/**
 * Linux `INET_TABLE_PERTURB_SIZE` = 1 << CONFIG_INET_TABLE_PERTURB_ORDER, whose Kconfig default is 16
 * (net/ipv4/Kconfig, "RFC 6056 3.3.4. Algorithm 4: Double-Hash").
 */
const PERTURB_SIZE = 1 << 16;
/**
 * Linux `EPHEMERAL_PORT_SHUFFLE_PERIOD` (10 * HZ, net/core/secure_seq.c): the time seed of
 * secure_ipv4_port_ephemeral is `jiffies / (10 * HZ)`, so the port offset of a destination changes every 10 s.
 */
const SHUFFLE_PERIOD_MS = 10_000;

/** Where a connect's port scan starts: its perturbation slot, and the offset into the range (even). */
export interface PortStart {
  slot: string | number;
  offset: number;
}

/**
 * Client ports (docs/design/engine-v2.md §5, linux-listener.md §4), like `__inet_hash_connect`
 * (net/ipv4/inet_hashtables.c): a start offset, forced even, then ports of the range's first parity in steps
 * of two (even ports for connect(); bind(0) would prefer odd), then the other parity; after a success the
 * start's perturbation moves on by the ports tried plus 2 (the kernel's `max(i, get_random_u32_below(8) *
 * step) + step`, without the 0–7 random steps).
 *
 * - `linux` (profile.connectPortPerDestination): the start is inet_sk_port_offset's
 *   secure_ipv4_port_ephemeral(saddr, daddr, dport, jiffies / (10 * HZ)), a 64-bit keyed siphash: its low
 *   16 bits pick the `table_perturb` slot and its high 32 bits are added to it, `% remaining`. synack's
 *   two 32-bit halves are hash32 of the same inputs keyed by the seed, with simulated time for jiffies.
 *   The caller says which ports are free (WorldHost.connectPortFree: per 4-tuple).
 * - `rfc`: RFC 9293 says nothing about the choice, so this is a simulator convention: a hash of the
 *   destination and the seed, one perturbation per destination, and a port no socket of the host holds.
 */
export class PortAllocator {
  private readonly perturb = new Map<string | number, number>();

  constructor(
    private readonly range: { first: number; last: number },
    private readonly seed: number,
    private readonly hostIndex: number,
    private readonly perDestination: boolean,
    private readonly localAddress: string,
  ) {}

  /** The scan's start for a connect to `dst` at `now` ms. */
  start(dst: SocketAddress, now: number): PortStart {
    const remaining = (this.range.last - this.range.first + 1) & ~1;
    if (this.perDestination) {
      const epoch = Math.floor(now / SHUFFLE_PERIOD_MS);
      const key = [this.seed, addressBits(this.localAddress), addressBits(dst.address), dst.port, epoch];
      const low = hash32('ephemeral-port-slot', ...key);
      const high = hash32('ephemeral-port', ...key);
      const slot = low & (PERTURB_SIZE - 1);
      const offset = (((this.perturb.get(slot) ?? 0) + high) >>> 0) % remaining;
      return { slot, offset: offset & ~1 };
    }
    const slot = `${dst.address}:${dst.port}`;
    const bump = this.perturb.get(slot) ?? 0;
    const hash = hash32('ephemeral-port', this.seed, this.hostIndex, addressBits(dst.address), dst.port);
    return { slot, offset: ((hash + bump) % remaining) & ~1 };
  }

  allocate(dst: SocketAddress, now: number, free: (port: number) => boolean): number | null {
    const { first, last } = this.range;
    const remaining = (last - first + 1) & ~1;
    const { slot, offset } = this.start(dst, now);
    for (let parity = 0; parity < 2; parity++) {
      for (let i = 0; i < remaining; i += 2) {
        const port = first + ((offset + i) % remaining) + parity;
        if (port > last || !free(port)) continue;
        this.perturb.set(slot, ((this.perturb.get(slot) ?? 0) + i + 2) >>> 0);
        return port;
      }
    }
    return null;
  }
}

export class WorldHost {
  readonly sockets = new Map<string, Socket>();
  readonly listeners = new Map<number, Listener>();
  /** Local ports held by a socket in the table, with how many hold each. */
  private readonly bound = new Map<number, number>();
  /** Of those, the holders that did not take the port from the ephemeral range (pinned, or a listener's child). */
  private readonly fixed = new Map<number, number>();
  /** ISSs chosen so far (indexes the `isn` list). */
  private issChosen = 0;
  // Made when first needed: a v1 run (and the Monte Carlo loop, one world per run) needs neither.
  private portAllocator: PortAllocator | null = null;
  private closedStandIn: Socket | null = null;

  constructor(
    readonly name: HostName,
    readonly index: number,
    readonly address: string,
    readonly profileName: Profile,
    readonly profile: ProfileConstants,
    readonly config: EndpointConfig,
    readonly options: ScenarioOptions,
    private readonly isn: number | number[] | undefined,
    private readonly seed: number,
    private readonly world: Host,
  ) {}

  get ports(): PortAllocator {
    this.portAllocator ??= new PortAllocator(
      EPHEMERAL_PORTS[this.profileName],
      this.seed,
      this.index,
      this.profile.connectPortPerDestination,
      this.address,
    );
    return this.portAllocator;
  }

  /**
   * Whether a connect to `remote` may take local `port` from the ephemeral range. `linux`
   * (__inet_hash_connect): not if a listener or a socket that chose its port holds it (their bind bucket
   * has `fastreuse >= 0`: bind() made it, inet_csk_update_fastreuse), nor if the 4-tuple is in the table
   * (__inet_check_established; a TIME-WAIT one too, since tcp_twsk_unique needs timestamps); a port that
   * only connects to other destinations hold is free. `rfc`: not if any socket of the host holds it.
   */
  connectPortFree(port: number, remote: SocketAddress): boolean {
    if (!this.profile.connectPortPerDestination) return !this.isBound(port);
    if (this.listeners.has(port) || (this.fixed.get(port) ?? 0) > 0) return false;
    return !this.sockets.has(tupleKey({ address: this.address, port }, remote));
  }

  /** The CLOSED-state stand-in that answers a segment for no socket (§3.10.7.1). */
  get noSocket(): Socket {
    this.closedStandIn ??= new Socket(this, { address: this.address, port: 0 }, this.world);
    return this.closedStandIn;
  }

  isBound(port: number): boolean {
    return (this.bound.get(port) ?? 0) > 0 || this.listeners.has(port);
  }

  bind(port: number, ephemeral: boolean): void {
    count(this.bound, port, 1);
    if (!ephemeral) count(this.fixed, port, 1);
  }

  unbind(port: number, ephemeral: boolean): void {
    count(this.bound, port, -1);
    if (!ephemeral) count(this.fixed, port, -1);
  }

  /** The next ISS from the host's `isn` list, or null when it has none left (then the clock decides). */
  nextPinnedIss(): number | null {
    const index = this.issChosen++;
    const pinned = this.isn;
    if (typeof pinned === 'number') return pinned >>> 0;
    if (Array.isArray(pinned) && index < pinned.length) return (pinned[index] as number) >>> 0;
    return null;
  }
}

function count(map: Map<number, number>, port: number, by: number): void {
  const n = (map.get(port) ?? 0) + by;
  if (n > 0) map.set(port, n);
  else map.delete(port);
}
