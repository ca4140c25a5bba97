/**
 * pcap / pcapng → the TCP segments in it, for importing real captures. Pure TypeScript over a DataView
 * (no Node APIs): it runs in the browser.
 *
 * How bad input is treated, layer by layer:
 * - The file's own structure (headers, record and block lengths) must be sound, or `CaptureError` with the
 *   byte offset (and the frame, when inside one). A file cut inside a record or block is an error naming
 *   that frame; a file cut exactly between records parses the complete frames before the cut.
 * - A frame that is not TCP over IP (ARP, UDP, ICMP, fragments, unknown link types…) is skipped, with the
 *   reason, in `Capture.skipped`.
 * - A frame cut short by the capture's snapshot length (captured < original length) before the end of its
 *   headers is skipped: "snaplen cut the TCP header (needs 32 bytes, captured 20)".
 * - A complete frame whose length fields contradict each other (IPv4 total length beyond the frame, a TCP
 *   data offset beyond the IP payload, a malformed TCP option) is a `CaptureError` naming the frame.
 * Lengths are checked against the bytes left before anything is read, and every loop moves forward by at
 * least one byte, so no input can make it allocate unboundedly or loop forever.
 * Checksums are not checked: captures on Linux `lo`/veth carry offloaded (partial) checksums.
 */
import type { Flag } from '../tcp/types';

export interface CapturedPacket {
  /** 1-based frame number, as Wireshark counts frames in the file (non-TCP frames count too). */
  frame: number;
  /** Capture timestamp in seconds since the Unix epoch (fractional; µs or ns resolution kept as far as a double allows). */
  time: number;
  ipVersion: 4 | 6;
  /** "192.0.2.1" or compressed IPv6 (RFC 5952) "::1" / "2001:db8::1". */
  src: string;
  dst: string;
  srcPort: number;
  dstPort: number;
  /** Absolute, unsigned 32-bit. */
  seq: number;
  /** 0 when the ACK flag is off (like the engine's trace). */
  ack: number;
  /** Only SYN, ACK, FIN, RST, PSH, in that canonical order. */
  flags: Flag[];
  /** The other flags present, in the order URG, ECE, CWR, NS. */
  otherFlags: string[];
  /** TCP payload length from the IP lengths (even when the snaplen cut the payload). */
  len: number;
  /** Raw window field (no scaling applied). */
  win: number;
  /**
   * Values of the TCP options the engine cares about, and `kinds`: every option present, in header order,
   * by name: 'MSS', 'WS', 'SACK_PERM', 'SACK', 'TS', 'NOP', 'EOL', or `kind-N`.
   */
  options: {
    mss?: number;
    wscale?: number;
    sackPermitted?: boolean;
    timestamp?: [number, number];
    kinds?: string[];
  };
  /** Bytes of payload actually captured (may be < len when the snaplen cut the frame). */
  capturedPayload: number;
}

/** A frame that is not a TCP segment, e.g. "UDP", "ICMP", "ARP (ethertype 0x0806)", "IPv4 fragment". */
export interface SkippedFrame {
  frame: number;
  reason: string;
}

export interface Capture {
  format: 'pcap' | 'pcapng';
  /** Every link type seen (pcapng may have several interfaces), in order of first appearance. */
  linkTypes: number[];
  /** TCP packets only, in file order. */
  packets: CapturedPacket[];
  skipped: SkippedFrame[];
}

export class CaptureError extends Error {
  /** Byte offset in the file where the problem is. */
  readonly offset: number;
  /** Frame number, when inside a frame. */
  readonly frame?: number;
  constructor(message: string, offset: number, frame?: number) {
    super(message);
    this.name = 'CaptureError';
    this.offset = offset;
    if (frame !== undefined) this.frame = frame;
  }
}

/** Throw a CaptureError whose message names the frame (if any) and the byte offset. */
function fail(message: string, offset: number, frame?: number): never {
  const where = message.includes('byte offset') ? '' : ` at byte offset ${offset}`;
  throw new CaptureError(`${frame === undefined ? '' : `frame ${frame}: `}${message}${where}`, offset, frame);
}

const hex = (value: number, digits: number) => `0x${value.toString(16).padStart(digits, '0')}`;

const PCAPNG_SHB = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;

