/**
 * Answers against RFC 9293's own figures: the segments of figure 6 are read from the RFC's text, the
 * states of figures 12 and 13 and the times are derived by hand (written out beside each value), never by
 * running the code under test a second time.
 */
import { describe, expect, it } from 'vitest';
import {
  answerFor,
  figureValue,
  gradeChoice,
  gradeNumber,
  gradeSegment,
  hintFor,
  relativeBaseOf,
  shownNumbers,
} from '../../src/lessons/answers';
import { resolveAnchor, stepRange, unresolvedAnchors } from '../../src/lessons/resolve';
import type { Answer, SegmentAnswer } from '../../src/lessons/types';
import { loadPreset } from '../../src/scenarios/presets';
import { buildTimeline, type Timeline } from '../../src/tcp';
import { RFC9293_LINES, sectionText } from '../rfc9293';

const timelineOf = (preset: string, profile?: 'rfc' | 'linux'): Timeline => {
  const scenario = loadPreset(preset);
  if (!scenario) throw new Error(`no preset ${preset}`);
  return buildTimeline(scenario, profile ? { profile } : {});
};

/** The segments of an RFC figure as printed: "<SEQ=300><ACK=101><CTL=SYN,ACK>", with who sends. */
function figureSegments(
  caption: string,
): { from: 'A' | 'B'; seq: number; ack?: number; flags: string[]; data: boolean }[] {
  const end = RFC9293_LINES.findIndex((line) => line.includes(caption));
  let start = end;
  while (start > 0 && !RFC9293_LINES[start - 1]?.includes('TCP Peer A')) start--;
  const out = [];
  for (const line of RFC9293_LINES.slice(start, end)) {
    const m = /(-->|<--) <SEQ=(\d+)>(?:<ACK=(\d+)>)?<CTL=([A-Z,]+)>(<DATA>)?/.exec(line);
    if (!m) continue;
    out.push({
      from: m[1] === '-->' ? ('A' as const) : ('B' as const),
      seq: Number(m[2]),
      ...(m[3] === undefined ? {} : { ack: Number(m[3]) }),
      flags: (m[4] as string).split(','),
      data: m[5] !== undefined,
    });
  }
  return out;
}

const segmentOf = (answer: Answer | null): SegmentAnswer => {
  if (answer?.kind !== 'next-segment') throw new Error(`expected a segment, got ${JSON.stringify(answer)}`);
  return answer.segment;
};

describe('next segment: RFC 9293 figure 6, read from the RFC text', () => {
  const timeline = timelineOf('rfc9293-fig6');
  const rfc = figureSegments('Figure 6: Basic Three-Way Handshake');

  it('the figure has its four segments (the parser reads the RFC)', () => {
    expect(rfc.map((s) => s.from)).toEqual(['A', 'B', 'A', 'A']);
  });

  it('paused just before each send, the answer is the figure line (the SYN,ACK: seq=300 ack=101 len 0)', () => {
    rfc.forEach((line, k) => {
      const cursor = resolveAnchor(timeline.trace, { type: 'send', nth: k + 1, offset: -1 });
      expect(cursor).not.toBeNull();
      const a = segmentOf(answerFor(timeline, { kind: 'next-segment' }, cursor as number));
      expect(a.from).toBe(line.from);
      expect(a.seq).toBe(line.seq);
      if (line.ack !== undefined) expect(a.ack).toBe(line.ack);
      expect(new Set(a.flags)).toEqual(new Set([...line.flags, ...(line.data ? ['PSH'] : [])]));
      // Control segments carry no data; line 5's <DATA> is the scenario's 100 bytes (its description).
      expect(a.len).toBe(line.data ? 100 : 0);
    });
  });

  it("by endpoint: the next segment B sends after A's SYN is the SYN,ACK, whatever A sends first", () => {
    const a = segmentOf(answerFor(timeline, { kind: 'next-segment', endpoint: 'B' }, -1));
    expect({ seq: a.seq, ack: a.ack, flags: new Set(a.flags), len: a.len }).toEqual({
      seq: 300,
      ack: 101,
      flags: new Set(['SYN', 'ACK']),
      len: 0,
    });
  });

  it('the hint is the rule that made the SYN,ACK: RFC 9293 §3.10.7.2, a SYN arriving in LISTEN', () => {
    const answer = answerFor(timeline, { kind: 'next-segment', endpoint: 'B' }, -1) as Answer;
    const hint = hintFor(answer);
    expect(hint?.rfc).toBe('3.10.7.2');
    expect(sectionText('3.10.7.2')).toMatch(/LISTEN STATE/);
    expect(hint?.explain).toBe(segmentOf(answer).explain);
  });

  it('handshake-ms: connect at 10 ms, then three one-way trips of 50 ms (the default latency) = 150 ms', () => {
    expect(figureValue(timeline, { figure: 'handshake-ms' })).toBe(3 * 50);
    expect(
      answerFor(timeline, { kind: 'number', figure: { figure: 'handshake-ms' }, question: q }, -1),
    ).toEqual({
      kind: 'number',
      value: 150,
      unit: 'ms',
    });
    expect(
      answerFor(timeline, { kind: 'number', figure: { figure: 'handshake-ms' }, question: q, unit: 's' }, -1),
    ).toEqual({ kind: 'number', value: 0.15, unit: 's' });
  });

  it('no next segment after the last send: null, not an invented answer', () => {
    expect(answerFor(timeline, { kind: 'next-segment' }, timeline.trace.events.length - 1)).toBeNull();
  });
});

