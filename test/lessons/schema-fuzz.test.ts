/**
 * Hostile lesson files (issue 10 "an instructor's own lesson file can be imported … validated with errors
 * naming the JSON path"; the project rule: never a crash, a hang or a stack trace). fast-check mutates the
 * example lesson (test/lessons/fixtures/tiny.json) at random paths with hostile values (huge numbers, NaN-
 * like strings, __proto__ keys, deep nesting, NUL and lone surrogates, very long strings, wrong types) and
 * also feeds arbitrary JSON text. Property (the oracle is the contract, not the code): parseLessonText and
 * validateLesson never throw, return either a lesson or at least one issue whose path starts with "$",
 * report at most 100 issues with a count at least as large, and answer each input within a time bound.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLessonBytes, parseLessonText, validateLesson } from '../../src/lessons/schema';
import type { LessonResult } from '../../src/lessons/types';

const TINY = readFileSync('test/lessons/fixtures/tiny.json', 'utf8');
/** Per input: the validator answers a 1 MB file in well under a second; this bound is generous for CI. */
const PER_INPUT_MS = 1500;

function expectContract(r: LessonResult): void {
  if (r.ok) return;
  expect(r.issues.length).toBeGreaterThan(0);
  expect(r.issues.length).toBeLessThanOrEqual(100);
  expect(r.issueCount).toBeGreaterThanOrEqual(r.issues.length);
  for (const issue of r.issues) {
    expect(issue.path.startsWith('$')).toBe(true);
    expect(typeof issue.message).toBe('string');
    expect(issue.message.length).toBeGreaterThan(0);
    // One line: no stack trace, no embedded newline.
    expect(issue.message).not.toMatch(/\n|\bat .*\.ts:\d+/);
  }
}

function timed<T>(f: () => T): T {
  const t0 = performance.now();
  const out = f();
  expect(performance.now() - t0).toBeLessThan(PER_INPUT_MS);
  return out;
}

const deep = (n: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

const hostile = fc.oneof(
  fc.constantFrom(
    1e9,
    -1e9,
    1e99,
    -0,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 32,
    0.5,
    '',
    ' ',
    '\u0000',
    '\ud800',
    '\u202e',
    'NaN',
    'end',
    'start',
    '__proto__',
    null,
    true,
    [],
    {},
    'x'.repeat(100_000),
  ),
  fc.integer({ min: 1, max: 5000 }).map((n) => deep(n)),
  fc.jsonValue({ maxDepth: 4 }),
  fc.string({ unit: 'binary', maxLength: 50 }),
  fc.dictionary(
    fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'nth', 'kind'),
    fc.jsonValue(),
  ),
);

/** A path into the example lesson: keys and indexes that exist, and a few that do not. */
const pathArb = fc.array(
  fc.oneof(
    fc.constantFrom(
      'steps',
      'scenario',
      'to',
      'from',
      'checkpoint',
      'figure',
      'anchor',
      'watch',
      'lab',
      'statistics',
      'compare',
      'text',
      'en',
      '__proto__',
      'nth',
      'offset',
      'actions',
      'options',
    ),
    fc.integer({ min: 0, max: 4 }),
  ),
  { minLength: 0, maxLength: 6 },
);

/** Set `value` at `path` in `root`, creating objects on the way (a mutated copy of the example). */
function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const node: Record<string | number, unknown> =
    root !== null && typeof root === 'object' ? (root as Record<string, unknown>) : {};
  const child = Object.hasOwn(node, head) ? node[head] : undefined;
  Object.defineProperty(node, head, {
    value: setAt(child, rest, value),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return node;
}

describe('lesson schema under hostile input', () => {
  it('mutated example lessons: never throws, $-rooted issues, bounded time (as value and as text)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, hostile), { minLength: 1, maxLength: 4 }), (edits) => {
        let lesson: unknown = JSON.parse(TINY);
        for (const [path, value] of edits) lesson = setAt(lesson, path, value);
        expectContract(timed(() => validateLesson(lesson)));
        let text: string | undefined;
        try {
          text = JSON.stringify(lesson);
        } catch {
          text = undefined; // too deep to print: the value path above covered it
        }
        if (text !== undefined) expectContract(timed(() => parseLessonText(text as string)));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('arbitrary text and bytes: never throws, $-rooted issues', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.json({ maxDepth: 5 })),
        (text) => {
          expectContract(timed(() => parseLessonText(text)));
          expectContract(timed(() => parseLessonBytes(new TextEncoder().encode(text))));
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expectContract(timed(() => parseLessonBytes(bytes)));
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  it('a deeply nested file (100,000 levels) and a 1 MB file are answered, not a stack overflow', () => {
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expectContract(timed(() => parseLessonText(nested)));
    const nestedValue = deep(100_000);
    const lesson = JSON.parse(TINY);
    lesson.steps[0].scenario = nestedValue;
    expectContract(timed(() => validateLesson(lesson)));
    const big = JSON.parse(TINY);
    big.steps[0].text.en = 'x'.repeat(1024 * 1024 - TINY.length - 100);
    const r = timed(() => parseLessonText(JSON.stringify(big)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.path).toBe('$.steps[0].text.en');
  });
});

describe('text a student could not read', () => {
  // A title of only zero-width or format characters shows as blank on the course page; a NUL or other
  // control character, or half of a surrogate pair (not a character at all: it becomes U+FFFD in UTF-8, so
  // a shared link would change it), is a mistake. Tabs and newlines are ordinary text.
  it.each([
    ['zero-width spaces only', '\u200b\u200b'],
    ['a direction mark only', '\u200f'],
    ['a NUL', 'a\u0000b'],
    ['an escape', 'a\u001bb'],
    ['a lone high surrogate', 'a\ud800b'],
    ['a lone low surrogate', '\udc00'],
  ])('%s in a title is an issue at its path', (_name, title) => {
    const lesson = JSON.parse(TINY);
    lesson.title.en = title;
    const r = validateLesson(lesson);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.path)).toEqual(['$.title.en']);
      expect(r.issues[0]?.message).toMatch(/^expected a non-blank string of at most 80 characters/);
    }
  });

  it.each([
    ['Chinese', '三次握手'],
    ['an emoji (a surrogate pair)', 'Handshake 🤝'],
    ['a tab and a newline', 'A\tB\nC'],
    ['a right-to-left word', 'שלום TCP'],
  ])('%s is fine', (_name, title) => {
    const lesson = JSON.parse(TINY);
    lesson.title.en = title;
    expect(validateLesson(lesson).ok).toBe(true);
  });
});
