/**
 * The push channels against a real server: the class stream (retry, ids, snapshot, heartbeat, resume with
 * Last-Event-ID, nothing missed or doubled while the backlog is read), the long-poll fallback (at once, held
 * until an event, 204 after pollTimeoutMs) and the teacher stream. What the issue pins: "every event has an
 * id increasing per class, a retry is sent, a comment line keeps proxies open … a client reconnecting with
 * Last-Event-ID receives every event it missed, in order".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLASS_STATE } from '../../src/server/protocol';
import { call, createClass, joinClass, type Running, SseReader, startServer } from './helpers';

let running: Running;
let base: string;

beforeAll(async () => {
  running = await startServer({ retryMs: 1234, heartbeatMs: 40, pollTimeoutMs: 150 });
  base = running.base;
});
afterAll(() => running.stop());

/** A class with events 1 (created), 2 and 3 (cursor 1, 2) and 4 (a question), as the tests below expect. */
async function classWithFourEvents() {
  const teacher = await createClass(base);
  const { code, teacherToken } = teacher;
  for (const cursor of [1, 2])
    await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor } });
  const asked = await call(base, 'POST', `/api/classes/${code}/questions`, { token: teacherToken });
  expect(asked.status).toBe(201);
  return teacher;
}

const ids = (events: { id: number | null }[]) => events.map((e) => e.id);
const streamUrl = (code: string, query = '') => `${base}/api/classes/${code}/stream${query}`;