/** Parse a pcap or pcapng file. Throws CaptureError (never anything else) for bad input. */
export function readCapture(bytes: Uint8Array): Capture {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) {
    fail(`file too short to be a capture (${bytes.length} bytes, needs at least 24)`, bytes.length);
  }
  const magic = view.getUint32(0);
  if (magic === PCAPNG_SHB) return readPcapng(view);
  const pcap = PCAP_MAGICS.get(magic);
  if (pcap) return readPcap(view, pcap.littleEndian, pcap.fractionsPerSecond);
  return fail(`wrong magic number ${hex(magic, 8)}: not a pcap or pcapng file`, 0);
}

// ---------------------------------------------------------------- pcap

/** Magic read big-endian → the file's byte order and timestamp resolution (µs, or ns for 0xa1b23c4d). */
const PCAP_MAGICS = new Map<number, { littleEndian: boolean; fractionsPerSecond: number }>([
  [0xa1b2c3d4, { littleEndian: false, fractionsPerSecond: 1e6 }],
  [0xd4c3b2a1, { littleEndian: true, fractionsPerSecond: 1e6 }],
  [0xa1b23c4d, { littleEndian: false, fractionsPerSecond: 1e9 }],
  [0x4d3cb2a1, { littleEndian: true, fractionsPerSecond: 1e9 }],
]);

function readPcap(view: DataView, le: boolean, fractionsPerSecond: number): Capture {
  const size = view.byteLength;
  if (size < 24) fail(`file too short for a pcap header (${size} bytes, needs 24)`, size);
  const major = view.getUint16(4, le);
  const minor = view.getUint16(6, le);
  if (major !== 2) fail(`unsupported pcap version ${major}.${minor} (expected 2.4)`, 4);
  const snaplen = view.getUint32(16, le);
  // The upper bits of the link type field carry FCS information (libpcap LT_LINKTYPE).
  const linkType = view.getUint32(20, le) & 0xffff;
  const out = new CaptureBuilder('pcap');
  out.linkType(linkType);
  let offset = 24;
  for (let frame = 1; offset < size; frame++) {
    if (size - offset < 16) {
      fail(`record header truncated at byte offset ${offset} (file ends at ${size})`, offset, frame);
    }
    const seconds = view.getUint32(offset, le);
    const fraction = view.getUint32(offset + 4, le);
    const captured = view.getUint32(offset + 8, le);
    const original = view.getUint32(offset + 12, le);
    // (A snaplen of 0, written by some tools, sets no limit.)
    if (snaplen > 0 && captured > snaplen) {
      fail(`captured length ${captured} exceeds the snapshot length ${snaplen}`, offset + 8, frame);
    }
    const data = offset + 16;
    if (captured > size - data) {
      fail(
        `record data truncated at byte offset ${data} (needs ${captured} bytes, file ends at ${size})`,
        data,
        frame,
      );
    }
    const time = seconds + fraction / fractionsPerSecond;
    out.frame(view, { number: frame, time, linkType, start: data, captured, original });
    offset = data + captured;
  }
  return out.capture;
}

// ---------------------------------------------------------------- pcapng

interface Interface {
  linkType: number;
  snaplen: number;
  /** Timestamp units per second (if_tsresol), exact. */
  unitsPerSecond: bigint;
  /** if_tsoffset, seconds. */
  offsetSeconds: number;
}

const BLOCK_NAMES: Record<number, string> = {
  1: 'interface description block',
  2: 'packet block',
  3: 'simple packet block',
  4: 'name resolution block',
  5: 'interface statistics block',
  6: 'enhanced packet block',
  10: 'decryption secrets block',
  [PCAPNG_SHB]: 'section header block',
};
const isPacketBlock = (type: number) => type === 2 || type === 3 || type === 6;

