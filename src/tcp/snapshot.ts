/**
 * Which TCB variables exist at a moment. A snapshot holds numbers for every field, but some of them mean
 * nothing yet or any more, and a view must show those as unknown, never as 0:
 * - CLOSED (RFC 9293 §3.3.2: "no connection state at all") has none.
 * - Until ISS is chosen (an active OPEN, §3.10.1; a SYN arriving in LISTEN, §3.10.7.2) there are no send
 *   sequence variables (SND.UNA = ISS, SND.NXT = ISS + 1), no receive window and no RTO: LISTEN before a SYN.
 * - Until the peer's SYN has arrived, IRS, RCV.NXT and SND.WND are unknown (§3.10.7.2 and §3.10.7.3: "RCV.NXT
 *   is set to SEG.SEQ+1, IRS is set to SEG.SEQ", SND.WND from SEG.WND): SYN-SENT, for instance.
 * Knowledge comes from the engine (issKnown, irsKnown), not from the state's name, so the segment that
 * teaches it shows it at its own event, before the state change it causes.
 */
import type { EndpointSnapshot } from './types';

export type TcbField = 'sndUna' | 'sndNxt' | 'sndWnd' | 'rcvNxt' | 'rcvWnd' | 'iss' | 'irs' | 'rto';

/** Each field's name as RFC 9293 writes it (RTO: RFC 6298), the same in every language. */
export const TCB_FIELD_NAMES = {
  sndUna: 'SND.UNA',
  sndNxt: 'SND.NXT',
  sndWnd: 'SND.WND',
  rcvNxt: 'RCV.NXT',
  rcvWnd: 'RCV.WND',
  iss: 'ISS',
  irs: 'IRS',
  rto: 'RTO',
} as const satisfies Record<TcbField, string>;

const FROM_PEER: ReadonlySet<TcbField> = new Set(['irs', 'rcvNxt', 'sndWnd']);

/** Whether `field` has a meaning in the snapshot. */
export function tcbFieldKnown(snap: EndpointSnapshot, field: TcbField): boolean {
  if (snap.state === 'CLOSED') return false;
  return FROM_PEER.has(field) ? snap.irsKnown : snap.issKnown;
}

/** The field's value, or null where it does not exist in the snapshot. */
export function tcbValue(snap: EndpointSnapshot, field: TcbField): number | null {
  return tcbFieldKnown(snap, field) ? snap[field] : null;
}

/** Whether two snapshots of one endpoint are equal (so a later one can share the earlier object). */
export function sameSnapshot(x: EndpointSnapshot, y: EndpointSnapshot): boolean {
  for (const key of Object.keys(x) as (keyof EndpointSnapshot)[]) {
    if (key === 'timers') {
      const a = x.timers;
      const b = y.timers;
      if (
        a.retransmission !== b.retransmission ||
        a.timeWait !== b.timeWait ||
        a.delayedAck !== b.delayedAck
      ) {
        return false;
      }
    } else if (x[key] !== y[key]) {
      return false;
    }
  }
  return true;
}
