/**
 * A scenario inferred from a capture always reopens (issue 9): infer → JSON.stringify → the schema, for
 * long, long-lived and malformed captures and for every fixture. Captures are synthesized without the
 * engine (bench/captures.ts), so the counts below are derived from how they are built: n packets are
 * 3 handshake + 3 close packets and (n - 6) / 2 request/response rounds, one write each.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type ConversationOptions, conversationPcap } from '../../bench/captures';
import { readCapture } from '../../src/interop/pcap-read';
import { planReplay, type Replay, replayStream } from '../../src/interop/replay';
import { type TcpStream, tcpStreams } from '../../src/interop/streams';
import { parseScenarioJson } from '../../src/scenarios';
import { MAX_FAULTS, MAX_SEND_BYTES, MAX_TIME_MS } from '../../src/tcp/limits';
import type { ScenarioInput } from '../../src/tcp/types';

function stream(options: ConversationOptions): TcpStream {
  const streams = tcpStreams(readCapture(conversationPcap(options)).packets);
  expect(streams).toHaveLength(1);
  return streams[0] as TcpStream;
}

/** The scenario as a file or link holds it, opened again. */
function reopened(scenario: ScenarioInput): ScenarioInput {
  const result = parseScenarioJson(JSON.stringify(scenario));
  if (!result.ok)
    throw new Error(
      result.issues
        .slice(0, 3)
        .map((i) => `${i.path}: ${i.message}`)
        .join('; '),
    );
  return result.scenario;
}

const kinds = (replay: Pick<Replay, 'limitNotes'>) => replay.limitNotes.map((n) => n.kind);

