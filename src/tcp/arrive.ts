/**
 * SEGMENT ARRIVES (RFC 9293 §3.10.7), in the order the RFC gives: CLOSED, LISTEN, SYN-SENT, then the
 * other states (sequence number, RST, security, SYN, ACK, URG, text, FIN). Each branch cites its section
 * and records an explanation key for the trace.
 *
 * Readings where the RFC's text and its own figures or real stacks disagree (see README "Readings"):
 * - Figure 7 (simultaneous open): line 6's SYN,ACK <SEQ=300><ACK=101> reaches A in SYN-RECEIVED with
 *   RCV.NXT = 301, which the strict acceptability test rejects. Like Linux (tcp_validate_incoming's
 *   simultaneous-open exception to RFC 5961 §4.2), an active-open SYN-RECEIVED accepts a SYN,ACK whose SYN is
 *   the one already received (SEG.SEQ = IRS) and whose ACK acknowledges our SYN: the SYN is trimmed as a
 *   duplicate and the ACK processed.
 * - TIME-WAIT: "restart the 2 MSL timeout" on a retransmitted FIN sits in the eighth step, which an old FIN
 *   never reaches (it fails the first check). Like Linux (tcp_timewait_state_process), a retransmitted FIN in
 *   TIME-WAIT is re-ACKed and restarts the timer.
 */
import {
  ACK_DELAYED,
  ACK_NONE,
  ACK_NOW,
  type AckNeed,
  flushAck,
  resendSynWithAck,
  sendAck,
  sendChallengeAck,
  sendDupAck,
  sendRaw,
  sendReset,
  sendSynAck,
  takeQuickAck,
} from './output';
import { acknowledge, duplicateAck, restartRetransmissionTimer } from './retransmit';
import { ACK, FIN, RST, type Seg, SYN, segLen } from './segment';
import { seqAdd, seqDiff, seqGt, seqInWindow, seqLe, seqLt } from './seq';
import { type Endpoint, enterState, established, fail } from './tcb';
import { startTimeWait } from './timers';

export function segmentArrives(ep: Endpoint, seg: Seg): void {
  ep.explain = 'accepted';
  switch (ep.state) {
    case 'CLOSED':
      return closed(ep, seg);
    case 'LISTEN':
      return listen(ep, seg);
    case 'SYN-SENT':
      return synSent(ep, seg);
    default:
      return otherStates(ep, seg);
  }
}

/** §3.10.7.1: no TCB. A RST is discarded; anything else is answered with an acceptable RST. */
function closed(ep: Endpoint, seg: Seg): void {
  if (seg.flags & RST) {
    ep.explain = 'closed-rst-discarded';
    return;
  }
  ep.explain = 'closed-reset';
  sendReset(ep, seg, segLen(seg), 'closed-reset');
}

/** §3.10.7.2 */
function listen(ep: Endpoint, seg: Seg): void {
  // First, check for a RST: it cannot be valid here.
  if (seg.flags & RST) {
    ep.explain = 'listen-rst-ignored';
    return;
  }
  // Second, any ACK is bad in LISTEN: <SEQ=SEG.ACK><CTL=RST>.
  if (seg.flags & ACK) {
    ep.explain = 'listen-ack-reset';
    return sendReset(ep, seg, segLen(seg), 'listen-ack-reset');
  }
  // Third, a SYN: record IRS, choose ISS, answer SYN,ACK, enter SYN-RECEIVED.
  if (seg.flags & SYN) {
    ep.explain = 'listen-syn';
    ep.rcvNxt = seqAdd(seg.seq, 1);
    ep.irs = seg.seq;
    ep.irsKnown = true;
    ep.iss = ep.host.chooseIss(ep);
    ep.issKnown = true;
    ep.sndUna = ep.iss;
    ep.sndNxt = seqAdd(ep.iss, 1);
    ep.sndWnd = seg.win;
    ep.maxSndWnd = seg.win;
    enterState(ep, 'SYN-RECEIVED', 'listen-syn');
    sendSynAck(ep, 'listen-syn');
    if (ep.options.handshake === 'two-way') {
      // The two-way variant: the SYN alone is taken as proof of a live peer. An old duplicate SYN
      // therefore opens a bogus connection (the reason RFC 9293 §3.5 gives for three ways).
      established(ep, 'two-way-established');
    }
    return;
  }
  // Fourth, anything else: drop.
  ep.explain = 'listen-drop';
}

