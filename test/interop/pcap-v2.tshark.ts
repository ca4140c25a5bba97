/**
 * The v2 pcap export (pcapFromTraceV2) checked with the real tool, on the hand-written fixtures: tshark
 * finds no malformed packet and no expert info above a note (the refused SYN's RST,ACK is the one
 * warning: "Connection reset"), every IPv4 and TCP checksum is good, every frame carries its send's
 * addresses, ports and numbers, the three clients are three TCP streams (tcp.stream) between the right
 * sockets with no TCP analysis flag at all, and the refused connection's resent SYN is the only
 * retransmission.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { framesOfV2, pcapFromTraceV2 } from '../../src/interop/pcap-v2';
import type { TraceV2 } from '../../src/tcp/traceV2';
import { refusedAfterLoss, threeClients } from '../cli/fixtures/traces-v2';
import { tsharkFields } from './tshark';

const dir = mkdtempSync(join(tmpdir(), 'synack-pcap-v2-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'ip.src',
  'ip.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.stream',
  'tcp.flags',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
  'tcp.window_size_value',
  'ip.checksum.status',
  'tcp.checksum.status',
  '_ws.malformed',
  '_ws.expert.severity',
  'tcp.analysis.flags',
  'tcp.analysis.retransmission',
];
const BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };
/** Wireshark's expert severities (epan/proto.h): PI_NOTE and PI_WARN. */
const NOTE = 0x0040_0000;
const WARN = 0x0060_0000;

interface Row {
  frame: number;
  src: string;
  dst: string;
  sport: number;
  dport: number;
  stream: number;
  severities: number[];
  analysis: string;
  retransmission: boolean;
}

/** Write the trace's pcap, read it with tshark, and check every frame against its send event. */
function checked(name: string, trace: TraceV2): Row[] {
  const file = join(dir, `${name}.pcap`);
  writeFileSync(file, pcapFromTraceV2(trace));
  const frames = framesOfV2(trace);
  const rows = tsharkFields(file, FIELDS);
  expect(rows).toHaveLength(frames.length);
  return rows.map((row, i) => {
    const [num, epoch, src, dst, sport, dport, stream, flags, seq, ack, len, win, ipSum, tcpSum, malformed] =
      row;
    const [severity, analysis, rtx] = row.slice(15);
    const f = frames[i];
    if (!f) throw new Error('frame count');
    const where = `${name} frame ${num}`;
    const s = f.send.segment;
    expect(malformed, `${where}: malformed`).toBe('');
    expect(ipSum, `${where}: IPv4 checksum`).toBe('1');
    expect(tcpSum, `${where}: TCP checksum`).toBe('1');
    expect(Number(epoch), where).toBeCloseTo(1_767_225_600 + f.t / 1000, 6);
    expect([src, dst, Number(sport), Number(dport)], where).toEqual([
      f.send.src.address,
      f.send.dst.address,
      f.send.src.port,
      f.send.dst.port,
    ]);
    expect(Number(flags), where).toBe(s.flags.reduce((n, fl) => n | (BITS[fl] ?? 0), 0));
    expect([Number(seq), Number(ack), Number(len), Number(win)], where).toEqual([s.seq, s.ack, s.len, s.win]);
    return {
      frame: Number(num),
      src: src as string,
      dst: dst as string,
      sport: Number(sport),
      dport: Number(dport),
      stream: Number(stream),
      severities: severity ? severity.split(',').map(Number) : [],
      analysis: analysis ?? '',
      retransmission: rtx === '1',
    };
  });
}

describe('v2 pcap export checked by tshark', () => {
  it('three clients: three TCP streams between the right sockets, nothing flagged', () => {
    const trace = threeClients();
    const rows = checked('three-clients', trace);
    for (const r of rows) {
      expect(Math.max(0, ...r.severities), `frame ${r.frame}: expert info above a note`).toBeLessThanOrEqual(
        NOTE,
      );
      expect(r.analysis, `frame ${r.frame}: TCP analysis`).toBe('');
    }
    const streams = new Map<number, Set<string>>();
    for (const r of rows) {
      const sockets = streams.get(r.stream) ?? new Set<string>();
      sockets.add(`${r.src}:${r.sport}`).add(`${r.dst}:${r.dport}`);
      streams.set(r.stream, sockets);
    }
    expect([...streams.keys()]).toEqual([0, 1, 2]);
    expect([...streams.values()].map((s) => [...s].sort())).toEqual([
      ['192.0.2.1:40000', '198.51.100.1:80'],
      ['192.0.2.2:40002', '198.51.100.1:80'],
      ['192.0.2.3:40004', '198.51.100.1:80'],
    ]);
    // The fixture's connection table says the same.
    const c = trace.connections;
    expect(Object.keys(c).map((name) => c[name]?.client.local.port)).toEqual([40000, 40002, 40004]);
    // c1: handshake (3), 100 bytes up and its ACK, 50 down and its ACK (4), close (3); c2 and c3: 3 + 3.
    expect([0, 1, 2].map((n) => rows.filter((r) => r.stream === n).length)).toEqual([10, 6, 6]);
  });

  it('a SYN for a closed port: the resent SYN is the one retransmission, the RST,ACK the one warning', () => {
    const rows = checked('refused-after-loss', refusedAfterLoss());
    expect(rows.map((r) => r.stream)).toEqual([0, 0, 0]);
    expect(rows.map((r) => r.retransmission)).toEqual([false, true, false]);
    expect(rows.map((r) => Math.max(0, ...r.severities))).toEqual([0x0020_0000, NOTE, WARN]);
  });
});
