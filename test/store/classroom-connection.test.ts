/**
 * The class stream's connection (src/store/classroomConnection.ts) against the design's rules: fall back
 * to /poll after 6 s without an event or after 3 errors with no event between, reconnect after
 * 1 s × 2^n (≤ 30 s) with full jitter and ?lastEventId=, hand events on once each, in id order.
 */
import { describe, expect, it } from 'vitest';
import type { ClassEvent } from '../../src/server/protocol';
import { backoffDelay, openClassConnection } from '../../src/store/classroomConnection';
import { deferred, FakeEventSource, fakeNet, settle } from './classroomFakes';

const STATE = {
  scenario: null,
  presetName: 'rfc9293-fig6',
  cursor: -1,
  lesson: null,
  step: null,
  seed: null,
};

function open(f: ReturnType<typeof fakeNet>, after = 0) {
  const events: number[] = [];
  const statuses: string[] = [];
  const gone: string[] = [];
  const conn = openClassConnection(
    f.net,
    'ABC234',
    {
      onEvent: (e: ClassEvent) => events.push(e.id),
      onStatus: (c, why) => statuses.push(why ? `${c}:${why}` : c),
      onGone: (error) => gone.push(error),
    },
    after,
  );
  return { conn, events, statuses, gone };
}

describe('reconnect backoff', () => {
  it('is 1 s × 2^n capped at 30 s, scaled by the random draw (full jitter)', () => {
    const top = () => 1; // the largest draw: the delay's cap itself
    expect([0, 1, 2, 3, 4, 5, 6, 20, 100].map((n) => backoffDelay(n, top))).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000,
    ]);
    expect(backoffDelay(3, () => 0)).toBe(0);
    expect(backoffDelay(2, () => 0.25)).toBe(1000);
  });
});