const q = { en: 'How long?', 'zh-CN': '多长时间？' };

describe('next state: RFC 9293 figures 12 and 13 (by hand from the figures)', () => {
  /** The states an endpoint passes through, asked one next-state checkpoint at a time. */
  function statesAsked(timeline: Timeline, endpoint: 'A' | 'B', from: number): string[] {
    const states: string[] = [];
    let cursor = from;
    for (;;) {
      const a = answerFor(timeline, { kind: 'next-state', endpoint }, cursor);
      if (a?.kind !== 'next-state') return states;
      states.push(a.state);
      cursor = a.index;
    }
  }

  it('figure 12: A ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT → (2 MSL) CLOSED; B → CLOSE-WAIT → LAST-ACK → CLOSED', () => {
    const timeline = timelineOf('rfc9293-fig12');
    const close = resolveAnchor(timeline.trace, { type: 'call', endpoint: 'A', call: 'close' }) as number;
    expect(statesAsked(timeline, 'A', close - 1)).toEqual([
      'FIN-WAIT-1',
      'FIN-WAIT-2',
      'TIME-WAIT',
      'CLOSED',
    ]);
    expect(statesAsked(timeline, 'B', close - 1)).toEqual(['CLOSE-WAIT', 'LAST-ACK', 'CLOSED']);
    // mslMs is 1000 in the preset: TIME-WAIT lasts 2·MSL = 2000 ms (RFC 9293 §3.10.8, figure 12 line 6).
    expect(figureValue(timeline, { figure: 'state-duration', endpoint: 'A', state: 'TIME-WAIT' })).toBe(2000);
    // A's FIN at 500 ms; B closes at 700, its FIN reaches A at 750; A leaves TIME-WAIT at 750 + 2000.
    expect(figureValue(timeline, { figure: 'teardown-ms' })).toBe(750 + 2000 - 500);
    expect(
      figureValue(timeline, {
        figure: 'event-time',
        anchor: { type: 'state', endpoint: 'A', state: 'CLOSED' },
      }),
    ).toBe(2750);
    expect(figureValue(timeline, { figure: 'final-state', endpoint: 'B' })).toBe('CLOSED');
  });

  it('figure 13: both FIN-WAIT-1 → CLOSING → TIME-WAIT → CLOSED', () => {
    const timeline = timelineOf('rfc9293-fig13');
    const close = resolveAnchor(timeline.trace, { type: 'call', call: 'close' }) as number;
    for (const ep of ['A', 'B'] as const)
      expect(statesAsked(timeline, ep, close - 1)).toEqual(['FIN-WAIT-1', 'CLOSING', 'TIME-WAIT', 'CLOSED']);
    expect(figureValue(timeline, { figure: 'state-duration', endpoint: 'B', state: 'TIME-WAIT' })).toBe(2000);
  });

  it('a state never left (or never entered) has no duration', () => {
    const timeline = timelineOf('rfc9293-fig6');
    expect(
      figureValue(timeline, { figure: 'state-duration', endpoint: 'A', state: 'ESTABLISHED' }),
    ).toBeNull();
    expect(figureValue(timeline, { figure: 'state-duration', endpoint: 'A', state: 'CLOSING' })).toBeNull();
    // A starts in CLOSED (t = 0) and connects at 10 ms.
    expect(figureValue(timeline, { figure: 'state-duration', endpoint: 'A', state: 'CLOSED' })).toBe(10);
  });
});

