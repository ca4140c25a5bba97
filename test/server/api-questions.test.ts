/**
 * A whole question cycle against a real server: ask, answer, reveal, reset, results.csv. The class runs the
 * default preset, RFC 9293 figure 6 (A ISN 100, B ISN 300); asked for B's next segment before any event,
 * the right answer is the figure's line 3, `<SEQ=300><ACK=101><CTL=SYN,ACK>`, with no data (len 0).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createClass, joinClass, type Running, SseReader, startServer } from './helpers';

let running: Running;
let base: string;
/** The server's clock: the tests move it to give answers their seconds. */
let clock = 1_000_000;

beforeAll(async () => {
  running = await startServer({ now: () => clock });
  base = running.base;
});
afterAll(() => running.stop());

const FIG6_SYN_ACK = { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 };
const WRONG_ACK = { flags: ['SYN', 'ACK'], seq: 300, ack: 100, len: 0 };
const B_NEXT = { kind: 'next-segment', endpoint: 'B' };

async function classWithStudents(...nicknames: string[]) {
  const teacher = await createClass(base);
  const students: Awaited<ReturnType<typeof joinClass>>[] = [];
  for (const nickname of nicknames) students.push(await joinClass(base, teacher.code, nickname));
  const as = (token: string) => ({ token });
  const url = (path: string) => `/api/classes/${teacher.code}/${path}`;
  const answer = (student: { studentToken: string }, questionId: unknown, answer: unknown) =>
    call(base, 'POST', url('answers'), { ...as(student.studentToken), body: { questionId, answer } });
  const ask = (body?: unknown) => call(base, 'POST', url('questions'), { ...as(teacher.teacherToken), body });
  const teacherCall = (path: string, method = 'POST') =>
    call(base, method, url(path), as(teacher.teacherToken));
  const me = (student: { studentToken: string }) => call(base, 'GET', url('me'), as(student.studentToken));
  /** The i-th student joined (a tuple's element, without an unchecked index). */
  const student = (i: number) => {
    const found = students[i];
    if (!found) throw new Error(`no student ${i}`);
    return found;
  };
  return { teacher, student, answer, ask, teacherCall, me, url };
}

describe('asking and answering', () => {
  it('asks a question (201), pushing the checkpoint without its answer', async () => {
    const { teacher, ask } = await classWithStudents();
    const stream = await SseReader.open(`${base}/api/classes/${teacher.code}/stream`);
    await stream.waitEvents(1);
    const asked = await ask(B_NEXT);
    expect([asked.status, asked.json]).toEqual([201, { questionId: 1 }]);
    const events = await stream.waitEvents(2);
    expect(events[1]).toEqual({ id: 2, type: 'question', data: { id: 1, checkpoint: B_NEXT, cursor: -1 } });
    stream.close();
  });

  it('stores an answer (201, the result kept for the reveal) once per student', async () => {
    const { student, ask, answer, me } = await classWithStudents('Ann');
    const ann = student(0);
    await ask(B_NEXT);
    const sent = await answer(ann, 1, FIG6_SYN_ACK);
    expect([sent.status, sent.json]).toEqual([201, { correct: null }]);
    const again = await answer(ann, 1, FIG6_SYN_ACK);
    expect([again.status, again.json]).toEqual([409, { error: 'answer: already sent for this question' }]);
    expect((await me(ann)).json.answers).toEqual([{ questionId: 1, answer: FIG6_SYN_ACK, correct: null }]);
  });

  it('names what is wrong in an answer (400) and an unknown question (404)', async () => {
    const { student, ask, answer } = await classWithStudents('Ann');
    const ann = student(0);
    await ask(B_NEXT);
    const seq = await answer(ann, 1, { ...FIG6_SYN_ACK, seq: 'three hundred' });
    expect(seq.status).toBe(400);
    expect(seq.json.error).toMatch(/^answer\.seq: /);
    const flags = await answer(ann, 1, { ...FIG6_SYN_ACK, flags: ['SYN', 'URG'] });
    expect([flags.status, flags.json.error.startsWith('answer.flags')]).toEqual([400, true]);
    const id = await answer(ann, 'one', FIG6_SYN_ACK);
    expect([id.status, id.json.error]).toEqual([400, 'questionId: must be an integer ≥ 1']);
    const unknown = await answer(ann, 99, FIG6_SYN_ACK);
    expect([unknown.status, unknown.json.error]).toEqual([404, 'questionId: no question 99']);
  });

  it('closes the open question when another is asked (409 for a late answer)', async () => {
    const { student, ask, answer } = await classWithStudents('Ann');
    const ann = student(0);
    await ask(B_NEXT);
    expect((await ask(B_NEXT)).json).toEqual({ questionId: 2 });
    const late = await answer(ann, 1, FIG6_SYN_ACK);
    expect([late.status, late.json]).toEqual([409, { error: 'question: closed' }]);
    expect((await answer(ann, 2, FIG6_SYN_ACK)).status).toBe(201);
  });

  it('answers 409 when the run has no next segment after the cursor, 400 for a checkpoint without a lesson', async () => {
    const { teacher, ask } = await classWithStudents();
    await call(base, 'POST', `/api/classes/${teacher.code}/state`, {
      token: teacher.teacherToken,
      body: { cursor: 100_000 },
    });
    const none = await ask();
    expect(none.status).toBe(409);
    expect(none.json.error).toMatch(/^question: /);
    const checkpoint = await ask({ kind: 'checkpoint' });
    expect(checkpoint.status).toBe(400);
    expect(checkpoint.json.error).toMatch(/^lesson: /);
  });
});

