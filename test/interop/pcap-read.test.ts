import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Capture, type CapturedPacket, CaptureError, readCapture } from '../../src/interop/pcap-read';
import { traceToPcap } from '../../src/interop/pcap-write';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios';
import { runScenario, type SendEvent } from '../../src/tcp';

// ---------------------------------------------------------------- a tiny capture builder

/** Bytes in one byte order (network order by default). */
class Bytes {
  readonly out: number[] = [];
  constructor(readonly le = false) {}
  u8(...values: number[]): this {
    for (const v of values) this.out.push(v & 0xff);
    return this;
  }
  u16(v: number): this {
    return this.le ? this.u8(v, v >> 8) : this.u8(v >> 8, v);
  }
  u32(v: number): this {
    return this.le ? this.u8(v, v >> 8, v >> 16, v >>> 24) : this.u8(v >>> 24, v >> 16, v >> 8, v);
  }
  raw(bytes: readonly number[]): this {
    this.out.push(...bytes);
    return this;
  }
  pad4(): this {
    while (this.out.length % 4 !== 0) this.out.push(0);
    return this;
  }
}

const MSS = (v: number) => [2, 4, v >> 8, v & 0xff];
const WS = (v: number) => [3, 3, v];
const SACK_PERM = [4, 2];
const NOP = [1];
const TS = (a: number, b: number) => new Bytes().u8(8, 10).u32(a).u32(b).out;
const SYN_OPTIONS = [...MSS(1460), ...SACK_PERM, ...TS(123456789, 0), ...NOP, ...WS(7)];

const FLAG_BITS: Record<string, number> = {
  FIN: 0x01,
  SYN: 0x02,
  RST: 0x04,
  PSH: 0x08,
  ACK: 0x10,
  URG: 0x20,
  ECE: 0x40,
  CWR: 0x80,
};

interface TcpSpec {
  sport?: number;
  dport?: number;
  seq?: number;
  ack?: number;
  flags?: string[];
  win?: number;
  options?: number[];
  payload?: number;
  /** Override the data offset field (in bytes). */
  dataOffset?: number;
}

function tcp(s: TcpSpec = {}): number[] {
  const options = [...(s.options ?? [])];
  while (options.length % 4 !== 0) options.push(0);
  const flags = s.flags ?? ['ACK'];
  const headerLength = s.dataOffset ?? 20 + options.length;
  let bits = 0;
  for (const f of flags) bits |= FLAG_BITS[f] ?? 0;
  return new Bytes()
    .u16(s.sport ?? 40000)
    .u16(s.dport ?? 80)
    .u32(s.seq ?? 1000)
    .u32(s.ack ?? 2000)
    .u8(((headerLength / 4) << 4) | (flags.includes('NS') ? 1 : 0), bits)
    .u16(s.win ?? 65535)
    .u16(0)
    .u16(0)
    .raw(options)
    .raw(Array.from({ length: s.payload ?? 0 }, (_, i) => i)).out;
}

const v4 = (text: string) => text.split('.').map(Number);

function v6(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - t.length).fill('0'), ...t];
  return groups.flatMap((g) => {
    const v = Number.parseInt(g, 16);
    return [v >> 8, v & 0xff];
  });
}

interface Ipv4Spec {
  src?: string;
  dst?: string;
  protocol?: number;
  /** Flags and fragment offset field; default DF. */
  fragment?: number;
  totalLength?: number;
  options?: number[];
}

function ipv4(payload: number[], s: Ipv4Spec = {}): number[] {
  const options = s.options ?? [];
  const headerLength = 20 + options.length;
  return new Bytes()
    .u8(0x40 | (headerLength / 4), 0)
    .u16(s.totalLength ?? headerLength + payload.length)
    .u16(0x1234)
    .u16(s.fragment ?? 0x4000)
    .u8(64, s.protocol ?? 6)
    .u16(0)
    .raw(v4(s.src ?? '192.0.2.1'))
    .raw(v4(s.dst ?? '198.51.100.1'))
    .raw(options)
    .raw(payload).out;
}

interface Ipv6Spec {
  src?: string;
  dst?: string;
  /** The first next-header value; `extensions` holds the bytes of any extension headers. */
  next?: number;
  extensions?: number[];
  payloadLength?: number;
}

function ipv6(payload: number[], s: Ipv6Spec = {}): number[] {
  const extensions = s.extensions ?? [];
  return new Bytes()
    .u32(0x60000000)
    .u16(s.payloadLength ?? extensions.length + payload.length)
    .u8(s.next ?? 6, 64)
    .raw(v6(s.src ?? '2001:db8::1'))
    .raw(v6(s.dst ?? '2001:db8::2'))
    .raw(extensions)
    .raw(payload).out;
}

/** An extension header of `length` bytes (a multiple of 8) whose next header is `next`. */
const extension = (next: number, length = 8) => [next, length / 8 - 1, ...Array(length - 2).fill(0)];
const fragmentHeader = (next: number, offset: number, more: boolean) =>
  new Bytes()
    .u8(next, 0)
    .u16((offset << 3) | (more ? 1 : 0))
    .u32(0xabcd).out;

const MAC_A = [2, 0, 0, 0, 0, 0x0a];
const MAC_B = [2, 0, 0, 0, 0, 0x0b];

function ethernet(payload: number[], type = 0x0800, vlanTags: number[] = []): number[] {
  const b = new Bytes().raw(MAC_B).raw(MAC_A);
  for (const tpid of vlanTags) b.u16(tpid).u16(42);
  return b.u16(type).raw(payload).out;
}

const sll = (protocol: number, payload: number[]) =>
  new Bytes().u16(0).u16(1).u16(6).raw(MAC_A).u16(0).u16(protocol).raw(payload).out;
const sll2 = (protocol: number, payload: number[]) =>
  new Bytes().u16(protocol).u16(0).u32(1).u16(1).u8(4, 6).raw(MAC_A).u16(0).raw(payload).out;
const loopback = (family: number, payload: number[], le: boolean) =>
  new Bytes(le).u32(family).raw(payload).out;

interface PcapRecord {
  seconds?: number;
  fraction?: number;
  data: number[];
  /** Original length on the wire (default: the data's). */
  original?: number;
  /** Captured length field (default: the data's). */
  captured?: number;
}

interface PcapSpec {
  le?: boolean;
  ns?: boolean;
  linkType?: number;
  snaplen?: number;
  version?: [number, number];
}