describe('figures of loss and refusal', () => {
  it('lost-syn: A sends its SYN twice, 1 s apart (RFC 6298 §2.1: the initial RTO is 1 second)', () => {
    const timeline = timelineOf('lost-syn');
    expect(figureValue(timeline, { figure: 'send-count', endpoint: 'A', flags: 'SYN' })).toBe(2);
    expect(
      figureValue(timeline, {
        figure: 'gap-ms',
        from: { type: 'send', endpoint: 'A', flags: 'SYN' },
        to: { type: 'send', endpoint: 'A', flags: 'SYN', nth: 2 },
      }),
    ).toBe(1000);
    expect(resolveAnchor(timeline.trace, { type: 'drop', endpoint: 'A', flags: 'SYN' })).not.toBeNull();
    expect(resolveAnchor(timeline.trace, { type: 'drop', endpoint: 'B' })).toBeNull();
  });

  it('connection-refused: A sees ECONNREFUSED (the preset says so), and the default choices contain it', () => {
    const timeline = timelineOf('connection-refused');
    const answer = answerFor(
      timeline,
      { kind: 'choice', figure: { figure: 'app-error', endpoint: 'A' }, question: q },
      -1,
    );
    expect(answer).toEqual({
      kind: 'choice',
      value: 'ECONNREFUSED',
      choices: ['ECONNREFUSED', 'ETIMEDOUT', 'ECONNRESET', 'none'],
    });
    const state = answerFor(
      timeline,
      { kind: 'choice', figure: { figure: 'final-state', endpoint: 'B' }, question: q },
      -1,
    );
    expect(state?.kind === 'choice' && state.choices).toHaveLength(11); // the states of RFC 9293 §3.3.2
    expect(state?.kind === 'choice' && state.value).toBe('CLOSED');
  });

  it('a choice the lesson lists is offered as listed', () => {
    const timeline = timelineOf('lost-syn');
    const figure = { figure: 'send-count', endpoint: 'A', flags: 'SYN' } as const;
    expect(
      answerFor(timeline, { kind: 'choice', figure, question: q, choices: ['1', '2', '3'] }, -1),
    ).toEqual({
      kind: 'choice',
      value: '2',
      choices: ['1', '2', '3'],
    });
  });
});

