/**
 * The Transmission Control Block (RFC 9293 §3.3.1) of one endpoint, and the state changes every other part
 * of the engine goes through: `enterState`, deleting the TCB, `fail`, `established`, `crash`.
 *
 * The rest of an endpoint's behaviour lives beside it, one concern a file: user-calls.ts (§3.10.1–3.10.5),
 * output.ts (segments and ACKs sent), rtt.ts (RFC 6298 measurement), retransmit.ts (acknowledgment of our
 * data, timeouts, fast retransmit), timers.ts (§3.10.8), arrive.ts (SEGMENT ARRIVES, §3.10.7).
 */
import type { ExplainKey } from './explain';
import type { ProfileConstants } from './profile';
import { OutOfOrderQueue } from './reassembly';
import { RetransmissionQueue } from './rtx';
import type { Seg } from './segment';
import { seqGt } from './seq';
import { expiryOf, startTimeWait, stopTimer, type Timer } from './timers';
import type {
  AppError,
  AppEventKind,
  EndpointConfig,
  EndpointSnapshot,
  ScenarioOptions,
  State,
} from './types';
import { SYNCHRONIZED_STATES } from './types';

/** What an endpoint needs from the world around it. */
export interface Host {
  readonly now: number;
  transmit(from: Endpoint, seg: Seg, retransmission: boolean, explain: ExplainKey): void;
  /**
   * A number from the host's insertion order (each call a larger one), stamped on a timer when it is set,
   * so that happenings due at the same instant run in the order they were scheduled.
   */
  stamp(ep: Endpoint): number;
  onState(ep: Endpoint, from: State, to: State, explain: ExplainKey): void;
  onApp(ep: Endpoint, event: AppEventKind, explain: ExplainKey, error?: AppError, bytes?: number): void;
  /** The application reacts (close on EOF, close on connect): a user call queued at the current time. */
  reflex(ep: Endpoint, call: 'close'): void;
  /** Select an ISS (§3.4.1): a pinned value or the ISN clock. */
  chooseIss(ep: Endpoint): number;
}

const SYNCHRONIZED: ReadonlySet<State> = new Set<State>(SYNCHRONIZED_STATES);

/** One endpoint: who it is (name, configuration, profile, host), its TCB, and a few counters. */
export class Endpoint {
  state: State = 'CLOSED';
  /** MUST-11: whether SYN-RECEIVED came from a passive OPEN. */
  passive = false;
  iss = 0;
  irs = 0;
  /** ISS has been chosen (and with it SND.UNA, SND.NXT), and IRS learned from the peer's SYN (with RCV.NXT, SND.WND). */
  issKnown = false;
  irsKnown = false;
  sndUna = 0;
  sndNxt = 0;
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  /** RFC 5961 §5.2 MAX.SND.WND: the largest window the peer ever offered. */
  maxSndWnd = 0;
  rcvNxt = 0;
  rcvWnd: number;

  // RTT measurement (rtt.ts, RFC 6298)
  rto: number;
  srtt: number | null = null;
  rttvar: number | null = null;
  /** RTT timing in progress (Karn): acknowledged when SEG.ACK reaches rttSeqEnd. */
  rttSeqEnd: number | null = null;
  rttSentAt = 0;
  synRetransmitted = false;

  // Retransmission (retransmit.ts)
  readonly rtx = new RetransmissionQueue();
  /** Loss recovery in progress until SND.UNA reaches this (RFC 6582 "recover"); null when not recovering. */
  recover: number | null = null;
  dupAcks = 0;

  // Timers (timers.ts, §3.10.8)
  /** The armed timers, at most one of each kind. */
  readonly timers: Timer[] = [];
  /**
   * Consecutive timeouts of the head of the retransmission queue (RFC 6298 §5.5), cleared by an ACK that
   * advances SND.UNA. Connection state, not the timer's: it outlives the timer while the retransmission is
   * under way and when the connection gives up, and the snapshot shows it then.
   */
  backoff = 0;