/** §3.10.7.3 */
function synSent(ep: Endpoint, seg: Seg): void {
  const hasAck = (seg.flags & ACK) !== 0;
  let ackAcceptable = false;
  // First, check the ACK bit.
  if (hasAck) {
    if (seqLe(seg.ack, ep.iss) || seqGt(seg.ack, ep.sndNxt)) {
      if (seg.flags & RST) {
        ep.explain = 'synsent-bad-ack-rst-dropped';
        return;
      }
      ep.explain = 'synsent-bad-ack-reset';
      return sendReset(ep, seg, segLen(seg), 'synsent-bad-ack-reset');
    }
    ackAcceptable = seqLt(ep.sndUna, seg.ack) && seqLe(seg.ack, ep.sndNxt);
  }
  // Second, check the RST bit.
  if (seg.flags & RST) {
    if (!ackAcceptable) {
      ep.explain = 'synsent-rst-no-ack';
      return;
    }
    ep.explain = 'synsent-rst-refused';
    return fail(ep, 'ECONNREFUSED', 'synsent-rst-refused');
  }
  // Fourth, check the SYN bit.
  if (!(seg.flags & SYN)) {
    ep.explain = 'synsent-no-syn-dropped';
    return;
  }
  ep.rcvNxt = seqAdd(seg.seq, 1);
  ep.irs = seg.seq;
  ep.irsKnown = true;
  ep.sndWnd = seg.win;
  ep.maxSndWnd = seg.win;
  ep.sndWl1 = seg.seq;
  ep.sndWl2 = seg.ack;
  if (hasAck) acknowledge(ep, seg.ack);
  if (seqGt(ep.sndUna, ep.iss)) {
    // Our SYN is acknowledged: ESTABLISHED, and the third segment of the handshake.
    ep.explain = 'synsent-synack';
    established(ep, 'synsent-synack');
    const twoWay = ep.options.handshake === 'two-way';
    if (seg.len > 0 || seg.flags & FIN) {
      // Text or FIN on the SYN,ACK: continue at the sixth step; its ACK covers the handshake.
      return textAndFin(
        ep,
        seqAdd(seg.seq, 1),
        seg.len,
        (seg.flags & FIN) !== 0,
        twoWay ? ACK_NONE : ACK_NOW,
      );
    }
    if (ep.unsent > 0 || ep.finQueued) return flushAck(ep, twoWay ? ACK_NONE : ACK_NOW, 'handshake-ack');
    if (!twoWay) sendAck(ep, 'handshake-ack');
    return;
  }
  // Simultaneous open (figure 7): SYN without ACK → SYN-RECEIVED, send SYN,ACK.
  ep.explain = 'synsent-syn-simultaneous';
  enterState(ep, 'SYN-RECEIVED', 'synsent-syn-simultaneous');
  resendSynWithAck(ep, 'synsent-syn-simultaneous');
}

/** Table 6: the four acceptability tests. */
function acceptable(ep: Endpoint, seq: number, len: number): boolean {
  const wnd = ep.rcvWnd;
  const hi = seqAdd(ep.rcvNxt, wnd);
  if (len === 0) return wnd === 0 ? seq === ep.rcvNxt : seqInWindow(seq, ep.rcvNxt, hi);
  if (wnd === 0) return false;
  return seqInWindow(seq, ep.rcvNxt, hi) || seqInWindow(seqAdd(seq, len - 1), ep.rcvNxt, hi);
}

