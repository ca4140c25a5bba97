import type { ExplainKey } from './explain';

/**
 * The engine's public data shapes. The scenario and trace shapes are a pinned contract
 * (issue "TCP engine …"): names may be added to, never changed.
 */

/** The eleven RFC 9293 states, spelled as in the RFC (§3.3.2). */
export type State =
  | 'CLOSED'
  | 'LISTEN'
  | 'SYN-SENT'
  | 'SYN-RECEIVED'
  | 'ESTABLISHED'
  | 'FIN-WAIT-1'
  | 'FIN-WAIT-2'
  | 'CLOSE-WAIT'
  | 'CLOSING'
  | 'LAST-ACK'
  | 'TIME-WAIT';

export const STATES: readonly State[] = [
  'CLOSED',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECEIVED',
  'ESTABLISHED',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'CLOSE-WAIT',
  'CLOSING',
  'LAST-ACK',
  'TIME-WAIT',
];

/** The synchronized states (RFC 9293 §3.5): a connection that has completed its handshake. */
export const SYNCHRONIZED_STATES: readonly State[] = STATES.slice(STATES.indexOf('ESTABLISHED'));

export type EndpointName = 'A' | 'B';
export type Profile = 'rfc' | 'linux';
export type Flag = 'SYN' | 'ACK' | 'FIN' | 'RST' | 'PSH';
/** Canonical order of flags in every trace. */
export const FLAG_ORDER: readonly Flag[] = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];

export type UserCall = 'listen' | 'connect' | 'send' | 'close' | 'abort';

/** Errors the application sees. The first three end a connection; the rest refuse a user call. */
export type AppError =
  | 'ECONNREFUSED'
  | 'ETIMEDOUT'
  | 'ECONNRESET'
  | 'ENOTCONN' // "error: connection does not exist" (RFC 9293 §3.10.2)
  | 'EISCONN' // "error: connection already exists" (§3.10.1)
  | 'EPIPE'; // "error: connection closing" (§3.10.2, §3.10.4)

export type AppEventKind = 'listening' | 'connected' | 'data' | 'eof' | 'closed' | 'error';

// ---------------------------------------------------------------- scenario (input)

export interface NetworkConfig {
  /** One-way latency in ms. Default 50. */
  latencyMs: number;
  /** Extra delay drawn uniformly from [0, jitterMs] per segment. Default 0. */
  jitterMs: number;
  /** Probability in [0, 1] that a segment is lost. Default 0. */
  lossRate: number;
  /** Probability in [0, 1] that a segment is delivered twice. Default 0. */
  duplicateRate: number;
  /** Probability in [0, 1] that a segment is held back by `reorderDelayMs`. Default 0. */
  reorderRate: number;
  /** How long a reordered segment is held back. Default: latencyMs. */
  reorderDelayMs: number;
}

export interface EndpointConfig {
  port: number;
  /** Pinned ISN, or one per successive connection; when absent or used up, the ISN clock (§3.4.1). */
  isn?: number | number[];
  /** Receive window advertised (no window scaling). Default 65535. */
  window: number;
  /** Maximum segment size used to segmentize sends. Default 1460. */
  mss: number;
  /** The application calls close as soon as it reads end-of-file. Default false. */
  closeOnEof: boolean;
  /** The application calls close as soon as the connection is established. Default false. */
  closeOnConnect: boolean;
}

export interface ScenarioOptions {
  /** Maximum segment lifetime; TIME-WAIT lasts 2·MSL. Default 120000 (rfc) or 30000 (linux, so 2·MSL = 60 s). */
  mslMs: number;
  /** Delay ACKs (RFC 9293 §3.8.6.3). Default false (rfc) or true (linux). */
  delayedAck: boolean;
  /** "two-way" makes the active opener treat SYN-ACK as enough and never send the third ACK; the passive side then takes any SYN as a connection. */
  handshake: 'three-way' | 'two-way';
  /** Stop after this simulated time in ms. Default 3 600 000. */
  maxTimeMs: number;
  /** Stop after this many trace events. Default 200 000. */
  maxEvents: number;
}

export interface ActionInput {
  at: number;
  endpoint: EndpointName;
  call: UserCall;
  /** For send: number of bytes. */
  bytes?: number;
}

/** An injected segment. Missing `ack` means no ACK value (0), missing `len` 0, missing `win` 65535. */
export interface SegmentInput {
  seq: number;
  ack?: number;
  flags: Flag[];
  len?: number;
  win?: number;
}

export type FaultInput =
  | { drop: { from: EndpointName; flags: Flag[]; nth: number; count?: number } }
  /** Hold matching segments in the network for `ms` more (RFC 9293 figure 8's "segment still in the network"). */
  | { delay: { from: EndpointName; flags: Flag[]; nth: number; count?: number; ms: number } }
  | { inject: { at: number; from: EndpointName; segment: SegmentInput } }
  | { crash: { at: number; endpoint: EndpointName } };

/** Scenario JSON version 1 as a user writes it: only version and actions are required. */
export interface ScenarioInput {
  version: 1;
  name?: string;
  description?: string;
  seed?: number;
  profile?: Profile;
  network?: Partial<NetworkConfig>;
  endpoints?: Partial<Record<EndpointName, Partial<EndpointConfig>>>;
  options?: Partial<ScenarioOptions>;
  actions: ActionInput[];
  faults?: FaultInput[];
}

