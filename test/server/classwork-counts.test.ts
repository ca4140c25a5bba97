/**
 * Tallies of hand-made answers (counted by hand below each case), results.csv as bytes (BOM, CRLF, CSV
 * injection, quotes, a Chinese nickname) and fuzzing: any JSON body gives a question or an error naming a
 * field, never a throw. The question is figure 6's SYN,ACK (seq 300, ack 101, len 0: RFC 9293 figure 6
 * line 3), asked after A's SYN.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveAnchor } from '../../src/lessons/resolve';
import { loadPreset } from '../../src/scenarios/presets';
import {
  answerKey,
  buildQuestion,
  parseAnswer,
  type QuestionSpec,
  type ResultRow,
  resultsCsv,
  tally,
} from '../../src/server/classwork';
import { DEFAULT_CLASS_STATE, type SegmentAnswerBody } from '../../src/server/protocol';
import { buildTimeline } from '../../src/tcp';
import type { ScenarioInput } from '../../src/tcp/types';

const trace = buildTimeline(loadPreset('rfc9293-fig6') as ScenarioInput).trace;
const cursor = resolveAnchor(trace, { type: 'send', endpoint: 'A', flags: 'SYN' }) as number;

function ask(body: unknown, cur = cursor): QuestionSpec {
  const r = buildQuestion({ ...DEFAULT_CLASS_STATE, cursor: cur }, body);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const synAck = ask({});
const seg = (
  flags: string[],
  seq: number | null,
  ack: number | null,
  len: number | null,
): SegmentAnswerBody => ({
  flags,
  seq,
  ack,
  len,
});

describe('answerKey', () => {
  it('a segment: flags in FLAG_ORDER, "?" for a blank, "none" for no flags', () => {
    expect(answerKey(synAck, seg(['SYN', 'ACK'], 300, 101, 0))).toBe('SYN,ACK seq=300 ack=101 len=0');
    expect(answerKey(synAck, seg(['ACK', 'SYN'], null, 101, null))).toBe('SYN,ACK seq=? ack=101 len=?');
    expect(answerKey(synAck, seg([], 1, 2, 3))).toBe('none seq=1 ack=2 len=3');
  });
});

describe('tally of a hand-made set of answers (30 students, 8 answered)', () => {
  const answers = [
    ...Array.from({ length: 3 }, () => seg(['SYN', 'ACK'], 300, 101, 0)), // right
    ...Array.from({ length: 2 }, () => seg(['SYN', 'ACK'], 300, 100, 0)), // ack = ISN, not ISN + 1
    seg(['ACK'], 300, 101, 0), // no SYN
    seg(['SYN', 'ACK', 'PSH'], 300, 101, 0), // PSH is not graded: right
    seg(['SYN', 'ACK'], null, 101, 0), // blank seq
  ];
  const counts = tally(synAck, answers, 30);

  it('students, answered, correct (3 + the PSH one = 4)', () => {
    expect({ students: counts.students, answered: counts.answered, correct: counts.correct }).toEqual({
      students: 30,
      answered: 8,
      correct: 4,
    });
  });

  it('whole answers by count, then value (a space sorts before a comma); right ones marked', () => {
    expect(counts.answers.map(({ value, count, correct }) => [value, count, correct])).toEqual([
      ['SYN,ACK seq=300 ack=101 len=0', 3, true],
      ['SYN,ACK seq=300 ack=100 len=0', 2, false],
      ['ACK seq=300 ack=101 len=0', 1, false],
      ['SYN,ACK seq=? ack=101 len=0', 1, false],
      ['SYN,ACK,PSH seq=300 ack=101 len=0', 1, true],
    ]);
    expect(counts.answers[0]?.answer).toEqual({ flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 });
    expect(counts.other).toBe(0);
  });

  it('each field on its own: flags 6 SYN,ACK (right), seq 7 × 300, ack 6 × 101 and 2 × 100, len 8 × 0', () => {
    const f = counts.fields;
    const rows = (t: { value: string; count: number; correct: boolean }[] | undefined) =>
      t?.map(({ value, count, correct }) => [value, count, correct]);
    expect(rows(f?.flags)).toEqual([
      ['SYN,ACK', 6, true],
      ['ACK', 1, false],
      ['SYN,ACK,PSH', 1, true],
    ]);
    expect(rows(f?.seq)).toEqual([
      ['300', 7, true],
      ['?', 1, false],
    ]);
    expect(rows(f?.ack)).toEqual([
      ['101', 6, true],
      ['100', 2, false],
    ]);
    expect(rows(f?.len)).toEqual([['0', 8, true]]);
  });

  it('no answers: zeros and empty lists', () => {
    expect(tally(synAck, [], 0)).toEqual({
      students: 0,
      answered: 0,
      correct: 0,
      answers: [],
      other: 0,
      fields: { flags: [], seq: [], ack: [], len: [] },
    });
  });

  it('25 different answers: the top 20 shown, 5 as other; numbers tie-break by size (2 before 10)', () => {
    // seq 1..25 once each, plus seq 300 twice: 27 answers, 26 distinct values.
    const many = [
      ...Array.from({ length: 25 }, (_, i) => seg(['SYN', 'ACK'], i + 1, 101, 0)),
      seg(['SYN', 'ACK'], 300, 101, 0),
      seg(['SYN', 'ACK'], 300, 101, 0),
    ];
    const c = tally(synAck, many, 27);
    expect(c.answers).toHaveLength(20);
    expect(c.answers[0]).toMatchObject({ value: 'SYN,ACK seq=300 ack=101 len=0', count: 2, correct: true });
    // Then count 1 each, by value as text (the whole answer is a string): seq=1, seq=10, seq=11, …
    expect(c.answers[1]?.value).toBe('SYN,ACK seq=1 ack=101 len=0');
    expect(c.answers[2]?.value).toBe('SYN,ACK seq=10 ack=101 len=0');
    expect(c.other).toBe(27 - (2 + 19));
    expect(c.fields?.seq).toHaveLength(10);
    expect(c.fields?.seq.map((t) => t.value)).toEqual(['300', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('a number question has no per-field tallies', () => {
    const q = ask({
      kind: 'number',
      figure: { figure: 'send-count', endpoint: 'A' },
      question: { en: 'n', 'zh-CN': '数' },
    });
    const c = tally(q, [{ value: 3 }, { value: 4 }, { value: 3 }], 5);
    expect(c).toEqual({
      students: 5,
      answered: 3,
      correct: 2,
      answers: [
        { value: '3', count: 2, correct: true, answer: { value: 3 } },
        { value: '4', count: 1, correct: false, answer: { value: 4 } },
      ],
      other: 0,
    });
  });
});

describe('results.csv', () => {
  const count = ask({
    kind: 'number',
    figure: { figure: 'send-count', endpoint: 'A' },
    question: { en: 'n', 'zh-CN': '数' },
  });
  const rows: ResultRow[] = [
    {
      nickname: '张伟',
      questionId: 1,
      q: synAck,
      answer: seg(['SYN', 'ACK'], 300, 101, 0),
      correct: true,
      seconds: 12.34,
    },
    {
      nickname: '=HYPERLINK("http://x")',
      questionId: 1,
      q: synAck,
      answer: seg(['ACK'], 300, null, 0),
      correct: false,
      seconds: 0,
    },
    { nickname: '@bob', questionId: 1, q: synAck, answer: null, correct: null, seconds: null },
    { nickname: 'Smith, J', questionId: 2, q: count, answer: { value: -3 }, correct: null, seconds: 7.06 },
    { nickname: 'O"Brien', questionId: 2, q: count, answer: { value: 3 }, correct: true, seconds: 1 },
    { nickname: '\tx', questionId: 2, q: count, answer: null, correct: null, seconds: null },
  ];

  it('the exact bytes: BOM, header, CRLF rows, injection defused, quotes doubled, commas quoted', () => {
    const expected = [
      'nickname,question,kind,answer,correct,seconds',
      '张伟,1,next-segment,"SYN,ACK seq=300 ack=101 len=0",true,12.3',
      `"'=HYPERLINK(""http://x"")",1,next-segment,ACK seq=300 ack=? len=0,false,0.0`,
      `'@bob,1,next-segment,,,`,
      `"Smith, J",2,number,'-3,,7.1`,
      `"O""Brien",2,number,3,true,1.0`,
      `'\tx,2,number,,,`,
    ]
      .map((l) => `${l}\r\n`)
      .join('');
    const bytes = Buffer.from(resultsCsv(rows), 'utf8');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 byte order mark
    // 张 U+5F20 = E5 BC A0, 伟 U+4F1F = E4 BC 9F in UTF-8 (RFC 3629 §3, by hand).
    expect([...bytes.subarray(3 + 47, 3 + 53)]).toEqual([0xe5, 0xbc, 0xa0, 0xe4, 0xbc, 0x9f]);
    expect(bytes.subarray(3).toString('utf8')).toBe(expected);
  });

  it('no rows: the BOM and the header only', () => {
    expect(resultsCsv([])).toBe('\uFEFFnickname,question,kind,answer,correct,seconds\r\n');
  });
});

describe('fuzz: any JSON body is a question or an error naming a field, never a throw', () => {
  const FIELD_ERROR = /^(body|([A-Za-z_$][\w$]*|\[".*"\])(\.[A-Za-z_$][\w$]*|\[\d+\]|\[".*"\])*): \S/;
  const kinds = fc.constantFrom('next-segment', 'next-state', 'number', 'choice', 'checkpoint', 'other');
  const body = fc.oneof(
    fc.jsonValue(),
    fc
      .record({ kind: kinds }, { requiredKeys: [] })
      .chain((base) =>
        fc
          .dictionary(fc.string({ maxLength: 8 }), fc.jsonValue(), { maxKeys: 4 })
          .map((rest) => ({ ...rest, ...base })),
      ),
    fc.record({
      kind: fc.constant('number'),
      figure: fc.record({
        figure: fc.constantFrom('send-count', 'handshake-ms', 'gap-ms'),
        endpoint: fc.jsonValue(),
      }),
      question: fc.jsonValue(),
    }),
  );
  const stateArb = fc.record({
    scenario: fc.constant(null),
    presetName: fc.oneof(
      fc.constantFrom('rfc9293-fig6', 'lost-syn', 'half-open'),
      fc.string({ maxLength: 10 }),
      fc.constant(null),
    ),
    cursor: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.double()),
    lesson: fc.oneof(
      fc.constantFrom('handshake', 'loss', 'resets'),
      fc.string({ maxLength: 5 }),
      fc.constant(null),
    ),
    step: fc.oneof(fc.integer({ min: -1, max: 12 }), fc.constant(null)),
    seed: fc.constant(null),
  });

  it('buildQuestion', () => {
    fc.assert(
      fc.property(stateArb, body, (s, b) => {
        const r = buildQuestion(s, b);
        if (r.ok) expect(r.value.answer.kind).toBe(r.value.checkpoint.kind);
        else {
          expect([400, 409]).toContain(r.status);
          expect(r.error).toMatch(r.status === 409 ? /^question: / : FIELD_ERROR);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('parseAnswer, for each kind of question, and the counts of what it accepts', () => {
    const questions = [
      synAck,
      ask({ kind: 'next-state', endpoint: 'B' }),
      ask({ kind: 'number', figure: { figure: 'handshake-ms' }, question: { en: 'n', 'zh-CN': '数' } }, -1),
      ask(
        {
          kind: 'choice',
          figure: { figure: 'final-state', endpoint: 'A' },
          question: { en: 'c', 'zh-CN': '选' },
        },
        -1,
      ),
    ];
    const answer = fc.oneof(
      fc.jsonValue(),
      fc.record({
        flags: fc.array(fc.constantFrom('SYN', 'ACK', 'FIN', 'RST', 'PSH', 'URG', 'syn', 1), {
          maxLength: 6,
        }),
        seq: fc.oneof(fc.integer({ min: -5, max: 2 ** 33 }), fc.constant(null), fc.double()),
        ack: fc.oneof(fc.nat(), fc.constant(null)),
        len: fc.oneof(fc.nat(), fc.constant(null), fc.string()),
      }),
      fc.record({ state: fc.oneof(fc.constantFrom('LISTEN', 'ESTABLISHED'), fc.string()) }),
      fc.record({ value: fc.oneof(fc.double(), fc.string()) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...questions), fc.array(answer, { maxLength: 8 }), (q, list) => {
        const accepted = [];
        for (const a of list) {
          const r = parseAnswer(q, a);
          if (r.ok) accepted.push(r.value);
          else {
            expect(r.status).toBe(400);
            expect(r.error).toMatch(/^answer(\.[A-Za-z_$][\w$]*(\[\d+\])?|\[".*"\])?: \S/);
          }
        }
        const c = tally(q, accepted, 40);
        expect(c.answered).toBe(accepted.length);
        expect(c.answers.reduce((n, t) => n + t.count, 0) + c.other).toBe(accepted.length);
        expect(c.correct).toBeLessThanOrEqual(c.answered);
      }),
      { numRuns: 300 },
    );
  });
});