function pcap(records: PcapRecord[], s: PcapSpec = {}): Uint8Array {
  const b = new Bytes(s.le ?? true)
    .u32(s.ns ? 0xa1b23c4d : 0xa1b2c3d4)
    .u16(s.version?.[0] ?? 2)
    .u16(s.version?.[1] ?? 4)
    .u32(0)
    .u32(0)
    .u32(s.snaplen ?? 262144)
    .u32(s.linkType ?? 1);
  for (const r of records) {
    b.u32(r.seconds ?? 1_700_000_000)
      .u32(r.fraction ?? 0)
      .u32(r.captured ?? r.data.length)
      .u32(r.original ?? r.data.length)
      .raw(r.data);
  }
  return Uint8Array.from(b.out);
}

function block(le: boolean, type: number, body: number[]): number[] {
  const padded = new Bytes(le).raw(body).pad4().out;
  const total = 12 + padded.length;
  return new Bytes(le).u32(type).u32(total).raw(padded).u32(total).out;
}

const shb = (le: boolean) =>
  block(le, 0x0a0d0d0a, new Bytes(le).u32(0x1a2b3c4d).u16(1).u16(0).u32(0xffffffff).u32(0xffffffff).out);

function idb(le: boolean, linkType: number, options: [number, number[]][] = [], snaplen = 0): number[] {
  const b = new Bytes(le).u16(linkType).u16(0).u32(snaplen);
  for (const [code, value] of options) b.u16(code).u16(value.length).raw(value).pad4();
  if (options.length > 0) b.u16(0).u16(0);
  return block(le, 1, b.out);
}

/** Timestamp units split into the high and low 32 bits. */
const split = (units: bigint): [number, number] => [Number(units >> 32n), Number(units & 0xffffffffn)];

function epb(le: boolean, iface: number, units: bigint, data: number[], original = data.length): number[] {
  const [high, low] = split(units);
  return block(
    le,
    6,
    new Bytes(le).u32(iface).u32(high).u32(low).u32(data.length).u32(original).raw(data).out,
  );
}

const spb = (le: boolean, data: number[], original = data.length) =>
  block(le, 3, new Bytes(le).u32(original).raw(data).out);

function packetBlock(le: boolean, iface: number, units: bigint, data: number[]): number[] {
  const [high, low] = split(units);
  return block(
    le,
    2,
    new Bytes(le).u16(iface).u16(0).u32(high).u32(low).u32(data.length).u32(data.length).raw(data).out,
  );
}

const pcapng = (...blocks: number[][]) => Uint8Array.from(blocks.flat());

/** The one packet of a capture. */
function only(capture: Capture): CapturedPacket {
  expect(capture.packets).toHaveLength(1);
  return capture.packets[0] as CapturedPacket;
}

function thrown(bytes: Uint8Array): CaptureError {
  try {
    readCapture(bytes);
  } catch (e) {
    if (e instanceof CaptureError) return e;
    throw e;
  }
  throw new Error('readCapture did not throw');
}

// ---------------------------------------------------------------- pcap

describe('pcap: every field of Ethernet + IPv4 + TCP', () => {
  const syn = ethernet(
    ipv4(
      tcp({
        sport: 40000,
        dport: 80,
        seq: 0xfffffff0,
        ack: 77,
        flags: ['SYN'],
        win: 64240,
        options: SYN_OPTIONS,
      }),
      { src: '192.0.2.1', dst: '198.51.100.1' },
    ),
  );
  const data = ethernet(
    ipv4(
      tcp({
        seq: 5,
        ack: 0x80000001,
        flags: ['ACK', 'PSH', 'URG', 'ECE', 'CWR', 'NS'],
        win: 502,
        payload: 100,
      }),
    ),
  );

  for (const le of [true, false]) {
    it(`reads a ${le ? 'little' : 'big'}-endian µs file`, () => {
      const file = pcap(
        [
          { seconds: 1_700_000_000, fraction: 123456, data: syn },
          { seconds: 1_700_000_001, fraction: 999999, data },
        ],
        { le },
      );
      const capture = readCapture(file);
      expect(capture.format).toBe('pcap');
      expect(capture.linkTypes).toEqual([1]);
      expect(capture.skipped).toEqual([]);
      expect(capture.packets[0]).toEqual({
        frame: 1,
        time: expect.any(Number),
        ipVersion: 4,
        src: '192.0.2.1',
        dst: '198.51.100.1',
        srcPort: 40000,
        dstPort: 80,
        seq: 0xfffffff0,
        ack: 0, // ACK flag off
        flags: ['SYN'],
        otherFlags: [],
        len: 0,
        win: 64240,
        options: {
          kinds: ['MSS', 'SACK_PERM', 'TS', 'NOP', 'WS'],
          mss: 1460,
          sackPermitted: true,
          timestamp: [123456789, 0],
          wscale: 7,
        },
        capturedPayload: 0,
      } satisfies CapturedPacket);
      expect(capture.packets[0]?.time).toBeCloseTo(1_700_000_000.123456, 6);
      const second = capture.packets[1] as CapturedPacket;
      expect(second.frame).toBe(2);
      expect(second.time).toBeCloseTo(1_700_000_001.999999, 6);
      expect(second.flags).toEqual(['ACK', 'PSH']);
      expect(second.otherFlags).toEqual(['URG', 'ECE', 'CWR', 'NS']);
      expect(second.ack).toBe(0x80000001);
      expect(second.len).toBe(100);
      expect(second.capturedPayload).toBe(100);
      expect(second.win).toBe(502);
      expect(second.options).toEqual({ kinds: [] });
    });
  }

  it('reads nanosecond files in both byte orders', () => {
    for (const le of [true, false]) {
      const capture = readCapture(
        pcap([{ seconds: 1_800_000_000, fraction: 987_654_321, data: syn }], { le, ns: true }),
      );
      expect(only(capture).time).toBeCloseTo(1_800_000_000 + 0.987654321, 6);
    }
  });

  it('flags come out in the canonical order SYN, ACK, FIN, RST, PSH whatever the bits', () => {
    const frame = ethernet(ipv4(tcp({ flags: ['PSH', 'RST', 'FIN', 'ACK', 'SYN'] })));
    expect(only(readCapture(pcap([{ data: frame }]))).flags).toEqual(['SYN', 'ACK', 'FIN', 'RST', 'PSH']);
  });

  it('IPv4 options and Ethernet padding do not change the lengths', () => {
    const ip = ipv4(tcp({ payload: 3 }), { options: [0x94, 4, 0, 0] }); // router alert
    const frame = [...ethernet(ip), ...Array(20).fill(0)]; // padded to the Ethernet minimum
    const p = only(readCapture(pcap([{ data: frame }])));
    expect(p.len).toBe(3);
    expect(p.capturedPayload).toBe(3);
  });

  it('TSO: an IPv4 total length of 0 takes the frame length', () => {
    const p = only(readCapture(pcap([{ data: ethernet(ipv4(tcp({ payload: 1000 }), { totalLength: 0 })) }])));
    expect(p.len).toBe(1000);
  });

  it('ignores the FCS bits in the link type field', () => {
    expect(readCapture(pcap([{ data: syn }], { linkType: 0x14000001 })).linkTypes).toEqual([1]);
  });

  it('an empty capture has no packets', () => {
    expect(readCapture(pcap([]))).toEqual({ format: 'pcap', linkTypes: [1], packets: [], skipped: [] });
  });
});

