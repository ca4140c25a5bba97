import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CapturedPacket, readCapture } from '../../src/interop/pcap-read';
import { tcpStreams } from '../../src/interop/streams';
import type { Flag } from '../../src/tcp/types';

interface Side {
  addr: string;
  port: number;
}

const CLIENT: Side = { addr: '192.0.2.1', port: 40000 };
const CLIENT2: Side = { addr: '192.0.2.1', port: 40001 };
const SERVER: Side = { addr: '198.51.100.1', port: 80 };

let frame = 0;

/** A segment from one side to the other at time t (s). */
function seg(from: Side, to: Side, flags: Flag[], t: number, seq = 0): CapturedPacket {
  frame++;
  return {
    frame,
    time: t,
    ipVersion: from.addr.includes(':') ? 6 : 4,
    src: from.addr,
    dst: to.addr,
    srcPort: from.port,
    dstPort: to.port,
    seq,
    ack: flags.includes('ACK') ? 1 : 0,
    flags,
    otherFlags: [],
    len: 0,
    win: 65535,
    options: {},
    capturedPayload: 0,
  };
}

/** The packets of a whole connection: handshake, then both FINs and the last ACK. */
function connection(client: Side, server: Side, t: number, isn = 100): CapturedPacket[] {
  return [
    seg(client, server, ['SYN'], t, isn),
    seg(server, client, ['SYN', 'ACK'], t + 0.1),
    seg(client, server, ['ACK'], t + 0.2, isn + 1),
    seg(client, server, ['ACK', 'FIN'], t + 0.3, isn + 1),
    seg(server, client, ['ACK', 'FIN'], t + 0.4),
    seg(client, server, ['ACK'], t + 0.5, isn + 2),
  ];
}

