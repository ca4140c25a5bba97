/**
 * Which TCB variables exist in a state. A snapshot holds numbers for every field, but some of them mean
 * nothing yet or any more, and a view must show those as unknown, never as 0:
 * - CLOSED (RFC 9293 §3.3.2: "no connection state at all") and LISTEN (waiting for a SYN, no sequence
 *   numbers chosen yet) have no send or receive sequence variables and no retransmission timeout.
 * - SYN-SENT has chosen ISS (SND.UNA = ISS, SND.NXT = ISS + 1, §3.10.1) but has heard nothing from the peer:
 *   IRS, RCV.NXT and SND.WND are learned from the peer's SYN (§3.10.7.3 "fourth, check the SYN bit":
 *   "RCV.NXT is set to SEG.SEQ+1, IRS is set to SEG.SEQ"; SND.WND from SEG.WND in the ACK processing).
 */
import type { EndpointSnapshot, State } from './types';

export type TcbField = 'sndUna' | 'sndNxt' | 'sndWnd' | 'rcvNxt' | 'rcvWnd' | 'iss' | 'irs' | 'rto';

const FROM_PEER: ReadonlySet<TcbField> = new Set(['irs', 'rcvNxt', 'sndWnd']);

/** Whether `field` has a meaning in `state`. */
export function tcbFieldKnown(state: State, field: TcbField): boolean {
  if (state === 'CLOSED' || state === 'LISTEN') return false;
  if (state === 'SYN-SENT') return !FROM_PEER.has(field);
  return true;
}

/** The field's value, or null where it does not exist in the snapshot's state. */
export function tcbValue(snap: EndpointSnapshot, field: TcbField): number | null {
  return tcbFieldKnown(snap.state, field) ? snap[field] : null;
}
