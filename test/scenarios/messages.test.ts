/**
 * Issue 9, "Messages": whatever a scenario holds, its issues are the project's own sentences (never
 * valibot's), in English and in Chinese, short (echoed text is cut), few (the first 100 and a count), and
 * string limits count characters as a reader does (code points). Oracles: the wording valibot uses
 * ("Invalid length: Expected >=1 but received 0"), hand-counted positions, sizes and counts.
 */
import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import {
  englishIssue,
  type IssueDetail,
  parseScenario,
  parseScenarioJson,
  type ScenarioIssue,
  scenarioSchema,
} from '../../src/scenarios';
import { jsonPath } from '../../src/scenarios/jsonText';
import { readDetail } from '../../src/scenarios/schema';
import { MAX_ACTIONS } from '../../src/tcp/limits';

/** A scenario with every key of the schema set (each fault kind once). */
const FULL = {
  version: 1,
  name: 'n',
  description: 'd',
  seed: 1,
  profile: 'rfc',
  network: { latencyMs: 1, jitterMs: 1, lossRate: 0, duplicateRate: 0, reorderRate: 0, reorderDelayMs: 1 },
  endpoints: {
    A: { port: 1, isn: [1], window: 1, mss: 1, closeOnEof: true, closeOnConnect: false },
    B: { port: 2, isn: 3 },
  },
  options: { mslMs: 1, delayedAck: true, handshake: 'two-way', maxTimeMs: 1, maxEvents: 1 },
  actions: [{ at: 0, endpoint: 'A', call: 'send', bytes: 1 }],
  faults: [
    { drop: { from: 'A', flags: ['SYN'], nth: 1, count: 1 } },
    { delay: { from: 'A', flags: ['SYN'], nth: 1, count: 1, ms: 1 } },
    { inject: { at: 0, from: 'A', segment: { seq: 1, ack: 1, flags: ['SYN'], len: 0, win: 0 } } },
    { crash: { at: 0, endpoint: 'A' } },
  ],
};

const LONG = 'x'.repeat(100_000);
/** Wrong types, empty and far too long arrays, far too long strings, NaN-like numbers, odd objects. */
const BAD: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  2 ** 53,
  '',
  'x',
  LONG,
  '😀'.repeat(5000),
  [],
  [[]],
  [null],
  Array.from({ length: 20_001 }, () => -1),
  Array.from({ length: 30 }, () => 'URG'),
  {},
  { a: 1 },
  { [LONG]: 1 },
  Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i])),
  undefined,
  '1',
  'true',
];

/** Every path into FULL: [], ["version"], …, ["faults", 2, "inject", "segment", "flags", 0]. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const here = [prefix];
  if (value && typeof value === 'object')
    for (const [key, child] of Object.entries(value))
      here.push(...paths(child, [...prefix, Array.isArray(value) ? Number(key) : key]));
  return here;
}

/** FULL with the value at `path` replaced by `bad`. */
function withValue(path: (string | number)[], bad: unknown): unknown {
  if (path.length === 0) return bad;
  const copy = structuredClone(FULL) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1] as string | number] = bad;
  return copy;
}

function allIssues(): ScenarioIssue[] {
  const found: ScenarioIssue[] = [];
  for (const path of paths(FULL))
    for (const bad of BAD) {
      const result = parseScenario(withValue(path, bad));
      if (!result.ok) found.push(...result.issues);
    }
  return found;
}

/** Words the Chinese sentences keep in Latin: the schema's keys, JSON literals, names of formats. */
const LATIN_WORDS = new Set([
  ...paths(FULL).flatMap((p) => p.filter((s): s is string => typeof s === 'string')),
  'true',
  'false',
  'null',
  'JSON',
  'SYN',
  'ACK',
  'FIN',
  'RST',
  'PSH',
  // numbers the user wrote, as JavaScript prints them
  'NaN',
  'Infinity',
]);

/** The Latin words of a Chinese message outside quoted values (what the user wrote stays as written). */
function latinWordsOutsideValues(text: string): string[] {
  const outside = text.replace(/"(?:[^"\\]|\\.)*"?…?/g, ' ');
  return [...outside.matchAll(/[A-Za-z][A-Za-z0-9]*/g)].map((m) => m[0]);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('every issue of a bad value anywhere in the schema is our own sentence', () => {
  const issues = allIssues();

  it('walks many bad inputs and finds issues for them', () => {
    expect(issues.length).toBeGreaterThan(1000);
  });

  it('in English, none uses valibot’s phrasing, and each is one short line', () => {
    const valibotWords = issues.filter((i) => /Invalid |Expected |received/.test(i.message));
    expect(valibotWords.map((i) => `${i.path}: ${i.message}`)).toEqual([]);
    for (const issue of issues) {
      expect(issue.expected.kind).not.toBe('readable-scenario');
      expect(issue.message).not.toMatch(/\n/);
      // The longest sentence lists the 10 scenario keys; echoed text is cut to 60 characters.
      expect(issue.message.length, issue.message.slice(0, 80)).toBeLessThan(400);
      expect(issue.path.length, issue.path.slice(0, 80)).toBeLessThan(140);
      expect(issue.message).not.toMatch(LONE_SURROGATE);
    }
  });

  it('in Chinese, none holds an English sentence: only keys, literals and the values the user wrote', () => {
    const english = new Set<string>();
    for (const issue of issues) {
      const chinese = chineseIssue(issue);
      expect(chinese).toMatch(/\p{Script=Han}/u);
      for (const word of latinWordsOutsideValues(chinese)) if (!LATIN_WORDS.has(word)) english.add(word);
    }
    expect([...english]).toEqual([]);
  });
});

