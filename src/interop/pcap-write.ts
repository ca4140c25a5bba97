/**
 * Trace → classic libpcap file that Wireshark opens cleanly.
 *
 * - Link type LINKTYPE_ETHERNET (1): Ethernet II + IPv4 (20 bytes, DF, TTL 64) + TCP (20 bytes, no
 *   options), with correct IPv4 header and TCP checksums.
 * - Addresses from the documentation ranges (RFC 5737): A is 192.0.2.1, B is 198.51.100.1; locally
 *   administered MACs 02:00:00:00:00:0a and 02:00:00:00:00:0b. Ports are the scenario's.
 * - Timestamps: the simulated time, from a fixed epoch of 2026-01-01T00:00:00Z (PCAP_EPOCH_S), in
 *   microseconds (the trace's times have at most three decimals of a millisecond).
 * - Payload: `len` bytes whose values follow the sequence number ((seq + i) mod 256), so a retransmission
 *   carries exactly the bytes of the original.
 * - Capture point: by default the sender's side. Every segment an endpoint put on the wire is a frame at its
 *   send time, including segments the network then lost (they were sent) and injected ones; copies made by
 *   the network (duplicateRate) are not, since no sender sent them. With `captureAt: 'A'` (or 'B') the
 *   file holds what that endpoint's interface sees: what it sent, at the send time, and what was delivered
 *   to it, at the arrival time.
 */
import type { EndpointName, SendEvent, Trace, WireSegment } from '../tcp/types';

export const PCAP_EPOCH_S = 1_767_225_600; // 2026-01-01T00:00:00Z
export const LINKTYPE_ETHERNET = 1;
export const ADDRESSES: Record<EndpointName, [number, number, number, number]> = {
  A: [192, 0, 2, 1],
  B: [198, 51, 100, 1],
};
export const MACS: Record<EndpointName, number[]> = {
  A: [0x02, 0, 0, 0, 0, 0x0a],
  B: [0x02, 0, 0, 0, 0, 0x0b],
};

export interface PcapOptions {
  /** Capture at one endpoint's interface instead of at each sender. */
  captureAt?: EndpointName;
}

const FLAG_BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
const ETH = 14;
const IP = 20;
const TCP = 20;

interface Frame {
  t: number;
  send: SendEvent;
}

/** The frames a capture at the given point would hold, in time order. */
export function framesOf(trace: Trace, options: PcapOptions = {}): Frame[] {
  const at = options.captureAt;
  const sends = new Map<number, SendEvent>();
  const frames: Frame[] = [];
  for (const e of trace.events) {
    if (e.type === 'send') {
      sends.set(e.id, e);
      if (at === undefined ? !e.duplicate : e.from === at && !e.duplicate) frames.push({ t: e.t, send: e });
    } else if (e.type === 'deliver' && at !== undefined && e.to === at) {
      const send = sends.get(e.id);
      if (send) frames.push({ t: e.t, send });
    }
  }
  return frames;
}

export function traceToPcap(trace: Trace, options: PcapOptions = {}): Uint8Array {
  const frames = framesOf(trace, options);
  const ipId: Record<EndpointName, number> = { A: 0, B: 0 };
  const { endpoints } = trace.scenario;
  return writePcap(
    frames.map((f) => {
      const { from, to } = f.send;
      ipId[from] = (ipId[from] + 1) & 0xffff;
      return {
        t: f.t,
        segment: f.send.segment,
        ipId: ipId[from],
        src: { mac: MACS[from], ip: ADDRESSES[from], port: endpoints[from].port },
        dst: { mac: MACS[to], ip: ADDRESSES[to], port: endpoints[to].port },
      };
    }),
  );
}

/** One end of a packet: its MAC, IPv4 address and TCP port. */
export interface PacketEnd {
  mac: readonly number[];
  ip: readonly [number, number, number, number];
  port: number;
}

/** One packet to write: when it was captured, its ends, its IPv4 identification and its TCP segment. */
export interface PcapPacket {
  t: number;
  src: PacketEnd;
  dst: PacketEnd;
  ipId: number;
  segment: WireSegment;
}