function readPcapng(view: DataView): Capture {
  const size = view.byteLength;
  const out = new CaptureBuilder('pcapng');
  let le = false;
  let interfaces: Interface[] = [];
  let lastTime = 0;
  let frame = 1;
  for (let offset = 0; offset < size; ) {
    const left = size - offset;
    const type = left >= 4 ? readBlockType(view, offset, le) : undefined;
    const name = type === undefined ? 'block' : (BLOCK_NAMES[type] ?? `block of type ${hex(type, 8)}`);
    const inFrame = type !== undefined && isPacketBlock(type) ? frame : undefined;
    if (left < 12) {
      fail(`${name} header truncated at byte offset ${offset} (file ends at ${size})`, offset, inFrame);
    }
    if (type === PCAPNG_SHB) {
      const order = view.getUint32(offset + 8);
      if (order === BYTE_ORDER_MAGIC) le = false;
      else if (order === 0x4d3c2b1a) le = true;
      else fail(`section header has a wrong byte-order magic ${hex(order, 8)}`, offset + 8);
    }
    const length = view.getUint32(offset + 4, le);
    if (length < 12 || length % 4 !== 0) {
      fail(
        `${name} has a bad total length ${length} (must be a multiple of 4, at least 12)`,
        offset + 4,
        inFrame,
      );
    }
    if (length > left) {
      fail(
        `${name} truncated at byte offset ${offset} (needs ${length} bytes, file ends at ${size})`,
        offset,
        inFrame,
      );
    }
    const trailing = view.getUint32(offset + length - 4, le);
    if (trailing !== length) {
      fail(
        `${name} ends with total length ${trailing}, but starts with ${length}`,
        offset + length - 4,
        inFrame,
      );
    }
    const body = offset + 8;
    const bodyEnd = offset + length - 4;
    switch (type) {
      case PCAPNG_SHB: {
        if (length < 28) fail(`section header block too short (${length} bytes, needs 28)`, offset + 4);
        const major = view.getUint16(body + 4, le);
        if (major !== 1) {
          fail(
            `unsupported pcapng version ${major}.${view.getUint16(body + 6, le)} (expected 1.0)`,
            body + 4,
          );
        }
        interfaces = []; // interface ids are per section
        break;
      }
      case 1: {
        if (bodyEnd - body < 8) fail(`interface description block too short (${length} bytes)`, offset + 4);
        const iface = readInterface(view, body, bodyEnd, le);
        interfaces.push(iface);
        out.linkType(iface.linkType);
        break;
      }
      case 2:
      case 6: {
        const enhanced = type === 6;
        const fixed = 20;
        if (bodyEnd - body < fixed) fail(`${name} too short (${length} bytes)`, offset + 4, frame);
        const id = enhanced ? view.getUint32(body, le) : view.getUint16(body, le);
        const iface = interfaces[id];
        if (!iface) {
          fail(
            `packet refers to interface ${id}, but the section describes ${interfaces.length} interface(s)`,
            body,
            frame,
          );
        }
        const captured = view.getUint32(body + 12, le);
        const original = view.getUint32(body + 16, le);
        const room = bodyEnd - body - fixed;
        if (captured > room) {
          fail(`captured length ${captured} exceeds the block (room for ${room} bytes)`, body + 12, frame);
        }
        const time = timestamp(iface, view.getUint32(body + 4, le), view.getUint32(body + 8, le));
        lastTime = time;
        const start = body + fixed;
        out.frame(view, { number: frame, time, linkType: iface.linkType, start, captured, original });
        frame++;
        break;
      }
      case 3: {
        if (bodyEnd - body < 4) fail(`simple packet block too short (${length} bytes)`, offset + 4, frame);
        const iface = interfaces[0];
        if (!iface) fail('simple packet block, but the section describes no interface', offset, frame);
        const original = view.getUint32(body, le);
        const room = bodyEnd - body - 4;
        const captured = Math.min(original, room, iface.snaplen > 0 ? iface.snaplen : room);
        out.frame(view, {
          number: frame,
          time: lastTime,
          linkType: iface.linkType,
          start: body + 4,
          captured,
          original,
        });
        frame++;
        break;
      }
      default:
        break; // name resolution, statistics, decryption secrets, custom…: not needed
    }
    offset += length;
  }
  return out.capture;
}

/** Block type in the section's byte order; the section header's type reads the same either way. */
function readBlockType(view: DataView, offset: number, le: boolean): number {
  const type = view.getUint32(offset);
  return type === PCAPNG_SHB ? type : view.getUint32(offset, le);
}

