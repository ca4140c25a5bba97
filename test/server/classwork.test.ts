/**
 * The classroom's pure logic against hand-derived oracles: RFC 9293 figure 6 (A's ISN 100, B's ISN 300,
 * one-way delay 50 ms, connect at 10 ms; the preset's own description), a shipped lesson's checkpoint,
 * tallies and CSV bytes of hand-made answers, and the error of every malformed body naming its field.
 * Cursors are found by naming the event (the lessons' resolveAnchor), never by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { resolveAnchor } from '../../src/lessons/resolve';
import type { AnchorMatch } from '../../src/lessons/types';
import { loadPreset } from '../../src/scenarios/presets';
import {
  buildQuestion,
  grade,
  parseAnswer,
  type QuestionSpec,
  questionEvent,
} from '../../src/server/classwork';
import { type ClassState, DEFAULT_CLASS_STATE, type StudentAnswer } from '../../src/server/protocol';
import { buildTimeline } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';

const FIG6 = buildTimeline(loadPreset('rfc9293-fig6') as ScenarioInput).trace;

/** The index of the event an anchor names in figure 6's run. */
function at(anchor: AnchorMatch): number {
  const index = resolveAnchor(FIG6, anchor);
  if (index === null) throw new Error(`figure 6 has no ${JSON.stringify(anchor)}`);
  return index;
}

const afterSynOfA = () => at({ type: 'send', endpoint: 'A', flags: 'SYN' });
const state = (over: Partial<ClassState> = {}): ClassState => ({ ...DEFAULT_CLASS_STATE, ...over });

function ask(s: ClassState, body?: unknown): QuestionSpec {
  const r = buildQuestion(s, body);
  if (!r.ok) throw new Error(`expected a question, got ${r.status} ${r.error}`);
  return r.value;
}

