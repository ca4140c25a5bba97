/**
 * The endpoint's timers (§3.10.8): retransmission (RFC 6298), TIME-WAIT (2·MSL) and the delayed ACK
 * (§3.8.6.3). Timers are data (an expiry time); the simulator schedules the wake-ups.
 */
import { sendAck } from './output';
import { retransmit } from './retransmit';
import { type Endpoint, enterState } from './tcb';
import type { TimerKind } from './types';

/** (Re)start the retransmission timer: it expires one RTO from now (RFC 6298 §5.1, §5.3). */
export function armRetransmission(ep: Endpoint): void {
  ep.rtxAt = ep.host.now + ep.rto;
  ep.host.armTimer(ep, 'retransmission', ep.rtxAt);
}

/** (Re)start the 2·MSL TIME-WAIT timer (§3.10.7.4 eighth step). */
export function startTimeWait(ep: Endpoint): void {
  ep.timeWaitAt = ep.host.now + 2 * ep.options.mslMs;
  ep.host.armTimer(ep, 'time-wait', ep.timeWaitAt);
}

/** The delayed ACK (§3.8.6.3): an ACK owed goes out at the latest this long after it became owed. */
export function armDelayedAck(ep: Endpoint): void {
  ep.delAckAt = ep.host.now + ep.profile.delayedAckMs;
  ep.host.armTimer(ep, 'delayed-ack', ep.delAckAt);
}

/** Is this timer still armed for exactly this expiry? (Stale wake-ups are ignored.) */
export function isArmed(ep: Endpoint, kind: TimerKind, at: number): boolean {
  if (kind === 'retransmission') return ep.rtxAt === at;
  if (kind === 'time-wait') return ep.timeWaitAt === at;
  return ep.delAckAt === at;
}

/** A timer expired (§3.10.8). */
export function onTimer(ep: Endpoint, kind: TimerKind): void {
  if (kind === 'time-wait') {
    // TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED.
    ep.timeWaitAt = null;
    enterState(ep, 'CLOSED', 'time-wait-expired');
    ep.host.onApp(ep, 'closed', 'time-wait-expired');
  } else if (kind === 'delayed-ack') {
    ep.delAckAt = null;
    if (ep.ackOwed && (ep.synchronized || ep.state === 'SYN-RECEIVED')) sendAck(ep, 'delayed-ack');
  } else {
    ep.rtxAt = null;
    retransmit(ep);
  }
}