function readInterface(view: DataView, body: number, end: number, le: boolean): Interface {
  const iface: Interface = {
    linkType: view.getUint16(body, le),
    snaplen: view.getUint32(body + 4, le),
    unitsPerSecond: 1_000_000n,
    offsetSeconds: 0,
  };
  for (let o = body + 8; o + 4 <= end; ) {
    const code = view.getUint16(o, le);
    const length = view.getUint16(o + 2, le);
    if (code === 0) break; // opt_endofopt
    if (length > end - o - 4) {
      fail(`interface option ${code} has length ${length}, past the end of its block`, o + 2);
    }
    if (code === 9 && length >= 1) {
      // if_tsresol: a negative power of 10, or of 2 when the top bit is set
      const resolution = view.getUint8(o + 4);
      const exponent = BigInt(resolution & 0x7f);
      iface.unitsPerSecond = resolution & 0x80 ? 1n << exponent : 10n ** exponent;
    } else if (code === 14 && length >= 8) {
      // if_tsoffset: signed 64-bit seconds
      const high = view.getInt32(o + 4 + (le ? 4 : 0), le);
      const low = view.getUint32(o + 4 + (le ? 0 : 4), le);
      iface.offsetSeconds = high * 2 ** 32 + low;
    }
    o += 4 + Math.ceil(length / 4) * 4;
  }
  return iface;
}

function timestamp(iface: Interface, high: number, low: number): number {
  // Split into whole seconds and a fraction exactly, so ns timestamps lose as little as a double allows.
  const units = (BigInt(high) << 32n) | BigInt(low);
  const whole = units / iface.unitsPerSecond;
  const rest = units % iface.unitsPerSecond;
  return Number(whole) + Number(rest) / Number(iface.unitsPerSecond) + iface.offsetSeconds;
}

// ---------------------------------------------------------------- frames

/** One frame's place in the file: its bytes are [start, start + captured). */
interface Frame {
  number: number;
  time: number;
  linkType: number;
  start: number;
  captured: number;
  /** Length on the wire (the record's original length). */
  original: number;
}

class CaptureBuilder {
  readonly capture: Capture;
  constructor(format: Capture['format']) {
    this.capture = { format, linkTypes: [], packets: [], skipped: [] };
  }
  linkType(type: number): void {
    if (!this.capture.linkTypes.includes(type)) this.capture.linkTypes.push(type);
  }
  frame(view: DataView, frame: Frame): void {
    const result = decodeFrame(view, frame);
    if (typeof result === 'string') this.capture.skipped.push({ frame: frame.number, reason: result });
    else this.capture.packets.push(result);
  }
}

/** A frame's decoding state: where the captured bytes end, and whether the snaplen cut them. */
interface Cursor {
  view: DataView;
  frame: Frame;
  end: number;
  cut: boolean;
}

/** A decoded TCP packet, or the reason the frame is skipped. */
type Decoded = CapturedPacket | string;

function decodeFrame(view: DataView, record: Frame): Decoded {
  // A record claiming fewer bytes on the wire than it captured is taken at its captured length.
  const frame = { ...record, original: Math.max(record.original, record.captured) };
  const cursor: Cursor = {
    view,
    frame,
    end: frame.start + frame.captured,
    cut: frame.original > frame.captured,
  };
  const ip = locateIp(cursor);
  if (typeof ip === 'string') return ip;
  return decodeIp(cursor, ip.at, ip.expect);
}

/**
 * A complete frame whose fields contradict each other. The offset is that of the offending field, or the
 * frame's last captured byte when the field itself lies beyond what the file holds.
 */
function malformed(c: Cursor, message: string, at: number): never {
  return fail(message, Math.min(at, c.end), c.frame.number);
}

/**
 * Bytes a header needs but the frame lacks: skipped when the snaplen cut the frame, an error when the frame
 * is complete (then the frame itself is malformed).
 */
function missing(c: Cursor, header: string, needs: number, at: number): string {
  const captured = Math.max(0, c.end - at);
  if (c.cut) return `snaplen cut the ${header} (needs ${needs} bytes, captured ${captured})`;
  return malformed(c, `frame too short for the ${header} (needs ${needs} bytes, has ${captured})`, at);
}

