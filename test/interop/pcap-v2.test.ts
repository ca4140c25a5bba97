/**
 * pcapFromTraceV2 (src/interop/pcap-v2.ts), read back with the project's own reader: one frame per segment
 * a host sent (lost ones included, duplicates not, as v1), each with its send's addresses and ports, and
 * the fields of the hand-written fixtures.
 */
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/interop/pcap-read';
import { framesOfV2, pcapFromTraceV2 } from '../../src/interop/pcap-v2';
import { PCAP_EPOCH_S } from '../../src/interop/pcap-write';
import { TraceV2Error } from '../../src/interop/trace-v2-check';
import type { SendEventV2, TraceV2 } from '../../src/tcp/traceV2';
import { refusedAfterLoss, threeClients } from '../cli/fixtures/traces-v2';

const sendsOf = (trace: TraceV2) => trace.events.filter((e): e is SendEventV2 => e.type === 'send');

describe('pcapFromTraceV2', () => {
  it('writes every segment of the three clients with its own addresses and ports', () => {
    const trace = threeClients();
    const capture = readCapture(pcapFromTraceV2(trace));
    expect(capture.format).toBe('pcap');
    expect(capture.linkTypes).toEqual([1]);
    expect(capture.skipped).toEqual([]);
    const sends = sendsOf(trace);
    expect(capture.packets).toHaveLength(22);
    capture.packets.forEach((p, i) => {
      const s = sends[i] as SendEventV2;
      const where = `frame ${i + 1} (#${s.id})`;
      expect(p.time, where).toBeCloseTo(PCAP_EPOCH_S + s.t / 1000, 6);
      expect([p.src, p.srcPort, p.dst, p.dstPort], where).toEqual([
        s.src.address,
        s.src.port,
        s.dst.address,
        s.dst.port,
      ]);
      expect([p.flags, p.seq, p.ack, p.len, p.win], where).toEqual([
        s.segment.flags,
        s.segment.seq,
        s.segment.ack,
        s.segment.len,
        s.segment.win,
      ]);
    });
    // By hand: the server's SYN,ACK to client2 (frame 5), and client1's 100 bytes (frame 10).
    expect(capture.packets[4]).toMatchObject({
      src: '198.51.100.1',
      srcPort: 80,
      dst: '192.0.2.2',
      dstPort: 40002,
      flags: ['SYN', 'ACK'],
      seq: 6000,
      ack: 2001,
    });
    expect(capture.packets[9]).toMatchObject({
      src: '192.0.2.1',
      srcPort: 40000,
      dst: '198.51.100.1',
      dstPort: 80,
      seq: 1001,
      ack: 5001,
      len: 100,
      capturedPayload: 100,
    });
  });

  it('gives each host its own MAC, from its address', () => {
    const bytes = pcapFromTraceV2(threeClients());
    // Frame 5 (the SYN,ACK to client2): records are 16 + 54 bytes, the first one after the 24-byte header.
    const at = 24 + 4 * (16 + 54) + 16;
    expect([...bytes.subarray(at, at + 12)]).toEqual([2, 0, 192, 0, 2, 2, 2, 0, 198, 51, 100, 1]);
  });

  it('keeps the lost SYN (it was sent) and, captured at a host, what that host sent and received', () => {
    const trace = refusedAfterLoss();
    const all = readCapture(pcapFromTraceV2(trace)).packets;
    expect(all.map((p) => [p.src, p.srcPort, p.dst, p.dstPort, p.flags.join(',')])).toEqual([
      ['192.0.2.1', 40000, '198.51.100.1', 81, 'SYN'],
      ['192.0.2.1', 40000, '198.51.100.1', 81, 'SYN'],
      ['198.51.100.1', 81, '192.0.2.1', 40000, 'ACK,RST'],
    ]);
    expect(all[2]).toMatchObject({ seq: 0, ack: 1001, win: 0 });
    // At the server: the retransmitted SYN when it arrived (1060 ms), and its RST,ACK.
    const server = readCapture(pcapFromTraceV2(trace, { captureAt: 'server' })).packets;
    expect(server.map((p) => [Math.round((p.time - PCAP_EPOCH_S) * 1000), p.flags.join(',')])).toEqual([
      [1060, 'SYN'],
      [1060, 'ACK,RST'],
    ]);
    const client = framesOfV2(trace, { captureAt: 'client' });
    expect(client.map((f) => [f.t, f.send.id])).toEqual([
      [10, 1],
      [1010, 2],
      [1110, 3],
    ]);
    expect(() => framesOfV2(trace, { captureAt: 'nobody' })).toThrow('captureAt');
  });

  it('leaves out copies made by the network, as v1 does', () => {
    const trace = refusedAfterLoss();
    const copy = { ...(trace.events[5] as SendEventV2), id: 9, duplicate: true };
    trace.events.splice(6, 0, copy);
    expect(readCapture(pcapFromTraceV2(trace)).packets).toHaveLength(3);
  });

  it('refuses a segment that no IPv4 packet can carry, naming the field', () => {
    const trace = refusedAfterLoss();
    (trace.events[2] as SendEventV2).segment.len = 65_496;
    expect(() => pcapFromTraceV2(trace)).toThrow(TraceV2Error);
    expect(() => pcapFromTraceV2(trace)).toThrow(
      '$.events[2].segment.len: expected a length from 0 to 65,495, got 65496',
    );
    const address = refusedAfterLoss();
    (address.events[2] as SendEventV2).dst = { address: '198.51.100.256', port: 81 };
    expect(() => pcapFromTraceV2(address)).toThrow('$.events[2].dst.address: expected an IPv4 address');
  });
});