describe('class stream', () => {
  it('opens an EventSource on /stream and hands on its events', () => {
    const f = fakeNet();
    const c = open(f);
    const es = FakeEventSource.last();
    expect(es.url).toBe('http://class.test/api/classes/ABC234/stream');
    es.emit('state', 1, STATE);
    expect(c.events).toEqual([1]);
    expect(c.statuses).toEqual(['live']);
  });

  it('falls back to /poll when no event came within 6 s of opening, and says why', async () => {
    const f = fakeNet();
    const c = open(f);
    f.on('GET', '/api/classes/ABC234/poll*', deferred<{ status: number }>().promise);
    await f.advance(5_999);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(0);
    await f.advance(1);
    expect(FakeEventSource.last().closed).toBe(true);
    const polls = f.callsTo('GET', '/api/classes/ABC234/poll');
    expect(polls.map((p) => p.path)).toEqual(['/api/classes/ABC234/poll']); // no `after`: the snapshot
    expect(c.statuses).toEqual(['long-poll:fallbackNoEvent']);
  });

  it('once the stream delivered, a quiet stream is no reason to poll', async () => {
    const f = fakeNet();
    open(f);
    FakeEventSource.last().emit('state', 1, STATE);
    await f.advance(60_000);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(0);
  });

  it('falls back to /poll after 3 errors of an opened stream with no event between them', async () => {
    const f = fakeNet();
    const c = open(f);
    f.on('GET', '/api/classes/ABC234/poll*', deferred<{ status: number }>().promise);
    const es = FakeEventSource.last();
    es.emit('state', 1, STATE);
    // Each time the response comes (open) and the stream breaks before an event: a proxy cutting it.
    const cut = () => {
      es.open();
      es.fail();
    };
    cut();
    cut();
    es.emit('state', 2, STATE); // an event between: the count starts again
    cut();
    cut();
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(0);
    expect(c.statuses).toEqual([
      'live',
      'live',
      'reconnecting',
      'live',
      'reconnecting',
      'live',
      'live',
      'reconnecting',
      'live',
      'reconnecting',
    ]);
    cut();
    await settle();
    expect(es.closed).toBe(true);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll').map((p) => p.path)).toEqual([
      '/api/classes/ABC234/poll?after=2',
    ]);
    expect(c.statuses.at(-1)).toBe('long-poll:fallbackErrors');
  });

  it('a server that cannot be reached (down, restarting) is retried on the stream, never polled', async () => {
    const f = fakeNet();
    const c = open(f);
    const es = FakeEventSource.last();
    es.emit('state', 1, STATE);
    // Connection refused, again and again: the browser retries by itself and no response ever opens.
    for (let i = 0; i < 10; i++) es.fail();
    await f.advance(60_000);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(0);
    expect(es.closed).toBe(false);
    expect(c.statuses.at(-1)).toBe('reconnecting');
    // The server is back: the stream opens and resumes (the browser sends Last-Event-ID itself).
    es.open();
    es.emit('state', 2, STATE);
    expect(c.statuses.at(-1)).toBe('live');
  });

  it('the browser reconnecting by itself is live again once open, even before the next event', () => {
    const f = fakeNet();
    const c = open(f);
    const es = FakeEventSource.last();
    es.open();
    es.emit('state', 1, STATE);
    es.fail();
    es.open();
    expect(c.statuses).toEqual(['live', 'reconnecting', 'live']);
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('after the browser gives up, opens a new EventSource with ?lastEventId= after the jittered backoff', async () => {
    const f = fakeNet({ random: 0.5 });
    open(f);
    const first = FakeEventSource.last();
    first.emit('state', 7, STATE);
    first.fail(true);
    // attempt 0: 0.5 × 1 s
    await f.advance(499);
    expect(FakeEventSource.instances).toHaveLength(1);
    await f.advance(1);
    expect(FakeEventSource.instances).toHaveLength(2);
    const second = FakeEventSource.last();
    expect(second.url).toBe('http://class.test/api/classes/ABC234/stream?lastEventId=7');
    second.fail(true);
    // attempt 1: 0.5 × 2 s
    await f.advance(999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await f.advance(1);
    expect(FakeEventSource.instances).toHaveLength(3);
  });

  it('drops events it has seen and hands the rest on in id order', async () => {
    const f = fakeNet();
    const c = open(f);
    const es = FakeEventSource.last();
    es.emit('state', 1, STATE);
    es.emit('state', 1, STATE);
    es.emit('state', 3, STATE);
    es.emit('state', 2, STATE); // older than one handed on: dropped
    expect(c.events).toEqual([1, 3]);
    // The poll answers out of order, with repeats.
    const ev = (id: number) => ({ id, type: 'state', data: STATE });
    let n = 0;
    const held = deferred<{ status: number }>();
    f.on('GET', '/api/classes/ABC234/poll*', () =>
      n++ === 0 ? { status: 200, body: { events: [ev(6), ev(3), ev(4), ev(5)], more: false } } : held.promise,
    );
    for (let i = 0; i < 3; i++) {
      es.open();
      es.fail();
    }
    await settle();
    expect(c.events).toEqual([1, 3, 4, 5, 6]);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll').map((p) => p.path)).toEqual([
      '/api/classes/ABC234/poll?after=3',
      '/api/classes/ABC234/poll?after=6',
    ]);
  });

  it('polls again at once after a 204, and backs off after a failure', async () => {
    const f = fakeNet({ random: 1 });
    const c = open(f);
    const answers = [{ status: 204 }, { status: 503, body: { error: 'db: busy' } }];
    const held = deferred<{ status: number }>();
    f.on('GET', '/api/classes/ABC234/poll*', () => answers.shift() ?? held.promise);
    await f.advance(6_000);
    // the first poll 204 → at once a second, 503 → wait 1 s (attempt 0, draw 1) before the third
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(2);
    expect(c.statuses).toEqual(['long-poll:fallbackNoEvent', 'long-poll:fallbackNoEvent', 'reconnecting']);
    await f.advance(999);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(2);
    await f.advance(1);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(3);
  });

  it('an `end` event closes the connection for good', async () => {
    const f = fakeNet();
    const c = open(f);
    const es = FakeEventSource.last();
    es.emit('end', 9, { reason: 'ended' });
    expect(es.closed).toBe(true);
    await f.advance(120_000);
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(0);
    expect(c.events).toEqual([9]);
  });

  it('a class the server does not know (404 on /poll) is reported as gone with its error', async () => {
    const f = fakeNet();
    const c = open(f);
    f.on('GET', '/api/classes/ABC234/poll*', { status: 404, body: { error: 'code: no class ABC234' } });
    await f.advance(6_000);
    expect(c.gone).toEqual(['code: no class ABC234']);
  });

  it('without EventSource, polls from the start and says why', async () => {
    const f = fakeNet();
    f.net.EventSource = null;
    f.on('GET', '/api/classes/ABC234/poll*', deferred<{ status: number }>().promise);
    const c = open(f);
    await settle();
    expect(c.statuses).toEqual(['long-poll:fallbackNoEventSource']);
    expect(f.callsTo('GET', '/api/classes/ABC234/poll')).toHaveLength(1);
  });
});