function refused(s: ClassState, body: unknown): { status: number; error: string } {
  const r = buildQuestion(s, body);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.value)}`);
  return { status: r.status, error: r.error };
}

describe('next-segment questions on RFC 9293 figure 6', () => {
  it('an empty body, {} and {kind:"next-segment"} at the start ask for line 2: A\'s <SEQ=100><CTL=SYN>', () => {
    for (const body of [undefined, null, {}, { kind: 'next-segment' }]) {
      const q = ask(state(), body);
      expect(q.checkpoint).toEqual({ kind: 'next-segment' });
      expect(q.cursor).toBe(-1);
      expect(q.answer).toMatchObject({ kind: 'next-segment', from: 'A', flags: ['SYN'], seq: 100, len: 0 });
    }
  });

  it("after A's SYN the next segment is B's SYN,ACK: seq = B's ISN 300, ack = A's ISN + 1 = 101, len 0", () => {
    const q = ask(state({ cursor: afterSynOfA() }));
    expect(q.answer).toMatchObject({
      kind: 'next-segment',
      from: 'B',
      flags: ['SYN', 'ACK'],
      seq: 300,
      ack: 101,
    });
    expect(q.answer).toMatchObject({ len: 0, rfc: '3.10.7.2' }); // a SYN arriving in LISTEN
    expect(q.cursor).toBe(afterSynOfA());
  });

  it("asked of A after A's SYN: line 4, the third segment <SEQ=101><ACK=301><CTL=ACK>", () => {
    const q = ask(state({ cursor: afterSynOfA() }), { kind: 'next-segment', endpoint: 'A' });
    expect(q.checkpoint).toEqual({ kind: 'next-segment', endpoint: 'A' });
    expect(q.answer).toMatchObject({ from: 'A', flags: ['ACK'], seq: 101, ack: 301, len: 0 });
    // {endpoint} alone is the same question (the kind defaults to next-segment).
    expect(ask(state({ cursor: afterSynOfA() }), { endpoint: 'A' }).answer).toEqual(q.answer);
  });

  it("after A's ACK: line 5, the 100 bytes with the same SEQ=101 (PSH set by the engine on data)", () => {
    const q = ask(state({ cursor: at({ type: 'send', endpoint: 'A', flags: 'ACK' }) }));
    expect(q.answer).toMatchObject({ from: 'A', flags: ['ACK', 'PSH'], seq: 101, ack: 301, len: 100 });
  });

  it("after the data: B's ACK of it, seq 301 and ack 101 + 100 = 201", () => {
    const q = ask(state({ cursor: at({ type: 'send', endpoint: 'A', flags: 'ACK,PSH' }) }));
    expect(q.answer).toMatchObject({ from: 'B', flags: ['ACK'], seq: 301, ack: 201, len: 0 });
  });

  it('at the last event there is no next segment: 409 naming the question', () => {
    const r = refused(state({ cursor: FIG6.events.length - 1 }), {});
    expect(r).toEqual({ status: 409, error: 'question: the run has no next segment after the cursor' });
  });

  it('the question event carries the checkpoint and the cursor, never the answer', () => {
    const q = ask(state({ cursor: afterSynOfA() }));
    expect(questionEvent(7, q)).toEqual({
      id: 7,
      checkpoint: { kind: 'next-segment' },
      cursor: afterSynOfA(),
    });
    expect(questionEvent(7, q, true)).toEqual({
      id: 7,
      checkpoint: { kind: 'next-segment' },
      cursor: afterSynOfA(),
      reset: true,
    });
    expect(JSON.stringify(questionEvent(7, q))).not.toMatch(/300|101|SYN/);
  });
});

describe('other checkpoints on figure 6', () => {
  it("next-state of B: LISTEN from the start, SYN-RECEIVED once A's SYN is sent (RFC 9293 figure 6 lines 1–2)", () => {
    expect(ask(state(), { kind: 'next-state', endpoint: 'B' }).answer).toMatchObject({
      kind: 'next-state',
      endpoint: 'B',
      state: 'LISTEN',
    });
    expect(ask(state({ cursor: afterSynOfA() }), { kind: 'next-state', endpoint: 'B' }).answer).toMatchObject(
      {
        state: 'SYN-RECEIVED',
      },
    );
  });

  it('a number: A sends 3 segments in all (SYN, ACK, the data), in unit count', () => {
    const q = ask(state(), {
      kind: 'number',
      figure: { figure: 'send-count', endpoint: 'A' },
      question: { en: 'How many segments does A send?', 'zh-CN': 'A 一共发送几个报文段？' },
    });
    expect(q.answer).toEqual({ kind: 'number', value: 3, unit: 'count' });
    expect(q.unit).toBe('count');
    expect(questionEvent(1, q).unit).toBe('count');
  });

  it("a choice: B's final state is ESTABLISHED (no one closes), among the 11 states of RFC 9293 §3.3.2", () => {
    const q = ask(state(), {
      kind: 'choice',
      figure: { figure: 'final-state', endpoint: 'B' },
      question: { en: 'Where does B end?', 'zh-CN': 'B 最后处于什么状态？' },
    });
    expect(q.answer).toMatchObject({ kind: 'choice', choice: 'ESTABLISHED' });
    expect(q.choices).toHaveLength(11);
    expect(questionEvent(2, q).choices).toEqual(q.choices);
  });

  it('a choice whose listed choices miss the answer: 409', () => {
    const r = refused(state(), {
      kind: 'choice',
      figure: { figure: 'final-state', endpoint: 'B' },
      question: { en: 'Where does B end?', 'zh-CN': 'B 最后处于什么状态？' },
      choices: ['CLOSED', 'LISTEN'],
    });
    expect(r.status).toBe(409);
    expect(r.error).toMatch(/^question: .*"ESTABLISHED".*not one of the choices/);
  });
});

describe('the lesson checkpoint ({kind:"checkpoint"}): the shipped handshake lesson', () => {
  it("step 2 (0-based 1) asks B's reply once B is in SYN-RECEIVED: the SYN,ACK 300/101", () => {
    const cursor = at({ type: 'state', endpoint: 'B', state: 'SYN-RECEIVED' });
    const q = ask(state({ lesson: 'handshake', step: 1, cursor }), { kind: 'checkpoint' });
    expect(q.checkpoint).toEqual({ kind: 'next-segment', endpoint: 'B' });
    expect(q.answer).toMatchObject({ from: 'B', flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 });
  });

  it('step 5 asks the handshake time: connect at 10, SYN at B at 60, SYN,ACK at A at 110, ACK at B at 160 → 150 ms', () => {
    const cursor = at({ type: 'send', endpoint: 'A', flags: 'ACK' });
    const q = ask(state({ lesson: 'handshake', step: 4, cursor }), { kind: 'checkpoint' });
    expect(q.answer).toEqual({ kind: 'number', value: 150, unit: 'ms' });
  });

  it('no lesson, an unknown lesson, a step out of range or without a checkpoint: 400 naming lesson or step', () => {
    expect(refused(state(), { kind: 'checkpoint' })).toMatchObject({
      status: 400,
      error: expect.stringMatching(/^lesson: /),
    });
    expect(refused(state({ lesson: 'nope', step: 0 }), { kind: 'checkpoint' }).error).toMatch(
      /^lesson: .*"nope"/,
    );
    expect(refused(state({ lesson: 'handshake', step: 99 }), { kind: 'checkpoint' }).error).toMatch(
      /^step: /,
    );
    expect(refused(state({ lesson: 'handshake', step: null }), { kind: 'checkpoint' }).error).toMatch(
      /^step: /,
    );
    // The handshake lesson's last step (7th) is reading only.
    expect(refused(state({ lesson: 'handshake', step: 6 }), { kind: 'checkpoint' }).error).toBe(
      'lesson: step 6 of "handshake" has no checkpoint',
    );
    expect(
      refused(state({ lesson: 'handshake', step: 1 }), { kind: 'checkpoint', endpoint: 'A' }).error,
    ).toMatch(/^endpoint: /);
  });
});

describe('the scenario a question runs', () => {
  it("the state's own scenario wins over its preset name (B with ISN 5000 replies seq 5000)", () => {
    const scenario = loadPreset('rfc9293-fig6') as ScenarioInput;
    scenario.endpoints = { A: { isn: 100 }, B: { isn: 5000 } };
    const q = ask(state({ scenario, presetName: null, cursor: afterSynOfA() }));
    expect(q.answer).toMatchObject({ from: 'B', seq: 5000, ack: 101 });
  });

  it('an unknown preset, or no scenario at all: 400 naming presetName', () => {
    expect(refused(state({ presetName: 'no-such' }), {})).toEqual({
      status: 400,
      error: 'presetName: no preset "no-such"',
    });
    expect(refused(state({ presetName: null }), {}).error).toMatch(/^presetName: /);
  });

  // 10,000 one-byte segments: each is a send, a deliver, an app event and an ACK's send and deliver, so
  // the run passes 20,000 events in its first half.
  const long: ScenarioInput = {
    version: 1,
    endpoints: { A: { isn: 100, mss: 1 }, B: { isn: 300 } },
    actions: [
      { at: 0, endpoint: 'B', call: 'listen' },
      { at: 10, endpoint: 'A', call: 'connect' },
      { at: 200, endpoint: 'A', call: 'send', bytes: 10_000 },
    ],
  };

  it('a run longer than 20,000 events: an answer before the cap is asked, one past it is refused (409)', () => {
    expect(ask(state({ scenario: long, presetName: null })).answer).toMatchObject({
      flags: ['SYN'],
      seq: 100,
    });
    const past = refused(state({ scenario: long, presetName: null, cursor: 25_000 }), {});
    expect(past.status).toBe(409);
    expect(past.error).toMatch(/^question: the run was cut short at 20,000 events/);
    // A figure is about the whole run: a count of a cut run would be wrong, so it is refused too.
    const count = refused(state({ scenario: long, presetName: null }), {
      kind: 'number',
      figure: { figure: 'send-count' },
      question: { en: 'How many?', 'zh-CN': '多少个？' },
    });
    expect(count.status).toBe(409);
  });

  it('a cursor that is not an integer ≥ -1: 400 naming cursor', () => {
    expect(refused(state({ cursor: -2 }), {}).error).toMatch(/^cursor: /);
    expect(refused(state({ cursor: 1.5 }), {}).error).toMatch(/^cursor: /);
  });
});

describe('malformed question bodies: 400 naming the field', () => {
  const cases: [unknown, RegExp][] = [
    [[], /^body: /],
    ['next-segment', /^body: /],
    [42, /^body: /],
    [{ kind: 'bogus' }, /^kind: .*"bogus"/],
    [{ kind: 7 }, /^kind: /],
    [{ kind: 'next-state' }, /^endpoint: missing/],
    [{ kind: 'next-segment', endpoint: 'C' }, /^endpoint: .*"C"/],
    [{ kind: 'next-segment', extra: 1 }, /^extra: unknown key/],
    [{ foo: 1 }, /^foo: unknown key/],
    [{ kind: 'checkpoint', lesson: 'handshake' }, /^lesson: unknown key/],
    [
      {
        kind: 'number',
        figure: { figure: 'send-count', endpoint: 'X' },
        question: { en: 'a', 'zh-CN': 'b' },
      },
      /^figure\.endpoint: /,
    ],
    [
      { kind: 'number', figure: { figure: 'send-count' }, question: { en: 'a' } },
      /^question\["zh-CN"\]: missing/,
    ],
    [
      {
        kind: 'number',
        figure: { figure: 'final-state', endpoint: 'A' },
        question: { en: 'a', 'zh-CN': 'b' },
      },
      /^figure\.figure: /,
    ],
    [
      { kind: 'number', figure: { figure: 'send-count' }, question: { en: 'a', 'zh-CN': 'b' }, unit: 'ms' },
      /^unit: /,
    ],
  ];
  it.each(cases)('%j → %s', (body, error) => {
    const r = refused(state(), body);
    expect(r.status).toBe(400);
    expect(r.error).toMatch(error);
  });
});

describe("students answer: format and grading (the SYN,ACK question after A's SYN)", () => {
  const q = ask(state({ cursor: afterSynOfA() }));
  const parsed = (answer: unknown): StudentAnswer => {
    const r = parseAnswer(q, answer);
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const error = (answer: unknown): string => {
    const r = parseAnswer(q, answer);
    if (r.ok) throw new Error(`accepted ${JSON.stringify(answer)}`);
    expect(r.status).toBe(400);
    return r.error;
  };

  it("the issue's example answer is right; flags in any order come back in FLAG_ORDER", () => {
    const a = parsed({ flags: ['ACK', 'SYN'], seq: 300, ack: 101, len: 0 });
    expect(a).toEqual({ flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 });
    expect(grade(q, a)).toBe(true);
  });

  it('PSH is not graded; a wrong or blank field is wrong; RST instead of ACK is wrong', () => {
    expect(grade(q, parsed({ flags: ['SYN', 'ACK', 'PSH'], seq: 300, ack: 101, len: 0 }))).toBe(true);
    expect(grade(q, parsed({ flags: ['SYN', 'ACK'], seq: 300, ack: 100, len: 0 }))).toBe(false);
    expect(grade(q, parsed({ flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: null }))).toBe(false);
    expect(grade(q, parsed({ flags: ['SYN', 'RST'], seq: 300, ack: 101, len: 0 }))).toBe(false);
    expect(grade(q, parsed({ flags: [], seq: null, ack: null, len: null }))).toBe(false);
  });

  it("the ack of a segment without ACK is not graded (RFC 9293 §3.1): A's first SYN with any ack is right", () => {
    const first = ask(state());
    const r = parseAnswer(first, { flags: ['SYN'], seq: 100, ack: 12345, len: 0 });
    expect(r.ok && grade(first, r.value)).toBe(true);
  });

  it('bounds: 0 and 2^32-1 are fine; -1, 2^32, 1.5, "300" are not, each named', () => {
    expect(parsed({ flags: [], seq: 0, ack: 4294967295, len: null })).toMatchObject({
      seq: 0,
      ack: 4294967295,
    });
    expect(error({ flags: [], seq: -1, ack: 0, len: 0 })).toBe(
      'answer.seq: must be an integer 0–4294967295 or null',
    );
    expect(error({ flags: [], seq: 0, ack: 4294967296, len: 0 })).toMatch(/^answer\.ack: /);
    expect(error({ flags: [], seq: 0, ack: 0, len: 1.5 })).toMatch(/^answer\.len: /);
    expect(error({ flags: [], seq: '300', ack: 0, len: 0 })).toMatch(/^answer\.seq: /);
  });

  it('flags: known names only (case as the trace spells them), each once, in a list', () => {
    expect(error({ flags: ['syn'], seq: 0, ack: 0, len: 0 })).toMatch(/^answer\.flags\[0\]: /);
    expect(error({ flags: ['SYN', 'URG'], seq: 0, ack: 0, len: 0 })).toMatch(/^answer\.flags\[1\]: /);
    expect(error({ flags: ['SYN', 'SYN'], seq: 0, ack: 0, len: 0 })).toMatch(
      /^answer\.flags\[1\]: SYN given twice/,
    );
    expect(error({ flags: 'SYN,ACK', seq: 0, ack: 0, len: 0 })).toMatch(/^answer\.flags: /);
  });

  it('shape: an object with exactly its four keys', () => {
    expect(error(null)).toMatch(/^answer: must be an object/);
    expect(error([1])).toMatch(/^answer: /);
    expect(error({ flags: [], seq: 0, ack: 0 })).toMatch(/^answer\.len: missing/);
    expect(error({ flags: [], seq: 0, ack: 0, len: 0, win: 1 })).toMatch(/^answer\.win: unknown key/);
    expect(error({ state: 'LISTEN' })).toMatch(/^answer\.state: unknown key/);
  });

  it('next-state, number and choice answers', () => {
    const ns = ask(state({ cursor: afterSynOfA() }), { kind: 'next-state', endpoint: 'B' });
    const good = parseAnswer(ns, { state: 'SYN-RECEIVED' });
    expect(good.ok && grade(ns, good.value)).toBe(true);
    const bad = parseAnswer(ns, { state: 'LISTEN' });
    expect(bad.ok && grade(ns, bad.value)).toBe(false);
    expect(parseAnswer(ns, { state: 'SYN_RECEIVED' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^answer\.state: /),
    });

    const count = ask(state(), {
      kind: 'number',
      figure: { figure: 'send-count', endpoint: 'A' },
      question: { en: 'How many?', 'zh-CN': '多少个？' },
    });
    const three = parseAnswer(count, { value: 3 });
    expect(three.ok && grade(count, three.value)).toBe(true);
    const four = parseAnswer(count, { value: 4 });
    expect(four.ok && grade(count, four.value)).toBe(false);
    expect(parseAnswer(count, { value: '3' })).toMatchObject({
      error: 'answer.value: must be a finite number',
    });

    const choice = ask(state(), {
      kind: 'choice',
      figure: { figure: 'final-state', endpoint: 'B' },
      question: { en: 'Where?', 'zh-CN': '哪里？' },
    });
    const right = parseAnswer(choice, { choice: 'ESTABLISHED' });
    expect(right.ok && grade(choice, right.value)).toBe(true);
    expect(parseAnswer(choice, { choice: 'NOWHERE' })).toMatchObject({
      error: expect.stringMatching(/^answer\.choice: /),
    });
  });

  it('an answer of another kind than the question is wrong, not a crash', () => {
    expect(grade(q, { state: 'LISTEN' })).toBe(false);
    expect(grade(q, null as unknown as StudentAnswer)).toBe(false);
  });
});
