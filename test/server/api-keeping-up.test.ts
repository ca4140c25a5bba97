/**
 * Keeping the class up, in process: expiry 12 h after the last activity (a fake clock, the design's
 * "Keeping up"), and the graceful shutdown (streams told to come back, held polls answered, then nothing).
 */
import { EventSource } from 'eventsource';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app';
import { DEFAULT_CLASS_STATE } from '../../src/server/protocol';
import { openSqliteStore } from '../../src/server/sqlite-store';
import { call, createClass, joinClass, SseReader, startServer, tempDir } from './helpers';

const HOUR = 3_600_000;
const TTL = 12 * HOUR;

describe('expiry', () => {
  it('expires a class 12 h after its last activity: the sweep pushes end (expired), then 404', async () => {
    let clock = 0;
    const running = await startServer({ now: () => clock });
    try {
      const { code, teacherToken } = await createClass(running.base);
      clock = TTL - 1;
      // Activity (a join) at 12 h - 1 ms postpones the expiry to 24 h - 1 ms.
      await joinClass(running.base, code, 'Ann');
      clock = 2 * TTL - 2;
      expect(await running.server.sweep()).toBe(0);
      const stream = await SseReader.open(`${running.base}/api/classes/${code}/stream`);
      await stream.waitEvents(1);
      clock = 2 * TTL - 1;
      expect(await running.server.sweep()).toBe(1);
      await stream.closed();
      expect(stream.events().at(-1)).toEqual({ id: 2, type: 'end', data: { reason: 'expired' } });
      // Nothing of it is kept: not the nickname, not the log.
      expect(await running.store.students(code)).toEqual([]);
      expect(await running.store.eventsAfter(code, 0, 10)).toEqual([]);
      for (const reply of [
        await call(running.base, 'GET', `/api/classes/${code}/stream`),
        await call(running.base, 'POST', `/api/classes/${code}/join`, { body: { nickname: 'Bob' } }),
        await call(running.base, 'GET', `/api/classes/${code}/teacher/summary`, { token: teacherToken }),
      ])
        expect([reply.status, reply.json]).toEqual([404, { error: `code: no class ${code}` }]);
    } finally {
      await running.stop();
    }
  });

  it('expires an idle class on the first request after its TTL, before any sweep', async () => {
    let clock = 0;
    const running = await startServer({ now: () => clock });
    try {
      const { code } = await createClass(running.base);
      const stream = await SseReader.open(`${running.base}/api/classes/${code}/stream`);
      await stream.waitEvents(1);
      clock = TTL;
      const join = await call(running.base, 'POST', `/api/classes/${code}/join`, {
        body: { nickname: 'Ann' },
      });
      expect(join.status).toBe(404);
      await stream.closed();
      expect(stream.events().at(-1)?.data).toEqual({ reason: 'expired' });
      expect(await running.server.sweep()).toBe(0);
    } finally {
      await running.stop();
    }
  });

  it('sweeps on its own every sweepMs', async () => {
    let clock = 0;
    const running = await startServer({ now: () => clock, sweepMs: 20 });
    try {
      const { code } = await createClass(running.base);
      const stream = await SseReader.open(`${running.base}/api/classes/${code}/stream`);
      await stream.waitEvents(1);
      clock = TTL + 1;
      await stream.closed();
      expect(stream.events().at(-1)?.data).toEqual({ reason: 'expired' });
    } finally {
      await running.stop();
    }
  });

  it('expires an ended class too, without a second end event', async () => {
    let clock = 0;
    const running = await startServer({ now: () => clock });
    try {
      const { code, teacherToken } = await createClass(running.base);
      await call(running.base, 'POST', `/api/classes/${code}/end`, { token: teacherToken });
      clock = TTL;
      const events = await running.store.eventsAfter(code, 0, 10);
      expect(await running.server.sweep()).toBe(1);
      expect(events.map((e) => e.type)).toEqual(['state', 'end']);
      expect((await call(running.base, 'GET', `/api/classes/${code}/poll`)).status).toBe(404);
    } finally {
      await running.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('tells every stream to come back (retry: 500, then the end), answers held polls 204, closes the store', async () => {
    const running = await startServer({ pollTimeoutMs: 60_000 });
    const { code, teacherToken } = await createClass(running.base);
    const stream = await SseReader.open(`${running.base}/api/classes/${code}/stream`);
    const teacher = await SseReader.open(`${running.base}/api/classes/${code}/teacher/stream`, {
      authorization: `Bearer ${teacherToken}`,
    });
    await stream.waitEvents(1);
    await teacher.waitEvents(1);
    const held = call(running.base, 'GET', `/api/classes/${code}/poll?after=1`);
    while (running.bus.listenerCount(code) < 3) await new Promise((resolve) => setTimeout(resolve, 5));

    await running.server.shutdown();
    await stream.closed();
    await teacher.closed();
    expect(stream.items.at(-1)).toEqual({ kind: 'retry', ms: 500 });
    expect(teacher.items.at(-1)).toEqual({ kind: 'retry', ms: 500 });
    expect((await held).status).toBe(204);
    await expect(running.store.check()).rejects.toThrow();
    await expect(fetch(`${running.base}/healthz`)).rejects.toThrow();
    await running.stop();
  });
});

describe('a restart, seen by an EventSource', () => {
  it('reconnects on its own after the shutdown and resumes with Last-Event-ID: events written meanwhile arrive in order', async () => {
    const temp = tempDir();
    const file = `${temp.dir}/class.db`;
    const first = await buildServer({ store: openSqliteStore(file), logger: false });
    const base = await first.listen(0);
    const port = Number(new URL(base).port);
    const { code } = await createClass(base);
    const source = new EventSource(`${base}/api/classes/${code}/stream`);
    const seen: number[] = [];
    const arrived = new Set<() => void>();
    source.addEventListener('state', (event) => {
      seen.push(Number(event.lastEventId));
      for (const wake of arrived) wake();
    });
    const until = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`saw ${JSON.stringify(seen)}`)), 5_000);
        const wake = () => {
          if (seen.length < count) return;
          clearTimeout(timer);
          arrived.delete(wake);
          resolve();
        };
        arrived.add(wake);
        wake();
      });
    let second: Awaited<ReturnType<typeof buildServer>> | null = null;
    try {
      await until(1);
      await first.shutdown();
      // While the server is down, the teacher's two changes are committed (as if by another process).
      const store = openSqliteStore(file);
      for (const cursor of [1, 2])
        await store.appendState(code, () => ({ ...DEFAULT_CLASS_STATE, cursor }), Date.now());
      await store.close();
      second = await buildServer({ store: openSqliteStore(file), logger: false });
      await second.listen(port);
      await until(3);
      expect(seen).toEqual([1, 2, 3]);
    } finally {
      source.close();
      await second?.shutdown();
      temp.remove();
    }
  });
});