describe('GET /api/classes/{code}/stream', () => {
  it('is text/event-stream, not cached or buffered, and starts with the retry field', async () => {
    const { code } = await createClass(base);
    const stream = await SseReader.open(streamUrl(code));
    expect(stream.status).toBe(200);
    expect(stream.headers?.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers?.get('cache-control')).toBe('no-cache, no-transform');
    expect(stream.headers?.get('x-accel-buffering')).toBe('no');
    await stream.waitEvents(1);
    expect(stream.items[0]).toEqual({ kind: 'retry', ms: 1234 });
    stream.close();
  });

  it('gives a fresh client the snapshot: the latest state and the current question, with their own ids', async () => {
    const { code } = await classWithFourEvents();
    const stream = await SseReader.open(streamUrl(code));
    const events = await stream.waitEvents(2);
    expect(events.map((e) => [e.id, e.type])).toEqual([
      [3, 'state'],
      [4, 'question'],
    ]);
    expect(events[0]?.data).toEqual({ ...DEFAULT_CLASS_STATE, cursor: 2 });
    expect(events[1]?.data.id).toBe(1);
    expect(events[1]?.data).not.toHaveProperty('answer');
    stream.close();
  });

  it('then pushes each new event live, ids increasing by one', async () => {
    const { code, teacherToken } = await classWithFourEvents();
    const stream = await SseReader.open(streamUrl(code));
    await stream.waitEvents(2);
    for (const cursor of [5, 6, 7])
      await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor } });
    const events = await stream.waitEvents(5);
    expect(ids(events)).toEqual([3, 4, 5, 6, 7]);
    expect(events.slice(2).map((e) => e.data.cursor)).toEqual([5, 6, 7]);
    stream.close();
  });

  it('sends a keep-alive comment every heartbeatMs', async () => {
    const { code } = await createClass(base);
    const stream = await SseReader.open(streamUrl(code));
    await stream.until((items) => items.filter((i) => i.kind === 'comment').length >= 2, 'two heartbeats');
    expect(stream.items.find((i) => i.kind === 'comment')).toEqual({ kind: 'comment', text: 'keep-alive' });
    stream.close();
  });

  it('resumes after Last-Event-ID: every later event, in order, and no snapshot', async () => {
    const { code } = await classWithFourEvents();
    const stream = await SseReader.open(streamUrl(code), { 'last-event-id': '1' });
    expect(ids(await stream.waitEvents(3))).toEqual([2, 3, 4]);
    stream.close();
  });

  it('resumes after ?lastEventId= (a new EventSource after backoff); the header wins over it', async () => {
    const { code } = await classWithFourEvents();
    const byQuery = await SseReader.open(streamUrl(code, '?lastEventId=2'));
    expect(ids(await byQuery.waitEvents(2))).toEqual([3, 4]);
    byQuery.close();
    const both = await SseReader.open(streamUrl(code, '?lastEventId=0'), { 'last-event-id': '3' });
    expect(ids(await both.waitEvents(1))).toEqual([4]);
    both.close();
  });

  it('misses and doubles nothing when events arrive while a long backlog is replayed', async () => {
    const { code, teacherToken } = await createClass(base);
    // 600 events committed before the client comes (two replay pages), then five more while it reads.
    for (let cursor = 0; cursor < 600; cursor++)
      await running.store.appendState(code, () => ({ ...DEFAULT_CLASS_STATE, cursor }), Date.now());
    const stream = await SseReader.open(streamUrl(code), { 'last-event-id': '0' });
    for (let cursor = 0; cursor < 5; cursor++)
      await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor } });
    const events = await stream.waitEvents(606);
    expect(ids(events)).toEqual(Array.from({ length: 606 }, (_, i) => i + 1));
    stream.close();
  });

  it('names a malformed Last-Event-ID or lastEventId (400), and an unknown class (404)', async () => {
    const { code } = await createClass(base);
    const header = await call(base, 'GET', `/api/classes/${code}/stream`, {
      headers: { 'last-event-id': 'abc' },
    });
    expect([header.status, header.json.error]).toEqual([400, 'Last-Event-ID: must be an integer ≥ 0']);
    const query = await call(base, 'GET', `/api/classes/${code}/stream?lastEventId=-1`);
    expect([query.status, query.json.error]).toEqual([400, 'lastEventId: must be an integer ≥ 0']);
    const unknown = await call(base, 'GET', '/api/classes/ZZZZZZ/stream');
    expect([unknown.status, unknown.json]).toEqual([404, { error: 'code: no class ZZZZZZ' }]);
  });

  it('carries nothing about one student: no nickname, id or token, only aggregate counts', async () => {
    const { code, teacherToken } = await classWithFourEvents();
    const stream = await SseReader.open(streamUrl(code, '?lastEventId=0'));
    const student = await joinClass(base, code, 'Zed Secret');
    const answer = { flags: ['SYN'], seq: 100, ack: null, len: 0 };
    await call(base, 'POST', `/api/classes/${code}/answers`, {
      token: student.studentToken,
      body: { questionId: 1, answer },
    });
    await call(base, 'POST', `/api/classes/${code}/questions/1/reveal`, { token: teacherToken });
    const events = await stream.waitEvents(5);
    expect(events.at(-1)?.type).toBe('reveal');
    const text = JSON.stringify(stream.items);
    for (const secret of ['Zed Secret', student.studentId, student.studentToken, teacherToken])
      expect(text.includes(secret)).toBe(false);
    stream.close();
  });
});

