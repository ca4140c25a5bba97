/**
 * The engine's indexed queues, against hand-worked examples: the out-of-order queue (RFC 9293 §3.10.7.4
 * seventh, SHLD-31), the retransmission queue's in-flight sum, and the drop/delay rules ("the nth …
 * (nth + count - 1)th segment with these flags", the first rule in the file winning where ranges overlap).
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp/index';
import { OutOfOrderQueue } from '../../src/tcp/reassembly';
import { RetransmissionQueue } from '../../src/tcp/rtx';
import { type SegmentRule, SegmentRules } from '../../src/tcp/rules';
import { ACK, FIN, SYN } from '../../src/tcp/segment';
import { wire } from './harness';

describe('out-of-order queue', () => {
  it('holds 201–300 and 301–400 above a gap at 101; 101–200 arriving fills it: RCV.NXT 401, 200 bytes', () => {
    const q = new OutOfOrderQueue();
    q.hold(301, 100, false);
    q.hold(201, 100, false);
    q.hold(201, 100, false); // a duplicate is held once
    expect(q.size).toBe(2);
    expect(q.drain(201)).toEqual({ rcvNxt: 401, bytes: 200, fin: false });
    expect(q.size).toBe(0);
  });

  it('a gap that is still open moves nothing', () => {
    const q = new OutOfOrderQueue();
    q.hold(301, 100, false);
    expect(q.drain(201)).toEqual({ rcvNxt: 201, bytes: 0, fin: false });
    expect(q.size).toBe(1);
  });

  it('an overlapping segment counts only its new bytes; one wholly below RCV.NXT is dropped', () => {
    const q = new OutOfOrderQueue();
    q.hold(150, 100, false); // 150–249, overlaps RCV.NXT 201
    q.hold(120, 30, false); // 120–149, wholly below
    expect(q.drain(201)).toEqual({ rcvNxt: 250, bytes: 49, fin: false });
    expect(q.size).toBe(0);
  });

  it('stops at a FIN that comes in order, and works across 2^32', () => {
    const q = new OutOfOrderQueue();
    q.hold(4_294_967_290, 10, false); // wraps to 4
    q.hold(4, 0, true);
    q.hold(5, 10, false); // beyond the FIN: never reached
    expect(q.drain(4_294_967_290)).toEqual({ rcvNxt: 4, bytes: 10, fin: true });
  });

  it('a lost segment ahead of 19,999 one-byte segments: all delivered once it is retransmitted', () => {
    // mss 1, the first data segment lost: B holds 19,999 segments, then the retransmission fills the gap.
    const trace = runScenario({
      version: 1,
      endpoints: { A: { mss: 1, isn: 100 }, B: { isn: 300 } },
      faults: [{ drop: { from: 'A', flags: ['ACK'], nth: 2 } }],
      options: { maxEvents: 1_000_000 },
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 1, endpoint: 'A', call: 'connect' },
        { at: 200, endpoint: 'A', call: 'send', bytes: 20_000 },
      ],
    });
    const data = trace.events.filter((e) => e.type === 'app' && e.endpoint === 'B' && e.event === 'data');
    const bytes = data.reduce((sum, e) => sum + ((e as { bytes?: number }).bytes ?? 0), 0);
    expect(trace.truncated).toBeUndefined();
    expect(bytes).toBe(20_000);
    // The ACK after the repair acknowledges everything at once: ISS 100 + SYN + 20,000 bytes.
    expect(wire(trace)).toContain(`B>A ACK seq=301 ack=${100 + 1 + 20_000}`);
  });
});

describe('retransmission queue', () => {
  it('keeps the sequence space in flight: SYN 1, data, FIN 1; partial acknowledgment trims the head', () => {
    const q = new RetransmissionQueue();
    q.push({ seq: 100, len: 0, flags: SYN, firstSentAt: 0 });
    q.push({ seq: 101, len: 100, flags: 0, firstSentAt: 0 });
    q.push({ seq: 201, len: 0, flags: FIN, firstSentAt: 0 });
    expect(q.space).toBe(102);
    q.shift();
    expect(q.space).toBe(101);
    q.trimFirst(151, 50, 0);
    expect(q.space).toBe(51);
    expect(q.first()).toMatchObject({ seq: 151, len: 50 });
    q.shift();
    q.shift();
    expect([q.length, q.space, q.first()]).toEqual([0, 0, undefined]);
  });

  it('70,000 entries taken off the front one by one stay in order', () => {
    const q = new RetransmissionQueue();
    for (let i = 0; i < 70_000; i++) q.push({ seq: i, len: 1, flags: 0, firstSentAt: 0 });
    for (let i = 0; i < 70_000; i++) {
      expect(q.first()?.seq).toBe(i);
      q.shift();
    }
    expect(q.length).toBe(0);
  });
});

describe('drop and delay rules', () => {
  // Senders are numbered by the simulator (v1: A = 0, B = 1).
  const A = 0;
  const B = 1;
  const rule = (first: number, last: number, ms: number): SegmentRule => ({
    from: A,
    flags: ACK,
    first,
    last,
    ms,
  });

  it('each rule applies to its range of matching segments; the first in the file wins an overlap', () => {
    // Rules in file order: 3rd–5th (10 ms), 1st–4th (20 ms), 4th (30 ms), 7th–7th (40 ms).
    const rules = new SegmentRules([rule(3, 5, 10), rule(1, 4, 20), rule(4, 4, 30), rule(7, 7, 40)]);
    const hits = Array.from({ length: 8 }, () => rules.match(A, ACK)?.ms ?? null);
    expect(hits).toEqual([20, 20, 10, 10, 10, null, 40, null]);
  });

  it('other senders and other flag sets are counted apart', () => {
    const rules = new SegmentRules([rule(2, 2, 5)]);
    expect(rules.match(B, ACK)).toBeNull();
    expect(rules.match(A, ACK | FIN)).toBeNull();
    expect(rules.match(A, ACK)).toBeNull(); // the 1st ACK from A
    expect(rules.match(A, ACK)?.ms).toBe(5); // the 2nd
  });

  it('10,000 rules in a scenario drop exactly the segments they name', () => {
    // Drop the 2nd, 4th, … 20,000th pure ACK from B: every other ACK of a 1-byte-segment transfer.
    const faults = Array.from({ length: 10_000 }, (_, i) => ({
      drop: { from: 'B' as const, flags: ['ACK' as const], nth: 2 * (i + 1) },
    }));
    const trace = runScenario({
      version: 1,
      endpoints: { A: { mss: 1 } },
      faults,
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 1, endpoint: 'A', call: 'connect' },
        { at: 200, endpoint: 'A', call: 'send', bytes: 5_000 },
      ],
    });
    const fromB = trace.events.filter(
      (e) => e.type === 'send' && e.from === 'B' && !e.segment.flags.includes('SYN'),
    );
    const dropped = trace.events.filter((e) => e.type === 'drop' && e.cause === 'fault').length;
    // Every second pure ACK from B is dropped (B's first segment, the SYN,ACK, has other flags).
    expect(dropped).toBe(Math.floor(fromB.length / 2));
  });
});