describe('link types', () => {
  const segment = tcp({ sport: 1234, dport: 443, seq: 42, flags: ['SYN'] });
  const v4frame = ipv4(segment);
  const v6frame = ipv6(segment, { src: '2001:db8::1', dst: 'fe80::1:0:0:1' });
  const cases: [string, number, number[], 4 | 6][] = [
    ['Ethernet IPv6', 1, ethernet(v6frame, 0x86dd), 6],
    ['802.1Q VLAN', 1, ethernet(v4frame, 0x0800, [0x8100]), 4],
    ['802.1ad QinQ', 1, ethernet(v6frame, 0x86dd, [0x88a8, 0x8100]), 6],
    ['Linux SLL IPv4', 113, sll(0x0800, v4frame), 4],
    ['Linux SLL IPv6', 113, sll(0x86dd, v6frame), 6],
    ['Linux SLL2 IPv4', 276, sll2(0x0800, v4frame), 4],
    ['Linux SLL2 IPv6', 276, sll2(0x86dd, v6frame), 6],
    ['RAW 101 IPv4', 101, v4frame, 4],
    ['RAW 101 IPv6', 101, v6frame, 6],
    ['RAW 12', 12, v4frame, 4],
    ['RAW 14', 14, v6frame, 6],
    ['NULL little-endian IPv4', 0, loopback(2, v4frame, true), 4],
    ['NULL big-endian IPv4', 0, loopback(2, v4frame, false), 4],
    ['NULL IPv6 (24, BSD)', 0, loopback(24, v6frame, true), 6],
    ['NULL IPv6 (28, FreeBSD)', 0, loopback(28, v6frame, true), 6],
    ['NULL IPv6 (30, macOS)', 0, loopback(30, v6frame, false), 6],
    ['IPv4 (228)', 228, v4frame, 4],
    ['IPv6 (229)', 229, v6frame, 6],
  ];
  for (const [name, linkType, data, version] of cases) {
    it(name, () => {
      const capture = readCapture(pcap([{ data }], { linkType }));
      const p = only(capture);
      expect(capture.linkTypes).toEqual([linkType]);
      expect(p.ipVersion).toBe(version);
      expect([p.src, p.dst]).toEqual(
        version === 4 ? ['192.0.2.1', '198.51.100.1'] : ['2001:db8::1', 'fe80::1:0:0:1'],
      );
      expect([p.srcPort, p.dstPort, p.seq, p.flags]).toEqual([1234, 443, 42, ['SYN']]);
    });
  }

  it('a VLAN tag cut by the snaplen is skipped; in a complete frame it is an error', () => {
    const tagged = ethernet(v4frame, 0x0800, [0x8100]).slice(0, 16);
    const capture = readCapture(pcap([{ data: tagged, original: 100 }, { data: ethernet(v4frame) }]));
    expect(capture.skipped).toEqual([
      { frame: 1, reason: 'snaplen cut the VLAN tag (needs 4 bytes, captured 2)' },
    ]);
    expect(capture.packets.map((p) => p.frame)).toEqual([2]);
    expect(thrown(pcap([{ data: tagged }])).message).toMatch(/^frame 1: frame too short for the VLAN tag/);
  });

  it('an unknown link type skips its frames, naming it', () => {
    const capture = readCapture(pcap([{ data: v4frame }], { linkType: 105 }));
    expect(capture.packets).toEqual([]);
    expect(capture.skipped).toEqual([{ frame: 1, reason: 'link type 105 not supported' }]);
  });

  it('a loopback family that is not IP is skipped', () => {
    const capture = readCapture(pcap([{ data: loopback(7, v4frame, true) }], { linkType: 0 }));
    expect(capture.skipped[0]?.reason).toBe('loopback address family 7 (not IP)');
  });
});