const ETHERTYPE_NAMES = new Map<number, string>([
  [0x0806, 'ARP'],
  [0x8035, 'RARP'],
  [0x8137, 'IPX'],
  [0x8847, 'MPLS'],
  [0x8848, 'MPLS'],
  [0x8863, 'PPPoE discovery'],
  [0x8864, 'PPPoE'],
  [0x888e, 'EAPOL'],
  [0x88cc, 'LLDP'],
  [0x88f7, 'PTP'],
]);
const VLAN_ETHERTYPES = new Set([0x8100, 0x88a8, 0x9100]);
const ETHERTYPE_IPV4 = 0x0800;
const ETHERTYPE_IPV6 = 0x86dd;

interface IpStart {
  at: number;
  /** IP version the link layer announces, or null when only the version nibble tells (raw IP). */
  expect: 4 | 6 | null;
}

function locateIp(c: Cursor): IpStart | string {
  const { view, frame } = c;
  const start = frame.start;
  switch (frame.linkType) {
    case 1: // Ethernet II
      if (frame.captured < 14) return missing(c, 'Ethernet header', 14, start);
      return afterEthertype(c, start + 12, start + 14);
    case 113: // Linux cooked capture v1: protocol at 14
      if (frame.captured < 16) return missing(c, 'Linux cooked (SLL) header', 16, start);
      return afterEthertype(c, start + 14, start + 16);
    case 276: // Linux cooked capture v2: protocol at 0
      if (frame.captured < 20) return missing(c, 'Linux cooked (SLL2) header', 20, start);
      return afterEthertype(c, start, start + 20);
    case 0: // BSD loopback: address family in the capturing host's byte order
    case 108: {
      // OpenBSD loopback: network byte order
      if (frame.captured < 4) return missing(c, 'loopback header', 4, start);
      let family = view.getUint32(start, frame.linkType === 0);
      if (frame.linkType === 0 && family > 0xffff) family = view.getUint32(start); // written big-endian
      if (family === 2) return { at: start + 4, expect: 4 };
      if (family === 24 || family === 28 || family === 30) return { at: start + 4, expect: 6 };
      return `loopback address family ${family} (not IP)`;
    }
    case 12:
    case 14:
    case 101: // raw IP
      return { at: start, expect: null };
    case 228:
      return { at: start, expect: 4 };
    case 229:
      return { at: start, expect: 6 };
    default:
      return `link type ${frame.linkType} not supported`;
  }
}

/** Follow an ethertype (through 802.1Q / 802.1ad VLAN tags) to the IP header. */
function afterEthertype(c: Cursor, typeAt: number, payload: number): IpStart | string {
  let type = c.view.getUint16(typeAt);
  let at = payload;
  while (VLAN_ETHERTYPES.has(type)) {
    if (c.end - at < 4) return missing(c, 'VLAN tag', 4, at);
    type = c.view.getUint16(at + 2);
    at += 4;
  }
  if (type === ETHERTYPE_IPV4) return { at, expect: 4 };
  if (type === ETHERTYPE_IPV6) return { at, expect: 6 };
  if (type <= 1500) return `IEEE 802.3 frame with LLC (length field ${type})`;
  const name = ETHERTYPE_NAMES.get(type);
  return name ? `${name} (ethertype ${hex(type, 4)})` : `ethertype ${hex(type, 4)} (not IP)`;
}

const IP_PROTOCOL_NAMES: Record<number, string> = {
  1: 'ICMP',
  2: 'IGMP',
  4: 'IP-in-IP',
  17: 'UDP',
  41: 'IPv6-in-IP',
  47: 'GRE',
  50: 'ESP',
  51: 'AH',
  58: 'ICMPv6',
  59: 'IPv6 no next header',
  89: 'OSPF',
  103: 'PIM',
  112: 'VRRP',
  132: 'SCTP',
  136: 'UDP-Lite',
};
const protocolName = (p: number) => IP_PROTOCOL_NAMES[p] ?? `IP protocol ${p}`;

interface IpInfo {
  version: 4 | 6;
  src: string;
  dst: string;
}

function decodeIp(c: Cursor, at: number, expect: 4 | 6 | null): Decoded {
  if (c.end - at < 1)
    return missing(c, expect === 6 ? 'IPv6 header' : 'IPv4 header', expect === 6 ? 40 : 20, at);
  const version = c.view.getUint8(at) >> 4;
  if (expect !== null && version !== expect)
    return `IP version ${version} in a frame the link layer marks IPv${expect}`;
  if (version === 4) return decodeIpv4(c, at);
  if (version === 6) return decodeIpv6(c, at);
  return `not IP (version ${version})`;
}

