import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatIssue, parseScenario, parseScenarioJson, type ScenarioIssue } from '../../src/scenarios';
import { BAD_VALUES } from './bad-scenarios';

const minimal = { version: 1, actions: [] };
const handshake = {
  version: 1,
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
  ],
};

/** The issues of an invalid scenario (fails the test if it was valid). */
function issuesOf(value: unknown): ScenarioIssue[] {
  const result = parseScenario(value);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.issues;
}

/** A JSON path as segments: "$.actions[10].at" → ["actions", 10, "at"]. */
function pathSegments(path: string): (string | number)[] {
  expect(path).toMatch(/^\$/);
  const segments: (string | number)[] = [];
  const token = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  token.lastIndex = 1;
  for (let m = token.exec(path); m; m = token.exec(path)) {
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] as string) as string)));
    if (token.lastIndex === path.length) break;
  }
  expect(token.lastIndex === path.length || path === '$').toBe(true);
  return segments;
}

function comparePaths(a: string, b: string): number {
  const x = pathSegments(a);
  const y = pathSegments(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string | number;
    const q = y[i] as string | number;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    return String(p) < String(q) ? -1 : 1;
  }
  return x.length - y.length;
}

function onlyIssue(value: unknown): ScenarioIssue {
  const issues = issuesOf(value);
  expect(issues).toHaveLength(1);
  return issues[0] as ScenarioIssue;
}

describe('parseScenario: valid input', () => {
  it('accepts the minimal scenario (version and actions)', () => {
    expect(parseScenario(minimal)).toEqual({ ok: true, scenario: minimal });
  });

  it('accepts every optional section', () => {
    const full = {
      ...handshake,
      name: 'Everything',
      description: 'All keys set',
      seed: 4294967295,
      profile: 'linux',
      network: {
        latencyMs: 50,
        jitterMs: 5,
        lossRate: 0.1,
        duplicateRate: 0,
        reorderRate: 1,
        reorderDelayMs: 20,
      },
      endpoints: {
        A: { port: 1, isn: [0, 4294967295], window: 65535, mss: 536, closeOnEof: true },
        B: { port: 65535, isn: 7, closeOnConnect: false },
      },
      options: { mslMs: 1000, delayedAck: true, handshake: 'two-way', maxTimeMs: 60000, maxEvents: 100 },
      faults: [
        { drop: { from: 'A', flags: ['SYN'], nth: 1, count: 3 } },
        { inject: { at: 5, from: 'B', segment: { seq: 1, ack: 2, flags: [], len: 0, win: 0 } } },
        { crash: { at: 100, endpoint: 'B' } },
      ],
    };
    const result = parseScenario(full);
    expect(result).toEqual({ ok: true, scenario: full });
  });

  it('accepts send with bytes', () => {
    const result = parseScenario({
      version: 1,
      actions: [{ at: 0, endpoint: 'A', call: 'send', bytes: 10 }],
    });
    expect(result.ok).toBe(true);
  });
});

