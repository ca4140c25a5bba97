/** `sim <scenario> --format pcap --out FILE [--capture-at A|B]`. */
import { describe, expect, it } from 'vitest';
import { framesOf, traceToPcap } from '../../src/interop/pcap-write';
import { loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import { expectRejected, sim } from './helpers';

function capture() {
  const written = new Map<string, Uint8Array>();
  return { written, writeFile: (path: string, data: Uint8Array) => void written.set(path, data) };
}

describe('sim --format pcap', () => {
  it('writes the same bytes as traceToPcap and says what it wrote on stderr', () => {
    const io = capture();
    const run = sim(['lost-syn-ack', '--format', 'pcap', '--out', 'x.pcap'], { writeFile: io.writeFile });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const trace = runScenario(loadPreset('lost-syn-ack') as NonNullable<ReturnType<typeof loadPreset>>);
    expect(io.written.get('x.pcap')).toEqual(traceToPcap(trace));
    expect(run.stderr).toBe(
      `sim: wrote x.pcap: ${framesOf(trace).length} frames, ${traceToPcap(trace).length} bytes (libpcap, Ethernet)\n`,
    );
  });

  it('--capture-at B keeps what B sent and what was delivered to B', () => {
    const io = capture();
    expect(
      sim(['lost-syn', '--format', 'pcap', '--out', 'b.pcap', '--capture-at', 'B'], {
        writeFile: io.writeFile,
      }).code,
    ).toBe(0);
    const trace = runScenario(loadPreset('lost-syn') as NonNullable<ReturnType<typeof loadPreset>>);
    const atB = framesOf(trace, { captureAt: 'B' });
    // The lost first SYN never reached B, so B's capture starts with the retransmitted one.
    expect(atB[0]?.send.retransmission).toBe(true);
    expect(atB.length).toBeLessThan(framesOf(trace).length);
    expect(io.written.get('b.pcap')).toEqual(traceToPcap(trace, { captureAt: 'B' }));
  });

  it('rejects bad combinations with one line naming the flag', () => {
    expectRejected(sim(['lost-syn', '--format', 'pcap']), '--out');
    expectRejected(sim(['lost-syn', '--format', 'pcap', '--out', 'x', '--capture-at', 'C']), '--capture-at');
    expectRejected(sim(['lost-syn', '--out', 'x.pcap']), '--out');
    expectRejected(sim(['lost-syn', '--capture-at', 'A']), '--capture-at');
    expectRejected(sim(['montecarlo', '--runs', '5', '--loss', '0.1', '--format', 'pcap']), '--format pcap');
    expectRejected(sim(['lost-syn', '--format', 'pcapng']), '--format');
  });

  it('an unwritable --out is a one-line error, exit 2', () => {
    const run = sim(['lost-syn', '--format', 'pcap', '--out', '/no/such/dir/x.pcap'], {
      writeFile: () => {
        throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      },
    });
    expectRejected(run, '--out /no/such/dir/x.pcap: cannot write the file (ENOENT)');
  });
});
