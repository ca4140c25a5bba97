/**
 * The classroom API against a real server (ephemeral port, temp-file database): creating and joining a
 * class, the teacher's state and its validation, who may call what, and the end of a class. The paths,
 * status codes and body shapes are the pinned API (notes/issue11.txt) and the design's errors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fig6 from '../../src/scenarios/presets/rfc9293-fig6.json';
import { call, createClass, joinClass, type Running, SseReader, startServer } from './helpers';

let running: Running;
let base: string;

beforeAll(async () => {
  running = await startServer();
  base = running.base;
});
afterAll(() => running.stop());

const CODE = /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{6}$/;
/** 16 random bytes in base64url: 22 characters, no padding. */
const TOKEN = /^[A-Za-z0-9_-]{22}$/;

describe('POST /api/classes', () => {
  it('answers 201 with a 6-character code, a 128-bit teacher token and the join URL', async () => {
    const reply = await call(base, 'POST', '/api/classes', { body: {} });
    expect(reply.status).toBe(201);
    expect(reply.json.code).toMatch(CODE);
    expect(reply.json.teacherToken).toMatch(TOKEN);
    expect(reply.json.joinUrl).toBe(`${base}/?join=${reply.json.code}`);
  });

  it('takes an empty body, and names a wrong field', async () => {
    expect((await call(base, 'POST', '/api/classes')).status).toBe(201);
    const wrong = await call(base, 'POST', '/api/classes', { body: { anonymous: 'yes' } });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error).toMatch(/^anonymous: /);
    const unknown = await call(base, 'POST', '/api/classes', { body: { colour: 'red' } });
    expect(unknown.json.error).toMatch(/^colour: not a field/);
  });
});

describe('POST /api/classes/{code}/join', () => {
  it('answers 201 with the student id, a 128-bit token and the nickname', async () => {
    const { code } = await createClass(base);
    const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname: 'Ada' } });
    expect(reply.status).toBe(201);
    expect(reply.json.studentId).toMatch(/^s_[A-Za-z0-9_-]{12}$/);
    expect(reply.json.studentToken).toMatch(TOKEN);
    expect(reply.json.nickname).toBe('Ada');
  });

  it('accepts the code in any case, and answers 404 naming an unknown one', async () => {
    const { code } = await createClass(base);
    expect(
      (await call(base, 'POST', `/api/classes/${code.toLowerCase()}/join`, { body: { nickname: 'x' } }))
        .status,
    ).toBe(201);
    const unknown = await call(base, 'POST', '/api/classes/ZZZZZZ/join', { body: { nickname: 'x' } });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'code: no class ZZZZZZ' });
    expect(
      (await call(base, 'POST', '/api/classes/not-a-code/join', { body: { nickname: 'x' } })).status,
    ).toBe(404);
  });

  it.each([
    ['missing', {}],
    ['not a string', { nickname: 7 }],
    ['empty', { nickname: '' }],
    ['only spaces', { nickname: '   ' }],
    ['41 characters', { nickname: 'a'.repeat(41) }],
    ['a control character', { nickname: 'Ada\u0007' }],
    ['a right-to-left override', { nickname: '\u202eAda' }],
    ['only a zero-width space', { nickname: '\u200b' }],
  ])('refuses a nickname that is %s, naming the field', async (_what, body) => {
    const { code } = await createClass(base);
    const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body });
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/^nickname: /);
  });

  it('counts a nickname in code points: 40 emoji (80 UTF-16 units) are 40 characters', async () => {
    const { code } = await createClass(base);
    const student = await joinClass(base, code, '😀'.repeat(40));
    expect(student.nickname).toBe('😀'.repeat(40));
  });

  it('takes a nickname once per class, whatever its case or surrounding spaces (409)', async () => {
    const { code } = await createClass(base);
    await joinClass(base, code, 'Ann');
    for (const again of ['ANN', ' ann ']) {
      const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname: again } });
      expect(reply.status).toBe(409);
      expect(reply.json).toEqual({ error: 'nickname: already taken' });
    }
    const other = await createClass(base);
    expect((await joinClass(base, other.code, 'Ann')).nickname).toBe('Ann');
  });

  it('stores HTML in a nickname as text and returns it exactly as given, as JSON', async () => {
    const html = '<img src=x onerror="alert(1)">&amp;';
    const { code, teacherToken } = await createClass(base);
    const join = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname: html } });
    expect(join.headers.get('content-type')).toMatch(/^application\/json/);
    expect(join.json.nickname).toBe(html);
    const me = await call(base, 'GET', `/api/classes/${code}/me`, { token: join.json.studentToken });
    expect(me.json.nickname).toBe(html);
    const summary = await call(base, 'GET', `/api/classes/${code}/teacher/summary`, { token: teacherToken });
    expect(summary.json.roster.names).toEqual([
      { studentId: join.json.studentId, nickname: html, answered: false },
    ]);
  });
});

