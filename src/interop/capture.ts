/**
 * The shapes a capture reads into, and the one error it throws. Shared by the file reader (pcap-read.ts)
 * and the frame decoder (decode-frame.ts).
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
export function fail(message: string, offset: number, frame?: number): never {
  const where = message.includes('byte offset') ? '' : ` at byte offset ${offset}`;
  throw new CaptureError(`${frame === undefined ? '' : `frame ${frame}: `}${message}${where}`, offset, frame);
}

/** One frame's place in the file: its bytes are [start, start + captured). */
export interface Frame {
  number: number;
  time: number;
  linkType: number;
  start: number;
  captured: number;
  /** Length on the wire (the record's original length). */
  original: number;
}

export const hex = (value: number, digits: number) => `0x${value.toString(16).padStart(digits, '0')}`;
