/**
 * One captured frame → a TCP packet, or the reason it is skipped: link layer (Ethernet with VLAN tags,
 * Linux SLL/SLL2, raw IP, BSD loopback), IPv4/IPv6 (with extension headers), TCP (with options).
 * A complete frame whose fields contradict each other is a CaptureError naming the frame.
 */
import type { Flag } from '../tcp/types';
import { type CapturedPacket, type Frame, fail, hex } from './capture';

/** A frame's decoding state: where the captured bytes end, and whether the snaplen cut them. */
interface Cursor {
  view: DataView;
  frame: Frame;
  end: number;
  cut: boolean;
}

/** A decoded TCP packet, or the reason the frame is skipped. */
export type Decoded = CapturedPacket | string;

export function decodeFrame(view: DataView, record: Frame): Decoded {
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