describe('parseScenario: each kind of error names its path', () => {
  it('unknown key (a typo) with a suggestion', () => {
    const issue = onlyIssue({ ...minimal, network: { lossrate: 0.1 } });
    expect(issue.path).toBe('$.network.lossrate');
    expect(issue.message).toContain('unknown key "lossrate"');
    expect(issue.message).toContain('did you mean "lossRate"?');
  });

  it('unknown key at the root', () => {
    expect(onlyIssue({ ...minimal, fault: [] }).path).toBe('$.fault');
  });

  it('missing required keys', () => {
    const issues = issuesOf({});
    expect(issues.map((i) => i.path)).toEqual(['$.actions', '$.version']);
    expect(issues[0]?.message).toMatch(/missing required key "actions"/);
  });

  it('wrong version', () => {
    const issue = onlyIssue({ version: 2, actions: [] });
    expect(issue.path).toBe('$.version');
    expect(issue.message).toBe('expected 1 (the only scenario version), got 2');
  });

  it('wrong type shows the received value', () => {
    const issue = onlyIssue({ ...minimal, endpoints: { A: { port: '80' } } });
    expect(issue.path).toBe('$.endpoints.A.port');
    expect(issue.message).toBe('expected an integer from 1 to 65535, got "80"');
  });

  it('out of range', () => {
    expect(onlyIssue({ ...minimal, network: { lossRate: 1.5 } })).toEqual({
      path: '$.network.lossRate',
      message: 'expected a number from 0 to 1, got 1.5',
      code: 'invalid-value',
      expected: { kind: 'number', min: 0, max: 1 },
      got: { kind: 'value', json: '1.5' },
    });
    expect(onlyIssue({ ...minimal, endpoints: { B: { window: 0 } } }).path).toBe('$.endpoints.B.window');
    expect(onlyIssue({ ...minimal, seed: 2 ** 32 }).path).toBe('$.seed');
    expect(onlyIssue({ ...minimal, options: { mslMs: 0 } }).path).toBe('$.options.mslMs');
  });

  it('non-integer where an integer is required', () => {
    expect(onlyIssue({ ...minimal, endpoints: { A: { mss: 1460.5 } } }).path).toBe('$.endpoints.A.mss');
  });

  it('an ISN array must be non-empty and each element a u32', () => {
    expect(onlyIssue({ ...minimal, endpoints: { A: { isn: [] } } }).path).toBe('$.endpoints.A.isn');
    expect(onlyIssue({ ...minimal, endpoints: { A: { isn: [1, -1] } } }).path).toBe('$.endpoints.A.isn[1]');
  });

  it('send without bytes', () => {
    const issue = onlyIssue({ version: 1, actions: [{ at: 0, endpoint: 'A', call: 'send' }] });
    expect(issue.path).toBe('$.actions[0].bytes');
    expect(issue.message).toContain('required when call is "send"');
  });

  it('bytes on listen', () => {
    const issue = onlyIssue({ version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen', bytes: 5 }] });
    expect(issue.path).toBe('$.actions[0].bytes');
    expect(issue.message).toContain('only call "send" takes bytes');
  });

  it('bytes of the wrong type, in the exact one-line format', () => {
    const issues = issuesOf({
      version: 1,
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 1, endpoint: 'A', call: 'connect' },
        { at: 2, endpoint: 'A', call: 'send', bytes: 'ten' },
      ],
    });
    expect(issues.map(formatIssue)).toEqual([
      '$.actions[2].bytes: expected an integer from 1 to 100000000, got "ten"',
    ]);
  });

  it('unknown call and endpoint', () => {
    const issues = issuesOf({ version: 1, actions: [{ at: -1, endpoint: 'C', call: 'jump' }] });
    expect(issues.map((i) => i.path)).toEqual([
      '$.actions[0].at',
      '$.actions[0].call',
      '$.actions[0].endpoint',
    ]);
  });

  it('bad flag in a drop fault', () => {
    const issue = onlyIssue({ ...minimal, faults: [{ drop: { from: 'A', flags: ['SYN', 'URG'], nth: 1 } }] });
    expect(issue.path).toBe('$.faults[0].drop.flags[1]');
    expect(issue.message).toContain('got "URG"');
  });

  it('drop flags must be non-empty and unique', () => {
    const empty = onlyIssue({ ...minimal, faults: [{ drop: { from: 'A', flags: [], nth: 1 } }] });
    expect(empty.path).toBe('$.faults[0].drop.flags');
    const twice = onlyIssue({ ...minimal, faults: [{ drop: { from: 'A', flags: ['ACK', 'ACK'], nth: 1 } }] });
    expect(twice.path).toBe('$.faults[0].drop.flags');
  });

  it('a fault with two kinds', () => {
    const issue = onlyIssue({
      ...minimal,
      faults: [
        { crash: { at: 0, endpoint: 'A' } },
        { drop: { from: 'A', flags: ['SYN'], nth: 1 }, crash: { at: 0, endpoint: 'A' } },
      ],
    });
    expect(issue.path).toBe('$.faults[1]');
    expect(issue.message).toBe(
      'expected exactly one of "drop", "delay", "inject", "crash", got "drop", "crash"',
    );
  });

  it('a fault with no kind', () => {
    expect(onlyIssue({ ...minimal, faults: [{}] }).path).toBe('$.faults[0]');
    expect(onlyIssue({ ...minimal, faults: [{ dorp: {} }] }).message).toContain('did you mean "drop"?');
  });

  it('an injected segment checks its fields', () => {
    const issue = onlyIssue({
      ...minimal,
      faults: [{ inject: { at: 0, from: 'A', segment: { seq: -1, flags: ['SYN'] } } }],
    });
    expect(issue.path).toBe('$.faults[0].inject.segment.seq');
  });

  it('the root must be an object', () => {
    for (const value of [null, [], 'scenario', 1, undefined]) {
      const issue = onlyIssue(value);
      expect(issue.path).toBe('$');
      expect(issue.message).toMatch(/^expected a scenario object, got /);
    }
  });

  it('long strings are limited and the received value is truncated in the message', () => {
    const issue = onlyIssue({ ...minimal, name: 'x'.repeat(201) });
    expect(issue.path).toBe('$.name');
    expect(issue.message.length).toBeLessThan(120);
  });

  it('at most 250000 actions', () => {
    const actions = Array.from({ length: 250_001 }, () => ({ at: 0, endpoint: 'A', call: 'close' }));
    expect(onlyIssue({ version: 1, actions }).path).toBe('$.actions');
  });

  it('keys that are not identifiers are quoted in the path', () => {
    expect(onlyIssue({ ...minimal, 'bad key': 1 }).path).toBe('$["bad key"]');
  });
});