describe('reveal and reset', () => {
  it('reveals the engine’s answer and the counts of the answers stored, once', async () => {
    const { teacher, student, ask, answer, teacherCall, me } = await classWithStudents('Ann', 'Bob', 'Cy');
    const [ann, bob, cy] = [student(0), student(1), student(2)];
    await ask(B_NEXT);
    await answer(ann, 1, FIG6_SYN_ACK);
    // The same flags in another order are the same answer.
    await answer(bob, 1, { ...FIG6_SYN_ACK, flags: ['ACK', 'SYN'] });
    await answer(cy, 1, WRONG_ACK);
    const stream = await SseReader.open(`${base}/api/classes/${teacher.code}/stream`, {
      'last-event-id': '2',
    });
    const revealed = await teacherCall('questions/1/reveal');
    expect([revealed.status, revealed.json]).toEqual([200, { eventId: 3 }]);
    const [reveal] = await stream.waitEvents(1);
    expect(reveal?.type).toBe('reveal');
    expect(reveal?.data.questionId).toBe(1);
    expect(reveal?.data.answer).toMatchObject({ kind: 'next-segment', ...FIG6_SYN_ACK, from: 'B' });
    expect(reveal?.data.counts).toMatchObject({ students: 3, answered: 3, correct: 2, other: 0 });
    expect(
      reveal?.data.counts.answers.map((t: { value: string; count: number; correct: boolean }) => [
        t.value,
        t.count,
        t.correct,
      ]),
    ).toEqual([
      ['SYN,ACK seq=300 ack=101 len=0', 2, true],
      ['SYN,ACK seq=300 ack=100 len=0', 1, false],
    ]);
    stream.close();

    const again = await teacherCall('questions/1/reveal');
    expect([again.status, again.json]).toEqual([409, { error: 'question: already revealed' }]);
    expect((await answer(ann, 1, FIG6_SYN_ACK)).status).toBe(409);
    expect((await me(ann)).json.answers[0].correct).toBe(true);
    expect((await me(cy)).json.answers[0].correct).toBe(false);
    expect((await teacherCall('questions/7/reveal')).status).toBe(404);
  });

  it('resets a question: its answers deleted, reopened, pushed again with reset: true', async () => {
    const { teacher, student, ask, answer, teacherCall, me } = await classWithStudents('Ann');
    const ann = student(0);
    await ask(B_NEXT);
    await answer(ann, 1, WRONG_ACK);
    await teacherCall('questions/1/reveal');
    const stream = await SseReader.open(`${base}/api/classes/${teacher.code}/stream`, {
      'last-event-id': '3',
    });
    expect((await teacherCall('questions/1/reset')).json).toEqual({ eventId: 4 });
    const [event] = await stream.waitEvents(1);
    expect(event).toEqual({
      id: 4,
      type: 'question',
      data: { id: 1, checkpoint: B_NEXT, cursor: -1, reset: true },
    });
    stream.close();
    expect((await me(ann)).json.answers).toEqual([]);
    expect((await answer(ann, 1, FIG6_SYN_ACK)).status).toBe(201);
    // A fresh client sees the reopened question, not the old reveal.
    const fresh = await call(base, 'GET', `/api/classes/${teacher.code}/poll`);
    expect(fresh.json.events.map((e: { id: number; type: string }) => [e.id, e.type])).toEqual([
      [1, 'state'],
      [4, 'question'],
    ]);
  });
});

describe('GET /api/classes/{code}/results.csv', () => {
  it('is UTF-8 CSV with a BOM: one row per student per question, in join order, with the seconds taken', async () => {
    const { teacher, student, ask, answer, teacherCall } = await classWithStudents(
      'Ann',
      '<b>Bo</b>',
      '李雷',
    );
    const [ann, li] = [student(0), student(2)];
    await ask(B_NEXT);
    clock += 7_000;
    await answer(ann, 1, FIG6_SYN_ACK);
    clock += 2_500;
    await answer(li, 1, WRONG_ACK);
    await teacherCall('questions/1/reveal');
    await ask(B_NEXT);

    const reply = await teacherCall('results.csv', 'GET');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(reply.headers.get('content-disposition')).toBe(
      `attachment; filename="synack-${teacher.code}-results.csv"`,
    );
    const bytes = new Uint8Array(
      await (
        await fetch(`${base}/api/classes/${teacher.code}/results.csv`, {
          headers: { authorization: `Bearer ${teacher.teacherToken}` },
        })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(reply.text.replace(/^\uFEFF/, '').split('\r\n')).toEqual([
      'nickname,question,kind,answer,correct,seconds',
      'Ann,1,next-segment,"SYN,ACK seq=300 ack=101 len=0",true,7.0',
      '<b>Bo</b>,1,next-segment,,,',
      '李雷,1,next-segment,"SYN,ACK seq=300 ack=100 len=0",false,9.5',
      'Ann,2,next-segment,,,',
      '<b>Bo</b>,2,next-segment,,,',
      '李雷,2,next-segment,,,',
      '',
    ]);
  });
});
