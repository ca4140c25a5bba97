/**
 * Synthetic captures for the replay benchmark and the replay tests: a long, real-looking TCP conversation
 * written straight to a classic pcap file, without the engine (so a test of the replay does not check the
 * engine against itself).
 *
 * The conversation, captured at the client A (192.0.2.1:40000 → 198.51.100.1:80 or the IPv6 documentation
 * prefix): a three-way handshake with MSS options; then request/response rounds in which A writes a
 * 100-byte request (PSH, ACK) and B answers one round trip later with a 300-byte response (PSH, ACK) that
 * also acknowledges the request; then A closes, B closes, A sends the last ACK. Each data segment is one
 * write, as in an interactive protocol, so the inferred scenario has about one action per packet: 20,000
 * packets give ~10,000 sends, the count the schema once refused.
 *
 * Variations: `lostEvery` loses every n-th request (A sends it again after 200 ms; only the copy is
 * answered), `idleEvery` / `idleMs` put idle time between rounds (a conversation that lasts days), and
 * `jumboAt` makes the request of that round an IPv6 jumbogram whose length comes from the record's original
 * length (RFC 2675: the IPv6 payload length is 0 and the frame tells).
 * Only the headers are captured (snaplen 96, as `tcpdump -s 96` would), so 100,000 packets are ~9 MB.
 */

export interface ConversationOptions {
  /** Total packets, at least 6 (handshake and close); rounded down to whole request/response rounds. */
  packets: number;
  /** Round-trip time at the client (ms). Default 20. */
  rttMs?: number;
  /** Lose every n-th request (0: none). Default 0. */
  lostEvery?: number;
  /** After every n-th round, stay idle for `idleMs`. Default: never. */
  idleEvery?: number;
  idleMs?: number;
  /** Make the request of this round (0-based) a jumbogram of `jumboLength` bytes of TCP payload. */
  jumboAt?: number;
  jumboLength?: number;
  /** IPv6 addresses (2001:db8::1 and 2001:db8::2) instead of IPv4. Default: IPv6 if jumboAt is set. */
  ipv6?: boolean;
  /** A's and B's ports. Default 40000 and 80. */
  ports?: [number, number];
}

interface Packet {
  timeUs: number;
  fromA: boolean;
  seq: number;
  ack: number;
  flags: number;
  len: number;
  mss?: number;
}

const FIN = 0x01;
const SYN = 0x02;
const PSH = 0x08;
const ACK = 0x10;
const REQUEST = 100;
const RESPONSE = 300;
const ISS_A = 3_000_000_000; // high, so the conversation crosses 2^32 within ~50,000 rounds of A's requests
const ISS_B = 1_000;
const SNAPLEN = 96;

/** The packets of the conversation, in capture order (times in µs from the first). */
function conversation(o: ConversationOptions): Packet[] {
  const rtt = Math.round((o.rttMs ?? 20) * 1000);
  const out: Packet[] = [];
  let t = 0;
  let a = ISS_A; // A's SND.NXT
  let b = ISS_B; // B's SND.NXT
  out.push({ timeUs: t, fromA: true, seq: a, ack: 0, flags: SYN, len: 0, mss: 1460 });
  a = (a + 1) >>> 0;
  t += rtt;
  out.push({ timeUs: t, fromA: false, seq: b, ack: a, flags: SYN | ACK, len: 0, mss: 1460 });
  b = (b + 1) >>> 0;
  t += 50;
  out.push({ timeUs: t, fromA: true, seq: a, ack: b, flags: ACK, len: 0 });
  const rounds = Math.max(0, Math.floor((o.packets - 6) / 2));
  const lostEvery = o.lostEvery ?? 0;
  for (let r = 0; r < rounds && out.length + 2 <= o.packets - 3; r++) {
    t += 1000; // the client thinks for 1 ms
    const len = r === o.jumboAt ? (o.jumboLength ?? 4_294_967_221) : REQUEST;
    if (lostEvery > 0 && (r + 1) % lostEvery === 0 && out.length + 3 <= o.packets - 3) {
      out.push({ timeUs: t, fromA: true, seq: a, ack: b, flags: PSH | ACK, len });
      t += 200_000; // RTO, as Linux's 200 ms minimum
    }
    out.push({ timeUs: t, fromA: true, seq: a, ack: b, flags: PSH | ACK, len });
    a = (a + len) >>> 0;
    t += rtt;
    out.push({ timeUs: t, fromA: false, seq: b, ack: a, flags: PSH | ACK, len: RESPONSE });
    b = (b + RESPONSE) >>> 0;
    if (o.idleEvery && o.idleMs && (r + 1) % o.idleEvery === 0) t += Math.round(o.idleMs * 1000);
  }
  t += 1000;
  out.push({ timeUs: t, fromA: true, seq: a, ack: b, flags: FIN | ACK, len: 0 });
  a = (a + 1) >>> 0;
  t += rtt;
  out.push({ timeUs: t, fromA: false, seq: b, ack: a, flags: FIN | ACK, len: 0 });
  b = (b + 1) >>> 0;
  t += 50;
  out.push({ timeUs: t, fromA: true, seq: a, ack: b, flags: ACK, len: 0 });
  return out;
}

