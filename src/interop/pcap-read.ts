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
import { type Capture, type Frame, fail, hex } from './capture';
import { decodeFrame } from './decode-frame';

export { type Capture, type CapturedPacket, CaptureError, type SkippedFrame } from './capture';
export { ipv6Address } from './decode-frame';

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
