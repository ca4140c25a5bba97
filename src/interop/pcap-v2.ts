/**
 * A version 2 trace (several hosts, src/tcp/traceV2.ts) → the same classic libpcap file as v1's
 * traceToPcap (pcap-write.ts: Ethernet II + IPv4 + TCP, valid checksums, times from PCAP_EPOCH_S, payload
 * bytes that follow the sequence number), with each packet's own addresses and ports:
 *
 * - IPv4 source and destination, and TCP ports, are the send event's `src` and `dst`, so every connection
 *   is its own 4-tuple (Wireshark's tcp.stream) and a reply for no socket carries the port it answers.
 * - MACs are locally administered and derived from the IPv4 address: 02:00:a.b.c.d (192.0.2.1 is
 *   02:00:c0:00:02:01), so each host has its own.
 * - The IPv4 identification counts up per sending host, as v1 counts per endpoint.
 * - Capture point, as v1: by default each sender's side, so every segment a host put on the wire is a frame
 *   at its send time, lost ones included (they were sent; Wireshark then shows the sender's
 *   retransmission); copies made by the network (duplicate) are not. With `captureAt: host` the file holds
 *   that host's interface: what it sent, at the send time, and what was delivered to it, at the arrival time.
 *
 * The trace is checked first (trace-v2-check.ts): a field outside the limits is a TraceV2Error naming it.
 */
import type { HostName, SendEventV2, TraceV2 } from '../tcp/traceV2';
import { type PacketEnd, type PcapPacket, writePcap } from './pcap-write';
import { assertTraceV2, TraceV2Error } from './trace-v2-check';

export interface PcapV2Options {
  /** Capture at one host's interface instead of at each sender. */
  captureAt?: HostName;
}

/** A frame of the capture: when it was seen and the send it is. */
export interface FrameV2 {
  t: number;
  send: SendEventV2;
}

/** The frames a capture at the given point would hold, in trace order. */
export function framesOfV2(trace: TraceV2, options: PcapV2Options = {}): FrameV2[] {
  const hosts = assertTraceV2(trace);
  const at = options.captureAt;
  if (at !== undefined && !hosts.includes(at))
    throw new TraceV2Error(
      `captureAt: expected one of the trace's hosts (${hosts.join(', ')}), got ${JSON.stringify(at.slice(0, 40))}`,
    );
  const sends = new Map<number, SendEventV2>();
  const frames: FrameV2[] = [];
  for (const e of trace.events) {
    if (e.type === 'send') {
      sends.set(e.id, e);
      if (!e.duplicate && (at === undefined || e.host === at)) frames.push({ t: e.t, send: e });
    } else if (e.type === 'deliver' && at !== undefined && e.host === at) {
      const send = sends.get(e.id);
      if (send) frames.push({ t: e.t, send });
    }
  }
  return frames;
}

export function pcapFromTraceV2(trace: TraceV2, options: PcapV2Options = {}): Uint8Array {
  const frames = framesOfV2(trace, options);
  const ipId = new Map<HostName, number>();
  const end = (address: string, port: number): PacketEnd => {
    const ip = address.split('.').map(Number) as [number, number, number, number];
    return { mac: [0x02, 0x00, ...ip], ip, port };
  };
  const packets: PcapPacket[] = frames.map(({ t, send }) => {
    const id = ((ipId.get(send.host) ?? 0) + 1) & 0xffff;
    ipId.set(send.host, id);
    return {
      t,
      segment: send.segment,
      ipId: id,
      src: end(send.src.address, send.src.port),
      dst: end(send.dst.address, send.dst.port),
    };
  });
  return writePcap(packets);
}
