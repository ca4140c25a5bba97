/**
 * A segment in one line, as every view writes it: "SYN,ACK seq=300 ack=101 len=10" (the ACK field only when
 * the ACK bit is set, the length only when > 0). Numbers are relative to the bases when given, like Wireshark.
 * Language-neutral: the CLI ladder, the page and the capture replay all use it.
 */
import type { Flag } from '../tcp/types';

export interface LabelledSegment {
  flags: readonly Flag[];
  seq: number;
  ack: number;
  len: number;
}

export function segmentLabel(s: LabelledSegment, base?: { seq: number; ack: number }): string {
  const seq = base ? (s.seq - base.seq) >>> 0 : s.seq;
  let out = `${s.flags.join(',')} seq=${seq}`;
  if (s.flags.includes('ACK')) out += ` ack=${base ? (s.ack - base.ack) >>> 0 : s.ack}`;
  if (s.len > 0) out += ` len=${s.len}`;
  return out;
}