/** §3.10.7.4: SYN-RECEIVED and the synchronized states. */
function otherStates(ep: Endpoint, seg: Seg): void {
  let seq = seg.seq;
  let syn = (seg.flags & SYN) !== 0;
  let fin = (seg.flags & FIN) !== 0;
  let dataLen = seg.len;
  const rst = (seg.flags & RST) !== 0;
  const hasAck = (seg.flags & ACK) !== 0;
  const p = ep.profile;
  if (ep.state === 'TIME-WAIT' && p.timeWaitLinux) return linuxTimeWait(ep, seg);

  // ---- First, check sequence number.
  if (!acceptable(ep, seq, segLen(seg))) {
    const ackOurSyn = hasAck && seqLt(ep.sndUna, seg.ack) && seqLe(seg.ack, ep.sndNxt);
    if (ep.state === 'SYN-RECEIVED' && !ep.passive && syn && ackOurSyn && seq === ep.irs) {
      // Figure 7, line 6 (see the reading at the top): the SYN is a duplicate; keep the ACK.
      ep.explain = 'simultaneous-synack';
      syn = false;
      seq = seqAdd(seq, 1);
    } else if (
      ep.state === 'SYN-RECEIVED' &&
      syn &&
      !hasAck &&
      seq === ep.irs &&
      !p.resendSynAckOnDuplicateSyn
    ) {
      // The SYN already answered, sent again: it lies before RCV.NXT, so it fails the test; ACK and drop.
      ep.explain = 'synrcvd-dup-syn-ack';
      sendDupAck(ep, 'synrcvd-dup-syn-ack', seg);
      return;
    } else if (ep.state === 'SYN-RECEIVED' && syn && !hasAck && seq === ep.irs) {
      // Linux: a retransmitted SYN means our SYN,ACK was lost; send it again (tcp_check_req → inet_rtx_syn_ack).
      ep.explain = 'synrcvd-dup-syn-synack';
      sendRaw(
        ep,
        { seq: ep.iss, ack: ep.rcvNxt, flags: SYN | ACK, len: 0, win: ep.rcvWnd },
        'synrcvd-dup-syn-synack',
        true, // the same SYN again: a retransmission
      );
      restartRetransmissionTimer(ep); // the request timer restarts from now; not counted as a retry
      return;
    } else if (rst) {
      ep.explain = 'unacceptable-rst-dropped';
      return;
    } else if (ep.state === 'TIME-WAIT' && isFinRetransmission(ep, seg)) {
      // Reading: a retransmitted FIN in TIME-WAIT is re-ACKed and restarts 2·MSL (see the top of the file).
      // (Linux's TIME-WAIT is linuxTimeWait.)
      ep.explain = 'time-wait-fin-restart';
      sendDupAck(ep, 'time-wait-fin-restart', seg);
      startTimeWait(ep);
      return;
    } else {
      ep.explain = 'unacceptable-ack';
      sendDupAck(ep, 'unacceptable-ack', seg);
      return;
    }
  }

  // Trim to the idealized segment that begins at RCV.NXT (old parts are processed no further).
  if (seqLt(seq, ep.rcvNxt)) {
    let cut = seqDiff(ep.rcvNxt, seq);
    if (syn) {
      syn = false;
      cut -= 1;
    }
    const trimmed = Math.min(cut, dataLen);
    dataLen -= trimmed;
    cut -= trimmed;
    if (cut > 0 && fin) fin = false; // the FIN itself is old
    seq = ep.rcvNxt;
  }
  const windowEnd = seqAdd(ep.rcvNxt, ep.rcvWnd);
  if (seqGt(seqAdd(seq, dataLen), windowEnd)) {
    dataLen = Math.max(0, seqDiff(windowEnd, seq));
    fin = false;
  }

  // ---- Second, check the RST bit (RFC 5961 §3.2 checks, then per state).
  if (rst) {
    if (seg.seq !== ep.rcvNxt && ep.state === 'SYN-RECEIVED' && ep.passive && p.embryonicReset) {
      // Linux tcp_check_req: any RST in the window drops the request ("embryonic_reset",
      // inet_csk_reqsk_queue_drop); the listener stays. No RFC 5961 challenge ACK for a request sock.
      ep.explain = 'synrcvd-rst-embryonic';
      return enterState(ep, 'LISTEN', 'synrcvd-rst-embryonic');
    }
    if (seg.seq !== ep.rcvNxt) {
      ep.explain = 'rst-challenge-ack';
      sendChallengeAck(ep, 'rst-challenge-ack');
      return;
    }
    switch (ep.state) {
      case 'SYN-RECEIVED':
        if (ep.passive) {
          ep.explain = 'synrcvd-rst-listen';
          return enterState(ep, 'LISTEN', 'synrcvd-rst-listen');
        }
        ep.explain = 'synrcvd-rst-refused';
        return fail(ep, 'ECONNREFUSED', 'synrcvd-rst-refused');
      case 'ESTABLISHED':
      case 'FIN-WAIT-1':
      case 'FIN-WAIT-2':
      case 'CLOSE-WAIT': {
        ep.explain = 'rst-reset';
        const error = ep.state === 'CLOSE-WAIT' ? p.rstInCloseWait : 'ECONNRESET';
        return fail(ep, error, 'rst-reset');
      }
      default:
        ep.explain = 'rst-close';
        enterState(ep, 'CLOSED', 'rst-close');
        ep.host.onApp(ep, 'closed', 'rst-close');
        return;
    }
  }

  // ---- Third, security: not modelled (one compartment).

  // ---- Fourth, check the SYN bit.
  if (syn) {
    if (ep.state === 'SYN-RECEIVED' && ep.passive && p.embryonicReset) {
      // Linux tcp_check_req → embryonic_reset: a SYN in the window (not the SYN again, answered above) is
      // "a bad SYN pkt": answer it with a RST (tcp_v4_send_reset) and drop the request.
      ep.explain = 'synrcvd-syn-embryonic-reset';
      sendReset(ep, seg, segLen(seg), 'synrcvd-syn-embryonic-reset');
      return enterState(ep, 'LISTEN', 'synrcvd-syn-embryonic-reset');
    }
    if (ep.state === 'SYN-RECEIVED' && ep.passive) {
      ep.explain = 'synrcvd-syn-listen';
      return enterState(ep, 'LISTEN', 'synrcvd-syn-listen');
    }
    // RFC 5961 §4.2: whatever the sequence number, answer with a challenge ACK and drop.
    ep.explain = 'syn-challenge-ack';
    sendChallengeAck(ep, 'syn-challenge-ack');
    return;
  }

  // ---- Fifth, check the ACK field.
  if (!hasAck) {
    ep.explain = 'no-ack-dropped';
    return;
  }
  if (ep.state === 'SYN-RECEIVED') {
    if (seqLt(ep.sndUna, seg.ack) && seqLe(seg.ack, ep.sndNxt)) {
      ep.sndWnd = seg.win;
      ep.maxSndWnd = Math.max(ep.maxSndWnd, seg.win);
      ep.sndWl1 = seg.seq;
      ep.sndWl2 = seg.ack;
      acknowledge(ep, seg.ack);
      if (ep.explain === 'accepted') ep.explain = 'synrcvd-ack-established';
      established(ep, ep.explain);
    } else {
      ep.explain = 'synrcvd-bad-ack-reset';
      return sendReset(ep, seg, segLen(seg), 'synrcvd-bad-ack-reset');
    }
  } else {
    // RFC 5961 §5.2: acceptable only if SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT.
    const lowest = seqAdd(ep.sndUna, -ep.maxSndWnd);
    if (seqLt(seg.ack, lowest) || seqGt(seg.ack, ep.sndNxt)) {
      ep.explain = 'ack-out-of-range';
      sendChallengeAck(ep, 'ack-out-of-range');
      return;
    }
    if (seqLt(ep.sndUna, seg.ack)) {
      acknowledge(ep, seg.ack);
      ep.explain = 'ack-advances';
    } else if (seg.ack === ep.sndUna && dataLen === 0 && !fin && seg.win === ep.sndWnd && ep.rtx.length > 0) {
      duplicateAck(ep);
      if (ep.explain === 'accepted') ep.explain = 'duplicate-ack';
    }
    // Window update, guarded by SND.WL1/SND.WL2 against old segments.
    if (seqLt(ep.sndWl1, seg.seq) || (ep.sndWl1 === seg.seq && seqLe(ep.sndWl2, seg.ack))) {
      ep.sndWnd = seg.win;
      ep.maxSndWnd = Math.max(ep.maxSndWnd, seg.win);
      ep.sndWl1 = seg.seq;
      ep.sndWl2 = seg.ack;
    }
  }
  switch (ep.state) {
    case 'FIN-WAIT-1':
      if (ep.finAcked) {
        ep.explain = 'fin-acked';
        enterState(ep, 'FIN-WAIT-2', 'fin-acked');
      }
      break;
    case 'CLOSING':
      if (ep.finAcked) {
        ep.explain = 'closing-fin-acked';
        enterState(ep, 'TIME-WAIT', 'closing-fin-acked');
      }
      return;
    case 'LAST-ACK':
      if (ep.finAcked) {
        ep.explain = 'last-ack-acked';
        enterState(ep, 'CLOSED', 'last-ack-acked');
        ep.host.onApp(ep, 'closed', 'last-ack-acked');
      }
      return;
    case 'TIME-WAIT':
      return;
    default:
      break;
  }

  // ---- Sixth (URG) is not modelled. Seventh and eighth: text and FIN.
  textAndFin(ep, seq, dataLen, fin, ACK_NONE);
}

