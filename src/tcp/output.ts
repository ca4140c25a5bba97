/**
 * What an endpoint sends: new segments that occupy sequence space (§3.10.2, §3.10.4), segmentizing queued
 * data and the FIN, bare ACKs (now or delayed, §3.8.6.3), resets (§3.10.7.1) and throttled out-of-window
 * ACKs (RFC 5961 §7).
 */
import type { ExplainKey } from './explain';
import type { AckLimit } from './profile';
import { timeSegment } from './rtt';
import { ACK, FIN, PSH, RST, type Seg, SYN, seqSpace } from './segment';
import { seqAdd, seqDiff } from './seq';
import type { Endpoint } from './tcb';
import { armDelayedAck, armRetransmission, expiryOf, stopTimer } from './timers';
import type { State } from './types';

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

export type AckNeed = 0 | 1 | 2; // none, delayed, now
export const ACK_NONE: AckNeed = 0;
export const ACK_DELAYED: AckNeed = 1;
export const ACK_NOW: AckNeed = 2;

/** A segment that is not part of the connection's sequence space (RST, bare ACK): sent once. */
export function sendRaw(ep: Endpoint, seg: Seg, explain: ExplainKey, retransmission = false): void {
  if (seg.flags & ACK && seg.ack === ep.rcvNxt) ackSent(ep);
  ep.host.transmit(ep, seg, retransmission, explain);
}

/**
 * A challenge ACK (RFC 5961 §3.2 RST, §4.2 SYN, §5.2 ACK out of range), throttled as RFC 5961 §7 asks: by
 * the profile's `challengeAckLimit` (profile.ts). Returns false when the ACK was suppressed.
 */
export function sendChallengeAck(ep: Endpoint, explain: ExplainKey): boolean {
  return limitedAck(ep, explain, ep.profile.challengeAckLimit);
}

/**
 * The ACK for any other unacceptable segment (§3.10.7.4 first check, TIME-WAIT's re-ACKs), limited by the
 * profile's `dupAckLimit`, which Linux applies only to a segment that occupies no sequence space or carries
 * a SYN (tcp_oow_rate_limited): a duplicate data segment or FIN is always answered. Without a limit two
 * desynchronized endpoints can ACK each other forever (an "ACK war"); the `rfc` profile, which has none,
 * then shows one until the run's event limit. Returns false when the ACK was suppressed.
 */
export function sendDupAck(ep: Endpoint, explain: ExplainKey, seg: Seg): boolean {
  const exempt = (seg.len > 0 || (seg.flags & FIN) !== 0) && (seg.flags & SYN) === 0;
  return limitedAck(ep, explain, exempt ? null : ep.profile.dupAckLimit);
}

/** Send the ACK unless `limit` ACKs already went out within its window (both kinds share the record). */
function limitedAck(ep: Endpoint, explain: ExplainKey, limit: AckLimit | null): boolean {
  if (limit !== null) {
    const now = ep.host.now;
    const sent = ep.limitedAcksAt;
    let recent = 0;
    for (let i = 0; i < sent.length; i++) if (now - (sent[i] as number) < limit.windowMs) recent++;
    if (recent >= limit.count) {
      ep.explain = 'ack-throttled';
      return false;
    }
    // Only the last few matter (the largest count is 10): older ones fall out of every window.
    if (sent.length >= 16) sent.shift();
    sent.push(now);
  }
  sendAck(ep, explain);
  return true;
}

/** <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK> */
export function sendAck(ep: Endpoint, explain: ExplainKey): void {
  sendRaw(ep, { seq: ep.sndNxt, ack: ep.rcvNxt, flags: ACK, len: 0, win: ep.rcvWnd }, explain);
}

/** <SEQ=ack><CTL=RST>, or <SEQ=0><ACK=…><CTL=RST,ACK> when the offending segment had no ACK (§3.10.7.1). */
export function sendReset(ep: Endpoint, seg: Seg, segLength: number, explain: ExplainKey): void {
  if (seg.flags & ACK) {
    ep.host.transmit(ep, { seq: seg.ack, ack: 0, flags: RST, len: 0, win: 0 }, false, explain);
  } else {
    const ack = seqAdd(seg.seq, segLength);
    ep.host.transmit(ep, { seq: 0, ack, flags: RST | ACK, len: 0, win: 0 }, false, explain);
  }
}

