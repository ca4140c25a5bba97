/**
 * The teacher stream's coalescing (the design: "again on every join and answer, coalesced to ≤ 10 per
 * second per class"), on a fake clock: a burst of joins is one push, and a join every 10 ms for a second
 * is at most ten pushes, the last one showing every student.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LocalBus } from '../../src/server/bus';
import { Context } from '../../src/server/context';
import { DEFAULT_CLASS_STATE } from '../../src/server/protocol';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { ClassStore } from '../../src/server/store';
import { TeacherFeeds } from '../../src/server/teacher-feed';

const CODE = 'ABC234';
let store: ClassStore;
let bus: LocalBus;
let ctx: Context;
let joined = 0;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  store = openSqliteStore(':memory:');
  bus = new LocalBus();
  ctx = new Context(store, bus, {
    heartbeatMs: 15_000,
    retryMs: 2_000,
    pollTimeoutMs: 25_000,
    classTtlMs: 12 * 3_600_000,
    publicUrl: null,
    now: () => Date.now(),
    missLimit: { max: 100, windowMs: 60_000 },
    streamsPerAddress: 2_500,
  });
  await store.createClass(
    { code: CODE, teacherHash: 'h', anonymous: false, state: DEFAULT_CLASS_STATE },
    Date.now(),
  );
  joined = 0;
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
});

/** A sink that keeps the roster frames written to it. */
function recorder() {
  const rosters: { students: number }[] = [];
  return {
    rosters,
    write(text: string) {
      for (const match of text.matchAll(/event: roster\ndata: (.*)\n/g))
        rosters.push(JSON.parse(match[1] as string));
      return true;
    },
    end() {},
    onClose() {},
  };
}

async function join() {
  joined++;
  await store.addStudent(
    CODE,
    { id: `s_${joined}`, nickname: `n${joined}`, nicknameKey: `n${joined}`, tokenHash: `t${joined}` },
    Date.now(),
  );
  bus.publish(CODE, { kind: 'teacher' });
}

describe('TeacherFeeds', () => {
  it('sends the roster on connect, and a burst of 50 joins as one push', async () => {
    const sink = recorder();
    await new TeacherFeeds(ctx).add(CODE, sink);
    expect(sink.rosters).toEqual([{ students: 0, names: [] }]);
    for (let i = 0; i < 50; i++) await join();
    await vi.advanceTimersByTimeAsync(200);
    expect(sink.rosters.map((r) => r.students)).toEqual([0, 50]);
  });

  it('pushes at most 10 times in a second of joins every 10 ms, the last with every student', async () => {
    const sink = recorder();
    await new TeacherFeeds(ctx).add(CODE, sink);
    for (let i = 0; i < 100; i++) {
      await join();
      await vi.advanceTimersByTimeAsync(10);
    }
    await vi.advanceTimersByTimeAsync(200);
    const pushes = sink.rosters.slice(1);
    expect(pushes.length).toBeLessThanOrEqual(11);
    expect(pushes.length).toBeGreaterThanOrEqual(9);
    expect(pushes.at(-1)?.students).toBe(100);
  });
});