describe('parseScenario: several issues', () => {
  it('reports all of them, sorted by path with indexes in numeric order', () => {
    const actions = Array.from({ length: 12 }, (_, i) => ({ at: i, endpoint: 'A', call: 'close' }));
    actions[11] = { at: -1, endpoint: 'A', call: 'close' };
    actions[2] = { at: -1, endpoint: 'A', call: 'close' };
    const issues = issuesOf({ version: 3, network: { latencyMs: -1 }, actions, profile: 'bsd' });
    expect(issues.map((i) => i.path)).toEqual([
      '$.actions[2].at',
      '$.actions[11].at',
      '$.network.latencyMs',
      '$.profile',
      '$.version',
    ]);
  });
});

describe('parseScenarioJson', () => {
  it('parses and validates', () => {
    expect(parseScenarioJson(JSON.stringify(handshake))).toEqual({ ok: true, scenario: handshake });
    const result = parseScenarioJson('{"version": 1, "actions": [], "seed": -1}');
    expect(result.ok || result.issues.map((i) => i.path)).toEqual(['$.seed']);
  });

  it('a syntax error is one issue at "$" with line and column', () => {
    const result = parseScenarioJson('{\n  "version": 1,\n  "actions": [,]\n}');
    expect(result).toEqual({
      ok: false,
      issues: [
        {
          path: '$',
          message: expect.stringMatching(/^invalid JSON at line 3, column 15 \(byte offset 32\): /),
          code: 'json-syntax',
          line: 3,
          column: 15,
          offset: 32,
          expected: { kind: 'json', what: 'value' },
          got: { kind: 'char', json: '","' },
        },
      ],
      issueCount: 1,
    });
  });

  it('locates common mistakes', () => {
    const message = (text: string) => {
      const result = parseScenarioJson(text);
      return result.ok ? '' : (result.issues[0]?.message ?? '');
    };
    expect(message('')).toMatch(/line 1, column 1/);
    expect(message('{"version": 1,}')).toMatch(
      /line 1, column 15 \(byte offset 14\): expected a property name/,
    );
    expect(message('{"version": 1\n "actions": []}')).toMatch(
      /line 2, column 2 \(byte offset 15\): expected ',' or '}'/,
    );
    expect(message("{'version': 1}")).toMatch(/line 1, column 2/);
    expect(message('{"version": 1, "actions": []} x')).toMatch(
      /line 1, column 31 \(byte offset 30\): expected the end/,
    );
    expect(message('{"a": "\n"}')).toMatch(/line 1, column 8/);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const result = parseScenarioJson(text);
        if (!result.ok) for (const issue of result.issues) expect(typeof issue.message).toBe('string');
      }),
    );
  });
});