describe('an inferred scenario passes the schema', () => {
  it('20,000 packets: 19,998 calls (more than the 10,000 the schema once allowed) reopen', () => {
    const replay = replayStream(stream({ packets: 20_000 }), 'linux');
    // listen, connect, one send per request and per response (9,997 rounds), and two closes.
    expect(replay.scenario.actions).toHaveLength(2 + 2 * 9_997 + 2);
    expect(reopened(replay.scenario)).toEqual(replay.scenario);
    expect(replay.limitNotes).toEqual([]);
    // The model is sized to the capture: it is not cut short, so every frame is compared.
    expect(replay.trace.truncated).toBeUndefined();
    expect(replay.compared).toBe(20_000);
  }, 60_000);

  it('a conversation over 24 hours (an idle hour every 100 rounds) reopens, nothing cut', () => {
    const replay = replayStream(stream({ packets: 6_000, idleEvery: 100, idleMs: 3_600_000 }), 'linux');
    const last = replay.scenario.actions.at(-1);
    // 2,997 rounds: 29 idle hours before the close.
    expect(last?.at).toBeGreaterThan(29 * 3_600_000);
    expect(reopened(replay.scenario).actions.at(-1)).toEqual(last);
    expect(replay.limitNotes).toEqual([]);
  }, 60_000);

  it('a conversation over 30 days is replayed up to 30 days, and says so', () => {
    // 400 rounds with an idle day after every 10th: 40 days. Rounds from the 300th start after day 30.
    const replay = replayStream(stream({ packets: 806, idleEvery: 10, idleMs: 86_400_000 }), 'linux');
    const scenario = reopened(replay.scenario);
    expect(scenario.actions.every((a) => a.at <= MAX_TIME_MS)).toBe(true);
    expect(scenario.options?.maxTimeMs).toBeLessThanOrEqual(MAX_TIME_MS);
    // The handshake (3 frames) and rounds 0–299 (2 frames each) are compared; the rest is not.
    expect(replay.compared).toBe(3 + 2 * 300);
    expect(replay.limitNotes).toEqual([{ kind: 'time-cut', maxMs: MAX_TIME_MS, frames: 806 - 603 }]);
    expect(replay.notes).toContain(
      'the capture lasts longer than a scenario may (30 days): the last 203 frame(s) are not replayed',
    );
  }, 60_000);

  it('a jumbogram (4,294,967,221 bytes of payload) counts as one send of 100,000,000 bytes; the run stays bounded', () => {
    const replay = replayStream(stream({ packets: 40, jumboAt: 5 }), 'rfc');
    const scenario = reopened(replay.scenario);
    // Round 5's request is frame 3 + 2·5 + 1 = 14.
    expect(replay.limitNotes[0]).toEqual({
      kind: 'segment-too-long',
      count: 1,
      frame: 14,
      bytes: 4_294_967_221,
    });
    expect(scenario.actions.filter((a) => a.bytes === MAX_SEND_BYTES)).toHaveLength(1);
    expect(scenario.actions.every((a) => (a.bytes ?? 0) <= MAX_SEND_BYTES)).toBe(true);
    // A 40-packet capture gets the default budget, and the model stops there (issue 9: 123,000+ events).
    expect(scenario.options?.maxEvents).toBe(200_000);
    expect(replay.trace.events.length).toBeLessThanOrEqual(200_000);
  }, 60_000);

  it('a handshake round trip of 30 minutes: latency clamped to 10 minutes, and says so', () => {
    const replay = replayStream(stream({ packets: 20, rttMs: 1_800_000 }), 'rfc');
    expect(reopened(replay.scenario).network?.latencyMs).toBe(600_000);
    expect(replay.limitNotes).toEqual([{ kind: 'latency-clamped', ms: 900_000, max: 600_000 }]);
  });

  it('port 0 is replayed as port 1, and says so', () => {
    const replay = replayStream(stream({ packets: 20, ports: [0, 80] }), 'rfc');
    expect(reopened(replay.scenario).endpoints?.A?.port).toBe(1);
    expect(kinds(replay)).toEqual(['port-zero']);
  });

  it('every request lost once: 10,100 separate drop rules, cut to 10,000, and the comparison stops there', () => {
    // Each round: the lost request, its retransmission, the response (3 packets); lost copies are the
    // 1st, 3rd, 5th… ACK,PSH segment from A, so no two rules merge.
    const packets = 6 + 3 * 10_100;
    const replay = replayStream(stream({ packets, lostEvery: 1 }), 'linux');
    const scenario = reopened(replay.scenario);
    expect(scenario.faults).toHaveLength(MAX_FAULTS);
    expect(replay.limitNotes.find((n) => n.kind === 'faults-cut')).toEqual({
      kind: 'faults-cut',
      kept: MAX_FAULTS,
      total: 10_100,
    });
    // The frames compared are the first ones, up to the first frame whose drop rule was cut; none after
    // it is matched or reported.
    expect(replay.compared).toBeLessThan(packets);
    expect(replay.matches.map((m) => m.frame)).toEqual(
      Array.from({ length: replay.compared }, (_, i) => i + 1),
    );
    const lastCompared = replay.compared;
    expect(replay.deviations.every((d) => d.frame === null || d.frame <= lastCompared)).toBe(true);
  }, 60_000);

  it('consecutive lost segments become one rule with a count', () => {
    const replay = replayStream(stream({ packets: 200, lostEvery: 1 }), 'linux');
    expect(replay.noteDetails).toEqual([{ kind: 'never-arrived', count: 64, from: 'A' }]);
    expect(reopened(replay.scenario).faults).toHaveLength(64);
  });

  const fixtures = readdirSync('test/fixtures').filter((f) => /\.pcap(ng)?$/.test(f));
  it.each(fixtures)('%s: every stream that replays reopens', (file) => {
    const capture = readCapture(new Uint8Array(readFileSync(`test/fixtures/${file}`)));
    let replayed = 0;
    for (const s of tcpStreams(capture.packets)) {
      for (const profile of ['rfc', 'linux'] as const) {
        const plan = planReplay(s, profile);
        expect(reopened(plan.scenario)).toEqual(plan.scenario);
        replayed++;
      }
    }
    expect(replayed).toBeGreaterThan(0);
  });
});