describe('grading a predicted segment', () => {
  const timeline = timelineOf('rfc9293-fig6');
  const synAck = segmentOf(answerFor(timeline, { kind: 'next-segment', endpoint: 'B' }, -1));
  const syn = segmentOf(answerFor(timeline, { kind: 'next-segment', endpoint: 'A' }, -1));

  it('absolute: seq=300 ack=101 SYN,ACK len 0 is right; each wrong field is named', () => {
    expect(gradeSegment({ flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 }, synAck, null).correct).toBe(
      true,
    );
    expect(gradeSegment({ flags: ['SYN', 'ACK'], seq: 301, ack: 100, len: 0 }, synAck, null)).toEqual({
      flags: true,
      seq: false,
      ack: false,
      len: true,
      correct: false,
    });
    expect(
      gradeSegment({ flags: ['SYN', 'ACK'], seq: null, ack: 101, len: null }, synAck, null),
    ).toMatchObject({
      seq: false,
      len: false,
    });
  });

  it('flags are a set: order and case do not matter, a missing or extra flag is wrong', () => {
    expect(gradeSegment({ flags: ['ACK', 'SYN'], seq: 300, ack: 101, len: 0 }, synAck, null).flags).toBe(
      true,
    );
    expect(gradeSegment({ flags: ['ack', 'syn'], seq: 300, ack: 101, len: 0 }, synAck, null).flags).toBe(
      true,
    );
    expect(gradeSegment({ flags: ['SYN'], seq: 300, ack: 101, len: 0 }, synAck, null).flags).toBe(false);
    expect(
      gradeSegment({ flags: ['SYN', 'ACK', 'FIN'], seq: 300, ack: 101, len: 0 }, synAck, null).flags,
    ).toBe(false);
  });

  it('a data segment (ACK,PSH) is answered by the toggles the form has: ACK alone is right, ACK,FIN is not', () => {
    // Figure 6 line 5: A's data <SEQ=101><ACK=301><CTL=ACK><DATA>; the engine sets PSH on every data segment.
    const firstData = timeline.trace.events.findIndex((e) => e.type === 'send' && e.segment.len > 0);
    const data = segmentOf(answerFor(timeline, { kind: 'next-segment', endpoint: 'A' }, firstData - 1));
    expect(new Set(data.flags)).toEqual(new Set(['ACK', 'PSH']));
    expect(
      gradeSegment({ flags: ['ACK'], seq: data.seq, ack: data.ack, len: data.len }, data, null).correct,
    ).toBe(true);
    expect(
      gradeSegment({ flags: ['ACK', 'FIN'], seq: data.seq, ack: data.ack, len: data.len }, data, null).flags,
    ).toBe(false);
  });

  it("relative (as Wireshark): B's SYN,ACK is seq 0 ack 1 (300 − B's ISS 300, 101 − B's IRS 100)", () => {
    const base = relativeBaseOf(timeline, synAck);
    expect(base).toEqual({ seq: 300, ack: 100 });
    expect(shownNumbers(synAck, base)).toEqual({ seq: 0, ack: 1 });
    expect(gradeSegment({ flags: ['SYN', 'ACK'], seq: 0, ack: 1, len: 0 }, synAck, base).correct).toBe(true);
    // The absolute numbers typed while the toggle says relative are wrong.
    expect(gradeSegment({ flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 }, synAck, base).seq).toBe(false);
  });

  it('relative numbers wrap modulo 2^32', () => {
    const a: SegmentAnswer = { ...synAck, seq: 5, ack: 2 };
    expect(
      gradeSegment({ flags: ['SYN', 'ACK'], seq: 6, ack: 3, len: 0 }, a, {
        seq: 0xffff_ffff,
        ack: 0xffff_ffff,
      }).correct,
    ).toBe(true);
    expect(
      gradeSegment(
        { flags: ['SYN', 'ACK'], seq: -1, ack: -1, len: 0 },
        { ...a, seq: 0xffff_ffff, ack: 0xffff_ffff },
        null,
      ).correct,
    ).toBe(true);
  });

  it('the ack of a segment without ACK is not graded (RFC 9293 §3.1: significant only when ACK is set)', () => {
    expect(syn.flags).toEqual(['SYN']);
    for (const ack of [null, 0, 12345])
      expect(gradeSegment({ flags: ['SYN'], seq: 100, ack, len: 0 }, syn, null)).toEqual({
        flags: true,
        seq: true,
        ack: true,
        len: true,
        correct: true,
      });
    expect(sectionText('3.1')).toMatch(/If the ACK control bit is set,\s+this field contains the value/);
  });
});

