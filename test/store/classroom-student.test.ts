/**
 * The student's side of the classroom client, through the store (createAppStore with a fake network):
 * joining, following the teacher's state without undo, exploring and rejoining, the question's cursor cap,
 * answering (201, 409, 400), the reveal, resuming after a reload, and the server's errors as worded.
 */
import { describe, expect, it } from 'vitest';
import type { ClassState } from '../../src/server/protocol';
import { createAppStore } from '../../src/store';
import { FakeEventSource, fakeNet, settle } from './classroomFakes';

const TOKEN = 'stu-token-0123456789abcdef';
const state = (over: Partial<ClassState> = {}): ClassState => ({
  scenario: null,
  presetName: 'rfc9293-fig6',
  cursor: -1,
  lesson: null,
  step: null,
  seed: null,
  ...over,
});
const QUESTION = { id: 1, checkpoint: { kind: 'next-segment' }, cursor: 2 };
// RFC 9293 §3.5 figure 6 (the preset rfc9293-fig6): after A's SYN (seq 100), B answers SYN,ACK seq=300 ack=101.
const REVEAL = {
  questionId: 1,
  answer: {
    kind: 'next-segment',
    flags: ['SYN', 'ACK'],
    seq: 300,
    ack: 101,
    len: 0,
    from: 'B',
    index: 3,
    explain: 'x',
  },
  counts: { students: 2, answered: 2, correct: 1, answers: [], other: 0 },
};

async function joined(search = '') {
  const f = fakeNet({ search });
  f.on('POST', '/api/classes/ABC234/join', {
    status: 201,
    body: { studentId: 's_abcdefabcdef', studentToken: TOKEN, nickname: 'Ada' },
  });
  const store = createAppStore({ classroomNet: f.net });
  const ok = await store.getState().joinClass(' abc234 ', 'Ada');
  await settle();
  return { f, store, ok, es: FakeEventSource.last() };
}

describe('joining', () => {
  it('posts the nickname, keeps the token, opens the stream and puts ?join= in the address', async () => {
    const { f, store, ok, es } = await joined();
    expect(ok).toBe(true);
    expect(f.callsTo('POST', '/api/classes/ABC234/join')[0]?.body).toEqual({ nickname: 'Ada' });
    expect(JSON.parse(f.store.get('synack.classroom.student.ABC234') ?? 'null')).toEqual({
      studentId: 's_abcdefabcdef',
      studentToken: TOKEN,
      nickname: 'Ada',
    });
    expect(es.url).toBe('http://class.test/api/classes/ABC234/stream');
    expect(f.urls).toEqual(['http://class.test/?join=ABC234']);
    const v = store.getState().classroom;
    expect(v?.role).toBe('student');
    expect(v?.nickname).toBe('Ada');
    expect(v?.code).toBe('ABC234');
  });

  it("shows the server's error as it worded it (404 unknown code, 409 nickname taken)", async () => {
    const f = fakeNet();
    f.on('POST', '/api/classes/ZZZ999/join', { status: 404, body: { error: 'code: no class ZZZ999' } });
    f.on('POST', '/api/classes/ABC234/join', { status: 409, body: { error: 'nickname: already taken' } });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().joinClass('ZZZ999', 'Ada')).toBe(false);
    expect(store.getState().classroomError).toBe('code: no class ZZZ999');
    expect(await store.getState().joinClass('ABC234', 'Ada')).toBe(false);
    expect(store.getState().classroomError).toBe('nickname: already taken');
    expect(store.getState().classroom).toBeNull();
  });

  it('a code that cannot be one is refused before any request; a dead network is a catalog key', async () => {
    const f = fakeNet();
    f.net.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().joinClass('AB/../C', 'Ada')).toBe(false);
    expect(store.getState().classroomError).toBe('codeInvalid');
    expect(await store.getState().joinClass('ABC234', 'Ada')).toBe(false);
    expect(store.getState().classroomError).toBe('networkError');
  });
});