  // Acknowledgments (output.ts)
  /** An ACK for RCV.NXT is owed to the peer (set by arriving data or FIN, cleared by any segment that acks). */
  ackOwed = false;
  /** In-order segments received and not yet acknowledged (ACK every second one, §3.8.6.3). */
  unackedSegments = 0;
  quickAcksLeft: number;
  /** When the rate-limited ACKs went out (output.ts sendChallengeAck and sendDupAck; the last 16 at most). */
  limitedAcksAt: number[] = [];

  /** Segments held above RCV.NXT (SHLD-31) until the gap fills. */
  readonly ooo = new OutOfOrderQueue();

  /** Bytes the user handed to send() that are not yet segmentized. */
  unsent = 0;
  finQueued = false;
  finSent = false;
  finSeq = 0;
  eofSeen = false;

  error: AppError | null = null;
  /** When the current connection reached ESTABLISHED, and when connect() was called (Monte Carlo). */
  connectedAt: number | null = null;
  connectCalledAt: number | null = null;
  /** Number of connections this endpoint has opened (indexes pinned ISN lists). */
  incarnations = 0;

  /** What the last arriving segment did, for the trace's deliver event. */
  explain: ExplainKey = 'accepted';

  constructor(
    /** The endpoint's name in a v1 run ('A' or 'B'); in a world, its host's name. */
    readonly name: string,
    readonly config: EndpointConfig,
    readonly profile: ProfileConstants,
    readonly options: ScenarioOptions,
    /** Where its effects go (process.ts swaps in a recorder for one call). */
    public host: Host,
  ) {
    this.rcvWnd = config.window;
    this.rto = profile.initialRtoMs;
    this.quickAcksLeft = profile.quickAcks;
  }

  get synchronized(): boolean {
    return SYNCHRONIZED.has(this.state);
  }

  get finAcked(): boolean {
    return this.finSent && seqGt(this.sndUna, this.finSeq);
  }

  /** Record why the arriving segment was handled as it was. */
  because(explain: ExplainKey): void {
    this.explain = explain;
  }

  snapshot(): EndpointSnapshot {
    return {
      state: this.state,
      passive: this.passive,
      iss: this.iss,
      irs: this.irs,
      issKnown: this.issKnown,
      irsKnown: this.irsKnown,
      sndUna: this.sndUna,
      sndNxt: this.sndNxt,
      sndWnd: this.sndWnd,
      rcvNxt: this.rcvNxt,
      rcvWnd: this.rcvWnd,
      rto: this.rto,
      srtt: this.srtt,
      rttvar: this.rttvar,
      unsent: this.unsent,
      inFlight: this.rtx.space,
      timers: {
        retransmission: expiryOf(this, 'retransmission'),
        timeWait: expiryOf(this, 'time-wait'),
        delayedAck: expiryOf(this, 'delayed-ack'),
      },
      backoff: this.backoff,
      error: this.error,
    };
  }
}

// ------------------------------------------------------------ state changes

/** Every state change passes through here and is traced. */
export function enterState(ep: Endpoint, next: State, explain: ExplainKey): void {
  const from = ep.state;
  if (from === next) return;
  // Traced first, so the event before this one still shows the old state (see Simulation.snapshots).
  ep.host.onState(ep, from, next, explain);
  ep.state = next;
  if (next === 'CLOSED' || next === 'LISTEN') deleteTcb(ep);
  if (next === 'TIME-WAIT') {
    // §3.10.7.4 eighth step: "start the time-wait timer, turn off the other timers".
    stopTimer(ep, 'retransmission');
    ep.rtx.clear();
    startTimeWait(ep);
  }
}

