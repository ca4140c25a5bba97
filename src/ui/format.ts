/** Small, language-neutral formatting of segments and times, shared by the views. */
import type { Timeline } from '../tcp';
import type { SendEvent, WireSegment } from '../tcp/types';

/** "SYN,ACK seq=300 ack=101 len=10" (numbers relative to the bases when given, like Wireshark). */
export function segmentLabel(
  s: Pick<WireSegment, 'flags' | 'seq' | 'ack' | 'len'>,
  base?: { seq: number; ack: number },
): string {
  const seq = base ? (s.seq - base.seq) >>> 0 : s.seq;
  let out = `${s.flags.join(',')} seq=${seq}`;
  if (s.flags.includes('ACK')) out += ` ack=${base ? (s.ack - base.ack) >>> 0 : s.ack}`;
  if (s.len > 0) out += ` len=${s.len}`;
  return out;
}

export type SegmentLabeler = (send: SendEvent, sendIndex: number) => string;

const absolute: SegmentLabeler = (send) => segmentLabel(send.segment);
const relativeCache = new WeakMap<Timeline, SegmentLabeler>();

/**
 * Label segments with absolute sequence numbers, or relative to each side's ISN (seq − sender's ISS,
 * ack − sender's IRS) as Wireshark shows them. A sender with no connection (a RST from CLOSED, an injected
 * segment) keeps absolute numbers, since there is nothing to be relative to.
 */
export function labeler(timeline: Timeline, relative: boolean): SegmentLabeler {
  if (!relative) return absolute;
  let l = relativeCache.get(timeline);
  if (!l) {
    l = (send, sendIndex) => {
      const me = timeline.stateAt(sendIndex)[send.from];
      const synced = me.state !== 'CLOSED' && me.state !== 'LISTEN' && !send.injected;
      if (!synced) return segmentLabel(send.segment);
      const ackBase = me.state === 'SYN-SENT' ? 0 : me.irs;
      return segmentLabel(send.segment, { seq: me.iss, ack: ackBase });
    };
    relativeCache.set(timeline, l);
  }
  return l;
}

/** Milliseconds with up to three decimals, no trailing zeros: 60, 1010.5, 0.001. */
export function ms(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}
