/**
 * Issue 9: JSON text is read strictly. A key given twice is an issue at its path (JSON.parse alone keeps
 * the last: `"lossRate":0.9,"lossRate":0` would run with 0); a syntax error names its line, column (in
 * characters) and byte offset; a UTF-8 byte order mark is skipped; deep nesting is a bounded error, never a
 * stack overflow. Positions below are counted by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import { parseScenarioJson, type ScenarioIssue } from '../../src/scenarios';
import { scanJson } from '../../src/scenarios/jsonScan';

function issuesOf(text: string): ScenarioIssue[] {
  const result = parseScenarioJson(text);
  if (result.ok) throw new Error('expected the text to be rejected');
  return result.issues;
}

describe('duplicate keys', () => {
  it('"lossRate" twice in network is reported at $.network.lossRate, where the second one starts', () => {
    const text = '{"version":1,"actions":[],"network":{"lossRate":0.9,"lossRate":0}}';
    // Columns: `{"version":1,"actions":[],"network":{` is 37 characters, `"lossRate":0.9,` 15 more.
    expect(issuesOf(text)).toEqual([
      {
        path: '$.network.lossRate',
        message:
          'duplicate key "lossRate" at line 1, column 53 (byte offset 52); each key may appear only once in an object',
        code: 'duplicate-key',
        expected: { kind: 'unique-key' },
        got: { kind: 'key', key: 'lossRate' },
        line: 1,
        column: 53,
        offset: 52,
      },
    ]);
  });

  it('inside an array item, on a later line, and spelled with an escape', () => {
    const text = '{"version":1,\n"actions":[{"at":0,"endpoint":"A","call":"close","\\u0061t":5}]}';
    const [issue] = issuesOf(text);
    expect(issue).toMatchObject({ path: '$.actions[0].at', line: 2, column: 50 });
  });

  it('the same key in two different objects is not a duplicate', () => {
    const text = JSON.stringify({
      version: 1,
      actions: [
        { at: 0, endpoint: 'B', call: 'listen' },
        { at: 1, endpoint: 'A', call: 'connect' },
      ],
    });
    expect(parseScenarioJson(text).ok).toBe(true);
  });

  it('every duplicate is counted; the first 100 are reported', () => {
    const actions = Array.from({ length: 500 }, () => '{"at":0,"at":0}').join(',');
    const result = parseScenarioJson(`{"version":1,"actions":[${actions}]}`);
    expect(result.ok || [result.issueCount, result.issues.length, result.issues[99]?.path]).toEqual([
      500,
      100,
      '$.actions[99].at',
    ]);
  });

  it('is written in Chinese too', () => {
    const [issue] = issuesOf('{"version":1,"actions":[],"network":{"lossRate":0.9,"lossRate":0}}');
    expect(chineseIssue(issue as ScenarioIssue)).toBe(
      '重复的键 "lossRate"（第 1 行第 53 列，字节偏移 52）：同一个对象中每个键只能出现一次',
    );
  });
});

describe('syntax errors name line, column (characters) and byte offset', () => {
  it('after a two-byte and a four-byte character', () => {
    // {"name":"é😀",} — the "}" is the 14th character; before it: 9 + 2 (é) + 4 (😀) + 2 bytes.
    const [issue] = issuesOf('{"name":"é😀",}');
    expect(issue).toMatchObject({ path: '$', code: 'json-syntax', line: 1, column: 14, offset: 17 });
    expect(issue?.message).toBe(
      'invalid JSON at line 1, column 14 (byte offset 17): expected a property name in double quotes, found "}"',
    );
    expect(chineseIssue(issue as ScenarioIssue)).toBe(
      '不是有效的 JSON：第 1 行第 14 列，应为用双引号括起的属性名，实际遇到 "}"（字节偏移 17）',
    );
  });

  it('a byte order mark is 3 bytes of the file but not a column', () => {
    const [issue] = issuesOf('\uFEFF{,}');
    expect(issue).toMatchObject({ line: 1, column: 2, offset: 4 });
  });
});

describe('a UTF-8 byte order mark at the start is accepted', () => {
  it('the text after it is the scenario', () => {
    const scenario = { version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen' }] };
    expect(parseScenarioJson(`\uFEFF${JSON.stringify(scenario)}`)).toEqual({ ok: true, scenario });
  });

  it('only at the start: anywhere else it is not JSON whitespace', () => {
    expect(issuesOf('{"version":1,\uFEFF"actions":[]}')[0]).toMatchObject({
      code: 'json-syntax',
      column: 14,
    });
  });
});

describe('nesting', () => {
  it('100,000 "[" are one bounded error (at most 512 levels), quickly and without a stack overflow', () => {
    const start = performance.now();
    const [issue] = issuesOf('['.repeat(100_000));
    expect(performance.now() - start).toBeLessThan(1000);
    expect(issue).toMatchObject({
      code: 'json-syntax',
      column: 513,
      expected: { kind: 'json', what: 'shallower-nesting', max: 512 },
      message:
        'invalid JSON at line 1, column 513 (byte offset 512): expected at most 512 levels of nesting, found "["',
    });
  });

  it('512 levels are still JSON (the scenario is then checked), 513 are not', () => {
    const nested = (levels: number) =>
      `{"version":1,"actions":[],"name":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
    expect(issuesOf(nested(512))[0]?.path).toBe('$.name');
    expect(issuesOf(nested(513))[0]?.code).toBe('json-syntax');
  });

  it('a deep but closed nesting is the same error, not a crash', () => {
    const [issue] = issuesOf(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(issue?.code).toBe('json-syntax');
  });
});

describe('the scan accepts exactly what JSON.parse accepts', () => {
  const accepts = (text: string) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  };

  it('on arbitrary text, on JSON values, and on JSON values with one character changed', () => {
    const mutated = fc
      .tuple(
        fc.jsonValue(),
        fc.nat(),
        fc.constantFrom('', ',', '}', ']', '"', '\\', '\n', 'x', '0', '-', '\u0001'),
      )
      .map(([value, at, char]) => {
        const text = JSON.stringify(value, null, at % 3) ?? 'null';
        const i = at % (text.length + 1);
        return text.slice(0, i) + char + text.slice(i + (at % 2));
      });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
          mutated,
        ),
        (text) => {
          expect(scanJson(text).syntax === null).toBe(accepts(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('finds no duplicate in text JSON.stringify wrote, and finds one added to any object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(scanJson(JSON.stringify(value) ?? 'null').duplicateCount).toBe(0);
      }),
      { numRuns: 1000 },
    );
    // An object whose first key is written twice, on its own or after any other value in an array: exactly
    // one duplicate. (Built from the parts, not by a regex over the text: a string may hold `{"…":`.)
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 }),
        fc.jsonValue(),
        (object, other) => {
          const [first] = Object.keys(object);
          const twice = `{${JSON.stringify(first)}:null,${JSON.stringify(object).slice(1)}`;
          expect(scanJson(twice).duplicateCount).toBe(1);
          expect(scanJson(`[${JSON.stringify(other) ?? 'null'},${twice}]`).duplicateCount).toBe(1);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
