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

export type SegmentField = 'flags' | 'seq' | 'ack' | 'len';

/** The label's words, each with the header field it shows (the capture panel marks the ones that differ). */
export function segmentLabelParts(
  s: LabelledSegment,
  base?: { seq: number; ack: number },
): { field: SegmentField; text: string }[] {
  const parts: { field: SegmentField; text: string }[] = [
    { field: 'flags', text: s.flags.join(',') },
    { field: 'seq', text: `seq=${base ? (s.seq - base.seq) >>> 0 : s.seq}` },
  ];
  if (s.flags.includes('ACK'))
    parts.push({ field: 'ack', text: `ack=${base ? (s.ack - base.ack) >>> 0 : s.ack}` });
  if (s.len > 0) parts.push({ field: 'len', text: `len=${s.len}` });
  return parts;
}

export function segmentLabel(s: LabelledSegment, base?: { seq: number; ack: number }): string {
  return segmentLabelParts(s, base)
    .map((p) => p.text)
    .join(' ');
}
