/**
 * The teacher's side of the classroom client, through the store with a fake network: starting a class,
 * the state sync (at most 5 POSTs a second, a trailing send, the scenario only when it changed), the
 * teacher stream read with fetch(), the teacher calls and their errors, and resuming from the summary.
 */
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../src/store';
import { sseParser } from '../../src/store/classroomSse';
import { type Call, FakeEventSource, fakeNet, settle } from './classroomFakes';

const TOKEN = 'teacher-token-0123456789ab';

async function started() {
  const f = fakeNet();
  f.on('POST', '/api/classes', {
    status: 201,
    body: { code: 'ABC234', teacherToken: TOKEN, joinUrl: 'http://class.test/?join=ABC234' },
  });
  f.on('POST', '/api/classes/ABC234/state', { status: 200, body: { eventId: 2 } });
  let push: (text: string) => void = () => {};
  f.on('GET', '/api/classes/ABC234/teacher/stream', () => ({
    status: 200,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        const enc = new TextEncoder();
        push = (text) => controller.enqueue(enc.encode(text));
      },
    }),
  }));
  const store = createAppStore({ classroomNet: f.net });
  const ok = await store.getState().startClass();
  // The server's snapshot: the class's first state (a stream that stays silent would mean polling).
  FakeEventSource.last().emit('state', 1, {
    scenario: null,
    presetName: 'rfc9293-fig6',
    cursor: -1,
    lesson: null,
    step: null,
    seed: null,
  });
  await settle();
  return { f, store, ok, push: (text: string) => push(text) };
}

const statePosts = (f: ReturnType<typeof fakeNet>): Call[] => f.callsTo('POST', '/api/classes/ABC234/state');

