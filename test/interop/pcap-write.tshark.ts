/**
 * The exported pcap, checked with the real tool: for every preset (under both profiles, and captured at
 * each endpoint), tshark finds no malformed packet, every IPv4 and TCP checksum is good, every frame's
 * flags/seq/ack/len equal the trace, and Wireshark's tcp.analysis.retransmission is set exactly on the
 * segments the trace calls retransmissions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { framesOf, traceToPcap } from '../../src/interop/pcap-write';
import { loadPreset, PRESET_NAMES } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { Profile } from '../../src/tcp/types';
import { tsharkFields } from './tshark';

const dir = mkdtempSync(join(tmpdir(), 'synack-pcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FIELDS = [
  'frame.number',
  'frame.time_epoch',
  'ip.src',
  'ip.dst',
  'tcp.srcport',
  'tcp.dstport',
  'tcp.flags',
  'tcp.seq_raw',
  'tcp.ack_raw',
  'tcp.len',
  'tcp.window_size_value',
  'tcp.analysis.retransmission',
  'ip.checksum.status',
  'tcp.checksum.status',
  '_ws.malformed',
];
const BITS: Record<string, number> = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10 };

const cases: [string, Profile, 'A' | 'B' | undefined][] = [];
for (const name of PRESET_NAMES) {
  for (const profile of ['rfc', 'linux'] as const) cases.push([name, profile, undefined]);
  cases.push([name, 'rfc', 'A'], [name, 'rfc', 'B']);
}

describe('pcap export checked by tshark', () => {
  it.each(cases)('%s (%s profile, captured at %s)', (name, profile, captureAt) => {
    const scenario = loadPreset(name);
    if (!scenario) throw new Error(`no preset ${name}`);
    const trace = runScenario(scenario, { profile });
    const file = join(dir, `${name}-${profile}-${captureAt ?? 'senders'}.pcap`);
    writeFileSync(file, traceToPcap(trace, captureAt ? { captureAt } : {}));
    const rows = tsharkFields(file, FIELDS);
    const frames = framesOf(trace, captureAt ? { captureAt } : {});
    expect(rows).toHaveLength(frames.length);
    // Wireshark calls a segment with data a retransmission when its sender's address has already sent a
    // segment that reached further in sequence space (tcp.analysis.retransmission: "the next expected
    // sequence number is greater than the current sequence number"). A segment the scenario forges in a
    // sender's name (an in-window RST, RFC 5961) can reach further than the real stream, so the sender's
    // later data looks resent to Wireshark although it is not: those frames are named, not compared.
    const forgedAhead = new Map<string, number>();
    rows.forEach((row, i) => {
      const [num, epoch, src, dst, sport, dport, flags, seq, ack, len, win, rtx, ipSum, tcpSum, malformed] =
        row;
      const f = frames[i];
      if (!f) throw new Error('frame count');
      const s = f.send.segment;
      const where = `${name} frame ${num}`;
      expect(malformed, `${where}: malformed`).toBe('');
      expect(ipSum, `${where}: IPv4 checksum`).toBe('1');
      expect(tcpSum, `${where}: TCP checksum`).toBe('1');
      expect(Number(epoch), where).toBeCloseTo(1_767_225_600 + f.t / 1000, 6);
      expect(src, where).toBe(f.send.from === 'A' ? '192.0.2.1' : '198.51.100.1');
      expect(dst, where).toBe(f.send.to === 'A' ? '192.0.2.1' : '198.51.100.1');
      expect(Number(sport), where).toBe(trace.scenario.endpoints[f.send.from].port);
      expect(Number(dport), where).toBe(trace.scenario.endpoints[f.send.to].port);
      expect(Number(flags), where).toBe(s.flags.reduce((n, fl) => n | (BITS[fl] ?? 0), 0));
      expect(Number(seq), where).toBe(s.seq);
      expect(Number(ack), where).toBe(s.ack);
      expect(Number(len), where).toBe(s.len);
      expect(Number(win), where).toBe(s.win);
      // Wireshark's retransmission analysis agrees with the trace on every segment the capture point sent.
      // (What a receiver's interface calls a retransmission depends on what else it saw: when the original
      // was lost, the resent copy is the first one there; so received frames are not compared.)
      const ahead = forgedAhead.get(f.send.from);
      const behindForged = ahead !== undefined && (ahead - s.seq) >>> 0 < 0x8000_0000 && ahead !== s.seq;
      if (f.send.injected) forgedAhead.set(f.send.from, (s.seq + s.len) >>> 0);
      if ((captureAt === undefined || f.send.from === captureAt) && !(behindForged && !f.send.injected)) {
        expect(rtx === '1', `${where}: Wireshark retransmission flag`).toBe(f.send.retransmission);
      }
      if (behindForged && !f.send.injected && s.len > 0)
        expect(rtx, `${where}: behind a forged segment`).toBe('1');
    });
  });
});