describe('POST /api/classes/{code}/state', () => {
  it('merges the fields into the state and pushes the whole state as the next event', async () => {
    const { code, teacherToken } = await createClass(base);
    const reply = await call(base, 'POST', `/api/classes/${code}/state`, {
      token: teacherToken,
      body: { cursor: 3 },
    });
    expect(reply.status).toBe(200);
    // Event 1 is the class's default state (the design's "class creation writes event 1").
    expect(reply.json).toEqual({ eventId: 2 });
    const poll = await call(base, 'GET', `/api/classes/${code}/poll?after=1`);
    expect(poll.json.events).toEqual([
      {
        id: 2,
        type: 'state',
        data: { scenario: null, presetName: 'rfc9293-fig6', cursor: 3, lesson: null, step: null, seed: null },
      },
    ]);
  });

  it('takes a scenario, a lesson (starting at step 0), a step and a seed', async () => {
    const { code, teacherToken } = await createClass(base);
    const post = (body: unknown) =>
      call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body });
    expect((await post({ scenario: fig6, presetName: null, lesson: 'handshake', seed: 7 })).status).toBe(200);
    expect((await post({ step: 1 })).status).toBe(200);
    expect((await post({ lesson: null })).status).toBe(200);
    const { events } = (await call(base, 'GET', `/api/classes/${code}/poll?after=1`)).json;
    expect(
      events.map((e: { data: { lesson: string; step: number } }) => [e.data.lesson, e.data.step]),
    ).toEqual([
      ['handshake', 0],
      ['handshake', 1],
      [null, null],
    ]);
    expect(events[2].data.scenario.endpoints).toEqual({ A: { isn: 100 }, B: { isn: 300 } });
    expect(events[2].data.seed).toBe(7);
  });

  it('merges changes sent at once into one state: none undoes another', async () => {
    const { code, teacherToken } = await createClass(base);
    const changes = [
      { cursor: 5 },
      { seed: 9 },
      { lesson: 'handshake' },
      { presetName: 'lost-syn' },
      { scenario: fig6 },
    ];
    const replies = await Promise.all(
      changes.map((body) => call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const { events } = (await call(base, 'GET', `/api/classes/${code}/poll`)).json;
    expect(events[0].data).toMatchObject({
      cursor: 5,
      seed: 9,
      lesson: 'handshake',
      step: 0,
      presetName: 'lost-syn',
    });
    expect(events[0].data.scenario.name).toBe(fig6.name);
  });

  it.each([
    ['scenario.endpoints.A.isn', { scenario: { ...fig6, endpoints: { A: { isn: -5 }, B: { isn: 300 } } } }],
    ['scenario', { scenario: 'rfc9293-fig6' }],
    ['presetName', { presetName: 'no-such-preset' }],
    ['cursor', { cursor: -2 }],
    ['cursor', { cursor: 1.5 }],
    ['cursor', { cursor: '3' }],
    ['lesson', { lesson: 'no-such-lesson' }],
    ['step', { lesson: 'handshake', step: 99 }],
    ['step', { step: 1 }],
    ['seed', { seed: -1 }],
    ['colour', { colour: 'red' }],
  ])('names %s when it is wrong (400)', async (field, body) => {
    const { code, teacherToken } = await createClass(base);
    const reply = await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body });
    expect(reply.status).toBe(400);
    expect(reply.json.error.startsWith(`${field}: `)).toBe(true);
  });
});

