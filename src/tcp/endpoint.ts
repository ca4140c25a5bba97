/**
 * One TCP endpoint: its TCB (RFC 9293 §3.3.1), the user calls (§3.10.1–3.10.5), what it emits
 * (data, FIN, retransmissions) and its timers (§3.10.8). Arriving segments are handled in arrive.ts.
 * Timers are data (an expiry time); the simulator schedules the wake-ups.
 */
import type { ExplainKey } from './explain';
import type { GiveUp, ProfileConstants } from './profile';
import { OutOfOrderQueue } from './reassembly';
import { RetransmissionQueue } from './rtx';
import { ACK, FIN, PSH, RST, type Seg, SYN, seqSpace } from './segment';
import { seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from './seq';
import type {
  AppError,
  AppEventKind,
  EndpointConfig,
  EndpointName,
  EndpointSnapshot,
  ScenarioOptions,
  State,
  TimerKind,
  UserCall,
} from './types';
import { SYNCHRONIZED_STATES } from './types';

/** What an endpoint needs from the world around it. */
export interface Host {
  readonly now: number;
  transmit(from: Endpoint, seg: Seg, retransmission: boolean, explain: ExplainKey): void;
  armTimer(ep: Endpoint, kind: TimerKind, at: number): void;
  onState(ep: Endpoint, from: State, to: State, explain: ExplainKey): void;
  onApp(ep: Endpoint, event: AppEventKind, explain: ExplainKey, error?: AppError, bytes?: number): void;
  /** The application reacts (close on EOF, close on connect): a user call queued at the current time. */
  reflex(ep: Endpoint, call: 'close'): void;
  /** Select an ISS (§3.4.1): a pinned value or the ISN clock. */
  chooseIss(ep: Endpoint): number;
}

const SYNCHRONIZED: ReadonlySet<State> = new Set<State>(SYNCHRONIZED_STATES);

/** States in which queued data may still be segmentized and sent. */
// CLOSING is here because CLOSE enters FIN-WAIT-1 before the FIN goes out (§3.10.4): if the peer's FIN
// arrives first, queued data and our FIN still have to be sent from CLOSING.
const DATA_STATES: ReadonlySet<State> = new Set<State>([
  'ESTABLISHED',
  'CLOSE-WAIT',
  'FIN-WAIT-1',
  'CLOSING',
  'LAST-ACK',
]);

/** Linux sysctl tcp_invalid_ratelimit = HZ/2 (net/ipv4/tcp_ipv4.c); RFC 5961 §7 throttling. */
export const OOW_ACK_INTERVAL_MS = 500;

export type AckNeed = 0 | 1 | 2; // none, delayed, now
export const ACK_NONE: AckNeed = 0;
export const ACK_DELAYED: AckNeed = 1;
export const ACK_NOW: AckNeed = 2;

export class Endpoint {
  state: State = 'CLOSED';
  /** MUST-11: whether SYN-RECEIVED came from a passive OPEN. */
  passive = false;
  /** The user asked for LISTEN: a passive connection that fails returns here. */
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

  rto: number;
  srtt: number | null = null;
  rttvar: number | null = null;
  /** RTT timing in progress (Karn): acknowledged when SEG.ACK reaches rttSeqEnd. */
  private rttSeqEnd: number | null = null;
  private rttSentAt = 0;
  private synRetransmitted = false;

  readonly rtx = new RetransmissionQueue();
  /** Loss recovery in progress until SND.UNA reaches this (RFC 6582 "recover"); null when not recovering. */
  recover: number | null = null;
  private dupAcks = 0;
  rtxAt: number | null = null;
  /** Consecutive timeouts of the head of the retransmission queue. */
  backoff = 0;
  timeWaitAt: number | null = null;
  delAckAt: number | null = null;
  /** In-order segments received and not yet acknowledged (ACK every second one, §3.8.6.3). */
  private unackedSegments = 0;
  private readonly ooo = new OutOfOrderQueue();
  private quickAcksLeft: number;
  private lastOowAckAt: number | null = null;

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
    readonly name: EndpointName,
    readonly config: EndpointConfig,
    readonly profile: ProfileConstants,
    readonly options: ScenarioOptions,
    readonly host: Host,
  ) {
    this.rcvWnd = config.window;
    this.rto = profile.initialRtoMs;
    this.quickAcksLeft = profile.quickAcks;
  }

  get synchronized(): boolean {
    return SYNCHRONIZED.has(this.state);
  }

  /** Record why the arriving segment was handled as it was. */
  because(explain: ExplainKey): void {
    this.explain = explain;
  }

  // ------------------------------------------------------------ state changes

  /** Every state change passes through here and is traced. */
  enterState(next: State, explain: ExplainKey): void {
    const from = this.state;
    if (from === next) return;
    // Traced first, so the event before this one still shows the old state (see Simulation.snapshots).
    this.host.onState(this, from, next, explain);
    this.state = next;
    if (next === 'CLOSED' || next === 'LISTEN') this.deleteTcb();
    if (next === 'TIME-WAIT') {
      // §3.10.7.4 eighth step: "start the time-wait timer, turn off the other timers".
      this.rtxAt = null;
      this.rtx.clear();
      this.startTimeWait();
    }
  }

  private deleteTcb(): void {
    this.iss = this.irs = this.sndUna = this.sndNxt = this.sndWnd = 0;
    this.issKnown = this.irsKnown = false;
    this.sndWl1 = this.sndWl2 = this.maxSndWnd = this.rcvNxt = 0;
    this.rcvWnd = this.config.window;
    this.rto = this.profile.initialRtoMs;
    this.srtt = this.rttvar = this.rttSeqEnd = null;
    this.synRetransmitted = false;
    this.rtx.clear();
    this.recover = null;
    this.dupAcks = 0;
    this.ooo.clear();
    this.rtxAt = this.timeWaitAt = this.delAckAt = null;
    this.backoff = this.unackedSegments = this.unsent = 0;
    this.ackOwed = false;
    this.quickAcksLeft = this.profile.quickAcks;
    this.finQueued = this.finSent = this.eofSeen = false;
    if (this.state === 'CLOSED') this.passive = false;
  }

  /** Crash: the endpoint reboots and forgets every connection (RFC 9293 §3.5.1). */
  crash(): void {
    const from = this.state;
    if (from !== 'CLOSED') this.host.onState(this, from, 'CLOSED', 'crash');
    this.state = 'CLOSED';
    this.deleteTcb();
  }

  /** The connection ends with an error the user is told about. */
  fail(error: AppError, explain: ExplainKey): void {
    this.error = error;
    this.enterState('CLOSED', explain);
    this.host.onApp(this, 'error', explain, error);
  }

  /** The connection reached ESTABLISHED: tell the user; apply the RFC 6298 §5.7 fallback. */
  established(explain: ExplainKey): void {
    this.enterState('ESTABLISHED', explain);
    this.connectedAt = this.host.now;
    this.error = null;
    // RFC 6298 §5.7 (Linux: TCP_TIMEOUT_FALLBACK): a SYN that timed out leaves RTO at 3 s for the data phase.
    if (this.synRetransmitted && this.srtt === null) this.rto = this.profile.fallbackRtoMs;
    this.backoff = 0;
    this.host.onApp(this, 'connected', explain);
    if (this.config.closeOnConnect) this.host.reflex(this, 'close');
    if (this.finQueued) this.enterState('FIN-WAIT-1', 'close-queued');
  }

  // ------------------------------------------------------------ user calls (§3.10.1–3.10.5)

  call(call: UserCall, bytes = 0): void {
    switch (call) {
      case 'listen':
        return this.listen();
      case 'connect':
        return this.connect();
      case 'send':
        return this.send(bytes);
      case 'close':
        return this.close();
      case 'abort':
        return this.abort();
    }
  }

  private refuse(error: AppError, explain: ExplainKey): void {
    this.host.onApp(this, 'error', explain, error);
  }

  /** Passive OPEN (§3.10.1). */
  private listen(): void {
    if (this.state !== 'CLOSED') return this.refuse('EISCONN', 'call-already-exists');
    this.passive = true;
    this.enterState('LISTEN', 'open-passive');
    this.host.onApp(this, 'listening', 'open-passive');
  }

  /** Active OPEN (§3.10.1), from CLOSED or LISTEN. */
  private connect(): void {
    if (this.state !== 'CLOSED' && this.state !== 'LISTEN') {
      return this.refuse('EISCONN', 'call-already-exists');
    }
    this.passive = false;
    this.error = null;
    this.connectedAt = null;
    this.connectCalledAt = this.host.now;
    this.iss = this.host.chooseIss(this);
    this.issKnown = true;
    this.sndUna = this.iss;
    this.sndNxt = seqAdd(this.iss, 1);
    this.enterState('SYN-SENT', 'open-active');
    this.sendSegment(this.iss, 0, SYN, 0, 'open-active');
  }

  private send(bytes: number): void {
    switch (this.state) {
      case 'CLOSED':
        return this.refuse('ENOTCONN', 'send-no-connection');
      case 'LISTEN':
        // §3.10.2: a SEND in LISTEN with a known remote socket turns the connection active.
        this.unsent += bytes;
        this.connect();
        return;
      case 'SYN-SENT':
      case 'SYN-RECEIVED':
        this.unsent += bytes; // queued until ESTABLISHED
        return;
      case 'ESTABLISHED':
      case 'CLOSE-WAIT':
        this.unsent += bytes;
        this.output();
        return;
      default:
        return this.refuse('EPIPE', 'send-closing');
    }
  }

  private close(): void {
    switch (this.state) {
      case 'CLOSED':
        return this.refuse('ENOTCONN', 'close-no-connection');
      case 'LISTEN':
      case 'SYN-SENT':
        this.enterState('CLOSED', 'close-before-sync');
        this.host.onApp(this, 'closed', 'close-before-sync');
        return;
      case 'SYN-RECEIVED':
        this.finQueued = true;
        if (this.unsent === 0) {
          this.enterState('FIN-WAIT-1', 'close');
          this.output();
        }
        return;
      case 'ESTABLISHED':
        this.finQueued = true;
        this.enterState('FIN-WAIT-1', 'close');
        this.output();
        return;
      case 'CLOSE-WAIT':
        this.finQueued = true;
        this.enterState('LAST-ACK', 'close-after-fin');
        this.output();
        return;
      default:
        return this.refuse('EPIPE', 'close-closing');
    }
  }

  private abort(): void {
    switch (this.state) {
      case 'CLOSED':
        return this.refuse('ENOTCONN', 'abort-no-connection');
      case 'SYN-RECEIVED':
      case 'ESTABLISHED':
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSE-WAIT': {
        // §3.10.5: <SEQ=SND.NXT><CTL=RST>; Linux's tcp_send_active_reset also acknowledges RCV.NXT.
        const withAck = this.profile.abortRstCarriesAck;
        this.sendRaw(
          {
            seq: this.sndNxt,
            ack: withAck ? this.rcvNxt : 0,
            flags: withAck ? RST | ACK : RST,
            len: 0,
            win: 0,
          },
          withAck ? 'abort-reset-linux' : 'abort-reset',
        );
        break;
      }
      default:
        break;
    }
    this.enterState('CLOSED', 'abort');
    this.host.onApp(this, 'closed', 'abort');
  }

  // ------------------------------------------------------------ emitting segments

  /** A segment that is not part of the connection's sequence space (RST, bare ACK): sent once. */
  sendRaw(seg: Seg, explain: ExplainKey, retransmission = false): void {
    if (seg.flags & ACK && seg.ack === this.rcvNxt) this.ackSent();
    this.host.transmit(this, seg, retransmission, explain);
  }

  /**
   * An ACK in reply to an unacceptable segment (out of window, challenge ACK, TIME-WAIT re-ACK), throttled
   * to one per OOW_ACK_INTERVAL_MS: RFC 5961 §7 asks for ACK throttling, and Linux limits these with
   * tcp_oow_rate_limited() / tcp_invalid_ratelimit (500 ms). Without it two desynchronized endpoints
   * can ACK each other forever (an "ACK war"). Returns false when the ACK was suppressed.
   */
  sendOutOfWindowAck(explain: ExplainKey): boolean {
    const now = this.host.now;
    if (this.lastOowAckAt !== null && now - this.lastOowAckAt < OOW_ACK_INTERVAL_MS) {
      this.because('ack-throttled');
      return false;
    }
    this.lastOowAckAt = now;
    this.sendAck(explain);
    return true;
  }

  /** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
  sendAck(explain: ExplainKey): void {
    this.sendRaw({ seq: this.sndNxt, ack: this.rcvNxt, flags: ACK, len: 0, win: this.rcvWnd }, explain);
  }

  /** <SEQ=ack><CTL=RST>, or <SEQ=0><ACK=…><CTL=RST,ACK> when the offending segment had no ACK (§3.10.7.1). */
  sendReset(seg: Seg, segLength: number, explain: ExplainKey): void {
    if (seg.flags & ACK) {
      this.host.transmit(this, { seq: seg.ack, ack: 0, flags: RST, len: 0, win: 0 }, false, explain);
    } else {
      const ack = seqAdd(seg.seq, segLength);
      this.host.transmit(this, { seq: 0, ack, flags: RST | ACK, len: 0, win: 0 }, false, explain);
    }
  }

  /** Send a new segment that occupies sequence space and goes on the retransmission queue. */
  private sendSegment(seq: number, len: number, flags: number, ackOverride: number, explain: ExplainKey) {
    const withAck = this.state !== 'SYN-SENT';
    const seg: Seg = {
      seq,
      ack: withAck ? this.rcvNxt : ackOverride,
      flags: withAck ? flags | ACK : flags,
      len,
      win: this.rcvWnd,
    };
    this.rtx.push({ seq, len, flags: flags & (SYN | FIN | PSH), firstSentAt: this.host.now });
    if (this.rttSeqEnd === null) {
      this.rttSeqEnd = seqAdd(seq, seqSpace(len, flags));
      this.rttSentAt = this.host.now;
    }
    if (withAck) this.ackSent();
    this.host.transmit(this, seg, false, explain);
    if (this.rtxAt === null) this.armRetransmission();
  }

  /** The SYN,ACK of §3.10.7.2: our SYN, acknowledging theirs. */
  sendSynAck(explain: ExplainKey): void {
    this.sendSegment(this.iss, 0, SYN, 0, explain);
  }

  /**
   * Simultaneous open (§3.10.7.3): our SYN is already out and queued, so the SYN,ACK carries it again with
   * the same sequence number. It is traced as a retransmission (of sequence space already sent), which is
   * also how Wireshark reads it.
   */
  resendSynWithAck(explain: ExplainKey): void {
    const seg: Seg = { seq: this.iss, ack: this.rcvNxt, flags: SYN | ACK, len: 0, win: this.rcvWnd };
    this.ackSent();
    this.host.transmit(this, seg, true, explain);
  }

  /** Segmentize queued data, then the FIN once everything before it is out (§3.10.2, §3.10.4). */
  output(): void {
    if (!DATA_STATES.has(this.state)) return;
    const closing = this.state === 'FIN-WAIT-1' || this.state === 'CLOSING' || this.state === 'LAST-ACK';
    while (this.unsent > 0) {
      const usable = seqDiff(seqAdd(this.sndUna, this.sndWnd), this.sndNxt);
      if (usable <= 0) break;
      const n = Math.min(this.config.mss, this.unsent, usable);
      const last = n === this.unsent;
      const withFin = last && closing && this.finQueued && !this.finSent;
      const seq = this.sndNxt;
      const flags = (last ? PSH : 0) | (withFin ? FIN : 0);
      // Sent first, then SND.NXT advances (§3.10.2), so the send is the event at which the TCB shows it.
      this.sendSegment(seq, n, flags, 0, withFin ? 'send-data-fin' : 'send-data');
      this.unsent -= n;
      this.sndNxt = seqAdd(this.sndNxt, n + (withFin ? 1 : 0));
      if (withFin) this.markFinSent(seqAdd(seq, n));
    }
    if (closing && this.finQueued && !this.finSent && this.unsent === 0) {
      const seq = this.sndNxt;
      this.sendSegment(seq, 0, FIN, 0, this.state === 'LAST-ACK' ? 'send-fin-last' : 'send-fin');
      this.sndNxt = seqAdd(seq, 1);
      this.markFinSent(seq);
    }
  }

  private markFinSent(seq: number): void {
    this.finSent = true;
    this.finSeq = seq;
  }

  get finAcked(): boolean {
    return this.finSent && seqGt(this.sndUna, this.finSeq);
  }

  // ------------------------------------------------------------ acknowledgments

  /** An ACK for RCV.NXT is owed to the peer (set by arriving data or FIN, cleared by any segment that acks). */
  private ackOwed = false;

  private ackSent(): void {
    this.ackOwed = false;
    this.unackedSegments = 0;
    this.delAckAt = null;
  }

  /** After processing an arriving segment: piggyback the ACK on data or FIN if any, else ACK now or later. */
  flushAck(need: AckNeed, explain: ExplainKey): void {
    if (need !== ACK_NONE) this.ackOwed = true;
    if (need === ACK_DELAYED) this.unackedSegments++;
    this.output();
    if (!this.ackOwed || this.state === 'CLOSED' || this.state === 'LISTEN') return;
    // Delayed ACK (§3.8.6.3): ACK at least every second segment, and within 0.5 s.
    if (need === ACK_NOW || !this.options.delayedAck || this.unackedSegments >= 2) {
      this.sendAck(explain);
      return;
    }
    if (this.delAckAt === null) {
      this.delAckAt = this.host.now + this.profile.delayedAckMs;
      this.host.armTimer(this, 'delayed-ack', this.delAckAt);
    }
  }

  // ------------------------------------------------------------ acknowledgment of our data (§3.10.7.4 fifth)

  /** SND.UNA advances to `ack`: drop what is acknowledged, time the RTT, restart the timer (RFC 6298 §5.2–5.3). */
  acknowledge(ack: number): void {
    this.sndUna = ack;
    for (let head = this.rtx.first(); head; head = this.rtx.first()) {
      const end = seqAdd(head.seq, seqSpace(head.len, head.flags));
      if (seqLe(end, ack)) {
        this.rtx.shift();
      } else {
        if (seqGt(ack, head.seq)) {
          // Partially acknowledged: keep the rest.
          const cut = seqDiff(ack, head.seq) - (head.flags & SYN ? 1 : 0);
          this.rtx.trimFirst(ack, head.len - cut, head.flags & ~SYN);
        }
        break;
      }
    }
    if (this.rttSeqEnd !== null && seqGe(ack, this.rttSeqEnd)) {
      this.sampleRtt(this.host.now - this.rttSentAt);
      this.rttSeqEnd = null;
    }
    this.backoff = 0;
    this.dupAcks = 0;
    if (this.rtx.length === 0) this.rtxAt = null;
    else this.armRetransmission();
    if (this.recover !== null) {
      // A partial ACK (RFC 6582 §3.2): the next segment after the one just repaired was lost too.
      if (seqLt(ack, this.recover) && this.rtx.length > 0) this.resendHead('retransmit-partial-ack');
      else this.recover = null;
    }
  }

  /** RFC 6298 §2.2–2.3, or Linux's tcp_rtt_estimator + __tcp_set_rto. */
  private sampleRtt(r: number): void {
    if (this.srtt === null || this.rttvar === null) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    const p = this.profile;
    // RFC: RTO = SRTT + max(G, K·RTTVAR) with G = 1 ms, then at least 1 s.
    // Linux: the variance term is floored at tcp_rto_min (200 ms): RTO = SRTT + max(4·RTTVAR, 200 ms).
    const variance =
      p.rtoFormula === 'rfc6298' ? Math.max(1, 4 * this.rttvar) : Math.max(4 * this.rttvar, p.minRtoMs);
    this.rto = Math.min(p.maxRtoMs, Math.max(p.minRtoMs, Math.ceil(this.srtt + variance)));
  }

  // ------------------------------------------------------------ timers (§3.10.8)

  restartRetransmissionTimer(): void {
    if (this.rtx.length > 0) this.armRetransmission();
  }

  /** Linux quick-ACK mode: spend one of the connection's immediate ACKs, if any are left. */
  takeQuickAck(): boolean {
    if (this.quickAcksLeft <= 0) return false;
    this.quickAcksLeft--;
    return true;
  }

  private armRetransmission(): void {
    this.rtxAt = this.host.now + this.rto;
    this.host.armTimer(this, 'retransmission', this.rtxAt);
  }

  startTimeWait(): void {
    this.timeWaitAt = this.host.now + 2 * this.options.mslMs;
    this.host.armTimer(this, 'time-wait', this.timeWaitAt);
  }

  /** Is this timer still armed for exactly this expiry? (Stale wake-ups are ignored.) */
  isArmed(kind: TimerKind, at: number): boolean {
    if (kind === 'retransmission') return this.rtxAt === at;
    if (kind === 'time-wait') return this.timeWaitAt === at;
    return this.delAckAt === at;
  }

  onTimer(kind: TimerKind): void {
    if (kind === 'time-wait') {
      this.timeWaitAt = null;
      this.enterState('CLOSED', 'time-wait-expired');
      this.host.onApp(this, 'closed', 'time-wait-expired');
    } else if (kind === 'delayed-ack') {
      this.delAckAt = null;
      if (this.ackOwed && (this.synchronized || this.state === 'SYN-RECEIVED')) this.sendAck('delayed-ack');
    } else {
      this.rtxAt = null;
      this.retransmit();
    }
  }

  /** RETRANSMISSION TIMEOUT: resend the head of the queue, back off (RFC 6298 §5.4–5.6), or give up (§3.8.3). */
  private retransmit(): void {
    const head = this.rtx.first();
    if (!head) return;
    const p = this.profile;
    const isSyn = (head.flags & SYN) !== 0;
    const rule = isSyn ? (this.state === 'SYN-SENT' ? p.synGiveUp : p.synAckGiveUp) : p.dataGiveUp;
    const exhausted =
      rule.kind === 'time' ? this.host.now - head.firstSentAt >= rule.limitMs : this.backoff >= rule.retries;
    if (exhausted) return this.giveUp(rule);

    this.backoff++;
    // Linux tcp_syn_linear_timeouts: the first SYN retransmissions keep the initial RTO.
    const linear = isSyn && this.state === 'SYN-SENT' && this.backoff <= p.synLinearTimeouts;
    if (!linear) this.rto = Math.min(this.rto * 2, p.maxRtoMs);
    if (isSyn) this.synRetransmitted = true;
    // After a timeout every segment sent so far is suspect: until SND.UNA passes this point, each partial ACK
    // retransmits the next hole at once (RFC 6582 §3.2, as Linux does after an RTO) instead of waiting out
    // another, doubled, RTO per lost segment.
    if (!isSyn && this.recover === null) this.recover = this.sndNxt;
    const r1 = this.backoff === p.r1Retransmissions;
    this.resendHead(r1 ? 'retransmit-r1' : 'retransmit');
  }

  /** Send the head of the retransmission queue again (with the current ACK and window) and restart the timer. */
  private resendHead(explain: ExplainKey): void {
    const head = this.rtx.first();
    if (!head) return;
    this.rttSeqEnd = null; // Karn: never time a retransmitted segment.
    const withAck = this.state !== 'SYN-SENT';
    const seg: Seg = {
      seq: head.seq,
      ack: withAck ? this.rcvNxt : 0,
      flags: withAck ? head.flags | ACK : head.flags,
      len: head.len,
      win: this.rcvWnd,
    };
    if (withAck) this.ackSent();
    this.host.transmit(this, seg, true, explain);
    this.armRetransmission();
  }

  /**
   * A duplicate ACK (RFC 5681 §2: no data, no window change, SEG.ACK = SND.UNA with data outstanding).
   * The third in a row means a segment was lost while later ones arrived: fast retransmit (§3.2).
   */
  duplicateAck(): void {
    if (this.rtx.length === 0 || this.recover !== null) return;
    this.dupAcks++;
    if (this.dupAcks === 3) {
      this.recover = this.sndNxt;
      this.resendHead('fast-retransmit');
    }
  }

  private giveUp(rule: GiveUp): void {
    if (this.state === 'SYN-RECEIVED' && this.passive && this.profile.passiveGiveUpReturnsToListen) {
      this.enterState('LISTEN', 'give-up-synack');
      return;
    }
    this.fail('ETIMEDOUT', rule.explain);
  }

  // ------------------------------------------------------------ received data (§3.10.7.4 seventh, eighth)

  /** Queue a segment that arrived above RCV.NXT (SHLD-31) until the gap fills. */
  holdOutOfOrder(seq: number, len: number, fin: boolean): void {
    this.ooo.hold(seq, len, fin);
  }

  /** Move contiguous held segments into the stream; returns bytes delivered and whether a FIN came in order. */
  drainOutOfOrder(): { bytes: number; fin: boolean } {
    const drained = this.ooo.drain(this.rcvNxt);
    this.rcvNxt = drained.rcvNxt;
    return { bytes: drained.bytes, fin: drained.fin };
  }

  // ------------------------------------------------------------ snapshot

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
      timers: { retransmission: this.rtxAt, timeWait: this.timeWaitAt, delayedAck: this.delAckAt },
      backoff: this.backoff,
      error: this.error,
    };
  }
}