function decodeIpv4(c: Cursor, at: number): Decoded {
  const { view, frame } = c;
  if (c.end - at < 20) return missing(c, 'IPv4 header', 20, at);
  const headerLength = (view.getUint8(at) & 0x0f) * 4;
  if (headerLength < 20) malformed(c, `IPv4 header length ${headerLength} is below the minimum 20`, at);
  if (c.end - at < headerLength) return missing(c, 'IPv4 header', headerLength, at);
  const onWire = frame.start + frame.original - at; // bytes after the link header, uncut
  let total = view.getUint16(at + 2);
  if (total === 0) total = onWire; // TCP segmentation offload: the stack leaves the length at 0
  if (total < headerLength) {
    malformed(c, `IPv4 total length ${total} is less than its header length ${headerLength}`, at + 2);
  }
  if (total > onWire) {
    malformed(
      c,
      `IPv4 total length ${total} exceeds the frame (${onWire} bytes after the link header)`,
      at + 2,
    );
  }
  const fragment = view.getUint16(at + 6);
  if (fragment & 0x2000 || fragment & 0x1fff) return 'IPv4 fragment';
  const protocol = view.getUint8(at + 9);
  if (protocol !== 6) return protocolName(protocol);
  const ip: IpInfo = { version: 4, src: ipv4Address(view, at + 12), dst: ipv4Address(view, at + 16) };
  return decodeTcp(c, at + headerLength, total - headerLength, ip);
}

const IPV6_EXTENSIONS = new Set([0, 43, 60, 51]);

function decodeIpv6(c: Cursor, at: number): Decoded {
  const { view, frame } = c;
  if (c.end - at < 40) return missing(c, 'IPv6 header', 40, at);
  const onWire = frame.start + frame.original - at - 40;
  let payload = view.getUint16(at + 4);
  if (payload === 0) payload = onWire; // jumbogram or offload: the frame tells
  if (payload > onWire) {
    malformed(
      c,
      `IPv6 payload length ${payload} exceeds the frame (${onWire} bytes after the IPv6 header)`,
      at + 4,
    );
  }
  const ip: IpInfo = { version: 6, src: ipv6Address(view, at + 8), dst: ipv6Address(view, at + 24) };
  let next = view.getUint8(at + 6);
  let o = at + 40;
  const payloadEnd = o + payload;
  while (next !== 6) {
    const isFragment = next === 44;
    if (!isFragment && !IPV6_EXTENSIONS.has(next)) return protocolName(next);
    const name = isFragment ? 'IPv6 fragment header' : 'IPv6 extension header';
    if (payloadEnd - o < 8) malformed(c, `${name} runs past the IPv6 payload`, o);
    if (c.end - o < 8) return missing(c, name, 8, o);
    const headerLength = isFragment
      ? 8
      : next === 51
        ? (view.getUint8(o + 1) + 2) * 4
        : (view.getUint8(o + 1) + 1) * 8;
    if (headerLength > payloadEnd - o) {
      malformed(c, `${name} of ${headerLength} bytes runs past the IPv6 payload`, o + 1);
    }
    if (isFragment) {
      const offsetAndMore = view.getUint16(o + 2);
      if (offsetAndMore & 0xfff9) return 'IPv6 fragment'; // offset ≠ 0 or more fragments
    }
    next = view.getUint8(o);
    o += headerLength;
  }
  return decodeTcp(c, o, payloadEnd - o, ip);
}