describe('IPv6', () => {
  const segment = tcp({ flags: ['SYN'], options: SYN_OPTIONS, payload: 10 });

  it('walks hop-by-hop, routing and destination options headers to TCP', () => {
    const extensions = [...extension(43), ...extension(60, 16), ...extension(6)];
    const p = only(readCapture(pcap([{ data: ethernet(ipv6(segment, { next: 0, extensions }), 0x86dd) }])));
    expect(p.len).toBe(10);
    expect(p.options.mss).toBe(1460);
  });

  it('an atomic fragment (offset 0, no more fragments) is read; a real fragment is skipped', () => {
    const atomic = ipv6(segment, { next: 44, extensions: fragmentHeader(6, 0, false) });
    const first = ipv6(segment, { next: 44, extensions: fragmentHeader(6, 0, true) });
    const later = ipv6(segment, { next: 44, extensions: fragmentHeader(6, 100, false) });
    const capture = readCapture(
      pcap([{ data: atomic }, { data: first }, { data: later }], { linkType: 229 }),
    );
    expect(capture.packets.map((p) => p.frame)).toEqual([1]);
    expect(capture.skipped).toEqual([
      { frame: 2, reason: 'IPv6 fragment' },
      { frame: 3, reason: 'IPv6 fragment' },
    ]);
  });

  it('compresses addresses as RFC 5952 says', () => {
    const cases: [string, string][] = [
      ['0:0:0:0:0:0:0:1', '::1'],
      ['0:0:0:0:0:0:0:0', '::'],
      ['2001:db8:0:0:0:0:0:1', '2001:db8::1'],
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'], // the longest run
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // the first of equal runs
      ['fe80:0:0:0:0:0:0:0', 'fe80::'],
      ['0:0:0:0:0:ffff:c000:201', '::ffff:192.0.2.1'],
      ['ABCD:EF01:2345:6789:ABCD:EF01:2345:6789', 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
    ];
    for (const [long, short] of cases) {
      const p = only(readCapture(pcap([{ data: ipv6(segment, { src: long }) }], { linkType: 229 })));
      expect(p.src).toBe(short);
    }
  });
});

describe('frames that are not TCP are skipped with a reason', () => {
  it('names ARP, UDP, ICMP, fragments, LLC, ICMPv6 and other protocols', () => {
    const frames = [
      ethernet(Array(28).fill(0), 0x0806),
      ethernet(ipv4(Array(8).fill(0), { protocol: 17 })),
      ethernet(ipv4(Array(8).fill(0), { protocol: 1 })),
      ethernet(ipv4(tcp(), { fragment: 0x2000 })), // more fragments
      ethernet(ipv4(Array(8).fill(0), { fragment: 0x0010 })), // offset 128
      ethernet(ipv4(Array(8).fill(0), { protocol: 99 })),
      ethernet(Array(46).fill(0), 46), // 802.3 length field
      ethernet(ipv6(Array(8).fill(0), { next: 58 }), 0x86dd),
      ethernet(ipv6(tcp(), { next: 0, extensions: extension(17) }), 0x86dd),
      ethernet(Array(46).fill(0), 0x88cc),
      ethernet(Array(46).fill(0), 0x1234),
      ethernet(ipv6(tcp()), 0x0800), // IPv6 inside an IPv4 ethertype
      ethernet(ipv4(tcp({ seq: 9 }))),
    ];
    const capture = readCapture(pcap(frames.map((data) => ({ data }))));
    expect(capture.skipped).toEqual([
      { frame: 1, reason: 'ARP (ethertype 0x0806)' },
      { frame: 2, reason: 'UDP' },
      { frame: 3, reason: 'ICMP' },
      { frame: 4, reason: 'IPv4 fragment' },
      { frame: 5, reason: 'IPv4 fragment' },
      { frame: 6, reason: 'IP protocol 99' },
      { frame: 7, reason: 'IEEE 802.3 frame with LLC (length field 46)' },
      { frame: 8, reason: 'ICMPv6' },
      { frame: 9, reason: 'UDP' },
      { frame: 10, reason: 'LLDP (ethertype 0x88cc)' },
      { frame: 11, reason: 'ethertype 0x1234 (not IP)' },
      { frame: 12, reason: 'IP version 6 in a frame the link layer marks IPv4' },
    ]);
    expect(capture.packets.map((p) => [p.frame, p.seq])).toEqual([[13, 9]]);
  });
});

describe('snaplen', () => {
  const frame = ethernet(ipv4(tcp({ options: SYN_OPTIONS, payload: 500 })));

  it('a payload cut by the snaplen keeps the full len and counts the captured bytes', () => {
    const cut = frame.slice(0, 14 + 20 + 40 + 60);
    const p = only(readCapture(pcap([{ data: cut, original: frame.length }], { snaplen: cut.length })));
    expect(p.len).toBe(500);
    expect(p.capturedPayload).toBe(60);
  });

  it('a TCP header cut by the snaplen skips the frame', () => {
    const cut = frame.slice(0, 14 + 20 + 30);
    const capture = readCapture(pcap([{ data: cut, original: frame.length }], { snaplen: cut.length }));
    expect(capture.packets).toEqual([]);
    expect(capture.skipped).toEqual([
      { frame: 1, reason: 'snaplen cut the TCP header (needs 40 bytes, captured 30)' },
    ]);
  });

  it('an IP header cut by the snaplen skips the frame', () => {
    const cut = frame.slice(0, 14 + 10);
    const capture = readCapture(pcap([{ data: cut, original: frame.length }]));
    expect(capture.skipped).toEqual([
      { frame: 1, reason: 'snaplen cut the IPv4 header (needs 20 bytes, captured 10)' },
    ]);
  });

  it('a captured length above the snaplen is an error naming the frame', () => {
    const e = thrown(pcap([{ data: frame }, { data: frame }], { snaplen: 100 }));
    expect(e.frame).toBe(1);
    expect(e.offset).toBe(24 + 8);
    expect(e.message).toBe(
      `frame 1: captured length ${frame.length} exceeds the snapshot length 100 at byte offset 32`,
    );
  });
});

describe('errors name the frame, the byte offset and what is wrong', () => {
  const good = ethernet(ipv4(tcp()));

  it('wrong magic, garbage, too short', () => {
    expect(thrown(Uint8Array.from([0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0])).message).toBe(
      'wrong magic number 0x12345678: not a pcap or pcapng file at byte offset 0',
    );
    expect(thrown(new TextEncoder().encode('<html>not a capture</html>')).message).toMatch(
      /^wrong magic number/,
    );
    const short = thrown(pcap([]).slice(0, 8));
    expect(short.message).toBe('file too short for a pcap header (8 bytes, needs 24) at byte offset 8');
    expect(thrown(new Uint8Array(0)).offset).toBe(0);
    expect(thrown(new Uint8Array(3)).message).toMatch(/too short/);
  });

  it('an unsupported pcap version', () => {
    expect(thrown(pcap([], { version: [1, 0] })).message).toMatch(/unsupported pcap version 1\.0/);
  });

  it('a truncated record header or record data names the frame', () => {
    const file = pcap([{ data: good }, { data: good }]);
    const header = thrown(file.slice(0, file.length - good.length - 6));
    expect(header.message).toBe(
      `frame 2: record header truncated at byte offset ${24 + 16 + good.length} (file ends at ${file.length - good.length - 6})`,
    );
    expect(header.frame).toBe(2);
    const data = thrown(file.slice(0, file.length - 1));
    expect(data.frame).toBe(2);
    expect(data.offset).toBe(24 + 16 + good.length + 16);
    expect(data.message).toMatch(
      /^frame 2: record data truncated at byte offset \d+ \(needs 54 bytes, file ends at \d+\)$/,
    );
  });

  it('a TCP data offset beyond the IP payload', () => {
    const frame = ethernet(ipv4(tcp({ dataOffset: 60 })));
    const e = thrown(pcap([{ data: good }, { data: frame }]));
    expect(e.frame).toBe(2);
    expect(e.message).toMatch(
      /^frame 2: TCP data offset 60 exceeds the IP payload \(20 bytes\) at byte offset \d+$/,
    );
    expect(e.offset).toBe(24 + 16 + good.length + 16 + 14 + 20 + 12);
  });

  it('a TCP data offset below 20, an IPv4 header length below 20, lengths beyond the frame', () => {
    expect(thrown(pcap([{ data: ethernet(ipv4(tcp({ dataOffset: 16 }))) }])).message).toMatch(
      /^frame 1: TCP data offset 16 is below the minimum 20/,
    );
    const badIhl = ethernet(ipv4(tcp()));
    badIhl[14] = 0x44;
    expect(thrown(pcap([{ data: badIhl }])).message).toMatch(
      /^frame 1: IPv4 header length 16 is below the minimum 20/,
    );
    const long = ethernet(ipv4(tcp(), { totalLength: 1500 }));
    expect(thrown(pcap([{ data: long }])).message).toMatch(
      /^frame 1: IPv4 total length 1500 exceeds the frame \(40 bytes after the link header\)/,
    );
    const short = ethernet(ipv4(tcp(), { totalLength: 30 }));
    expect(thrown(pcap([{ data: short }])).message).toMatch(/TCP header/);
    const v6long = ethernet(ipv6(tcp(), { payloadLength: 400 }), 0x86dd);
    expect(thrown(pcap([{ data: v6long }])).message).toMatch(
      /^frame 1: IPv6 payload length 400 exceeds the frame/,
    );
    const v6ext = ethernet(ipv6(tcp(), { next: 0, extensions: [6, 200, ...Array(6).fill(0)] }), 0x86dd);
    expect(thrown(pcap([{ data: v6ext }])).message).toMatch(
      /^frame 1: IPv6 extension header of 1608 bytes runs past/,
    );
  });

  it('an error beyond the captured bytes points at the last captured byte (found by the fuzz test)', () => {
    const frame = ipv6(tcp({ payload: 24 }), { next: 60, extensions: extension(6, 16) });
    frame[41] = 5; // the destination options header now claims 48 bytes, leaving 12 for TCP
    const file = pcap([{ data: frame.slice(0, 80), original: frame.length }], { linkType: 229 });
    const e = thrown(file);
    expect(e.message).toMatch(/^frame 1: the IP payload \(12 bytes\) is too short for a TCP header \(20\)/);
    expect(e.offset).toBe(file.length);
  });

  it('a complete frame too short for its headers is malformed (not a snaplen cut)', () => {
    const e = thrown(pcap([{ data: ethernet(ipv4(tcp())).slice(0, 14 + 20 + 10) }]));
    expect(e.message).toMatch(
      /^frame 1: IPv4 total length 40 exceeds the frame \(30 bytes after the link header\)/,
    );
    const tiny = thrown(pcap([{ data: ethernet([0x45, 0]) }]));
    expect(tiny.message).toMatch(/^frame 1: frame too short for the IPv4 header \(needs 20 bytes, has 2\)/);
  });

  it('bad TCP option lengths', () => {
    const cases: [number[], RegExp][] = [
      [[2, 0, 0, 0], /TCP option kind 2 has length 0 \(at least 2\)/],
      [[8, 1, 0, 0], /TCP option kind 8 has length 1/],
      [[...NOP, ...NOP, ...NOP, 30], /TCP option kind 30 has no length byte/],
      [[30, 9, 0, 0, 0, 0, 0, 0], /TCP option kind 30 has length 9, past the end of the TCP header/],
      [[2, 3, 5, 0], /TCP option MSS has length 3 \(should be 4\)/],
      [[5, 6, 0, 0, 0, 0, 0, 0], /TCP option SACK has length 6 \(2 \+ 8n\)/],
    ];
    for (const [options, message] of cases) {
      const e = thrown(pcap([{ data: ethernet(ipv4(tcp({ options }))) }]));
      expect(e.message).toMatch(message);
      expect(e.frame).toBe(1);
      expect(e.offset).toBeGreaterThanOrEqual(24 + 16 + 14 + 20 + 20);
    }
  });

  it('reads unknown options, SACK blocks and stops at EOL', () => {
    const sack = new Bytes().u8(5, 10).u32(1).u32(2).out;
    const options = [...NOP, ...NOP, ...sack, 30, 4, 0xab, 0xcd, 0, 99, 99, 99];
    const p = only(readCapture(pcap([{ data: ethernet(ipv4(tcp({ options }))) }])));
    expect(p.options).toEqual({ kinds: ['NOP', 'NOP', 'SACK', 'kind-30', 'EOL'] });
  });
});

// ---------------------------------------------------------------- pcapng

describe('pcapng', () => {
  const frame = (seq: number) => ethernet(ipv4(tcp({ seq, flags: ['ACK'] })));
  const units = (seconds: number, fraction: bigint, perSecond: bigint) =>
    BigInt(seconds) * perSecond + fraction;

  for (const le of [true, false]) {
    it(`reads a ${le ? 'little' : 'big'}-endian section: EPB, SPB, obsolete PB, and skips other blocks`, () => {
      const file = pcapng(
        shb(le),
        block(le, 4, [0, 0, 0, 0]), // name resolution: end of records only
        idb(le, 1),
        epb(le, 0, units(1_700_000_000, 250_000n, 1_000_000n), frame(1)),
        spb(le, frame(2)),
        block(le, 5, new Bytes(le).u32(0).u32(0).u32(0).out), // interface statistics
        block(le, 0x0000000a, new Bytes(le).u32(0x544c534b).u32(4).raw([1, 2, 3, 4]).out), // decryption secrets
        block(le, 0x40000bad, [0, 0, 0x7e, 0x7e, 1, 2, 3]), // custom block
        packetBlock(le, 0, units(1_700_000_002, 5n, 1_000_000n), frame(3)),
        block(le, 0x12345678, []), // unknown
        epb(le, 0, units(1_700_000_003, 0n, 1_000_000n), frame(4)),
      );
      const capture = readCapture(file);
      expect(capture.format).toBe('pcapng');
      expect(capture.linkTypes).toEqual([1]);
      expect(capture.skipped).toEqual([]);
      expect(capture.packets.map((p) => [p.frame, p.seq])).toEqual([
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
      ]);
      const [t1, t2, t3, t4] = capture.packets.map((p) => p.time);
      expect(t1).toBeCloseTo(1_700_000_000.25, 6);
      expect(t2).toBe(t1); // a simple packet block has no timestamp: the previous packet's
      expect(t3).toBeCloseTo(1_700_000_002.000005, 6);
      expect(t4).toBe(1_700_000_003);
    });
  }

  it('honours if_tsresol (powers of 10 and 2) and if_tsoffset, per interface', () => {
    const le = true;
    const file = pcapng(
      shb(le),
      idb(le, 1, [[9, [9]]]), // ns
      idb(le, 101, [[9, [0x80 | 20]]]), // 2^-20 s
      idb(le, 113, [
        [9, [3]], // ms
        [14, new Bytes(le).u32(1_000_000_000).u32(0).out], // offset 1e9 s
      ]),
      epb(le, 0, units(1_800_000_000, 123_456_789n, 1_000_000_000n), frame(1)),
      epb(le, 1, units(1_800_000_000, 1n << 19n, 1n << 20n), ipv4(tcp({ seq: 2 }))),
      epb(le, 2, units(700_000_000, 250n, 1000n), sll(0x0800, ipv4(tcp({ seq: 3 })))),
    );
    const capture = readCapture(file);
    expect(capture.linkTypes).toEqual([1, 101, 113]);
    const [a, b, c] = capture.packets.map((p) => p.time);
    expect(a).toBeCloseTo(1_800_000_000 + 0.123456789, 6);
    expect(b).toBe(1_800_000_000.5);
    expect(c).toBe(1_700_000_000.25);
    expect(capture.packets.map((p) => p.seq)).toEqual([1, 2, 3]);
  });

  it('several sections, each with its own byte order and interfaces', () => {
    const file = pcapng(
      shb(true),
      idb(true, 276),
      epb(true, 0, 0n, sll2(0x0800, ipv4(tcp({ seq: 1 })))),
      shb(false),
      idb(false, 229),
      epb(false, 0, 0n, ipv6(tcp({ seq: 2 }))),
      epb(false, 0, 0n, ipv6(Array(8).fill(0), { next: 17 })),
    );
    const capture = readCapture(file);
    expect(capture.linkTypes).toEqual([276, 229]);
    expect(capture.packets.map((p) => [p.frame, p.seq, p.ipVersion])).toEqual([
      [1, 1, 4],
      [2, 2, 6],
    ]);
    expect(capture.skipped).toEqual([{ frame: 3, reason: 'UDP' }]);
  });

  it('a simple packet block is cut at the interface snaplen', () => {
    const full = ethernet(ipv4(tcp({ payload: 100 })));
    const file = pcapng(shb(true), idb(true, 1, [], 64), spb(true, full));
    const p = only(readCapture(file));
    expect(p.len).toBe(100);
    expect(p.capturedPayload).toBe(64 - 54);
  });

  it('bad block lengths, byte-order magic, version and interface references', () => {
    const good = pcapng(shb(true), idb(true, 1), epb(true, 0, 0n, frame(1)));
    const epbAt = shb(true).length + idb(true, 1).length;
    const setU32 = (file: Uint8Array, at: number, value: number) => {
      const copy = file.slice();
      new DataView(copy.buffer).setUint32(at, value, true);
      return copy;
    };
    const notMultiple = thrown(setU32(good, epbAt + 4, 70));
    expect(notMultiple.message).toBe(
      `frame 1: enhanced packet block has a bad total length 70 (must be a multiple of 4, at least 12) at byte offset ${epbAt + 4}`,
    );
    expect(notMultiple.frame).toBe(1);
    expect(thrown(setU32(good, epbAt + 4, 8)).message).toMatch(/bad total length 8/);
    const tooLong = thrown(setU32(good, epbAt + 4, 1000));
    expect(tooLong.message).toBe(
      `frame 1: enhanced packet block truncated at byte offset ${epbAt} (needs 1000 bytes, file ends at ${good.length})`,
    );
    const trailing = thrown(setU32(good, good.length - 4, 96));
    expect(trailing.message).toMatch(
      /^frame 1: enhanced packet block ends with total length 96, but starts with \d+/,
    );
    expect(trailing.offset).toBe(good.length - 4);
    const idbLength = thrown(setU32(good, shb(true).length + 4, 13));
    expect(idbLength.message).toMatch(/^interface description block has a bad total length 13/);
    expect(idbLength.frame).toBeUndefined();
    expect(thrown(setU32(good, 8, 0x11223344)).message).toMatch(/wrong byte-order magic 0x44332211/);
    const version = good.slice();
    version[12] = 2;
    expect(thrown(version).message).toMatch(/unsupported pcapng version 2\.0/);
    expect(thrown(setU32(good, epbAt + 8, 3)).message).toMatch(
      /^frame 1: packet refers to interface 3, but the section describes 1/,
    );
    expect(thrown(setU32(good, epbAt + 20, 500)).message).toMatch(
      /^frame 1: captured length 500 exceeds the block/,
    );
    expect(thrown(pcapng(shb(true), epb(true, 0, 0n, frame(1)))).message).toMatch(
      /interface 0, but the section describes 0/,
    );
    const badOption = pcapng(
      shb(true),
      block(true, 1, new Bytes(true).u16(1).u16(0).u32(0).u16(9).u16(40).out),
    );
    expect(thrown(badOption).message).toMatch(/interface option 9 has length 40, past the end of its block/);
  });
});

// ---------------------------------------------------------------- truncation at every length

/**
 * The rule: a file cut exactly between records/blocks parses the complete frames before the cut; a cut
 * anywhere else is a CaptureError at an offset ≤ the cut, naming the frame when the cut is inside one
 * (in pcapng, once the block type shows it is a packet block).
 */
describe('every prefix of a valid file', () => {
  const frames = [
    ethernet(ipv4(tcp({ seq: 1, flags: ['SYN'], options: SYN_OPTIONS }))),
    ethernet(ipv6(tcp({ seq: 2, payload: 7 })), 0x86dd),
    ethernet(ipv4(tcp({ seq: 3, flags: ['FIN', 'ACK'] }))),
  ];

  it('pcap', () => {
    const file = pcap(frames.map((data) => ({ data })));
    const ends = [24];
    for (const f of frames) ends.push((ends.at(-1) as number) + 16 + f.length);
    for (let length = 0; length < file.length; length++) {
      const prefix = file.slice(0, length);
      const complete = ends.indexOf(length);
      if (complete >= 0) {
        expect(readCapture(prefix).packets.map((p) => p.seq)).toEqual([1, 2, 3].slice(0, complete));
      } else {
        const e = thrown(prefix);
        expect(e.offset).toBeLessThanOrEqual(length);
        const inFrame = ends.findIndex((end) => end > length);
        expect(e.frame).toBe(inFrame >= 1 ? inFrame : undefined);
      }
    }
  });

  it('pcapng', () => {
    const le = false;
    const blocks = [shb(le), idb(le, 1, [[9, [6]]]), ...frames.map((f) => epb(le, 0, 1n, f))];
    const file = pcapng(...blocks);
    const ends: number[] = [];
    for (const b of blocks) ends.push((ends.at(-1) ?? 0) + b.length);
    for (let length = 0; length < file.length; length++) {
      const prefix = file.slice(0, length);
      const complete = ends.indexOf(length);
      if (complete >= 0 || length === 0) {
        // A prefix ending between blocks (the empty file aside) is a valid shorter capture.
        if (length === 0) {
          expect(thrown(prefix).offset).toBe(0);
          continue;
        }
        expect(readCapture(prefix).packets.length).toBe(Math.max(0, complete - 1));
      } else {
        const e = thrown(prefix);
        expect(e.offset).toBeLessThanOrEqual(length);
        const inBlock = ends.findIndex((end) => end > length);
        // Until its first 4 bytes (the block type) are there, nothing says the block holds a frame.
        const typeKnown = length - (ends[inBlock - 1] ?? 0) >= 4;
        expect(e.frame).toBe(inBlock >= 2 && typeKnown ? inBlock - 1 : undefined);
      }
    }
  });
});

// ---------------------------------------------------------------- fuzz

/** readCapture either returns a sound Capture or throws a CaptureError with an offset in the file. */
function behaves(bytes: Uint8Array): boolean {
  let capture: Capture;
  try {
    capture = readCapture(bytes);
  } catch (e) {
    if (!(e instanceof CaptureError)) throw e;
    if (!Number.isInteger(e.offset) || e.offset < 0 || e.offset > bytes.length) {
      throw new Error(`offset ${e.offset} outside [0, ${bytes.length}]: ${e.message}`);
    }
    if (e.frame !== undefined && !e.message.startsWith(`frame ${e.frame}: `)) throw new Error(e.message);
    return true;
  }
  const frames = [...capture.packets.map((p) => p.frame), ...capture.skipped.map((s) => s.frame)];
  if (new Set(frames).size !== frames.length) throw new Error('a frame both read and skipped');
  for (const p of capture.packets) {
    const order = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'];
    const positions = p.flags.map((f) => order.indexOf(f));
    if (positions.some((x, i) => x < 0 || (i > 0 && x <= (positions[i - 1] as number)))) return false;
    if (!(p.seq >= 0 && p.seq <= 0xffffffff && p.ack >= 0 && p.ack <= 0xffffffff)) return false;
    if (!p.flags.includes('ACK') && p.ack !== 0) return false;
    if (!(p.capturedPayload >= 0 && p.capturedPayload <= p.len)) return false;
    if (!Number.isFinite(p.time)) return false;
  }
  return true;
}

/** Runs per fuzz property; FUZZ_RUNS=100000 for a longer hunt. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5000);

const SEEDS: Uint8Array[] = [
  pcap(
    [
      { data: ethernet(ipv4(tcp({ flags: ['SYN'], options: SYN_OPTIONS }))) },
      { data: ethernet(ipv6(tcp({ payload: 20 }), { next: 0, extensions: extension(6) }), 0x86dd, [0x8100]) },
      { data: ethernet(ipv4(Array(8).fill(0), { protocol: 17 })) },
    ],
    { le: true },
  ),
  pcap([{ data: sll(0x0800, ipv4(tcp({ options: [...NOP, ...MSS(536)] }))) }], {
    le: false,
    ns: true,
    linkType: 113,
  }),
  pcap([{ data: loopback(30, ipv6(tcp({ flags: ['RST'] })), true) }], { linkType: 0 }),
  pcapng(
    shb(true),
    idb(true, 1, [[9, [9]]]),
    idb(true, 276),
    epb(true, 0, 5n, ethernet(ipv4(tcp({ flags: ['SYN', 'ACK'], options: SYN_OPTIONS })))),
    epb(true, 1, 6n, sll2(0x86dd, ipv6(tcp({ payload: 3 })))),
    spb(true, ethernet(ipv4(tcp()))),
    block(true, 5, [0, 0, 0, 0]),
  ),
  pcapng(shb(false), idb(false, 101), packetBlock(false, 0, 1n, ipv4(tcp({ options: SYN_OPTIONS })))),
];

type Mutation = { kind: number; at: number; size: number; value: number };

function mutate(seed: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = Array.from(seed);
  for (const m of mutations) {
    const at = bytes.length === 0 ? 0 : m.at % bytes.length;
    switch (m.kind) {
      case 0: // flip one bit
        bytes[at] = (bytes[at] ?? 0) ^ (1 << (m.value % 8));
        break;
      case 1: // overwrite a byte
        bytes[at] = m.value;
        break;
      case 2: // truncate
        bytes = bytes.slice(0, at);
        break;
      case 3: // duplicate a range
        bytes.splice(at, 0, ...bytes.slice(at, at + m.size));
        break;
      case 4: // delete a range
        bytes.splice(at, m.size);
        break;
      default: // set a 32-bit field to an extreme
        for (let i = 0; i < 4 && at + i < bytes.length; i++) bytes[at + i] = m.value & 1 ? 0xff : 0;
    }
  }
  return Uint8Array.from(bytes);
}

const mutation = fc.record({
  kind: fc.integer({ min: 0, max: 5 }),
  at: fc.nat(),
  size: fc.integer({ min: 1, max: 64 }),
  value: fc.integer({ min: 0, max: 255 }),
});

describe('fuzz: only ever a Capture or a CaptureError', () => {
  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048, size: 'max' }), behaves), { numRuns: RUNS });
  });

  it('random bytes after a valid file header', () => {
    const headers = [
      pcap([], { le: true }),
      pcap([], { le: false, ns: true, linkType: 113 }),
      pcapng(shb(true), idb(true, 1)),
      pcapng(shb(false), idb(false, 276)),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...headers),
        fc.uint8Array({ maxLength: 512, size: 'max' }),
        (header, tail) => {
          const bytes = new Uint8Array(header.length + tail.length);
          bytes.set(header);
          bytes.set(tail, header.length);
          return behaves(bytes);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('mutations of valid files: flipped and overwritten bytes, truncation, duplicated and deleted ranges', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...SEEDS),
        fc.array(mutation, { minLength: 1, maxLength: 8 }),
        (seed, mutations) => behaves(mutate(seed, mutations)),
      ),
      { numRuns: RUNS },
    );
  });

  it('well-formed records holding plausible frames of every link type, edited at random', () => {
    const segment = tcp({ flags: ['SYN'], options: SYN_OPTIONS, payload: 4 });
    const v4frame = ipv4(segment);
    // hop-by-hop, then an atomic fragment header, then TCP
    const v6frame = ipv6(segment, {
      next: 0,
      extensions: [...extension(44), ...fragmentHeader(6, 0, false)],
    });
    const templates: [number, number[]][] = [
      [1, ethernet(v4frame)],
      [1, ethernet(v6frame, 0x86dd, [0x8100])],
      [113, sll(0x0800, v4frame)],
      [276, sll2(0x86dd, v6frame)],
      [0, loopback(2, v4frame, true)],
      [108, loopback(24, v6frame, false)],
      [101, v4frame],
      [229, ipv6(segment, { next: 60, extensions: extension(6, 16) })],
      [105, v4frame],
    ];
    const record = fc.record({
      template: fc.nat(templates.length - 1),
      edits: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
      cut: fc.oneof(fc.constant(0), fc.nat(80)),
      noise: fc.uint8Array({ maxLength: 64 }),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (records) => {
        const [linkType] = templates[records[0]?.template ?? 0] as [number, number[]];
        const built = records.map((r) => {
          const [, template] = templates[r.template] as [number, number[]];
          const frame = template.concat(Array.from(r.noise));
          for (const [at, value] of r.edits) frame[at % frame.length] = value;
          // cut > 0: the snaplen kept only part of the frame
          return {
            data: frame.slice(0, frame.length - Math.min(r.cut, frame.length)),
            original: frame.length,
          };
        });
        return behaves(pcap(built, { linkType }));
      }),
      { numRuns: RUNS },
    );
  });
});

// ---------------------------------------------------------------- round trip and real captures

describe('round trip through the pcap writer', () => {
  it('traceToPcap → readCapture gives back every sent segment', () => {
    for (const name of PRESET_NAMES) {
      const scenario = loadPreset(name);
      if (!scenario) throw new Error(name);
      const trace = runScenario(scenario);
      const sends = trace.events.filter((e): e is SendEvent => e.type === 'send' && !e.duplicate);
      const capture = readCapture(traceToPcap(trace));
      expect(capture.skipped).toEqual([]);
      const ports = { A: trace.scenario.endpoints.A.port, B: trace.scenario.endpoints.B.port };
      expect(
        capture.packets.map((p) => [p.seq, p.ack, p.flags, p.len, p.win, p.srcPort, p.dstPort]),
        name,
      ).toEqual(
        sends.map(({ segment: s, from, to }) => [
          s.seq,
          s.ack,
          s.flags,
          s.len,
          Math.min(s.win, 0xffff),
          ports[from],
          ports[to],
        ]),
      );
    }
  });
});

const FIXTURES = new URL('../fixtures/', import.meta.url);

/** The README's `-T fields` table for a file: frame number, src, ports, flags, seq, ack, len per frame. */
function readmeFields(file: string): string[][] {
  const readme = readFileSync(new URL('README.md', FIXTURES), 'utf8');
  const section = readme.split(/^## /m).find((s) => s.startsWith(`\`${file}\``));
  if (!section) throw new Error(`README has no section for ${file}`);
  const table = section.split('Fields (')[1]?.split('```')[1];
  if (!table) throw new Error(`README has no fields table for ${file}`);
  const lines = table.trim().split('\n');
  expect(lines[0]).toMatch(/^frame\.number\tframe\.time_relative\tip\.src\tipv6\.src\ttcp\.srcport/);
  return lines.slice(1).map((line) => line.split('\t'));
}

/** tshark's tcp.flags.str, e.g. "·······A··S·", as our canonical flags. */
function tsharkFlags(text: string): string[] {
  const letters: Record<string, string> = { S: 'SYN', A: 'ACK', F: 'FIN', R: 'RST', P: 'PSH' };
  const found = [...text].flatMap((ch) => (letters[ch] ? [letters[ch]] : []));
  return ['SYN', 'ACK', 'FIN', 'RST', 'PSH'].filter((f) => found.includes(f));
}

const FIXTURE_FILES: [string, number, number[]][] = [
  ['linux-normal.pcapng', 10, [1]],
  ['linux-normal.pcap', 10, [1]],
  ['linux-refused.pcapng', 2, [1]],
  ['linux-syn-timeout.pcap', 6, [1]],
  ['linux-normal-v6.pcapng', 10, [1]],
  ['linux-normal-sll2.pcapng', 10, [276]],
  ['linux-normal-sll.pcapng', 10, [113]],
  ['mixed-non-tcp.pcapng', 14, [1]],
];

describe('real Linux captures agree with tshark (test/fixtures/README.md)', () => {
  for (const [file, frames, linkTypes] of FIXTURE_FILES) {
    it(file, () => {
      const capture = readCapture(new Uint8Array(readFileSync(new URL(file, FIXTURES))));
      const rows = readmeFields(file);
      expect(rows).toHaveLength(frames);
      expect(capture.linkTypes).toEqual(linkTypes);
      expect(capture.packets.length + capture.skipped.length).toBe(frames);
      const first = capture.packets[0]?.time ?? 0;
      const firstFrame = Math.min(
        ...capture.packets.map((p) => p.frame),
        ...capture.skipped.map((s) => s.frame),
      );
      expect(firstFrame).toBe(1);
      for (const row of rows) {
        const [number, relative, ipSrc, ipv6Src, srcPort, dstPort, flags, seq, ack, len] = row;
        const packet = capture.packets.find((p) => p.frame === Number(number));
        if (!srcPort) {
          // not TCP (the mixed capture's UDP and ICMP): skipped
          expect(packet).toBeUndefined();
          expect(capture.skipped.some((s) => s.frame === Number(number))).toBe(true);
          continue;
        }
        if (!packet) throw new Error(`frame ${number} missing`);
        expect(packet.src).toBe(ipSrc || ipv6Src);
        expect(packet.ipVersion).toBe(ipSrc ? 4 : 6);
        expect([packet.srcPort, packet.dstPort]).toEqual([Number(srcPort), Number(dstPort)]);
        expect(packet.flags).toEqual(tsharkFlags(flags ?? ''));
        expect([packet.seq, packet.ack, packet.len]).toEqual([Number(seq), Number(ack), Number(len)]);
        if (capture.packets[0]?.frame === 1) expect(packet.time - first).toBeCloseTo(Number(relative), 6);
      }
      if (file === 'mixed-non-tcp.pcapng') {
        expect(capture.skipped.map((s) => s.reason)).toEqual(['UDP', 'UDP', 'ICMP', 'ICMP']);
      }
      const syn = capture.packets[0] as CapturedPacket;
      expect(syn.flags).toEqual(['SYN']);
      expect(syn.options.sackPermitted).toBe(true);
      expect(syn.options.wscale).toBe(10);
      expect(syn.options.timestamp?.[1]).toBe(0);
    });
  }
});
