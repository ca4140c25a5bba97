import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROGRESS_KEY, readProgress, scoreCheckpoint, writeProgress } from '../../src/lessons/progress';
import type { ProgressFile } from '../../src/lessons/types';
import type { PrefsStorage } from '../../src/store/prefs';

function memory(initial?: string): PrefsStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  if (initial !== undefined) data.set(PROGRESS_KEY, initial);
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

const good = { step: 2, done: [0, 1], right: 1, asked: 2, seed: 12345, completed: false };

/** What a valid file looks like, checked field by field (the oracle is the design's shape, not the reader). */
function expectValid(file: ProgressFile): void {
  expect(file.version).toBe(1);
  expect(
    Object.getPrototypeOf(file.lessons) === null || Object.getPrototypeOf(file.lessons) === Object.prototype,
  ).toBe(true);
  for (const [id, p] of Object.entries(file.lessons)) {
    expect(id).toMatch(/^[a-z0-9][a-z0-9-]{0,39}$/);
    for (const n of [p.step, p.right, p.asked, p.seed]) expect(Number.isInteger(n) && n >= 0).toBe(true);
    expect(p.right).toBeLessThanOrEqual(p.asked);
    expect(p.seed).toBeLessThanOrEqual(0xffff_ffff);
    expect(typeof p.completed).toBe('boolean');
    expect(p.done).toEqual([...new Set(p.done)].sort((a, b) => a - b));
  }
}

describe('progress in localStorage', () => {
  it('round trip', () => {
    const storage = memory();
    const file: ProgressFile = {
      version: 1,
      lessons: { handshake: good, loss: { ...good, completed: true } },
    };
    writeProgress(storage, file);
    expect(storage.data.has('synack.lessons')).toBe(true);
    expect(readProgress(storage)).toEqual(file);
  });

  it('nothing stored, no storage: empty progress', () => {
    expect(readProgress(memory())).toEqual({ version: 1, lessons: {} });
    expect(readProgress(undefined)).toEqual({ version: 1, lessons: {} });
    expect(() => writeProgress(undefined, { version: 1, lessons: {} })).not.toThrow();
  });

  it('garbage: bad JSON, wrong version, wrong types → empty or the valid parts', () => {
    for (const text of ['', '{', 'null', '[]', '"x"', '42', '{"version":2,"lessons":{}}', '{"version":"1"}'])
      expect(readProgress(memory(text))).toEqual({ version: 1, lessons: {} });
    const mixed = {
      version: 1,
      lessons: {
        handshake: good,
        loss: { ...good, step: -1 },
        teardown: { ...good, right: 5, asked: 2 },
        resets: { ...good, seed: 2 ** 32 },
        simultaneous: { ...good, completed: 'yes' },
        'linux-vs-rfc': { ...good, done: [3, 1, 1, 'x', -2, 2.5] },
        'Bad Id': good,
        'why-three-way': null,
      },
    };
    const file = readProgress(memory(JSON.stringify(mixed)));
    expect(Object.keys(file.lessons).sort()).toEqual(['handshake', 'linux-vs-rfc']);
    expect(file.lessons['linux-vs-rfc']?.done).toEqual([1, 3]);
  });

  it('prototype keys are not lessons and change no prototype', () => {
    const text = `{"version":1,"lessons":{"__proto__":${JSON.stringify(good)},"constructor":${JSON.stringify(good)},"handshake":${JSON.stringify(good)}}}`;
    const file = readProgress(memory(text));
    // "__proto__" is not a lesson id; "constructor" is one, kept as a key of a prototype-free object.
    expect(Object.keys(file.lessons)).toEqual(['constructor', 'handshake']);
    expect(file.lessons.constructor).toEqual(good);
    expect(({} as Record<string, unknown>).step).toBeUndefined();
    expectValid(file);
  });

  it('huge values: a 10 MB entry, a huge step, a million done steps', () => {
    expect(readProgress(memory('x'.repeat(10 * 1024 * 1024)))).toEqual({ version: 1, lessons: {} });
    const huge = {
      version: 1,
      lessons: { a: { ...good, step: 1e300 }, b: { ...good, done: Array(1_000_000).fill(0) } },
    };
    expect(readProgress(memory(JSON.stringify(huge))).lessons).toEqual({});
  });

  it('blocked storage and a full quota never throw', () => {
    const blocked: PrefsStorage = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(readProgress(blocked)).toEqual({ version: 1, lessons: {} });
    expect(() => writeProgress(blocked, { version: 1, lessons: { handshake: good } })).not.toThrow();
  });

  it('property: any stored text reads as a valid progress file, without throwing', () => {
    const lesson = fc.record({
      step: fc.oneof(fc.integer(), fc.double(), fc.string()),
      done: fc.array(fc.oneof(fc.integer({ min: -5, max: 50 }), fc.string())),
      right: fc.integer({ min: -1, max: 10 }),
      asked: fc.integer({ min: -1, max: 10 }),
      seed: fc.oneof(fc.integer(), fc.constant(2 ** 32)),
      completed: fc.oneof(fc.boolean(), fc.constant(1)),
    });
    const text = fc.oneof(
      fc.string(),
      fc.json(),
      fc
        .dictionary(fc.oneof(fc.constantFrom('__proto__', 'handshake', 'x-y'), fc.string()), lesson)
        .map((lessons) => JSON.stringify({ version: 1, lessons })),
    );
    fc.assert(
      fc.property(text, (t) => {
        expectValid(readProgress(memory(t)));
      }),
    );
  });
});

describe('scoreCheckpoint: right within 2 attempts without "Show answer"', () => {
  const start = { step: 0, done: [], right: 0, asked: 0, seed: 1, completed: false };
  it('right first or second time counts; a third attempt or a revealed answer does not', () => {
    expect(scoreCheckpoint(start, 0, { correct: true, attempts: 1, revealed: false })).toMatchObject({
      right: 1,
      asked: 1,
      step: 1,
      done: [0],
    });
    expect(scoreCheckpoint(start, 0, { correct: true, attempts: 2, revealed: false }).right).toBe(1);
    expect(scoreCheckpoint(start, 0, { correct: true, attempts: 3, revealed: false }).right).toBe(0);
    expect(scoreCheckpoint(start, 0, { correct: false, attempts: 2, revealed: true })).toMatchObject({
      right: 0,
      asked: 1,
    });
  });
  it('a step already done is not counted twice', () => {
    const once = scoreCheckpoint(start, 2, { correct: true, attempts: 1, revealed: false });
    expect(scoreCheckpoint(once, 2, { correct: false, attempts: 2, revealed: true })).toBe(once);
    expect(scoreCheckpoint(once, 1, { correct: true, attempts: 1, revealed: false })).toMatchObject({
      done: [1, 2],
      step: 3,
      right: 2,
      asked: 2,
    });
  });
});