function ipv4Address(view: DataView, at: number): string {
  return `${view.getUint8(at)}.${view.getUint8(at + 1)}.${view.getUint8(at + 2)}.${view.getUint8(at + 3)}`;
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as "::". */
export function ipv6Address(view: DataView, at: number): string {
  const groups: number[] = [];
  for (let i = 0; i < 8; i++) groups.push(view.getUint16(at + 2 * i));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${ipv4Address(view, at + 12)}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (from: number, to: number) =>
    groups
      .slice(from, to)
      .map((g) => g.toString(16))
      .join(':');
  if (bestStart < 0) return text(0, 8);
  return `${text(0, bestStart)}::${text(bestStart + bestLength, 8)}`;
}

const TCP_FLAGS: [Flag, number][] = [
  ['SYN', 0x02],
  ['ACK', 0x10],
  ['FIN', 0x01],
  ['RST', 0x04],
  ['PSH', 0x08],
];
const OTHER_FLAGS: [string, number][] = [
  ['URG', 0x20],
  ['ECE', 0x40],
  ['CWR', 0x80],
];

/** `segment`: the TCP segment's length by the IP header (the bytes from `at` on that belong to it). */
function decodeTcp(c: Cursor, at: number, segment: number, ip: IpInfo): Decoded {
  const { view, frame } = c;
  if (segment < 20) malformed(c, `the IP payload (${segment} bytes) is too short for a TCP header (20)`, at);
  const captured = Math.min(segment, c.end - at);
  if (captured < 20) return missing(c, 'TCP header', 20, at);
  const headerLength = (view.getUint8(at + 12) >> 4) * 4;
  if (headerLength < 20) malformed(c, `TCP data offset ${headerLength} is below the minimum 20`, at + 12);
  if (headerLength > segment) {
    malformed(c, `TCP data offset ${headerLength} exceeds the IP payload (${segment} bytes)`, at + 12);
  }
  if (captured < headerLength)
    return `snaplen cut the TCP header (needs ${headerLength} bytes, captured ${captured})`;
  const bits = view.getUint8(at + 13);
  const flags = TCP_FLAGS.filter(([, bit]) => bits & bit).map(([name]) => name);
  const otherFlags = OTHER_FLAGS.filter(([, bit]) => bits & bit).map(([name]) => name);
  if (view.getUint8(at + 12) & 0x01) otherFlags.push('NS');
  return {
    frame: frame.number,
    time: frame.time,
    ipVersion: ip.version,
    src: ip.src,
    dst: ip.dst,
    srcPort: view.getUint16(at),
    dstPort: view.getUint16(at + 2),
    seq: view.getUint32(at + 4),
    ack: bits & 0x10 ? view.getUint32(at + 8) : 0,
    flags,
    otherFlags,
    len: segment - headerLength,
    win: view.getUint16(at + 14),
    options: tcpOptions(c, at + 20, at + headerLength),
    capturedPayload: captured - headerLength,
  };
}

/** Length each known option must have (SACK: 2 + 8n, checked apart). */
const OPTION_LENGTHS: Record<number, [string, number]> = {
  2: ['MSS', 4],
  3: ['WS', 3],
  4: ['SACK_PERM', 2],
  8: ['TS', 10],
};

function tcpOptions(c: Cursor, start: number, end: number): CapturedPacket['options'] {
  const { view } = c;
  const kinds: string[] = [];
  const options: CapturedPacket['options'] = { kinds };
  for (let o = start; o < end; ) {
    const kind = view.getUint8(o);
    if (kind === 0) {
      kinds.push('EOL');
      break;
    }
    if (kind === 1) {
      kinds.push('NOP');
      o++;
      continue;
    }
    if (end - o < 2) malformed(c, `TCP option kind ${kind} has no length byte`, o);
    const length = view.getUint8(o + 1);
    if (length < 2) malformed(c, `TCP option kind ${kind} has length ${length} (at least 2)`, o + 1);
    if (length > end - o) {
      malformed(c, `TCP option kind ${kind} has length ${length}, past the end of the TCP header`, o + 1);
    }
    const known = OPTION_LENGTHS[kind];
    if (known && length !== known[1]) {
      malformed(c, `TCP option ${known[0]} has length ${length} (should be ${known[1]})`, o + 1);
    }
    if (kind === 5 && (length - 2) % 8 !== 0)
      malformed(c, `TCP option SACK has length ${length} (2 + 8n)`, o + 1);
    kinds.push(known ? known[0] : kind === 5 ? 'SACK' : `kind-${kind}`);
    if (kind === 2) options.mss = view.getUint16(o + 2);
    else if (kind === 3) options.wscale = view.getUint8(o + 2);
    else if (kind === 4) options.sackPermitted = true;
    else if (kind === 8) options.timestamp = [view.getUint32(o + 2), view.getUint32(o + 6)];
    o += length;
  }
  return options;
}
