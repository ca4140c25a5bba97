/**
 * Round-trip time measurement and the retransmission timeout (RFC 6298), or Linux's tcp_rtt_estimator and
 * __tcp_set_rto. One segment is timed at a time, and never a retransmitted one (Karn's algorithm, §3).
 */
import { seqGe } from './seq';
import type { Endpoint } from './tcb';

/** A new segment ending at `seqEnd` went out: time it, unless another is being timed already. */
export function timeSegment(ep: Endpoint, seqEnd: number, now: number): void {
  if (ep.rttSeqEnd === null) {
    ep.rttSeqEnd = seqEnd;
    ep.rttSentAt = now;
  }
}

/** Karn (RFC 6298 §3): a retransmission makes the segment being timed ambiguous, so stop timing it. */
export function stopTiming(ep: Endpoint): void {
  ep.rttSeqEnd = null;
}

/** SND.UNA reached `ack`: if that covers the timed segment, take the sample (RFC 6298 §2.2–2.3). */
export function ackTimed(ep: Endpoint, ack: number, now: number): void {
  if (ep.rttSeqEnd !== null && seqGe(ack, ep.rttSeqEnd)) {
    sampleRtt(ep, now - ep.rttSentAt);
    ep.rttSeqEnd = null;
  }
}

/** RFC 6298 §2.2–2.3, or Linux's tcp_rtt_estimator + __tcp_set_rto. */
function sampleRtt(ep: Endpoint, r: number): void {
  if (ep.srtt === null || ep.rttvar === null) {
    ep.srtt = r;
    ep.rttvar = r / 2;
  } else {
    ep.rttvar = 0.75 * ep.rttvar + 0.25 * Math.abs(ep.srtt - r);
    ep.srtt = 0.875 * ep.srtt + 0.125 * r;
  }
  const p = ep.profile;
  // RFC: RTO = SRTT + max(G, K·RTTVAR) with G = 1 ms, then at least 1 s.
  // Linux: the variance term is floored at tcp_rto_min (200 ms): RTO = SRTT + max(4·RTTVAR, 200 ms).
  const variance =
    p.rtoFormula === 'rfc6298' ? Math.max(1, 4 * ep.rttvar) : Math.max(4 * ep.rttvar, p.minRtoMs);
  ep.rto = Math.min(p.maxRtoMs, Math.max(p.minRtoMs, Math.ceil(ep.srtt + variance)));
}