/** Send a new segment that occupies sequence space and goes on the retransmission queue. */
export function sendSegment(
  ep: Endpoint,
  seq: number,
  len: number,
  flags: number,
  ackOverride: number,
  explain: ExplainKey,
): void {
  const withAck = ep.state !== 'SYN-SENT';
  const seg: Seg = {
    seq,
    ack: withAck ? ep.rcvNxt : ackOverride,
    flags: withAck ? flags | ACK : flags,
    len,
    win: ep.rcvWnd,
  };
  const now = ep.host.now;
  ep.rtx.push({ seq, len, flags: flags & (SYN | FIN | PSH), firstSentAt: now });
  timeSegment(ep, seqAdd(seq, seqSpace(len, flags)), now);
  if (withAck) ackSent(ep);
  ep.host.transmit(ep, seg, false, explain);
  if (expiryOf(ep, 'retransmission') === null) armRetransmission(ep);
}

/** The SYN,ACK of §3.10.7.2: our SYN, acknowledging theirs. */
export function sendSynAck(ep: Endpoint, explain: ExplainKey): void {
  sendSegment(ep, ep.iss, 0, SYN, 0, explain);
}

/**
 * Simultaneous open (§3.10.7.3): our SYN is already out and queued, so the SYN,ACK carries it again with
 * the same sequence number. It is traced as a retransmission (of sequence space already sent), which is
 * also how Wireshark reads it.
 */
export function resendSynWithAck(ep: Endpoint, explain: ExplainKey): void {
  const seg: Seg = { seq: ep.iss, ack: ep.rcvNxt, flags: SYN | ACK, len: 0, win: ep.rcvWnd };
  ackSent(ep);
  ep.host.transmit(ep, seg, true, explain);
}

/** Segmentize queued data, then the FIN once everything before it is out (§3.10.2, §3.10.4). */
export function output(ep: Endpoint): void {
  if (!DATA_STATES.has(ep.state)) return;
  const closing = ep.state === 'FIN-WAIT-1' || ep.state === 'CLOSING' || ep.state === 'LAST-ACK';
  while (ep.unsent > 0) {
    const usable = seqDiff(seqAdd(ep.sndUna, ep.sndWnd), ep.sndNxt);
    if (usable <= 0) break;
    const n = Math.min(ep.config.mss, ep.unsent, usable);
    const last = n === ep.unsent;
    const withFin = last && closing && ep.finQueued && !ep.finSent;
    const seq = ep.sndNxt;
    const flags = (last ? PSH : 0) | (withFin ? FIN : 0);
    // Sent first, then SND.NXT advances (§3.10.2), so the send is the event at which the TCB shows it.
    sendSegment(ep, seq, n, flags, 0, withFin ? 'send-data-fin' : 'send-data');
    ep.unsent -= n;
    ep.sndNxt = seqAdd(ep.sndNxt, n + (withFin ? 1 : 0));
    if (withFin) markFinSent(ep, seqAdd(seq, n));
  }
  if (closing && ep.finQueued && !ep.finSent && ep.unsent === 0) {
    const seq = ep.sndNxt;
    sendSegment(ep, seq, 0, FIN, 0, ep.state === 'LAST-ACK' ? 'send-fin-last' : 'send-fin');
    ep.sndNxt = seqAdd(seq, 1);
    markFinSent(ep, seq);
  }
}

function markFinSent(ep: Endpoint, seq: number): void {
  ep.finSent = true;
  ep.finSeq = seq;
}

// ------------------------------------------------------------ acknowledgments

/** Any segment carrying ACK = RCV.NXT pays what is owed and cancels the delayed ACK. */
export function ackSent(ep: Endpoint): void {
  ep.ackOwed = false;
  ep.unackedSegments = 0;
  stopTimer(ep, 'delayed-ack');
}

/** After processing an arriving segment: piggyback the ACK on data or FIN if any, else ACK now or later. */
export function flushAck(ep: Endpoint, need: AckNeed, explain: ExplainKey): void {
  if (need !== ACK_NONE) ep.ackOwed = true;
  if (need === ACK_DELAYED) ep.unackedSegments++;
  output(ep);
  if (!ep.ackOwed || ep.state === 'CLOSED' || ep.state === 'LISTEN') return;
  // Delayed ACK (§3.8.6.3): ACK at least every second segment, and within 0.5 s.
  if (need === ACK_NOW || !ep.options.delayedAck || ep.unackedSegments >= 2) {
    sendAck(ep, explain);
    return;
  }
  if (expiryOf(ep, 'delayed-ack') === null) armDelayedAck(ep);
}

/** Linux quick-ACK mode: spend one of the connection's immediate ACKs, if any are left. */
export function takeQuickAck(ep: Endpoint): boolean {
  if (ep.quickAcksLeft <= 0) return false;
  ep.quickAcksLeft--;
  return true;
}