/** The conversation as a little-endian, microsecond pcap file (LINKTYPE_ETHERNET). */
export function conversationPcap(o: ConversationOptions): Uint8Array {
  const packets = conversation(o);
  const v6 = o.ipv6 ?? o.jumboAt !== undefined;
  const ipHeader = v6 ? 40 : 20;
  const headerBytes = (p: Packet) => 14 + ipHeader + (p.mss === undefined ? 20 : 24);
  let size = 24;
  for (const p of packets) size += 16 + Math.min(SNAPLEN, headerBytes(p));
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0xa1b2c3d4, true);
  view.setUint16(4, 2, true);
  view.setUint16(6, 4, true);
  view.setUint32(16, SNAPLEN, true);
  view.setUint32(20, 1, true);
  let at = 24;
  const epoch = 1_767_225_600; // 2026-01-01T00:00:00Z
  const [portA, portB] = o.ports ?? [40000, 80];
  for (const p of packets) {
    const tcpLength = p.mss === undefined ? 20 : 24;
    const captured = 14 + ipHeader + tcpLength;
    const original = Math.min(0xffff_ffff, captured + p.len);
    view.setUint32(at, epoch + Math.floor(p.timeUs / 1e6), true);
    view.setUint32(at + 4, p.timeUs % 1e6, true);
    view.setUint32(at + 8, captured, true);
    view.setUint32(at + 12, original, true);
    at += 16;
    // Ethernet II
    out.set(p.fromA ? MAC_B : MAC_A, at);
    out.set(p.fromA ? MAC_A : MAC_B, at + 6);
    view.setUint16(at + 12, v6 ? 0x86dd : 0x0800);
    const ip = at + 14;
    const ipPayload = tcpLength + p.len;
    if (v6) {
      view.setUint32(ip, 0x6000_0000);
      // RFC 2675: a payload over 65,535 bytes has payload length 0 (the jumbo option carries it).
      view.setUint16(ip + 4, ipPayload > 0xffff ? 0 : ipPayload);
      out[ip + 6] = 6;
      out[ip + 7] = 64;
      out.set(p.fromA ? V6_A : V6_B, ip + 8);
      out.set(p.fromA ? V6_B : V6_A, ip + 24);
    } else {
      out[ip] = 0x45;
      view.setUint16(ip + 2, 20 + ipPayload);
      view.setUint16(ip + 6, 0x4000);
      out[ip + 8] = 64;
      out[ip + 9] = 6;
      out.set(p.fromA ? V4_A : V4_B, ip + 12);
      out.set(p.fromA ? V4_B : V4_A, ip + 16);
    }
    const tcp = ip + ipHeader;
    view.setUint16(tcp, p.fromA ? portA : portB);
    view.setUint16(tcp + 2, p.fromA ? portB : portA);
    view.setUint32(tcp + 4, p.seq);
    view.setUint32(tcp + 8, p.ack);
    out[tcp + 12] = (tcpLength / 4) << 4;
    out[tcp + 13] = p.flags;
    view.setUint16(tcp + 14, 65535);
    if (p.mss !== undefined) {
      out[tcp + 20] = 2;
      out[tcp + 21] = 4;
      view.setUint16(tcp + 22, p.mss);
    }
    at += captured;
  }
  return out;
}

const MAC_A = [0x02, 0, 0, 0, 0, 0x0a];
const MAC_B = [0x02, 0, 0, 0, 0, 0x0b];
const V4_A = [192, 0, 2, 1];
const V4_B = [198, 51, 100, 1];
const V6_A = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
const V6_B = [0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2];