/** §3.3.2: CLOSED (and a passive connection's return to LISTEN) deletes the TCB. */
function deleteTcb(ep: Endpoint): void {
  ep.iss = ep.irs = ep.sndUna = ep.sndNxt = ep.sndWnd = 0;
  ep.issKnown = ep.irsKnown = false;
  ep.sndWl1 = ep.sndWl2 = ep.maxSndWnd = ep.rcvNxt = 0;
  ep.rcvWnd = ep.config.window;
  ep.rto = ep.profile.initialRtoMs;
  ep.srtt = ep.rttvar = ep.rttSeqEnd = null;
  ep.synRetransmitted = false;
  ep.rtx.clear();
  ep.recover = null;
  ep.dupAcks = 0;
  ep.ooo.clear();
  if (ep.timers.length > 0) ep.timers.length = 0;
  ep.backoff = ep.unackedSegments = ep.unsent = 0;
  ep.ackOwed = false;
  ep.quickAcksLeft = ep.profile.quickAcks;
  ep.finQueued = ep.finSent = ep.eofSeen = false;
  if (ep.state === 'CLOSED') ep.passive = false;
}

/**
 * The endpoint as its constructor left it, for another run of the same scenario (Simulation.rerun): every
 * field the class declares, in its order. test/tcp/rerun.test.ts checks it against a new Endpoint.
 */
export function resetEndpoint(ep: Endpoint): void {
  ep.state = 'CLOSED';
  ep.passive = false;
  ep.iss = ep.irs = 0;
  ep.issKnown = ep.irsKnown = false;
  ep.sndUna = ep.sndNxt = ep.sndWnd = ep.sndWl1 = ep.sndWl2 = ep.maxSndWnd = ep.rcvNxt = 0;
  ep.rcvWnd = ep.config.window;
  ep.rto = ep.profile.initialRtoMs;
  ep.srtt = ep.rttvar = ep.rttSeqEnd = null;
  ep.rttSentAt = 0;
  ep.synRetransmitted = false;
  ep.rtx.clear();
  ep.recover = null;
  ep.dupAcks = 0;
  if (ep.timers.length > 0) ep.timers.length = 0;
  ep.backoff = 0;
  ep.ackOwed = false;
  ep.unackedSegments = 0;
  ep.quickAcksLeft = ep.profile.quickAcks;
  if (ep.limitedAcksAt.length > 0) ep.limitedAcksAt.length = 0;
  ep.ooo.clear();
  ep.unsent = 0;
  ep.finQueued = ep.finSent = false;
  ep.finSeq = 0;
  ep.eofSeen = false;
  ep.error = null;
  ep.connectedAt = ep.connectCalledAt = null;
  ep.incarnations = 0;
  ep.explain = 'accepted';
}

/** Crash: the endpoint reboots and forgets every connection (RFC 9293 §3.5.1). */
export function crash(ep: Endpoint): void {
  const from = ep.state;
  if (from !== 'CLOSED') ep.host.onState(ep, from, 'CLOSED', 'crash');
  ep.state = 'CLOSED';
  deleteTcb(ep);
}

/** The connection ends with an error the user is told about. */
export function fail(ep: Endpoint, error: AppError, explain: ExplainKey): void {
  ep.error = error;
  enterState(ep, 'CLOSED', explain);
  ep.host.onApp(ep, 'error', explain, error);
}

/** The connection reached ESTABLISHED: tell the user; apply the RFC 6298 §5.7 fallback. */
export function established(ep: Endpoint, explain: ExplainKey): void {
  enterState(ep, 'ESTABLISHED', explain);
  ep.connectedAt = ep.host.now;
  ep.error = null;
  // RFC 6298 §5.7 (Linux: TCP_TIMEOUT_FALLBACK): a SYN that timed out leaves RTO at 3 s for the data phase.
  if (ep.synRetransmitted && ep.srtt === null) ep.rto = ep.profile.fallbackRtoMs;
  ep.backoff = 0;
  ep.host.onApp(ep, 'connected', explain);
  if (ep.config.closeOnConnect) ep.host.reflex(ep, 'close');
  if (ep.finQueued) enterState(ep, 'FIN-WAIT-1', 'close-queued');
}
