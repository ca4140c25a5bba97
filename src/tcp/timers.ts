/**
 * The endpoint's timers (§3.10.8): retransmission (RFC 6298), TIME-WAIT (2·MSL) and the delayed ACK
 * (§3.8.6.3). Timers are data: the TCB holds at most one `Timer` of each kind, present while it is armed
 * and removed when it is stopped or fires. The simulator asks `pollAt` / `nextTimer` when the endpoint next
 * needs a wake-up and calls `dispatch` then; it never holds a wake-up of its own, so nothing goes stale.
 */
import { sendAck } from './output';
import { retransmit } from './retransmit';
import { type Endpoint, enterState } from './tcb';
import type { TimerKind } from './types';

export interface Timer {
  kind: TimerKind;
  /** When it fires, in simulated ms. */
  expiresAt: number;
  /**
   * The host's stamp (Host.stamp) when it was set to this expiry: a timer and another happening due at the
   * same instant run in the order they were scheduled, as in the simulator's (time, insertion order) queue.
   * Setting a timer again to the time it already has keeps its place.
   */
  armed: number;
}

/** Arm `kind` to expire at `expiresAt`, replacing its current expiry if it is armed. */
export function setTimer(ep: Endpoint, kind: TimerKind, expiresAt: number): void {
  const timers = ep.timers;
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i] as Timer;
    if (t.kind !== kind) continue;
    if (t.expiresAt !== expiresAt) {
      t.expiresAt = expiresAt;
      t.armed = ep.host.stamp(ep);
    }
    return;
  }
  timers.push({ kind, expiresAt, armed: ep.host.stamp(ep) });
}

/** Stop `kind` if it is armed. */
export function stopTimer(ep: Endpoint, kind: TimerKind): void {
  const timers = ep.timers;
  for (let i = 0; i < timers.length; i++) {
    if ((timers[i] as Timer).kind === kind) {
      // Order in the list means nothing (nextTimer compares expiries), so the last entry takes its place.
      const last = timers.pop() as Timer;
      if (i < timers.length) timers[i] = last;
      return;
    }
  }
}

/** When `kind` expires, or null when it is not armed. */
export function expiryOf(ep: Endpoint, kind: TimerKind): number | null {
  const timers = ep.timers;
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i] as Timer;
    if (t.kind === kind) return t.expiresAt;
  }
  return null;
}

/** The timer due first (earliest expiry, then earliest armed), or null when none is armed. */
export function nextTimer(ep: Endpoint): Timer | null {
  const timers = ep.timers;
  let next: Timer | null = null;
  for (let i = 0; i < timers.length; i++) {
    const t = timers[i] as Timer;
    if (
      next === null ||
      t.expiresAt < next.expiresAt ||
      (t.expiresAt === next.expiresAt && t.armed < next.armed)
    ) {
      next = t;
    }
  }
  return next;
}

/** When the endpoint next needs a wake-up (the earliest expiry), or null when no timer is armed. */
export function pollAt(ep: Endpoint): number | null {
  return nextTimer(ep)?.expiresAt ?? null;
}

/** Fire the timer due first if it is due at `now`; returns its kind, or null when nothing is due. */
export function dispatch(ep: Endpoint, now: number): TimerKind | null {
  const due = nextTimer(ep);
  if (due === null || due.expiresAt > now) return null;
  const kind = due.kind;
  stopTimer(ep, kind);
  if (kind === 'time-wait') {
    // TIME-WAIT TIMEOUT: delete the TCB, enter CLOSED.
    enterState(ep, 'CLOSED', 'time-wait-expired');
    ep.host.onApp(ep, 'closed', 'time-wait-expired');
  } else if (kind === 'delayed-ack') {
    if (ep.ackOwed && (ep.synchronized || ep.state === 'SYN-RECEIVED')) sendAck(ep, 'delayed-ack');
  } else {
    retransmit(ep);
  }
  return kind;
}

/** (Re)start the retransmission timer: it expires one RTO from now (RFC 6298 §5.1, §5.3). */
export function armRetransmission(ep: Endpoint): void {
  setTimer(ep, 'retransmission', ep.host.now + ep.rto);
}

/** (Re)start the 2·MSL TIME-WAIT timer (§3.10.7.4 eighth step). */
export function startTimeWait(ep: Endpoint): void {
  setTimer(ep, 'time-wait', ep.host.now + 2 * ep.options.mslMs);
}

/** The delayed ACK (§3.8.6.3): an ACK owed goes out at the latest this long after it became owed. */
export function armDelayedAck(ep: Endpoint): void {
  setTimer(ep, 'delayed-ack', ep.host.now + ep.profile.delayedAckMs);
}