describe('string limits count characters (code points), not UTF-16 units', () => {
  it('a name of 200 emoji is 200 characters: accepted; 201 are too many', () => {
    expect(parseScenario({ version: 1, actions: [], name: '😀'.repeat(200) }).ok).toBe(true);
    const over = parseScenario({ version: 1, actions: [], name: '😀'.repeat(201) });
    expect(over.ok || over.issues.map((i) => [i.path, i.expected])).toEqual([
      ['$.name', { kind: 'string', maxLength: 200 }],
    ]);
  });

  it('a description of 2000 astral characters is accepted, 2001 are not', () => {
    expect(parseScenario({ version: 1, actions: [], description: '𝄞'.repeat(2000) }).ok).toBe(true);
    expect(parseScenario({ version: 1, actions: [], description: '𝄞'.repeat(2001) }).ok).toBe(false);
  });

  it('a value cut for the message is never cut inside a character', () => {
    const result = parseScenario({ version: 1, actions: [], name: '😀'.repeat(500) });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const got = result.issues[0]?.got;
    expect(got?.kind).toBe('value');
    const json = got?.kind === 'value' ? got.json : '';
    expect(json).not.toMatch(LONE_SURROGATE);
    expect(json.endsWith('…')).toBe(true);
    expect([...json].length).toBe(60);
  });
});