/**
 * TIME-WAIT as Linux's tcp_timewait_state_process (net/ipv4/tcp_minisocks.c) has it for TCP_TIME_WAIT, in
 * its order (a new SYN that may reopen the 4-tuple, TCP_TW_SYN, is decided before the TCB: deliver.ts):
 * - "In window segment, it may be only reset or bare ack": SEG.SEQ = RCV.NXT with no data and no FIN, or a
 *   RST there. The RST kills TIME-WAIT (tcp_rfc1337 = 0, the default: "TIME_WAIT assassination"); the bare
 *   ACK restarts the 60 s timer (inet_twsk_reschedule(tw, TCP_TIMEWAIT_LEN)) and gets no reply.
 * - "Out of window segment. All the segments are ACKed immediately": anything else but a RST is answered
 *   through tcp_timewait_check_oow_rate_limit (tcp_oow_rate_limited: a retransmitted FIN always, a bare ACK
 *   at most once per 500 ms), and restarts the timer if it carries an ACK ("if (paws_reject || th->ack)").
 * - A RST anywhere else is dropped without a reply (no challenge ACK: TIME-WAIT has no RFC 5961 step).
 */
function linuxTimeWait(ep: Endpoint, seg: Seg): void {
  const rst = (seg.flags & RST) !== 0;
  if (seg.seq === ep.rcvNxt && (segLen(seg) === 0 || rst)) {
    if (rst) {
      ep.explain = 'rst-close';
      enterState(ep, 'CLOSED', 'rst-close');
      ep.host.onApp(ep, 'closed', 'rst-close');
      return;
    }
    ep.explain = 'time-wait-ack-rescheduled';
    startTimeWait(ep);
    return;
  }
  if (rst) {
    ep.explain = 'time-wait-rst-dropped';
    return;
  }
  const hasAck = (seg.flags & ACK) !== 0;
  const why = isFinRetransmission(ep, seg)
    ? 'time-wait-fin-restart'
    : hasAck
      ? 'time-wait-ack-restart'
      : 'unacceptable-ack';
  ep.explain = why;
  // Linux reschedules before its caller sends the ACK; the same instant, recorded ACK first as elsewhere.
  sendDupAck(ep, why, seg);
  if (hasAck) startTimeWait(ep);
}