/** A scenario with every default filled in: what a trace carries. */
export interface Scenario {
  version: 1;
  name: string;
  description: string;
  seed: number;
  profile: Profile;
  network: NetworkConfig;
  endpoints: Record<EndpointName, EndpointConfig>;
  options: ScenarioOptions;
  actions: ActionInput[];
  faults: FaultInput[];
}

// ---------------------------------------------------------------- trace (output)

export interface WireSegment {
  seq: number;
  ack: number;
  flags: Flag[];
  len: number;
  win: number;
}

interface Explained {
  /** Explanation key (see explain.ts) for narration. */
  explain: ExplainKey;
  /** RFC section behind it, e.g. "3.10.7.2" (RFC 9293) or "RFC 5961 §4". */
  rfc: string;
  /**
   * Where it happened (traceV2.ts): the host ("A" or "B" in a v1 run: the endpoint, a send's sender, a
   * delivery's receiver, a drop's sender) and the connection ("c1"; none on a crash, which is the host's).
   * Set by the engine on every event it records; optional only so that a hand-written event type-checks.
   */
  host?: string;
  conn?: string;
}

export interface StateEvent extends Explained {
  t: number;
  type: 'state';
  endpoint: EndpointName;
  from: State;
  to: State;
}

export interface SendEvent extends Explained {
  t: number;
  type: 'send';
  id: number;
  from: EndpointName;
  to: EndpointName;
  segment: WireSegment;
  retransmission: boolean;
  injected: boolean;
  /** A copy made by the network (duplicateRate); it has its own id. */
  duplicate: boolean;
  /** The time the network will deliver it (or when it is lost). */
  arriveAt: number;
}

export interface DeliverEvent extends Explained {
  t: number;
  type: 'deliver';
  id: number;
  to: EndpointName;
  /** The receiver's state when the segment arrived. */
  state: State;
}

export interface DropEvent extends Explained {
  t: number;
  type: 'drop';
  id: number;
  cause: 'loss' | 'fault';
}

export type TimerKind = 'retransmission' | 'time-wait' | 'delayed-ack';

export interface TimerEvent extends Explained {
  t: number;
  type: 'timer';
  endpoint: EndpointName;
  timer: TimerKind;
}

export interface AppEvent extends Explained {
  t: number;
  type: 'app';
  endpoint: EndpointName;
  event: AppEventKind;
  error?: AppError;
  /** For data: how many bytes the application received. */
  bytes?: number;
}

/** A user call as issued by the scenario (or the application's close-on-EOF reflex). */
export interface CallEvent extends Explained {
  t: number;
  type: 'call';
  endpoint: EndpointName;
  call: UserCall;
  bytes?: number;
}

/** The endpoint reboots and forgets every connection. */
export interface CrashEvent extends Explained {
  t: number;
  type: 'crash';
  endpoint: EndpointName;
}

export type TraceEvent =
  | StateEvent
  | SendEvent
  | DeliverEvent
  | DropEvent
  | TimerEvent
  | AppEvent
  | CallEvent
  | CrashEvent;

export interface FinalEndpoint {
  state: State;
  error?: AppError;
}

export interface Trace {
  scenario: Scenario;
  events: TraceEvent[];
  final: Record<EndpointName, FinalEndpoint>;
  /** True when maxTimeMs or maxEvents stopped the run early (or it was cancelled: see truncatedBy). */
  truncated?: boolean;
  /**
   * What stopped it, when truncated: the next happening was after options.maxTimeMs, the next event would
   * have been one more than options.maxEvents (the trace then has exactly maxEvents events), or the caller
   * cancelled a run it was advancing in chunks (TimelineRun.cancel).
   */
  truncatedBy?: TruncatedBy;
}

export type TruncatedBy = 'maxEvents' | 'maxTimeMs' | 'cancelled';

/** What the UI shows of one endpoint at one moment. */
export interface EndpointSnapshot {
  state: State;
  /** Connection came from a passive OPEN (matters in SYN-RECEIVED, MUST-11). */
  passive: boolean;
  iss: number;
  irs: number;
  /** ISS has been chosen: SND.UNA, SND.NXT, RCV.WND and RTO mean something (false in CLOSED, and in LISTEN before a SYN). */
  issKnown: boolean;
  /** IRS has been learned from the peer's SYN: RCV.NXT and SND.WND mean something (false until then, e.g. in SYN-SENT). */
  irsKnown: boolean;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  rcvNxt: number;
  rcvWnd: number;
  /** Retransmission timeout in ms, and the smoothed RTT (null before the first sample). */
  rto: number;
  srtt: number | null;
  rttvar: number | null;
  /** Bytes queued by send() and not yet sent. */
  unsent: number;
  /** Bytes sent and not yet acknowledged (SYN and FIN count one each). */
  inFlight: number;
  /** Expiry times of armed timers (absolute simulated ms), or null. */
  timers: { retransmission: number | null; timeWait: number | null; delayedAck: number | null };
  /** Retransmissions of the segment at the head of the queue so far. */
  backoff: number;
  /** The last error this endpoint reported, if any. */
  error: AppError | null;
}

export type Snapshot = Record<EndpointName, EndpointSnapshot>;