describe('echoed input is cut to 60 characters', () => {
  it('a 1 MB unknown key is echoed as its first 59 characters and "…" (in the path and the message)', () => {
    const key = 'k'.repeat(1_000_000);
    const result = parseScenario({ version: 1, actions: [], [key]: 1 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [issue] = result.issues;
    const cut = `${'k'.repeat(59)}…`;
    expect(issue?.path).toBe(`$["${cut}"]`);
    expect(issue?.got).toEqual({ kind: 'key', key: cut });
    expect(JSON.stringify(result).length).toBeLessThan(1000);
  });

  it('a 1 MB string where a name was expected is cut the same way', () => {
    const result = parseScenario({ version: 1, actions: [], profile: 'b'.repeat(1_000_000) });
    expect(result.ok || result.issues[0]?.message).toBe(
      `expected one of "rfc", "linux", got "${'b'.repeat(58)}…`,
    );
  });

  it('a duplicate 1 MB key in JSON text is cut too', () => {
    const key = 'd'.repeat(1_000_000);
    const result = parseScenarioJson(`{"version":1,"actions":[],"${key}":1,"${key}":2}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(JSON.stringify(result.issues).length).toBeLessThan(1000);
  });
});

describe('at most 100 issues, with the total', () => {
  const badActions = Array.from({ length: 10_000 }, () => ({ at: -1, endpoint: 'C', call: 'jump' }));

  it('10,000 bad actions: 30,000 issues counted (at, call, endpoint each), the first 100 by path', () => {
    const result = parseScenario({ version: 1, actions: badActions });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issueCount).toBe(30_000);
    expect(result.issues).toHaveLength(100);
    expect(result.issues.slice(0, 3).map((i) => i.path)).toEqual([
      '$.actions[0].at',
      '$.actions[0].call',
      '$.actions[0].endpoint',
    ]);
    // 100 = 33 actions × 3 issues + 1: the last one reported is the first issue of action 33.
    expect(result.issues[99]?.path).toBe('$.actions[33].at');
  });

  it('…and validating them is fast (measured: ~70 ms warm; the bound leaves room for a loaded machine)', () => {
    parseScenario({ version: 1, actions: badActions });
    const start = performance.now();
    parseScenario({ version: 1, actions: badActions });
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('issues of the scenario’s own keys are sorted with those of its actions', () => {
    const actions = badActions.slice(0, 200);
    const result = parseScenario({ version: 2, actions, profile: 'bsd' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issueCount).toBe(602);
    expect(result.issues[0]?.path).toBe('$.actions[0].at');
    // Only actions fit in the first 100 ("actions" sorts before "profile" and "version").
    expect(result.issues.every((i) => i.path.startsWith('$.actions['))).toBe(true);
    const few = parseScenario({ version: 2, actions: badActions.slice(0, 2), profile: 'bsd' });
    expect(few.ok || few.issues.map((i) => i.path)).toEqual([
      '$.actions[0].at',
      '$.actions[0].call',
      '$.actions[0].endpoint',
      '$.actions[1].at',
      '$.actions[1].call',
      '$.actions[1].endpoint',
      '$.profile',
      '$.version',
    ]);
  });

  it('a million unknown keys in one object are one issue (the first)', () => {
    const network: Record<string, number> = {};
    for (let i = 0; i < 1_000_000; i++) network[`k${i}`] = i;
    const result = parseScenario({ version: 1, actions: [], network });
    expect(result.ok || [result.issueCount, result.issues[0]?.path]).toEqual([1, '$.network.k0']);
  });

  it('an array far too long is one issue, not one per item (ISNs, flags)', () => {
    const isn = Array.from({ length: MAX_ACTIONS + 100_000 }, () => -1);
    const result = parseScenario({ version: 1, actions: [], endpoints: { A: { isn } } });
    expect(result.ok || [result.issueCount, result.issues[0]?.path]).toEqual([1, '$.endpoints.A.isn']);
    const flags = Array.from({ length: 100_000 }, () => 'URG');
    const drop = parseScenario({ version: 1, actions: [], faults: [{ drop: { from: 'A', flags, nth: 1 } }] });
    expect(drop.ok || [drop.issueCount, drop.issues[0]?.path]).toEqual([1, '$.faults[0].drop.flags']);
  });

  it('the messages say how long those arrays may be', () => {
    const isn = Array.from({ length: MAX_ACTIONS + 1 }, () => 1);
    const result = parseScenario({ version: 1, actions: [], endpoints: { A: { isn } } });
    expect(result.ok || result.issues[0]?.message).toBe(
      // 59 characters of the array's JSON ("[" and 29 × "1,"), then "…".
      `expected an integer from 0 to 4294967295 or a non-empty array of at most ${MAX_ACTIONS} of them, got [${'1,'.repeat(29)}…`,
    );
    const segment = { seq: 1, flags: Array.from({ length: 17 }, () => 'ACK') };
    const inject = parseScenario({
      version: 1,
      actions: [],
      faults: [{ inject: { at: 0, from: 'A', segment } }],
    });
    expect(inject.ok || [inject.issueCount, inject.issues[0]?.message]).toEqual([
      1,
      expect.stringMatching(/^expected an array of at most 16 flags from "SYN", /),
    ]);
    expect(inject.ok || chineseIssue(inject.issues[0] as ScenarioIssue)).toMatch(/至多 16 个元素的数组/);
  });

  it('350,000 actions (over the limit) are one issue, their items unread', () => {
    const actions = Array.from({ length: MAX_ACTIONS + 100_000 }, () => ({ at: -1 }));
    const result = parseScenario({ version: 1, actions });
    expect(result.ok || [result.issueCount, result.issues[0]?.message]).toEqual([
      1,
      `expected at most ${MAX_ACTIONS} actions, got ${MAX_ACTIONS + 100_000}`,
    ]);
  });
});

describe('checking actions and faults one at a time finds what one whole-schema run finds', () => {
  it('the same count and, sorted, the same paths and messages', () => {
    const item = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          at: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.jsonValue()),
          endpoint: fc.constantFrom('A', 'C'),
          call: fc.constantFrom('send', 'close', 'x'),
          bytes: fc.oneof(fc.constant(5), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
      fc.record({
        drop: fc.record(
          {
            from: fc.constantFrom('A', 'Z'),
            flags: fc.array(fc.constantFrom('SYN', 'URG')),
            nth: fc.integer({ min: 0, max: 2 }),
          },
          { requiredKeys: [] },
        ),
      }),
    );
    const scenario = fc.record(
      {
        version: fc.constantFrom(1, 2),
        actions: fc.oneof(fc.array(item, { maxLength: 8 }), fc.jsonValue()),
        faults: fc.array(item, { maxLength: 8 }),
        profile: fc.constantFrom('rfc', 'bsd'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(scenario, (value) => {
        const whole = v.safeParse(scenarioSchema, value, { abortEarly: false });
        const result = parseScenario(value);
        expect(result.ok).toBe(whole.success);
        if (whole.success || result.ok) return;
        expect(result.issueCount).toBe(whole.issues.length);
        const wholeLines = whole.issues
          .map(
            (i) =>
              `${jsonPath((i.path ?? []).map((p) => p.key as string | number))}: ${englishIssue(readDetail(i.message) as IssueDetail)}`,
          )
          .sort();
        expect(result.issues.map((i) => `${i.path}: ${i.message}`).sort()).toEqual(wholeLines);
      }),
      { numRuns: 500 },
    );
  });
});
