/**
 * renderTraceV2 and emitTraceV2: what `sim FILE.json` will print or write for a version 2 trace once the
 * v2 engine produces one, checked on the hand-written traces; and `sim` itself still refusing to run a
 * version 2 file, whatever the format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatLadderV2 } from '../../src/cli/ladder-v2';
import { emitTraceV2 } from '../../src/cli/main';
import { renderTraceV2 } from '../../src/cli/render-v2';
import { readCapture } from '../../src/interop/pcap-read';
import { pcapFromTraceV2 } from '../../src/interop/pcap-v2';
import { TraceV2Error } from '../../src/interop/trace-v2-check';
import type { SendEventV2 } from '../../src/tcp/traceV2';
import { refusedAfterLoss, threeClients } from './fixtures/traces-v2';
import { expectRejected, sim } from './helpers';

function fakeIo() {
  const written = new Map<string, Uint8Array>();
  let stdout = '';
  let stderr = '';
  return {
    written,
    out: () => stdout,
    err: () => stderr,
    io: {
      stdout: (text: string) => {
        stdout += text;
      },
      stderr: (text: string) => {
        stderr += text;
      },
      writeFile: (path: string, data: Uint8Array, options: { force: boolean }) => {
        if (written.has(path) && !options.force) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
        written.set(path, data);
      },
      isTTY: false,
      env: {},
    },
  };
}

describe('renderTraceV2', () => {
  it('text is the ladder; json is the trace on one line', () => {
    const trace = threeClients();
    expect(renderTraceV2(trace, 'text')).toEqual({ kind: 'stdout', text: formatLadderV2(trace) });
    const json = renderTraceV2(trace, 'json');
    if (json.kind !== 'stdout') throw new Error('json goes to stdout');
    expect(json.text.endsWith('\n')).toBe(true);
    expect(json.text.trimEnd().includes('\n')).toBe(false);
    expect(JSON.parse(json.text)).toEqual(trace);
  });

  it('pcap is the bytes of pcapFromTraceV2 and its frame count', () => {
    const trace = threeClients();
    expect(renderTraceV2(trace, 'pcap')).toEqual({ kind: 'pcap', data: pcapFromTraceV2(trace), frames: 22 });
    const atServer = renderTraceV2(refusedAfterLoss(), 'pcap', { captureAt: 'server' });
    expect(atServer.kind === 'pcap' && atServer.frames).toBe(2);
  });

  it('refuses a trace outside the limits in every format, naming the field', () => {
    const trace = refusedAfterLoss();
    (trace.events[2] as SendEventV2).segment.seq = 2 ** 32;
    for (const format of ['text', 'json', 'pcap'] as const) {
      expect(() => renderTraceV2(trace, format)).toThrow(TraceV2Error);
      expect(() => renderTraceV2(trace, format)).toThrow('$.events[2].segment.seq');
    }
  });
});

describe('emitTraceV2', () => {
  it('prints the ladder on stdout, with colours only when asked', () => {
    const f = fakeIo();
    expect(emitTraceV2(refusedAfterLoss(), { format: 'text' }, f.io)).toBe(0);
    expect(f.out()).toBe(formatLadderV2(refusedAfterLoss()));
    const tty = fakeIo();
    emitTraceV2(refusedAfterLoss(), { format: 'text' }, { ...tty.io, isTTY: true });
    expect(tty.out()).toContain('\x1b[36m');
  });

  it('writes the pcap to --out and says what it wrote, as for a v1 trace', () => {
    const f = fakeIo();
    const trace = threeClients();
    expect(emitTraceV2(trace, { format: 'pcap', out: 'three.pcap' }, f.io)).toBe(0);
    const data = pcapFromTraceV2(trace);
    expect(f.written.get('three.pcap')).toEqual(data);
    expect(f.out()).toBe('');
    expect(f.err()).toBe(`sim: wrote three.pcap: 22 frames, ${data.length} bytes (libpcap, Ethernet)\n`);
    // The file exists now: refused without --force, replaced with it.
    expect(emitTraceV2(trace, { format: 'pcap', out: 'three.pcap' }, f.io)).toBe(2);
    expect(f.err()).toContain('sim: --out three.pcap: the file exists (add --force to replace it)\n');
    expect(emitTraceV2(trace, { format: 'pcap', out: 'three.pcap', force: true }, f.io)).toBe(0);
    const none = fakeIo();
    expect(emitTraceV2(trace, { format: 'pcap' }, none.io)).toBe(2);
    expect(none.err()).toBe('sim: --format pcap needs --out FILE (a pcap is binary: it is not printed)\n');
  });
});

describe('sim runs a version 2 file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synack-render-v2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // The shortest v2 world: a listener and one connect, under linux. By hand (RFC 9293 §3.5 figure 6):
  // SYN from the client, SYN,ACK from the server, ACK from the client; the client's port is an even one
  // of Linux's ephemeral range 32768–60999 (docs/design/linux-listener.md §4), the server's 80.
  const scenario = {
    version: 2,
    profile: 'linux',
    hosts: { client: { address: '192.0.2.1' }, server: { address: '198.51.100.1' } },
    actions: [
      { at: 0, host: 'server', call: 'listen', port: 80 },
      { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' },
    ],
  };
  const path = join(dir, 'v2.json');
  writeFileSync(path, JSON.stringify(scenario));

  it('--format json: the trace of the world, a handshake between the two hosts', () => {
    const run = sim([path, '--format', 'json']);
    expect(run.code).toBe(0);
    const trace = JSON.parse(run.stdout);
    expect(trace.version).toBe(2);
    expect(trace.hosts.client.address).toBe('192.0.2.1');
    const sends = (trace.events as SendEventV2[]).filter((e) => e.type === 'send');
    expect(sends.map((e) => [e.host, e.toHost, e.segment.flags.join(',')])).toEqual([
      ['client', 'server', 'SYN'],
      ['server', 'client', 'SYN,ACK'],
      ['client', 'server', 'ACK'],
    ]);
    const port = sends[0]?.src.port as number;
    expect(port % 2 === 0 && port >= 32768 && port <= 60999).toBe(true);
    expect(sends[0]?.dst).toEqual({ address: '198.51.100.1', port: 80 });
    expect(sends[1]?.src).toEqual({ address: '198.51.100.1', port: 80 });
    expect(sends[1]?.dst).toEqual({ address: '192.0.2.1', port });
    // SYN,ACK acknowledges the SYN's one sequence number; the ACK acknowledges the server's.
    expect(sends[1]?.segment.ack).toBe(((sends[0]?.segment.seq as number) + 1) >>> 0);
    expect(sends[2]?.segment.ack).toBe(((sends[1]?.segment.seq as number) + 1) >>> 0);
  });

  it('text: a ladder with a column per host, named and addressed', () => {
    const run = sim([path]);
    expect(run.code).toBe(0);
    const header = run.stdout.split('\n').slice(0, 4).join('\n');
    expect(header).toMatch(/client\s+server/);
    expect(header).toMatch(/192\.0\.2\.1\s+198\.51\.100\.1/);
    expect(run.stdout).toContain('[c1] #1 SYN seq=');
  });

  it("--format pcap: each packet with its host's address and port", () => {
    const out = join(dir, 'v2.pcap');
    const written = new Map<string, Uint8Array>();
    const run = sim([path, '--format', 'pcap', '--out', out], {
      writeFile: (p: string, data: Uint8Array) => {
        written.set(p, data);
      },
    });
    expect(run.code).toBe(0);
    const packets = readCapture(written.get(out) as Uint8Array).packets;
    expect(packets.map((p) => `${p.src}>${p.dst}:${p.dstPort}`)).toEqual([
      `192.0.2.1>198.51.100.1:80`,
      `198.51.100.1>192.0.2.1:${packets[0]?.srcPort}`,
      `192.0.2.1>198.51.100.1:80`,
    ]);
  });

  it('--capture-at names a host of the scenario; another name is refused with the hosts listed', () => {
    const run = sim([path, '--format', 'pcap', '--out', join(dir, 'x.pcap'), '--capture-at', 'A'], {
      writeFile: () => {},
    });
    expectRejected(run, '--capture-at must name a host of the scenario (client, server), not "A"');
    const v1 = sim([
      'rfc9293-fig6',
      '--format',
      'pcap',
      '--out',
      join(dir, 'y.pcap'),
      '--capture-at',
      'server',
    ]);
    expectRejected(v1, '--capture-at must be A or B for a version 1 scenario, not "server"');
  });
});