/** Is this the peer's FIN again (its FIN occupies RCV.NXT - 1)? */
function isFinRetransmission(ep: Endpoint, seg: Seg): boolean {
  if (!(seg.flags & FIN)) return false;
  const finSeq = seqAdd(seg.seq, seg.len + (seg.flags & SYN ? 1 : 0));
  return seqAdd(finSeq, 1) === ep.rcvNxt;
}

/** §3.10.7.4 seventh (segment text) and eighth (FIN), on the trimmed segment starting at `seq`. */
function textAndFin(ep: Endpoint, seq: number, dataLen: number, fin: boolean, need: AckNeed): void {
  const receiving = ep.state === 'ESTABLISHED' || ep.state === 'FIN-WAIT-1' || ep.state === 'FIN-WAIT-2';
  let finInOrder = false;
  if (dataLen > 0 || fin) {
    if (seq !== ep.rcvNxt) {
      // Above a gap: hold it (SHLD-31) and send a duplicate ACK at once (RFC 5681 §4.2).
      if (receiving || fin) ep.ooo.hold(seq, receiving ? dataLen : 0, fin);
      ep.explain = 'out-of-order';
      return flushAck(ep, ACK_NOW, 'out-of-order');
    }
    if (dataLen > 0 && receiving) {
      ep.rcvNxt = seqAdd(ep.rcvNxt, dataLen);
      const held = drainOutOfOrder(ep);
      ep.host.onApp(ep, 'data', 'data-received', undefined, dataLen + held.bytes);
      if (ep.explain === 'accepted' || ep.explain === 'ack-advances') ep.explain = 'data-received';
      // Out-of-order data just filled in, or Linux quick-ACK mode: acknowledge at once.
      need = held.bytes > 0 || takeQuickAck(ep) ? ACK_NOW : (Math.max(need, ACK_DELAYED) as AckNeed);
      finInOrder = held.fin;
    } else if (dataLen > 0) {
      ep.explain = 'text-ignored'; // §3.10.7.4 seventh: a FIN was already received
    }
    if (fin && seqAdd(seq, dataLen) === ep.rcvNxt) finInOrder = true;
    else if (fin && !finInOrder) ep.ooo.hold(seqAdd(seq, dataLen), 0, true);
  }
  if (finInOrder && !ep.eofSeen) need = Math.max(need, receiveFin(ep)) as AckNeed;
  flushAck(ep, need, finInOrder ? 'ack-fin' : 'ack-data');
}