describe('following the teacher', () => {
  it('each state replaces the scenario (a preset by name) and sets the cursor, recording nothing for undo', async () => {
    const { store, es } = await joined();
    es.emit('state', 1, state({ presetName: 'lost-syn', cursor: 4 }));
    await settle();
    let s = store.getState();
    expect(s.presetName).toBe('lost-syn');
    expect(s.scenario.name).toBe(s.timeline.trace.scenario.name);
    expect(s.cursor).toBe(4);
    expect(s.past).toHaveLength(0);
    expect(s.classroom?.latest?.cursor).toBe(4);
    es.emit('state', 2, state({ presetName: 'lost-syn', cursor: 6 }));
    s = store.getState();
    expect(s.cursor).toBe(6);
    expect(s.classroom?.exploring).toBe(false);
    // A scenario of the teacher's own (not a preset).
    const custom = { ...s.scenario, name: 'teacher edit' };
    es.emit('state', 3, state({ scenario: custom, presetName: null, cursor: 1 }));
    await settle();
    s = store.getState();
    expect(s.scenario.name).toBe('teacher edit');
    expect(s.presetName).toBeNull();
    expect(s.cursor).toBe(1);
    expect(s.past).toHaveLength(0);
  });

  it('a cursor change of the student means exploring: the teacher no longer moves it, until Rejoin live', async () => {
    const { store, es } = await joined();
    es.emit('state', 1, state({ cursor: 3 }));
    await settle();
    store.getState().seek(1);
    expect(store.getState().classroom?.exploring).toBe(true);
    es.emit('state', 2, state({ cursor: 5 }));
    await settle();
    expect(store.getState().cursor).toBe(1);
    expect(store.getState().classroom?.latest?.cursor).toBe(5);
    store.getState().rejoinLive();
    await settle();
    expect(store.getState().classroom?.exploring).toBe(false);
    expect(store.getState().cursor).toBe(5);
  });

  it('a scenario of the student (loading a preset) means exploring; Rejoin live brings the teacher’s back', async () => {
    const { store, es } = await joined();
    es.emit('state', 1, state({ cursor: 2 }));
    await settle();
    store.getState().loadPreset('lost-syn');
    await settle();
    expect(store.getState().classroom?.exploring).toBe(true);
    store.getState().rejoinLive();
    await settle();
    expect(store.getState().presetName).toBe('rfc9293-fig6');
    expect(store.getState().cursor).toBe(2);
  });
});

