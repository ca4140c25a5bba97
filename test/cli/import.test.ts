/** `sim import FILE [--format text|json] [--profile rfc|linux] [--stream N] [--list-streams]`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectRejected, sim } from './helpers';

const readBytes = (path: string) => new Uint8Array(readFileSync(path));
const run = (argv: string[]) => sim(argv);

describe('sim import', () => {
  it('--format json prints the trace contract plus deviations, alone on stdout', () => {
    const r = run(['import', 'test/fixtures/linux-normal.pcapng', '--profile', 'linux', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['scenario', 'events', 'final', 'deviations', 'capture']);
    expect(out.deviations).toEqual([]);
    expect(out.scenario.profile).toBe('linux');
    expect(out.capture).toMatchObject({ stream: 0, capturePoint: 'A', frames: 10 });
    expect(out.events.filter((e: { type: string }) => e.type === 'send')).toHaveLength(10);
  });

  it('under the rfc profile the deviations say what differs, frame by frame', () => {
    const out = JSON.parse(run(['import', 'test/fixtures/linux-normal.pcapng', '--format', 'json']).stdout);
    expect(out.deviations).toEqual([
      {
        frame: null,
        kind: 'extra',
        id: expect.any(Number),
        expected: null,
        actual: expect.stringMatching(/^B>A ACK /),
        note: expect.stringMatching(/^extra/),
      },
    ]);
  });

  it('the text format shows the ladder and a deviation summary', () => {
    const r = run(['import', 'test/fixtures/linux-syn-timeout.pcap']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('capture taken near A');
    expect(r.stdout).toMatch(/6 captured frames compared with the model: \d+ deviation\(s\)/);
    expect(r.stdout).toContain('capture: A>B SYN');
  });

  it('--list-streams lists the TCP conversations (non-TCP frames are skipped)', () => {
    const r = run(['import', 'test/fixtures/mixed-non-tcp.pcapng', '--list-streams']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toMatch(/^ {2}0 {2}127\.0\.0\.1:\d+ → 127\.0\.0\.1:8080, 10 packets/);
  });

  it('bad input: one line naming the file, offset, flag or stream; exit 2', () => {
    expectRejected(run(['import', 'README.md']), 'README.md: wrong magic number');
    expectRejected(
      run(['import', 'no-such-file.pcap']),
      'no-such-file.pcap: cannot read the file (no such file)',
    );
    expectRejected(run(['import', 'test/fixtures/linux-normal.pcapng', '--stream', '4']), '--stream 4');
    expectRejected(run(['import', 'test/fixtures/linux-normal.pcapng', '--stream', 'x']), '--stream');
    expectRejected(run(['import']), 'import needs a capture file');
    expectRejected(run(['import', 'test/fixtures/linux-normal.pcapng', '--format', 'pcap']), '--format');
    expectRejected(run(['lost-syn', '--stream', '1']), '--stream is only valid with import');
  });

  it('a truncated capture names the frame and byte offset', () => {
    const bytes = readBytes('test/fixtures/linux-normal.pcap').subarray(0, 200);
    const r = sim(['import', 'cut.pcap'], { readBytes: () => bytes });
    expectRejected(r, 'cut.pcap: frame');
    expect(r.stderr).toMatch(/offset \d+/);
  });
});
