/** 32-bit sequence arithmetic (RFC 9293 §3.4) and a whole connection across 2^32. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, seqAdd, seqDiff, seqGe, seqGt, seqLe, seqLt } from '../../src/tcp/index';
import { sends, wire } from './harness';

describe('sequence arithmetic mod 2^32', () => {
  it('seqAdd wraps past 2^32-1', () => {
    expect(seqAdd(4294967295, 1)).toBe(0);
    expect(seqAdd(4294967290, 10)).toBe(4);
    expect(seqAdd(5, -10)).toBe(4294967291);
  });

  it('comparisons see 2^32-1 < 0 < 5 across the wrap', () => {
    expect(seqLt(4294967295, 0)).toBe(true);
    expect(seqGt(0, 4294967295)).toBe(true);
    expect(seqLe(4294967290, 5)).toBe(true);
    expect(seqGe(5, 5)).toBe(true);
    expect(seqDiff(3, 4294967295)).toBe(4);
  });

  it('property: a < a + n for 0 < n < 2^31, whatever a', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4294967295 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (a, n) => {
          const b = seqAdd(a, n);
          return seqLt(a, b) && seqGt(b, a) && seqDiff(b, a) === n && !seqLt(b, a);
        },
      ),
    );
  });
});

describe('wraparound', () => {
  it('a connection whose ISNs sit just below 2^32 opens, moves data across the wrap and closes', () => {
    const trace = runScenario({
      version: 1,
      endpoints: { A: { isn: 4294967290 }, B: { isn: 4294967295 } },
      options: { mslMs: 1000 },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 10, endpoint: 'A', call: 'connect' },
        { at: 500, endpoint: 'A', call: 'send', bytes: 100 },
        { at: 1000, endpoint: 'A', call: 'close' },
        { at: 1500, endpoint: 'B', call: 'close' },
      ],
    });
    expect(wire(trace)).toEqual([
      'A>B SYN seq=4294967290',
      'B>A SYN,ACK seq=4294967295 ack=4294967291',
      'A>B ACK seq=4294967291 ack=0',
      'A>B ACK,PSH seq=4294967291 ack=0 len=100',
      'B>A ACK seq=0 ack=95',
      'A>B ACK,FIN seq=95 ack=0',
      'B>A ACK seq=0 ack=96',
      'B>A ACK,FIN seq=0 ack=96',
      'A>B ACK seq=96 ack=1',
    ]);
    expect(trace.final).toEqual({ A: { state: 'CLOSED' }, B: { state: 'CLOSED' } });
    expect(sends(trace).every((e) => e.segment.seq >= 0 && e.segment.seq <= 4294967295)).toBe(true);
  });
});