describe('a question', () => {
  it('caps the cursor at the question’s until answered; the answer goes with the token; the reveal says right', async () => {
    const { f, store, es } = await joined();
    es.emit('state', 1, state({ cursor: 2 }));
    es.emit('question', 2, QUESTION);
    await settle();
    expect(store.getState().classroomLimit).toBe(2);
    store.getState().seek(10);
    expect(store.getState().cursor).toBe(2);
    // The teacher playing on does not carry an unanswered student past the question either.
    es.emit('state', 3, state({ cursor: 5 }));
    await settle();
    expect(store.getState().cursor).toBe(2);

    f.on('POST', '/api/classes/ABC234/answers', { status: 201, body: { correct: null } });
    const answer = { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 };
    expect(await store.getState().sendAnswer(answer)).toBe(true);
    const post = f.callsTo('POST', '/api/classes/ABC234/answers')[0];
    expect(post?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(post?.body).toEqual({ questionId: 1, answer });
    expect(store.getState().classroom?.question?.mine?.answer).toEqual(answer);
    expect(store.getState().classroomLimit).toBeNull();

    es.emit('reveal', 4, REVEAL);
    const q = store.getState().classroom?.question;
    expect(q?.status).toBe('revealed');
    expect(q?.reveal?.answer).toEqual(REVEAL.answer);
    expect(q?.reveal?.counts.correct).toBe(1);
  });

  it('409 and 400 are shown as the server worded them, and the question stays unanswered', async () => {
    const { f, store, es } = await joined();
    es.emit('question', 2, QUESTION);
    f.on('POST', '/api/classes/ABC234/answers', { status: 409, body: { error: 'question: closed' } });
    expect(await store.getState().sendAnswer({ flags: [], seq: 1, ack: 1, len: 0 })).toBe(false);
    expect(store.getState().classroom?.error).toBe('question: closed');
    f.on('POST', '/api/classes/ABC234/answers', {
      status: 400,
      body: { error: 'answer.seq: must be an integer 0–4294967295 or null' },
    });
    expect(await store.getState().sendAnswer({ flags: [], seq: -1, ack: 1, len: 0 })).toBe(false);
    expect(store.getState().classroom?.error).toBe('answer.seq: must be an integer 0–4294967295 or null');
    expect(store.getState().classroom?.question?.mine).toBeNull();
    expect(store.getState().classroomLimit).toBe(2);
  });

  it('a reset question is asked again: the earlier answer is forgotten', async () => {
    const { f, store, es } = await joined();
    es.emit('question', 2, QUESTION);
    f.on('POST', '/api/classes/ABC234/answers', { status: 201, body: { correct: null } });
    await store.getState().sendAnswer({ flags: ['SYN'], seq: 1, ack: 1, len: 0 });
    es.emit('question', 3, { ...QUESTION, reset: true });
    expect(store.getState().classroom?.question?.mine).toBeNull();
    expect(store.getState().classroomLimit).toBe(2);
  });

  it('`end` ends the class: the stream closes and nothing caps the cursor', async () => {
    const { store, es } = await joined();
    es.emit('question', 2, QUESTION);
    es.emit('end', 3, { reason: 'ended' });
    const v = store.getState().classroom;
    expect(v?.ended).toBe(true);
    expect(v?.connection).toBe('ended');
    expect(es.closed).toBe(true);
    expect(store.getState().classroomLimit).toBeNull();
  });
});

describe('resuming after a reload', () => {
  it('reads the saved token for ?join=CODE, asks /me, and knows its answers', async () => {
    const f = fakeNet({ search: '?join=abc234' });
    f.store.set(
      'synack.classroom.student.ABC234',
      JSON.stringify({ studentId: 's_abcdefabcdef', studentToken: TOKEN, nickname: 'Ada' }),
    );
    const mine = { flags: ['SYN', 'ACK'], seq: 300, ack: 101, len: 0 };
    f.on('GET', '/api/classes/ABC234/me', {
      status: 200,
      body: {
        studentId: 's_abcdefabcdef',
        nickname: 'Ada',
        answers: [{ questionId: 1, answer: mine, correct: null }],
      },
    });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(true);
    expect(f.callsTo('GET', '/api/classes/ABC234/me')[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const es = FakeEventSource.last();
    es.emit('question', 2, QUESTION);
    expect(store.getState().classroom?.question?.mine?.answer).toEqual(mine);
    expect(store.getState().classroomLimit).toBeNull();
  });

  it('a link without a saved token opens the join form; a refused token is forgotten', async () => {
    const f = fakeNet({ search: '?join=ABC234' });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(false);
    expect(store.getState().classroomOpen).toBe(true);
    expect(f.calls).toHaveLength(0);

    f.store.set('synack.classroom.student.ABC234', JSON.stringify({ studentToken: 'old' }));
    f.on('GET', '/api/classes/ABC234/me', { status: 404, body: { error: 'code: no class ABC234' } });
    expect(await store.getState().resumeClass()).toBe(false);
    expect(f.store.has('synack.classroom.student.ABC234')).toBe(false);
    expect(store.getState().classroomError).toBe('code: no class ABC234');
  });

  it('Leave class forgets the token and the ?join= link, and closes the stream', async () => {
    const { f, store, es } = await joined('?join=ABC234');
    store.getState().leaveClass();
    await settle();
    expect(store.getState().classroom).toBeNull();
    expect(f.store.has('synack.classroom.student.ABC234')).toBe(false);
    expect(es.closed).toBe(true);
    expect(f.urls.at(-1)).toBe('http://class.test/');
  });
});

describe('followScenario (the scenario slice)', () => {
  it('shows a preset by name or a scenario as given, keeps the undo stack, refuses an unknown preset', async () => {
    const store = createAppStore({});
    store.getState().loadPreset('lost-syn'); // one undo step
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().followScenario(null, 'rfc9293-fig7', 2)).toBe(true);
    expect(store.getState().presetName).toBe('rfc9293-fig7');
    expect(store.getState().cursor).toBe(2);
    expect(store.getState().past).toHaveLength(1);
    expect(store.getState().followScenario(null, 'no-such-preset', 0)).toBe(false);
    expect(store.getState().presetName).toBe('rfc9293-fig7');
    const own = { ...store.getState().scenario, name: 'shown as given' };
    expect(store.getState().followScenario(own, null, 9999)).toBe(true);
    expect(store.getState().scenario).toBe(own);
    // The cursor stays inside the trace.
    expect(store.getState().cursor).toBe(store.getState().timeline.trace.events.length - 1);
    expect(store.getState().past).toHaveLength(1);
  });
});
