/**
 * Our data in flight: acknowledgment (§3.10.7.4 fifth step, RFC 6298 §5.2–5.3), the retransmission timeout
 * (RFC 6298 §5.4–5.6) and giving up (§3.8.3), fast retransmit (RFC 5681 §3.2) and partial ACKs (RFC 6582).
 */
import type { ExplainKey } from './explain';
import { ackSent } from './output';
import type { GiveUp } from './profile';
import { ackTimed, stopTiming } from './rtt';
import { ACK, type Seg, SYN, seqSpace } from './segment';
import { seqAdd, seqDiff, seqGt, seqLe, seqLt } from './seq';
import { type Endpoint, enterState, fail } from './tcb';
import { armRetransmission, stopTimer } from './timers';

/** SND.UNA advances to `ack`: drop what is acknowledged, time the RTT, restart the timer (RFC 6298 §5.2–5.3). */
export function acknowledge(ep: Endpoint, ack: number): void {
  ep.sndUna = ack;
  const rtx = ep.rtx;
  for (let head = rtx.first(); head; head = rtx.first()) {
    const end = seqAdd(head.seq, seqSpace(head.len, head.flags));
    if (seqLe(end, ack)) {
      rtx.shift();
    } else {
      if (seqGt(ack, head.seq)) {
        // Partially acknowledged: keep the rest.
        const cut = seqDiff(ack, head.seq) - (head.flags & SYN ? 1 : 0);
        rtx.trimFirst(ack, head.len - cut, head.flags & ~SYN);
      }
      break;
    }
  }
  ackTimed(ep, ack, ep.host.now);
  ep.backoff = 0;
  ep.dupAcks = 0;
  if (rtx.length === 0) stopTimer(ep, 'retransmission');
  else armRetransmission(ep);
  if (ep.recover !== null) {
    // A partial ACK (RFC 6582 §3.2): the next segment after the one just repaired was lost too.
    if (seqLt(ack, ep.recover) && rtx.length > 0) resendHead(ep, 'retransmit-partial-ack');
    else ep.recover = null;
  }
}

/** The retransmission timer restarts from now (a request resent on the peer's behalf; not counted as a retry). */
export function restartRetransmissionTimer(ep: Endpoint): void {
  if (ep.rtx.length > 0) armRetransmission(ep);
}

/** RETRANSMISSION TIMEOUT: resend the head of the queue, back off (RFC 6298 §5.4–5.6), or give up (§3.8.3). */
export function retransmit(ep: Endpoint): void {
  const head = ep.rtx.first();
  if (!head) return;
  const p = ep.profile;
  const isSyn = (head.flags & SYN) !== 0;
  const rule = isSyn ? (ep.state === 'SYN-SENT' ? p.synGiveUp : p.synAckGiveUp) : p.dataGiveUp;
  const exhausted =
    rule.kind === 'time' ? ep.host.now - head.firstSentAt >= rule.limitMs : ep.backoff >= rule.retries;
  if (exhausted) return giveUp(ep, rule);

  ep.backoff++;
  // Linux tcp_syn_linear_timeouts: the first SYN retransmissions keep the initial RTO.
  const linear = isSyn && ep.state === 'SYN-SENT' && ep.backoff <= p.synLinearTimeouts;
  if (!linear) ep.rto = Math.min(ep.rto * 2, p.maxRtoMs);
  if (isSyn) ep.synRetransmitted = true;
  // After a timeout every segment sent so far is suspect: until SND.UNA passes this point, each partial ACK
  // retransmits the next hole at once (RFC 6582 §3.2, as Linux does after an RTO) instead of waiting out
  // another, doubled, RTO per lost segment.
  if (!isSyn && ep.recover === null) ep.recover = ep.sndNxt;
  const r1 = ep.backoff === p.r1Retransmissions;
  resendHead(ep, r1 ? 'retransmit-r1' : 'retransmit');
}

/** Send the head of the retransmission queue again (with the current ACK and window) and restart the timer. */
function resendHead(ep: Endpoint, explain: ExplainKey): void {
  const head = ep.rtx.first();
  if (!head) return;
  stopTiming(ep); // Karn: never time a retransmitted segment.
  const withAck = ep.state !== 'SYN-SENT';
  const seg: Seg = {
    seq: head.seq,
    ack: withAck ? ep.rcvNxt : 0,
    flags: withAck ? head.flags | ACK : head.flags,
    len: head.len,
    win: ep.rcvWnd,
  };
  if (withAck) ackSent(ep);
  ep.host.transmit(ep, seg, true, explain);
  armRetransmission(ep);
}

/**
 * A duplicate ACK (RFC 5681 §2: no data, no window change, SEG.ACK = SND.UNA with data outstanding).
 * The third in a row means a segment was lost while later ones arrived: fast retransmit (§3.2).
 */
export function duplicateAck(ep: Endpoint): void {
  if (ep.rtx.length === 0 || ep.recover !== null) return;
  ep.dupAcks++;
  if (ep.dupAcks === 3) {
    ep.recover = ep.sndNxt;
    resendHead(ep, 'fast-retransmit');
  }
}

/** §3.8.3 R2 reached: the connection fails, or (Linux) a passive SYN-RECEIVED returns to LISTEN. */
function giveUp(ep: Endpoint, rule: GiveUp): void {
  if (ep.state === 'SYN-RECEIVED' && ep.passive && ep.profile.passiveGiveUpReturnsToListen) {
    enterState(ep, 'LISTEN', 'give-up-synack');
    return;
  }
  fail(ep, 'ETIMEDOUT', rule.explain);
}