describe('starting a class', () => {
  it('keeps the code and token, opens the class stream and the teacher stream with the token', async () => {
    const { f, store, ok } = await started();
    expect(ok).toBe(true);
    expect(JSON.parse(f.store.get('synack.classroom.teacher') ?? 'null')).toEqual({
      code: 'ABC234',
      teacherToken: TOKEN,
    });
    const v = store.getState().classroom;
    expect(v?.role).toBe('teacher');
    expect(v?.joinUrl).toBe('http://class.test/?join=ABC234');
    expect(FakeEventSource.last().url).toBe('http://class.test/api/classes/ABC234/stream');
    const ts = f.callsTo('GET', '/api/classes/ABC234/teacher/stream');
    expect(ts).toHaveLength(1);
    expect(ts[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('sends the page’s state at once, with its scenario and the Bearer token', async () => {
    const { f, store } = await started();
    const posts = statePosts(f);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(posts[0]?.body).toEqual({
      scenario: store.getState().scenario,
      presetName: 'rfc9293-fig6',
      cursor: -1,
      lesson: null,
      step: null,
      seed: null,
    });
  });

  it('a refused start shows the server’s error', async () => {
    const f = fakeNet();
    f.on('POST', '/api/classes', { status: 429, body: { error: 'rate: too many requests' } });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().startClass()).toBe(false);
    expect(store.getState().classroomError).toBe('rate: too many requests');
  });
});

describe('the state sync', () => {
  it('sends at most 5 a second, the last change always, and the scenario only when it changed', async () => {
    const { f, store } = await started();
    expect(statePosts(f)).toHaveLength(1); // at t = 0
    // 20 cursor moves 50 ms apart: 1 s of scrubbing.
    for (let i = 0; i < 20; i++) {
      store.getState().seek(i % 8);
      await f.advance(50);
    }
    // Starts at 0, 200, 400, 600, 800 ms: five in the first second, then 1000 ms.
    const inFirstSecond = statePosts(f).length;
    expect(inFirstSecond).toBe(6);
    await f.advance(1_000);
    const posts = statePosts(f);
    expect(posts.at(-1)?.body).toMatchObject({ cursor: 19 % 8 });
    for (const p of posts.slice(1)) expect(p.body).not.toHaveProperty('scenario');
    // Nothing changes: nothing is sent.
    const count = posts.length;
    await f.advance(5_000);
    expect(statePosts(f)).toHaveLength(count);
    // A new scenario goes once, with the next send.
    store.getState().loadPreset('lost-syn');
    await settle();
    await f.advance(200);
    const last = statePosts(f).at(-1)?.body as Record<string, unknown>;
    expect(last.presetName).toBe('lost-syn');
    expect(last.scenario).toEqual(store.getState().scenario);
  });

  it('waits for the previous POST before the next, and retries after a failure', async () => {
    const { f, store } = await started();
    let fail = true;
    f.on('POST', '/api/classes/ABC234/state', () =>
      fail ? { status: 503, body: { error: 'db: busy' } } : { status: 200, body: { eventId: 3 } },
    );
    store.getState().seek(2);
    await f.advance(200);
    expect(statePosts(f)).toHaveLength(2);
    fail = false;
    await f.advance(999);
    expect(statePosts(f)).toHaveLength(2);
    await f.advance(1);
    expect(statePosts(f)).toHaveLength(3);
    expect(statePosts(f).at(-1)?.body).toMatchObject({ cursor: 2 });
  });
});

describe('the teacher stream', () => {
  it('reads roster and counts events from the fetch() body', async () => {
    const { store, push } = await started();
    FakeEventSource.last().emit('question', 2, { id: 4, checkpoint: { kind: 'next-segment' }, cursor: 0 });
    const roster = { students: 2, names: [{ studentId: 's_1', nickname: 'Ada', answered: false }] };
    push(`event: roster\ndata: ${JSON.stringify(roster)}\n\n`);
    const counts = { students: 2, answered: 1, correct: 1, answers: [], other: 0 };
    // An event split across chunks, with a CRLF split between them.
    const frame = `: keep-alive\r\n\r\nevent: counts\r\ndata: ${JSON.stringify({ questionId: 4, status: 'open', counts })}\r\n\r\n`;
    push(frame.slice(0, 30));
    push(frame.slice(30, frame.length - 3));
    push(frame.slice(frame.length - 3));
    await settle();
    const v = store.getState().classroom;
    expect(v?.roster).toEqual(roster);
    expect(v?.question?.live).toEqual(counts);
  });
});

describe('teacher calls', () => {
  it('ask, reveal, reset, hide names and end post to their routes; errors are shown as worded', async () => {
    const { f, store } = await started();
    f.on('POST', '/api/classes/ABC234/questions', {
      status: 409,
      body: { error: 'question: the run has no next segment after the cursor' },
    });
    expect(await store.getState().ask()).toBe(false);
    expect(store.getState().classroom?.error).toBe('question: the run has no next segment after the cursor');
    f.on('POST', '/api/classes/ABC234/questions', { status: 201, body: { questionId: 4 } });
    expect(await store.getState().ask({ kind: 'next-segment', endpoint: 'B' })).toBe(true);
    expect(f.callsTo('POST', '/api/classes/ABC234/questions').at(-1)?.body).toEqual({
      kind: 'next-segment',
      endpoint: 'B',
    });
    expect(store.getState().classroom?.error).toBeNull();
    FakeEventSource.last().emit('question', 2, { id: 4, checkpoint: { kind: 'next-segment' }, cursor: 0 });
    f.on('POST', '/api/classes/ABC234/questions/4/reveal', { status: 200, body: { eventId: 3 } });
    f.on('POST', '/api/classes/ABC234/questions/4/reset', { status: 200, body: {} });
    f.on('POST', '/api/classes/ABC234/settings', { status: 200, body: {} });
    f.on('POST', '/api/classes/ABC234/end', { status: 200, body: {} });
    expect(await store.getState().reveal()).toBe(true);
    expect(await store.getState().resetQuestion()).toBe(true);
    expect(await store.getState().setAnonymous(true)).toBe(true);
    expect(store.getState().classroom?.anonymous).toBe(true);
    expect(f.callsTo('POST', '/api/classes/ABC234/settings')[0]?.body).toEqual({ anonymous: true });
    expect(await store.getState().endClass()).toBe(true);
    expect(store.getState().classroom?.ended).toBe(true);
    for (const path of ['/questions/4/reveal', '/questions/4/reset', '/end'])
      expect(f.callsTo('POST', `/api/classes/ABC234${path}`)[0]?.headers.authorization).toBe(
        `Bearer ${TOKEN}`,
      );
    // Ended: the sync stops.
    const count = statePosts(f).length;
    store.getState().seek(3);
    await f.advance(1_000);
    expect(statePosts(f)).toHaveLength(count);
  });
});

describe('resuming the teacher', () => {
  it('reads the summary, shows the class’s last state, and only then syncs', async () => {
    const f = fakeNet();
    f.store.set('synack.classroom.teacher', JSON.stringify({ code: 'ABC234', teacherToken: TOKEN }));
    f.on('GET', '/api/classes/ABC234/teacher/summary', {
      status: 200,
      body: {
        code: 'ABC234',
        joinUrl: 'http://class.test/?join=ABC234',
        anonymous: true,
        ended: false,
        state: { scenario: null, presetName: 'lost-syn', cursor: 3, lesson: null, step: null, seed: null },
        question: null,
        students: 12,
      },
    });
    f.on('POST', '/api/classes/ABC234/state', { status: 200, body: { eventId: 9 } });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.presetName).toBe('lost-syn');
    expect(s.cursor).toBe(3);
    expect(s.past).toHaveLength(0);
    expect(s.classroom?.anonymous).toBe(true);
    expect(statePosts(f)[0]?.body).toMatchObject({ presetName: 'lost-syn', cursor: 3 });
  });

  it('an ended class comes back with its student count (no teacher stream brings a roster then)', async () => {
    const f = fakeNet();
    f.store.set('synack.classroom.teacher', JSON.stringify({ code: 'ABC234', teacherToken: TOKEN }));
    f.on('GET', '/api/classes/ABC234/teacher/summary', {
      status: 200,
      body: {
        code: 'ABC234',
        joinUrl: 'http://class.test/?join=ABC234',
        anonymous: false,
        ended: true,
        state: {
          scenario: null,
          presetName: 'rfc9293-fig6',
          cursor: 2,
          lesson: null,
          step: null,
          seed: null,
        },
        question: null,
        students: 3,
      },
    });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(true);
    await settle();
    expect(store.getState().classroom?.ended).toBe(true);
    expect(store.getState().classroom?.roster?.students).toBe(3);
    expect(f.callsTo('GET', '/api/classes/ABC234/teacher/stream')).toHaveLength(0);
  });

  it('a class following a shipped lesson comes back at its step with its numbers, and syncs them on', async () => {
    const f = fakeNet();
    f.store.set('synack.classroom.teacher', JSON.stringify({ code: 'ABC234', teacherToken: TOKEN }));
    const state = {
      scenario: null,
      presetName: 'rfc9293-fig6',
      cursor: 0,
      lesson: 'handshake',
      step: 1,
      seed: 4242,
    };
    f.on('GET', '/api/classes/ABC234/teacher/summary', {
      status: 200,
      body: {
        code: 'ABC234',
        joinUrl: '',
        anonymous: false,
        ended: false,
        state,
        question: null,
        students: 0,
      },
    });
    f.on('POST', '/api/classes/ABC234/state', { status: 200, body: { eventId: 9 } });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(true);
    await settle();
    const run = store.getState().lessonRun;
    expect([run?.lesson.id, run?.step, run?.seed]).toEqual(['handshake', 1, 4242]);
    expect(statePosts(f)[0]?.body).toMatchObject({ lesson: 'handshake', step: 1, seed: 4242 });
  });

  it('a summary refused (401) forgets the saved class', async () => {
    const f = fakeNet();
    f.store.set('synack.classroom.teacher', JSON.stringify({ code: 'ABC234', teacherToken: 'stale' }));
    f.on('GET', '/api/classes/ABC234/teacher/summary', {
      status: 401,
      body: { error: 'authorization: unknown token' },
    });
    const store = createAppStore({ classroomNet: f.net });
    expect(await store.getState().resumeClass()).toBe(false);
    expect(f.store.has('synack.classroom.teacher')).toBe(false);
  });
});

describe('SSE parsing (WHATWG HTML §9.2.6)', () => {
  it('joins data lines, strips one space, ignores comments and dispatches on a blank line', () => {
    const got: string[] = [];
    const p = sseParser((m) => got.push(`${m.type}|${m.data}|${m.id}`));
    p.push('data:  two spaces\ndata:x\n\n: comment\nid: 5\nevent: counts\ndata: {}\r\rdata\n\n');
    expect(got).toEqual(['message| two spaces\nx|', 'counts|{}|5', 'message||5']);
  });
});