describe('properties', () => {
  it('parseScenario never throws on arbitrary values', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withSet: true, withNullPrototype: true }),
        (value) => {
          parseScenario(value);
        },
      ),
    );
  });

  it('parseScenario never throws on arbitrary JSON, and issues are sorted', () => {
    const scenarioLike = fc.record(
      {
        version: fc.oneof(fc.constant(1), fc.jsonValue()),
        actions: fc.oneof(fc.array(fc.jsonValue()), fc.jsonValue()),
        network: fc.dictionary(fc.constantFrom('latencyMs', 'lossRate', 'x'), fc.jsonValue()),
        faults: fc.array(fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), scenarioLike), (value) => {
        const result = parseScenario(value);
        if (result.ok) return;
        expect(result.issues.length).toBeGreaterThan(0);
        const paths = result.issues.map((i) => i.path);
        expect([...paths].sort(comparePaths)).toEqual(paths);
        const again = parseScenario(value);
        expect(again).toEqual(result);
      }),
    );
  });

  it('valid scenarios round-trip through JSON text', () => {
    const action = fc.oneof(
      fc.record({
        at: fc.integer({ min: 0, max: 86_400_000 }),
        endpoint: fc.constantFrom('A', 'B'),
        call: fc.constantFrom('listen', 'connect', 'close', 'abort'),
      }),
      fc.record({
        at: fc.integer({ min: 0, max: 86_400_000 }),
        endpoint: fc.constantFrom('A', 'B'),
        call: fc.constant('send'),
        bytes: fc.integer({ min: 1, max: 100_000_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(action, { maxLength: 20 }), (actions) => {
        const scenario = { version: 1, actions };
        expect(parseScenarioJson(JSON.stringify(scenario))).toEqual({ ok: true, scenario });
      }),
    );
  });
});

describe('issues are data: code, what was expected and what was got', () => {
  it('a value of the wrong type keeps the bounds and the received value as JSON', () => {
    expect(onlyIssue({ ...minimal, endpoints: { A: { port: '80' } } })).toMatchObject({
      code: 'invalid-value',
      expected: { kind: 'integer', min: 1, max: 65535 },
      got: { kind: 'value', json: '"80"' },
    });
  });

  it('an unknown key names the key and the suggestion, a missing key names the key', () => {
    expect(onlyIssue({ ...minimal, network: { lossrate: 0.1 } })).toMatchObject({
      code: 'unknown-key',
      expected: { kind: 'known-key', suggestion: 'lossRate' },
      got: { kind: 'key', key: 'lossrate' },
    });
    expect(issuesOf({ version: 1 })).toEqual([
      {
        path: '$.actions',
        message: 'missing required key "actions"',
        code: 'missing-key',
        expected: { kind: 'key', key: 'actions' },
        got: { kind: 'nothing' },
      },
    ]);
  });

  it('send without bytes, and bytes with another call', () => {
    expect(onlyIssue({ version: 1, actions: [{ at: 0, endpoint: 'A', call: 'send' }] })).toMatchObject({
      expected: { kind: 'bytes-for-send', min: 1, max: 100_000_000 },
      got: { kind: 'nothing' },
    });
    expect(
      onlyIssue({ version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen', bytes: 5 }] }),
    ).toMatchObject({
      expected: { kind: 'no-bytes' },
      got: {
        kind: 'bytes-with-call',
        bytes: { kind: 'value', json: '5' },
        call: { kind: 'value', json: '"listen"' },
      },
    });
  });

  it('too many actions counts them', () => {
    const actions = Array.from({ length: 250_001 }, () => ({ at: 0, endpoint: 'A', call: 'close' }));
    expect(onlyIssue({ version: 1, actions })).toMatchObject({
      code: 'too-many',
      message: 'expected at most 250000 actions, got 250001',
      expected: { kind: 'at-most', max: 250_000, of: 'actions' },
      got: { kind: 'count', count: 250_001 },
    });
  });

  it('a fault with two kinds lists them', () => {
    const issue = onlyIssue({
      ...minimal,
      faults: [{ drop: { from: 'A', flags: ['SYN'], nth: 1 }, crash: { at: 0, endpoint: 'A' } }],
    });
    expect(issue).toMatchObject({
      expected: { kind: 'one-fault-kind', options: ['drop', 'delay', 'inject', 'crash'] },
      got: { kind: 'kinds', kinds: ['drop', 'crash'] },
    });
  });

  it('a JSON syntax error keeps its position, what the grammar expected and the character found', () => {
    const result = parseScenarioJson('{"version": 1,}');
    expect(result.ok || result.issues[0]).toMatchObject({
      code: 'json-syntax',
      line: 1,
      column: 15,
      expected: { kind: 'json', what: 'property-name' },
      got: { kind: 'char', json: '"}"' },
    });
    const literal = parseScenarioJson('{"a": tru}');
    expect(literal.ok || literal.issues[0]).toMatchObject({
      message: 'invalid JSON at line 1, column 10 (byte offset 9): expected "true", found "}"',
      expected: { kind: 'json', what: 'literal', word: 'true' },
    });
    const cut = parseScenarioJson('{"a": "open');
    expect(cut.ok || cut.issues[0]).toMatchObject({
      message: `invalid JSON at line 1, column 12 (byte offset 11): expected a closing '"', found the end of the text`,
      got: { kind: 'end-of-text' },
    });
  });

  it('every issue of arbitrary JSON is structured (none falls back to valibot’s own words)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = parseScenario({ version: 1, actions: [value], faults: [value], network: value });
        if (result.ok) return;
        for (const issue of result.issues) expect(issue.expected.kind).not.toBe('readable-scenario');
      }),
    );
    for (const value of BAD_VALUES) {
      const result = parseScenario(value);
      expect(result.ok).toBe(false);
      if (!result.ok)
        for (const issue of result.issues) expect(issue.expected.kind).not.toBe('readable-scenario');
    }
  });
});