describe('tcpStreams', () => {
  it('two interleaved connections are two streams, each with its initiator', () => {
    const one = connection(CLIENT, SERVER, 0);
    const two = connection(CLIENT2, SERVER, 0.05);
    // interleave: one's SYN first, then alternate; the second's initiator only shows up after the first's
    const packets = one.flatMap((p, i) => [p, two[i] as CapturedPacket]);
    const streams = tcpStreams(packets);
    expect(streams.map((s) => [s.index, s.a, s.b])).toEqual([
      [0, CLIENT, SERVER],
      [1, CLIENT2, SERVER],
    ]);
    expect(streams[0]?.packets).toEqual(one);
    expect(streams[1]?.packets).toEqual(two);
    expect(streams[0]?.summary).toBe('192.0.2.1:40000 → 198.51.100.1:80, 6 packets, SYN seen, FIN seen');
    expect([streams[1]?.start, streams[1]?.end]).toEqual([0.05, 0.55]);
  });

  it('the initiator is who sent the SYN, even when the peer speaks first in the capture', () => {
    const packets = [seg(SERVER, CLIENT, ['ACK'], 0), seg(CLIENT, SERVER, ['SYN'], 1, 7)];
    const [stream] = tcpStreams(packets);
    expect([stream?.a, stream?.b]).toEqual([CLIENT, SERVER]);
  });

  it('a 4-tuple reused after a RST starts a new stream', () => {
    const packets = [
      seg(CLIENT, SERVER, ['SYN'], 0, 100),
      seg(SERVER, CLIENT, ['ACK', 'RST'], 0.1),
      seg(CLIENT, SERVER, ['SYN'], 1, 5000),
      seg(SERVER, CLIENT, ['SYN', 'ACK'], 1.1),
    ];
    const streams = tcpStreams(packets);
    expect(streams.map((s) => s.packets.length)).toEqual([2, 2]);
    expect(streams.map((s) => s.summary)).toEqual([
      '192.0.2.1:40000 → 198.51.100.1:80, 2 packets, SYN seen, RST seen',
      '192.0.2.1:40000 → 198.51.100.1:80, 2 packets, SYN seen',
    ]);
  });

  it('a 4-tuple reused after both FINs starts a new stream', () => {
    const packets = [...connection(CLIENT, SERVER, 0, 100), ...connection(CLIENT, SERVER, 10, 9000)];
    const streams = tcpStreams(packets);
    expect(streams.map((s) => [s.index, s.packets.length, s.start])).toEqual([
      [0, 6, 0],
      [1, 6, 10],
    ]);
  });

  it('a SYN is not a new connection while the old one is open, nor when it repeats the old SYN', () => {
    const halfClosed = [
      ...connection(CLIENT, SERVER, 0).slice(0, 4), // only the client's FIN
      seg(CLIENT, SERVER, ['SYN'], 5, 777),
    ];
    expect(tcpStreams(halfClosed)).toHaveLength(1);
    const retransmittedSyn = [
      seg(CLIENT, SERVER, ['SYN'], 0, 100),
      seg(SERVER, CLIENT, ['ACK', 'RST'], 0.1),
      seg(CLIENT, SERVER, ['SYN'], 1, 100), // the same ISN: a retransmission, not a new connection
    ];
    expect(tcpStreams(retransmittedSyn)).toHaveLength(1);
  });

  it('a capture starting mid-connection: the initiator is the first sender', () => {
    const packets = [
      seg(SERVER, CLIENT, ['ACK', 'PSH'], 3),
      seg(CLIENT, SERVER, ['ACK'], 3.1),
      seg(CLIENT, SERVER, ['ACK', 'FIN'], 4),
    ];
    const [stream] = tcpStreams(packets);
    expect([stream?.a, stream?.b]).toEqual([SERVER, CLIENT]);
    expect(stream?.summary).toBe('198.51.100.1:80 → 192.0.2.1:40000, 3 packets, FIN seen');
  });

  it('IPv6 endpoints in brackets; one packet', () => {
    const [stream] = tcpStreams([
      seg({ addr: '2001:db8::1', port: 5 }, { addr: '::1', port: 6 }, ['SYN'], 0),
    ]);
    expect(stream?.summary).toBe('[2001:db8::1]:5 → [::1]:6, 1 packet, SYN seen');
  });

  it('no packets, no streams', () => {
    expect(tcpStreams([])).toEqual([]);
  });

  it('every packet lands in exactly one stream, in capture order, with one endpoint pair', () => {
    const side = fc.constantFrom(CLIENT, CLIENT2, SERVER, { addr: '::1', port: 80 });
    const flags = fc.subarray<Flag>(['SYN', 'ACK', 'FIN', 'RST']);
    const packet = fc.tuple(side, side, flags, fc.nat(3)).map(([a, b, f, seq]) => seg(a, b, f, 0, seq));
    fc.assert(
      fc.property(fc.array(packet, { maxLength: 40 }), (packets) => {
        const streams = tcpStreams(packets);
        const regrouped = streams.flatMap((s) => s.packets).sort((x, y) => x.frame - y.frame);
        if (regrouped.length !== packets.length || regrouped.some((p, i) => p !== packets[i])) return false;
        return streams.every((s, index) => {
          const ends = new Set([`${s.a.addr}|${s.a.port}`, `${s.b.addr}|${s.b.port}`]);
          const ordered = s.packets.every(
            (p, i) => i === 0 || (s.packets[i - 1] as CapturedPacket).frame < p.frame,
          );
          const samePair = s.packets.every(
            (p) => ends.has(`${p.src}|${p.srcPort}`) && ends.has(`${p.dst}|${p.dstPort}`),
          );
          return s.index === index && ordered && samePair;
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('tcpStreams on real Linux captures', () => {
  const read = (file: string) =>
    readCapture(new Uint8Array(readFileSync(new URL(`../fixtures/${file}`, import.meta.url)))).packets;

  it('a refused connection: one stream, SYN and RST', () => {
    const [stream, ...rest] = tcpStreams(read('linux-refused.pcapng'));
    expect(rest).toEqual([]);
    expect(stream?.b).toEqual({ addr: '127.0.0.1', port: 8080 });
    expect(stream?.summary).toMatch(/^127\.0\.0\.1:\d+ → 127\.0\.0\.1:8080, 2 packets, SYN seen, RST seen$/);
  });

  it('retransmitted SYNs stay in one stream', () => {
    const streams = tcpStreams(read('linux-syn-timeout.pcap'));
    expect(streams).toHaveLength(1);
    expect(streams[0]?.packets).toHaveLength(6);
    expect(streams[0]?.end).toBeGreaterThan((streams[0]?.start ?? 0) + 5);
  });

  it('the mixed capture has one TCP stream, initiated by the client', () => {
    const [stream, ...rest] = tcpStreams(read('mixed-non-tcp.pcapng'));
    expect(rest).toEqual([]);
    expect(stream?.a.port).not.toBe(8080);
    expect(stream?.summary).toMatch(/, 10 packets, SYN seen, FIN seen$/);
  });
});