/**
 * Eighth step: advance RCV.NXT over the FIN, tell the user, change state. Returns how urgently to ACK.
 * Each state has its own key, so that the end-of-file and the deliver are explained by the rule that applies.
 */
function receiveFin(ep: Endpoint): AckNeed {
  ep.rcvNxt = seqAdd(ep.rcvNxt, 1);
  ep.eofSeen = true;
  const closeOnEof = ep.config.closeOnEof;
  switch (ep.state) {
    case 'SYN-RECEIVED':
    case 'ESTABLISHED':
      ep.explain = 'fin-received';
      enterState(ep, 'CLOSE-WAIT', 'fin-received');
      ep.host.onApp(ep, 'eof', 'fin-received');
      if (closeOnEof) ep.host.reflex(ep, 'close');
      return ACK_DELAYED;
    case 'FIN-WAIT-1':
      // Our FIN is not yet acknowledged (if it were, the ACK step already moved us to FIN-WAIT-2).
      ep.host.onApp(ep, 'eof', 'simultaneous-close');
      ep.explain = 'simultaneous-close';
      enterState(ep, 'CLOSING', 'simultaneous-close');
      return ACK_NOW;
    case 'FIN-WAIT-2': {
      // Arrived in FIN-WAIT-1 with the ACK of our FIN ("perhaps in this segment"): the fifth step moved us here.
      const why = ep.explain === 'fin-acked' ? 'fin-wait-1-fin-acked' : 'fin-wait-2-fin';
      ep.host.onApp(ep, 'eof', why);
      ep.explain = why;
      enterState(ep, 'TIME-WAIT', 'fin-wait-2-fin');
      return ACK_NOW;
    }
    default:
      return ACK_NOW;
  }
}

/** Move contiguous held segments into the stream; returns bytes delivered and whether a FIN came in order. */
function drainOutOfOrder(ep: Endpoint): { bytes: number; fin: boolean } {
  const drained = ep.ooo.drain(ep.rcvNxt);
  ep.rcvNxt = drained.rcvNxt;
  return { bytes: drained.bytes, fin: drained.fin };
}
