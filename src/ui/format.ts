/** Small, language-neutral formatting of segments and times, shared by the views. */
import type { WireSegment } from '../tcp/types';

/** "SYN,ACK seq=300 ack=101 len=10" */
export function segmentLabel(s: WireSegment): string {
  let out = `${s.flags.join(',')} seq=${s.seq}`;
  if (s.flags.includes('ACK')) out += ` ack=${s.ack}`;
  if (s.len > 0) out += ` len=${s.len}`;
  return out;
}

/** Milliseconds with up to three decimals, no trailing zeros: 60, 1010.5, 0.001. */
export function ms(t: number): string {
  return String(Math.round(t * 1000) / 1000);
}
