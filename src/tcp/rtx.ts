/**
 * The retransmission queue (RFC 9293 §3.8.1; RFC 6298): the segments an endpoint has sent that are not yet
 * acknowledged, oldest first. A deque rather than a plain array, because with mss 1 a window holds 65,535
 * one-byte segments and every ACK takes one off the front: `Array.prototype.shift` on an array that large
 * moves every element (V8 cannot trim arrays in large-object space), which made a 1,000,000-event run take
 * most of its time in acknowledge(). The sequence space held is kept as a running sum so that a snapshot
 * (at every event of a timeline) does not walk the queue either.
 */
import { seqSpace } from './segment';

/** A segment on the retransmission queue: sequence space [seq, seq + len + SYN + FIN). */
export interface RtxEntry {
  seq: number;
  len: number;
  /** SYN, FIN and PSH bits of the original (ACK is added when it is sent again). */
  flags: number;
  firstSentAt: number;
}

export class RetransmissionQueue {
  private items: (RtxEntry | undefined)[] = [];
  private start = 0;
  /** Sequence space on the queue: data bytes, plus one for each SYN and FIN (what "in flight" shows). */
  space = 0;

  get length(): number {
    return this.items.length - this.start;
  }

  /** The oldest unacknowledged segment. */
  first(): RtxEntry | undefined {
    return this.items[this.start];
  }

  push(entry: RtxEntry): void {
    this.items.push(entry);
    this.space += seqSpace(entry.len, entry.flags);
  }

  /** Remove the oldest segment (fully acknowledged). */
  shift(): void {
    const head = this.items[this.start];
    if (!head) return;
    this.space -= seqSpace(head.len, head.flags);
    this.items[this.start] = undefined;
    this.start++;
    // Compact once the dead prefix is half the array: amortized O(1) per segment.
    if (this.start === this.items.length) {
      this.items = [];
      this.start = 0;
    } else if (this.start >= 1024 && this.start * 2 >= this.items.length) {
      this.items = this.items.slice(this.start);
      this.start = 0;
    }
  }

  /** The oldest segment is acknowledged up to part of it: it now covers [seq, seq + len) with these flags. */
  trimFirst(seq: number, len: number, flags: number): void {
    const head = this.items[this.start];
    if (!head) return;
    this.space += seqSpace(len, flags) - seqSpace(head.len, head.flags);
    head.seq = seq;
    head.len = len;
    head.flags = flags;
  }

  clear(): void {
    this.items = [];
    this.start = 0;
    this.space = 0;
  }
}