describe('GET /api/classes/{code}/poll', () => {
  it('without `after` answers the snapshot at once', async () => {
    const { code } = await classWithFourEvents();
    const reply = await call(base, 'GET', `/api/classes/${code}/poll`);
    expect(reply.status).toBe(200);
    expect(reply.json.more).toBe(false);
    expect(ids(reply.json.events)).toEqual([3, 4]);
  });

  it('answers the events after `after` at once when there are some', async () => {
    const { code } = await classWithFourEvents();
    const reply = await call(base, 'GET', `/api/classes/${code}/poll?after=1`);
    expect(reply.json.events.map((e: { id: number; type: string }) => [e.id, e.type])).toEqual([
      [2, 'state'],
      [3, 'state'],
      [4, 'question'],
    ]);
    expect(reply.json.more).toBe(false);
  });

  it('answers at most 1,000 events, saying there are more', async () => {
    const { code } = await createClass(base);
    for (let cursor = 0; cursor < 1_000; cursor++)
      await running.store.appendState(code, () => ({ ...DEFAULT_CLASS_STATE, cursor }), Date.now());
    const first = await call(base, 'GET', `/api/classes/${code}/poll?after=0`);
    expect([first.json.events.length, first.json.more]).toEqual([1_000, true]);
    expect(first.json.events.at(-1).id).toBe(1_000);
    const rest = await call(base, 'GET', `/api/classes/${code}/poll?after=1000`);
    expect([ids(rest.json.events), rest.json.more]).toEqual([[1_001], false]);
  });

  it('holds the request until an event arrives, then answers it', async () => {
    const { code, teacherToken } = await createClass(base);
    const held = call(base, 'GET', `/api/classes/${code}/poll?after=1`);
    // The poll subscribes to the bus when it starts to hold: post only then, so it is really held.
    while (running.bus.listenerCount(code) === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await call(base, 'POST', `/api/classes/${code}/state`, { token: teacherToken, body: { cursor: 9 } });
    const reply = await held;
    expect(reply.status).toBe(200);
    expect(
      reply.json.events.map((e: { id: number; data: { cursor: number } }) => [e.id, e.data.cursor]),
    ).toEqual([[2, 9]]);
  });

  it('answers 204 with no body when nothing arrives within pollTimeoutMs', async () => {
    const { code } = await createClass(base);
    const reply = await call(base, 'GET', `/api/classes/${code}/poll?after=1`);
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(running.bus.listenerCount(code)).toBe(0);
  });

  it.each(['x', '-1', '1.5', ''])('names a malformed after=%s (400)', async (after) => {
    const { code } = await createClass(base);
    const reply = await call(base, 'GET', `/api/classes/${code}/poll?after=${after}`);
    expect([reply.status, reply.json.error]).toEqual([400, 'after: must be an integer ≥ 0']);
  });
});

describe('GET /api/classes/{code}/teacher/stream', () => {
  it('sends the roster and the counts on connect, and again after each join and answer', async () => {
    const { code, teacherToken } = await classWithFourEvents();
    const auth = { authorization: `Bearer ${teacherToken}` };
    const stream = await SseReader.open(`${base}/api/classes/${code}/teacher/stream`, auth);
    const first = await stream.waitEvents(2);
    expect(first[0]).toEqual({ id: null, type: 'roster', data: { students: 0, names: [] } });
    expect(first[1]?.type).toBe('counts');
    expect(first[1]?.data).toMatchObject({
      questionId: 1,
      status: 'open',
      counts: { students: 0, answered: 0 },
    });

    const student = await joinClass(base, code, 'Gus');
    const roster = (e: { type: string; data: { students: number } }) =>
      e.type === 'roster' && e.data.students === 1;
    await stream.until(() => stream.events().some(roster), 'the roster after the join');
    const answer = { flags: ['SYN'], seq: 100, ack: null, len: 0 };
    await call(base, 'POST', `/api/classes/${code}/answers`, {
      token: student.studentToken,
      body: { questionId: 1, answer },
    });
    await stream.until(
      () => stream.events().some((e) => e.type === 'counts' && e.data.counts.answered === 1),
      'the counts after the answer',
    );
    const last = stream
      .events()
      .filter((e) => e.type === 'roster')
      .at(-1);
    expect(last?.data).toEqual({
      students: 1,
      names: [{ studentId: student.studentId, nickname: 'Gus', answered: true }],
    });
    stream.close();
  });

  it('ends with the class', async () => {
    const { code, teacherToken } = await createClass(base);
    const stream = await SseReader.open(`${base}/api/classes/${code}/teacher/stream`, {
      authorization: `Bearer ${teacherToken}`,
    });
    await stream.waitEvents(1);
    await call(base, 'POST', `/api/classes/${code}/end`, { token: teacherToken });
    await stream.closed();
  });
});