describe('anchors', () => {
  const timeline = timelineOf('rfc9293-fig6');
  const trace = timeline.trace;
  const events = trace.events;

  it('"start" is -1, "end" the last event', () => {
    expect(resolveAnchor(trace, 'start')).toBe(-1);
    expect(resolveAnchor(trace, 'end')).toBe(events.length - 1);
  });

  it('a deliver by receiver state: the SYN arriving at B in LISTEN; offset clamps into the trace', () => {
    const i = resolveAnchor(trace, { type: 'deliver', endpoint: 'B', state: 'LISTEN' }) as number;
    const e = events[i];
    expect(e?.type === 'deliver' && e.to).toBe('B');
    expect(resolveAnchor(trace, { type: 'deliver', endpoint: 'B', state: 'LISTEN', offset: 1 })).toBe(i + 1);
    expect(resolveAnchor(trace, { type: 'call', offset: -1000 })).toBe(-1);
    expect(resolveAnchor(trace, { type: 'call', offset: 1000 })).toBe(events.length - 1);
  });

  it('nth counts matches, after `after` when given; a missing match is null', () => {
    const first = resolveAnchor(trace, { type: 'send', endpoint: 'A' }) as number;
    const second = resolveAnchor(trace, { type: 'send', endpoint: 'A', nth: 2 }) as number;
    expect(second).toBeGreaterThan(first);
    expect(resolveAnchor(trace, { type: 'send', endpoint: 'A' }, first)).toBe(second);
    expect(resolveAnchor(trace, { type: 'send', endpoint: 'A', nth: 9 })).toBeNull();
    // The SYN,ACK set in any order; the ACK alone is not the data segment (ACK,PSH).
    expect(resolveAnchor(trace, { type: 'send', flags: 'ACK,SYN' })).toBe(
      resolveAnchor(trace, { type: 'send', endpoint: 'B', flags: 'SYN,ACK' }),
    );
    expect(resolveAnchor(trace, { type: 'send', endpoint: 'A', flags: 'ACK', nth: 2 })).toBeNull();
  });

  it('stepRange defaults to the whole run and never ends before it opens', () => {
    expect(stepRange(trace, {})).toEqual({ from: -1, to: events.length - 1 });
    const syn = resolveAnchor(trace, { type: 'send', flags: 'SYN' }) as number;
    expect(stepRange(trace, { from: { type: 'send', flags: 'SYN' }, to: 'start' })).toEqual({
      from: syn,
      to: syn,
    });
  });

  it('unresolved anchors are named by path', () => {
    const step = {
      text: q,
      scenario: 'rfc9293-fig6',
      to: { type: 'timer' as const },
      watch: [{ row: 'end' as const }, { segment: { type: 'send' as const, flags: 'RST' } }],
    };
    expect(unresolvedAnchors(trace, step, 3)).toEqual(['$.steps[3].to', '$.steps[3].watch[1].segment']);
  });
});

describe('the example lesson (test/lessons/fixtures/tiny.json)', () => {
  it('step 3: connect at 10 ms with 20 ms latency; three one-way trips = 60 ms', async () => {
    const { readFileSync } = await import('node:fs');
    const lesson = JSON.parse(readFileSync('test/lessons/fixtures/tiny.json', 'utf8'));
    const step = lesson.steps[2];
    const timeline = buildTimeline(step.scenario);
    expect(answerFor(timeline, step.checkpoint, timeline.trace.events.length - 1)).toEqual({
      kind: 'number',
      value: 3 * 20,
      unit: 'ms',
    });
  });
});

describe('grading numbers and choices', () => {
  it('a time is right to the millisecond (or s to three decimals); a count is exact; a blank is wrong', () => {
    expect(gradeNumber(150, { value: 150.37, unit: 'ms' })).toBe(true);
    expect(gradeNumber(151, { value: 150.37, unit: 'ms' })).toBe(false);
    expect(gradeNumber(0.15, { value: 0.15037, unit: 's' })).toBe(true);
    expect(gradeNumber(0.151, { value: 0.15037, unit: 's' })).toBe(false);
    expect(gradeNumber(2, { value: 2, unit: 'count' })).toBe(true);
    expect(gradeNumber(3, { value: 2, unit: 'count' })).toBe(false);
    expect(gradeNumber(null, { value: 2, unit: 'count' })).toBe(false);
    expect(gradeNumber(Number.NaN, { value: 2, unit: 'count' })).toBe(false);
  });
  it('a choice is the exact name', () => {
    expect(gradeChoice('ECONNREFUSED', { value: 'ECONNREFUSED' })).toBe(true);
    expect(gradeChoice('econnrefused', { value: 'ECONNREFUSED' })).toBe(false);
    expect(gradeChoice(null, { value: 'none' })).toBe(false);
  });
});
