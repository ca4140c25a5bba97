/**
 * Group captured TCP packets into connections, numbered like Wireshark's `tcp.stream`.
 *
 * A stream is identified by its unordered pair of endpoints (address, port). A SYN without ACK on a pair
 * whose connection has ended (a FIN seen from both sides, or a RST) starts a new stream, unless it repeats
 * the sequence number of that connection's own SYN from the same side: then it is a retransmission of the
 * old SYN, as Wireshark also judges.
 */
import type { CapturedPacket } from './pcap-read';

export interface Endpoint4Tuple {
  addr: string;
  port: number;
}

export interface TcpStream {
  /** 0-based index in order of first appearance (like Wireshark's tcp.stream). */
  index: number;
  /** The initiator: the side that sent the first SYN without ACK, or else the first sender in the stream. */
  a: Endpoint4Tuple;
  b: Endpoint4Tuple;
  /** In capture order. */
  packets: CapturedPacket[];
  /** Earliest and latest packet times (s): the first and last packet's in a capture in time order. */
  start: number;
  end: number;
  /** One line, e.g. "192.0.2.1:40000 → 198.51.100.1:80, 10 packets, SYN seen, FIN seen". */
  summary: string;
}

interface OpenStream {
  packets: CapturedPacket[];
  /** Senders (endpoint keys) that sent a FIN. */
  finFrom: Set<string>;
  reset: boolean;
  /** Sequence number of each side's SYN without ACK. */
  synSeq: Map<string, number>;
}

const endpointKey = (addr: string, port: number) => `${addr}|${port}`;

const isOpeningSyn = (p: CapturedPacket) => p.flags.includes('SYN') && !p.flags.includes('ACK');

export function tcpStreams(packets: CapturedPacket[]): TcpStream[] {
  const all: OpenStream[] = [];
  const current = new Map<string, OpenStream>();
  for (const p of packets) {
    const from = endpointKey(p.src, p.srcPort);
    const to = endpointKey(p.dst, p.dstPort);
    const pair = from < to ? `${from}#${to}` : `${to}#${from}`;
    let stream = current.get(pair);
    const ended = stream !== undefined && (stream.reset || stream.finFrom.size === 2);
    if (!stream || (ended && isOpeningSyn(p) && stream.synSeq.get(from) !== p.seq)) {
      stream = { packets: [], finFrom: new Set(), reset: false, synSeq: new Map() };
      current.set(pair, stream);
      all.push(stream);
    }
    stream.packets.push(p);
    if (p.flags.includes('FIN')) stream.finFrom.add(from);
    if (p.flags.includes('RST')) stream.reset = true;
    if (isOpeningSyn(p) && !stream.synSeq.has(from)) stream.synSeq.set(from, p.seq);
  }
  return all.map((s, index) => describe(s.packets, index));
}

function describe(packets: CapturedPacket[], index: number): TcpStream {
  const first = packets[0] as CapturedPacket;
  const opener = packets.find(isOpeningSyn) ?? first;
  const a = { addr: opener.src, port: opener.srcPort };
  const b = { addr: opener.dst, port: opener.dstPort };
  const seen = (['SYN', 'FIN', 'RST'] as const).filter((f) => packets.some((p) => p.flags.includes(f)));
  const count = `${packets.length} packet${packets.length === 1 ? '' : 's'}`;
  const summary = [`${endpointText(a)} → ${endpointText(b)}`, count, ...seen.map((f) => `${f} seen`)].join(
    ', ',
  );
  let start = first.time;
  let end = first.time;
  for (const p of packets) {
    start = Math.min(start, p.time);
    end = Math.max(end, p.time);
  }
  return {
    index,
    a,
    b,
    packets,
    start,
    end,
    summary,
  };
}

/** "192.0.2.1:80", "[2001:db8::1]:80". */
function endpointText(e: Endpoint4Tuple): string {
  return e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}
