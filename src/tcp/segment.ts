/** Segments as the engine handles them: flags are a bit set, converted to names only for the trace. */
import { FLAG_ORDER, type Flag, type WireSegment } from './types';

export const SYN = 1;
export const ACK = 2;
export const FIN = 4;
export const RST = 8;
export const PSH = 16;

const BITS: Record<Flag, number> = { SYN, ACK, FIN, RST, PSH };

export interface Seg {
  seq: number;
  /** 0 when the ACK flag is off. */
  ack: number;
  flags: number;
  /** Payload bytes (SYN and FIN not counted). */
  len: number;
  win: number;
}

/**
 * Sequence numbers are uint32 and mostly above 2^30, outside V8's small integers, so a segment's seq and ack
 * are doubles. This first segment object (and retransmission-queue entry) tells V8 so before any code is
 * compiled. Otherwise it learns it from the first large ISN after compiling for small integers: in a cold
 * Monte Carlo run that deoptimized sendSegment and every function depending on the segment's shape
 * (otherStates, sendAck), which were then compiled again.
 */
export const DOUBLE_FIELDS: readonly object[] = [
  { seq: 2 ** 31, ack: 2 ** 31, flags: 0, len: 0, win: 0 } satisfies Seg,
  { seq: 2 ** 31, len: 0, flags: 0, firstSentAt: 0.5 },
];

export function flagBits(flags: readonly Flag[]): number {
  let bits = 0;
  for (const f of flags) bits |= BITS[f];
  return bits;
}

const NAMES_CACHE: Flag[][] = [];
/** Flag names in the canonical order SYN, ACK, FIN, RST, PSH (a fresh array each call). */
export function flagNames(bits: number): Flag[] {
  let cached = NAMES_CACHE[bits];
  if (!cached) {
    cached = FLAG_ORDER.filter((f) => (bits & BITS[f]) !== 0);
    NAMES_CACHE[bits] = cached;
  }
  return cached.slice();
}

/** Sequence space of `len` payload bytes with these flag bits: plus one for SYN and one for FIN. */
export function seqSpace(len: number, flags: number): number {
  return len + (flags & SYN ? 1 : 0) + (flags & FIN ? 1 : 0);
}

/** SEG.LEN as RFC 9293 defines it: payload plus one for SYN and one for FIN. */
export function segLen(seg: Seg): number {
  return seqSpace(seg.len, seg.flags);
}

export function toWire(seg: Seg): WireSegment {
  return { seq: seg.seq, ack: seg.ack, flags: flagNames(seg.flags), len: seg.len, win: seg.win };
}