describe('who may call what', () => {
  it('a teacher call needs the teacher token: 401 without one or with a stranger, 403 with a student token', async () => {
    const { code } = await createClass(base);
    const other = await createClass(base);
    const student = await joinClass(base, code, 'Bea');
    const calls: [string, string][] = [
      ['POST', 'state'],
      ['POST', 'settings'],
      ['POST', 'questions'],
      ['POST', 'questions/1/reveal'],
      ['POST', 'questions/1/reset'],
      ['POST', 'end'],
      ['GET', 'results.csv'],
      ['GET', 'teacher/summary'],
      ['GET', 'teacher/stream'],
    ];
    for (const [method, path] of calls) {
      const url = `/api/classes/${code}/${path}`;
      const none = await call(base, method, url);
      expect([path, none.status]).toEqual([path, 401]);
      expect(none.json.error).toMatch(/^authorization: /);
      expect((await call(base, method, url, { token: 'x'.repeat(22) })).status).toBe(401);
      expect((await call(base, method, url, { token: other.teacherToken })).status).toBe(401);
      const asStudent = await call(base, method, url, { token: student.studentToken });
      expect([path, asStudent.status]).toEqual([path, 403]);
      expect(asStudent.json.error).toMatch(/^authorization: /);
    }
  });

  it('a student call needs a student token of that class: 401 without, 403 with the teacher token', async () => {
    const { code, teacherToken } = await createClass(base);
    const other = await createClass(base);
    const stranger = await joinClass(base, other.code, 'Cy');
    for (const [method, path] of [
      ['POST', 'answers'],
      ['GET', 'me'],
    ] as const) {
      const url = `/api/classes/${code}/${path}`;
      expect((await call(base, method, url)).status).toBe(401);
      expect((await call(base, method, url, { token: stranger.studentToken })).status).toBe(401);
      const asTeacher = await call(base, method, url, { token: teacherToken });
      expect(asTeacher.status).toBe(403);
      expect(asTeacher.json.error).toMatch(/^authorization: /);
    }
  });
});

describe('POST /api/classes/{code}/end', () => {
  it('pushes `end`, closes the stream, and refuses later joins, states, questions and answers (409)', async () => {
    const { code, teacherToken } = await createClass(base);
    const student = await joinClass(base, code, 'Di');
    const stream = await SseReader.open(`${base}/api/classes/${code}/stream`);
    await stream.waitEvents(1);
    const end = await call(base, 'POST', `/api/classes/${code}/end`, { token: teacherToken });
    expect(end.json).toEqual({ eventId: 2 });
    await stream.closed();
    expect(stream.events().at(-1)).toEqual({ id: 2, type: 'end', data: { reason: 'ended' } });

    const refused = [
      await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname: 'Ed' } }),
      await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor: 1 } }),
      await call(base, 'POST', `/api/classes/${code}/questions`, { token: teacherToken }),
      await call(base, 'POST', `/api/classes/${code}/end`, { token: teacherToken }),
    ];
    for (const reply of refused) expect([reply.status, reply.json]).toEqual([409, { error: 'class: ended' }]);
    const summary = await call(base, 'GET', `/api/classes/${code}/teacher/summary`, { token: teacherToken });
    expect(summary.json.ended).toBe(true);
    expect((await call(base, 'GET', `/api/classes/${code}/me`, { token: student.studentToken })).status).toBe(
      200,
    );
  });

  it('tells a stream that already has the end to stop (204: EventSource does not reconnect)', async () => {
    const { code, teacherToken } = await createClass(base);
    await call(base, 'POST', `/api/classes/${code}/end`, { token: teacherToken });
    const fresh = await SseReader.open(`${base}/api/classes/${code}/stream`);
    await fresh.closed();
    expect(fresh.events().map((e) => e.type)).toEqual(['state', 'end']);
    const resumed = await call(base, 'GET', `/api/classes/${code}/stream`, {
      headers: { 'last-event-id': '2' },
    });
    expect(resumed.status).toBe(204);
  });
});

describe('POST /api/classes/{code}/settings', () => {
  it('hides the names on the teacher side in anonymous mode', async () => {
    const { code, teacherToken } = await createClass(base);
    await joinClass(base, code, 'Flo');
    const set = await call(base, 'POST', `/api/classes/${code}/settings`, {
      token: teacherToken,
      body: { anonymous: true },
    });
    expect(set.json).toEqual({ anonymous: true });
    const summary = await call(base, 'GET', `/api/classes/${code}/teacher/summary`, { token: teacherToken });
    expect(summary.json.anonymous).toBe(true);
    expect(summary.json.roster).toEqual({ students: 1, names: null });
    const wrong = await call(base, 'POST', `/api/classes/${code}/settings`, {
      token: teacherToken,
      body: {},
    });
    expect(wrong.json.error).toMatch(/^anonymous: /);
  });
});
