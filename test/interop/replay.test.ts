/**
 * Real Linux captures (test/fixtures, made by make-captures.sh in network namespaces) explained by the
 * simulator, and simulated traces read back from their own pcap export.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCapture } from '../../src/interop/pcap-read';
import { traceToPcap } from '../../src/interop/pcap-write';
import { ReplayError, replayStream } from '../../src/interop/replay';
import { tcpStreams } from '../../src/interop/streams';
import { loadPreset } from '../../src/scenarios';
import { runScenario } from '../../src/tcp';
import type { Profile } from '../../src/tcp/types';

function replayFixture(file: string, profile: Profile) {
  const capture = readCapture(new Uint8Array(readFileSync(`test/fixtures/${file}`)));
  const stream = tcpStreams(capture.packets)[0];
  if (!stream) throw new Error('no stream');
  return replayStream(stream, profile);
}

const NORMAL = [
  'linux-normal.pcapng',
  'linux-normal.pcap',
  'linux-normal-v6.pcapng',
  'linux-normal-sll.pcapng',
  'linux-normal-sll2.pcapng',
  'mixed-non-tcp.pcapng',
];

describe('a Linux capture of a normal connection', () => {
  it.each(NORMAL)('%s replays with no deviations under the linux profile', (file) => {
    const replay = replayFixture(file, 'linux');
    expect(replay.deviations).toEqual([]);
    expect(replay.compared).toBe(10);
    expect(replay.matches.every((m) => m.id !== null)).toBe(true);
    expect(replay.trace.final).toEqual({ A: { state: 'CLOSED' }, B: { state: 'CLOSED' } });
  });

  it('the scenario is inferred from the capture: ISNs, ports and MSS from the SYNs, calls from the data', () => {
    const { scenario, capturePoint } = replayFixture('linux-normal.pcapng', 'linux');
    // tshark: frame 1 SYN seq_raw 643991670 from port 47450, frame 2 SYN,ACK seq_raw 176122928 (README).
    expect(scenario.endpoints?.A).toMatchObject({ port: 47450, isn: 643991670, mss: 65495 });
    expect(scenario.endpoints?.B).toMatchObject({ port: 8080, isn: 176122928, mss: 65495 });
    expect(capturePoint).toBe('A');
    expect(scenario.actions.map((a) => `${a.endpoint} ${a.call}${a.bytes ? ` ${a.bytes}` : ''}`)).toEqual([
      'B listen',
      'A connect',
      'A send 4',
      'B send 4',
      'A close',
      'B close',
    ]);
    expect(scenario.faults).toBeUndefined();
  });

  it('under the rfc profile the same capture deviates exactly where the RFC and Linux differ: the 3-segment close', () => {
    const replay = replayFixture('linux-normal.pcapng', 'rfc');
    expect(replay.deviations).toHaveLength(1);
    expect(replay.deviations[0]).toMatchObject({ frame: null, expected: null });
    expect(replay.deviations[0]?.actual).toMatch(/^B>A ACK seq=176122933 ack=643991676/);
    expect(replay.deviations[0]?.note).toMatch(/^extra/);
  });
});

describe('other real captures', () => {
  it('connection refused: SYN answered by RST,ACK; A sees ECONNREFUSED; no deviations', () => {
    const replay = replayFixture('linux-refused.pcapng', 'linux');
    expect(replay.deviations).toEqual([]);
    expect(replay.trace.final.A).toEqual({ state: 'CLOSED', error: 'ECONNREFUSED' });
    expect(replay.scenario.actions.map((a) => a.call)).toEqual(['connect']);
  });

  it('SYN timeout: every SYN never arrived (drop faults); Linux linear timeouts match, the RFC backoff does not', () => {
    const linux = replayFixture('linux-syn-timeout.pcap', 'linux');
    // Six SYNs in a row (tshark: frames 1–6): one drop rule for the 1st to the 6th SYN from A.
    expect(linux.scenario.faults).toEqual([{ drop: { from: 'A', flags: ['SYN'], nth: 1, count: 6 } }]);
    expect(linux.deviations).toEqual([]);
    // What the replay assumed, as data for the page (in the reader's language) and in English for the CLI.
    expect(linux.noteDetails).toEqual([
      { kind: 'no-syn-answer' },
      { kind: 'never-arrived', count: 6, from: 'A' },
    ]);
    expect(linux.notes).toEqual([
      'no answer to the SYN in the capture: latency unknown, 0 ms assumed',
      '6 segment(s) from A never arrived: modelled as drop faults',
    ]);
    const rfc = replayFixture('linux-syn-timeout.pcap', 'rfc');
    // RFC 6298 doubles the RTO: the third SYN is due at 3 s, Linux sent it at ~2.03 s.
    expect(rfc.deviations[0]).toMatchObject({ frame: 3 });
    expect(rfc.deviations[0]?.note).toMatch(/^timing/);
    expect(rfc.deviations.some((d) => d.note.startsWith('missing'))).toBe(true);
  });
});

describe('simulated traces read back from their pcap', () => {
  it.each([
    'rfc9293-fig6',
    'rfc9293-fig12',
    'rfc9293-fig13',
    'data-then-close',
    'half-close',
    'lost-syn',
    'reset-mid-connection',
  ])('%s captured at A replays with no deviations', (name) => {
    const trace = runScenario(loadPreset(name) as NonNullable<ReturnType<typeof loadPreset>>);
    const capture = readCapture(traceToPcap(trace, { captureAt: 'A' }));
    const stream = tcpStreams(capture.packets)[0];
    if (!stream) throw new Error('no stream');
    const replay = replayStream(stream, trace.scenario.profile);
    expect(replay.deviations).toEqual([]);
    expect(replay.latencyMs).toBe(trace.scenario.network.latencyMs);
  });

  it('a capture that starts after the handshake cannot be replayed, and says why', () => {
    const trace = runScenario(loadPreset('rfc9293-fig12') as NonNullable<ReturnType<typeof loadPreset>>);
    const capture = readCapture(traceToPcap(trace, { captureAt: 'A' }));
    const stream = tcpStreams(capture.packets.slice(3))[0];
    if (!stream) throw new Error('no stream');
    expect(() => replayStream(stream, 'rfc')).toThrow(ReplayError);
    expect(() => replayStream(stream, 'rfc')).toThrow(/no SYN from its first sender/);
  });
});