/**
 * A libpcap file (little-endian, microsecond timestamps from PCAP_EPOCH_S, LINKTYPE_ETHERNET) of the
 * packets in order: the writer behind traceToPcap and pcapFromTraceV2.
 */
export function writePcap(packets: readonly PcapPacket[]): Uint8Array {
  let size = 24;
  for (const p of packets) size += 16 + ETH + IP + TCP + p.segment.len;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  // Global header (little-endian, microsecond timestamps).
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setInt32(8, 0, true);
  view.setUint32(12, 0, true);
  view.setUint32(16, 262_144, true); // snaplen
  view.setUint32(20, LINKTYPE_ETHERNET, true);
  let offset = 24;
  for (const p of packets) {
    const seg = p.segment;
    const frameLen = ETH + IP + TCP + seg.len;
    const micros = Math.round(p.t * 1000);
    view.setUint32(offset, PCAP_EPOCH_S + Math.floor(micros / 1_000_000), true);
    view.setUint32(offset + 4, micros % 1_000_000, true);
    view.setUint32(offset + 8, frameLen, true);
    view.setUint32(offset + 12, frameLen, true);
    offset += 16;
    writeFrame(out, view, offset, p);
    offset += frameLen;
  }
  return out;
}

function writeFrame(out: Uint8Array, view: DataView, at: number, p: PcapPacket): void {
  const seg = p.segment;
  // Ethernet II
  out.set(p.dst.mac, at);
  out.set(p.src.mac, at + 6);
  view.setUint16(at + 12, 0x0800);
  // IPv4
  const ip = at + ETH;
  const total = IP + TCP + seg.len;
  out[ip] = 0x45;
  out[ip + 1] = 0;
  view.setUint16(ip + 2, total);
  view.setUint16(ip + 4, p.ipId);
  view.setUint16(ip + 6, 0x4000); // DF
  out[ip + 8] = 64;
  out[ip + 9] = 6;
  view.setUint16(ip + 10, 0);
  out.set(p.src.ip, ip + 12);
  out.set(p.dst.ip, ip + 16);
  view.setUint16(ip + 10, checksum(out, ip, IP, 0));
  // TCP
  const tcp = ip + IP;
  view.setUint16(tcp, p.src.port);
  view.setUint16(tcp + 2, p.dst.port);
  view.setUint32(tcp + 4, seg.seq >>> 0);
  view.setUint32(tcp + 8, seg.ack >>> 0);
  out[tcp + 12] = (TCP / 4) << 4;
  let flags = 0;
  for (const f of seg.flags) flags |= FLAG_BITS[f] ?? 0;
  out[tcp + 13] = flags;
  view.setUint16(tcp + 14, Math.min(0xffff, seg.win));
  view.setUint16(tcp + 16, 0);
  view.setUint16(tcp + 18, 0);
  for (let i = 0; i < seg.len; i++) out[tcp + TCP + i] = (seg.seq + i) & 0xff;
  // Checksum over the pseudo-header (src, dst, zero, protocol, TCP length) and the segment.
  const src = p.src.ip;
  const dst = p.dst.ip;
  const tcpLen = TCP + seg.len;
  let pseudo = 0;
  pseudo += (src[0] << 8) | src[1];
  pseudo += (src[2] << 8) | src[3];
  pseudo += (dst[0] << 8) | dst[1];
  pseudo += (dst[2] << 8) | dst[3];
  pseudo += 6;
  pseudo += tcpLen;
  view.setUint16(tcp + 16, checksum(out, tcp, tcpLen, pseudo));
}

/** The Internet checksum (RFC 1071) of bytes[start, start+length), plus an initial sum. */
export function checksum(bytes: Uint8Array, start: number, length: number, initial: number): number {
  let sum = initial;
  let i = start;
  const end = start + length;
  for (; i + 1 < end; i += 2) sum += ((bytes[i] as number) << 8) | (bytes[i + 1] as number);
  if (i < end) sum += (bytes[i] as number) << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const result = ~sum & 0xffff;
  return result;
}
