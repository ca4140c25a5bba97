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

describe('sim still refuses to run a version 2 file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'synack-render-v2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const scenario = {
    version: 2,
    hosts: { client: { address: '192.0.2.1' }, server: { address: '198.51.100.1' } },
    actions: [
      { at: 0, host: 'server', call: 'listen', port: 80 },
      { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' },
    ],
  };
  const path = join(dir, 'v2.json');
  writeFileSync(path, JSON.stringify(scenario));

  it.each([['text'], ['json'], ['pcap']])('--format %s: one line, exit 2, nothing written', (format) => {
    const f = fakeIo();
    const args = [path, '--format', format, ...(format === 'pcap' ? ['--out', join(dir, 'x.pcap')] : [])];
    const run = sim(args, { writeFile: f.io.writeFile });
    expectRejected(run, 'sim runs version 1 scenarios only for now (sim validate checks version 2 files)');
    expect(f.written.size).toBe(0);
  });
});
