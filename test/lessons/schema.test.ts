import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import {
  MAX_LESSON_BYTES,
  parseLessonBytes,
  parseLessonText,
  validateLesson,
} from '../../src/lessons/schema';
import type { ScenarioIssue } from '../../src/scenarios/issue';

const TINY = readFileSync(new URL('./fixtures/tiny.json', import.meta.url), 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: the tests edit the lesson's JSON freely, as a user would
type Json = any;
const tiny = () => JSON.parse(TINY) as Record<string, Json>;

function issuesOf(value: unknown): ScenarioIssue[] {
  const result = validateLesson(value);
  if (result.ok) throw new Error('expected the lesson to be rejected');
  return result.issues;
}

/** The one issue at `path` (fails if there is none). */
function at(issues: ScenarioIssue[], path: string): ScenarioIssue {
  const found = issues.find((i) => i.path === path);
  if (!found) throw new Error(`no issue at ${path}; got ${issues.map((i) => i.path).join(', ')}`);
  return found;
}

function edited(edit: (lesson: Record<string, Json>) => void): ScenarioIssue[] {
  const lesson = tiny();
  edit(lesson);
  return issuesOf(lesson);
}

describe('lesson schema: a complete example', () => {
  it('the README example (test/lessons/fixtures/tiny.json) is a valid lesson, kept as written', () => {
    const result = parseLessonText(TINY);
    if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
    expect(result.lesson.id).toBe('my-first-lesson');
    expect(result.lesson.steps).toHaveLength(4);
    expect(result.lesson.steps[1]?.checkpoint).toEqual({ kind: 'next-segment', endpoint: 'B' });
    expect(result.lesson.steps[2]?.scenario).toMatchObject({ network: { latencyMs: 20 } });
  });
});

describe('lesson schema: bad files name the JSON path', () => {
  it('an unknown key, with a suggestion for a typo', () => {
    const issue = at(
      edited((l) => {
        l.steps[0].txet = l.steps[0].text;
      }),
      '$.steps[0].txet',
    );
    expect(issue.code).toBe('unknown-key');
    expect(issue.message).toContain('did you mean "text"?');
  });

  it('a text without its zh-CN translation', () => {
    const issue = at(
      edited((l) => {
        delete l.steps[1].text['zh-CN'];
      }),
      '$.steps[1].text["zh-CN"]',
    );
    expect(issue.code).toBe('missing-key');
    expect(issue.message).toBe('missing required key "zh-CN"');
  });

  it('a text longer than its limit, counted in code points (700 for a step, 80 for a title)', () => {
    // 700 CJK characters are 700 code points (2,100 UTF-8 bytes) and fit; 701 do not.
    expect(
      validateLesson({
        ...tiny(),
        steps: [{ ...tiny().steps[0], text: { en: 'x', 'zh-CN': '字'.repeat(700) } }],
      }).ok,
    ).toBe(true);
    const issues = edited((l) => {
      l.steps[0].text['zh-CN'] = '字'.repeat(701);
      l.title.en = '😀'.repeat(81);
    });
    expect(at(issues, '$.steps[0].text["zh-CN"]').expected).toEqual({ kind: 'text', max: 700 });
    expect(at(issues, '$.title.en').expected).toEqual({ kind: 'text', max: 80 });
  });

  it('a blank text', () => {
    expect(
      at(
        edited((l) => {
          l.summary.en = '   ';
        }),
        '$.summary.en',
      ).code,
    ).toBe('invalid-value');
  });

  it('an anchor of an unknown type, or with a key its type does not have', () => {
    const issues = edited((l) => {
      l.steps[1].to.type = 'recv';
      l.steps[0].to.state = 'LISTEN'; // a send has no state
      l.steps[1].from = 'middle';
    });
    expect(at(issues, '$.steps[1].to.type').message).toMatch(/^expected one of "send", "deliver"/);
    expect(at(issues, '$.steps[0].to.state').code).toBe('unknown-key');
    expect(at(issues, '$.steps[1].from').expected).toEqual({ kind: 'anchor' });
    // The unknown type alone is reported: its other keys cannot be judged before the type is known.
    expect(issues.filter((i) => i.path.startsWith('$.steps[1].to'))).toHaveLength(1);
  });

  it('an anchor whose flags are not a set of known flags', () => {
    const issues = edited((l) => {
      l.steps[0].to.flags = 'SYN,SYN';
      l.steps[1].to.flags = 'SYN,ACKK';
    });
    expect(at(issues, '$.steps[0].to.flags').expected).toMatchObject({ kind: 'flag-set' });
    expect(at(issues, '$.steps[1].to.flags').expected).toMatchObject({ kind: 'flag-set' });
  });

  it('a bad figure: unknown, a named answer asked as a number, a time in counts, a choice about a number without choices', () => {
    const issues = issuesOf({
      ...tiny(),
      steps: [
        { ...tiny().steps[2], checkpoint: { ...tiny().steps[2].checkpoint, figure: { figure: 'rtt' } } },
        {
          ...tiny().steps[2],
          checkpoint: { ...tiny().steps[2].checkpoint, figure: { figure: 'final-state', endpoint: 'A' } },
        },
        { ...tiny().steps[2], checkpoint: { ...tiny().steps[2].checkpoint, unit: 'count' } },
        {
          ...tiny().steps[3],
          checkpoint: { ...tiny().steps[3].checkpoint, figure: { figure: 'handshake-ms' } },
        },
        {
          ...tiny().steps[2],
          checkpoint: { ...tiny().steps[2].checkpoint, figure: { figure: 'state-duration', endpoint: 'B' } },
        },
      ],
    });
    expect(at(issues, '$.steps[0].checkpoint.figure.figure').got).toEqual({ kind: 'value', json: '"rtt"' });
    expect(at(issues, '$.steps[1].checkpoint.figure.figure').expected).toMatchObject({ kind: 'one-of' });
    expect(at(issues, '$.steps[2].checkpoint.unit').expected).toEqual({
      kind: 'one-of',
      options: ['ms', 's'],
    });
    expect(at(issues, '$.steps[3].checkpoint.choices').expected).toEqual({ kind: 'choices-for-number' });
    expect(at(issues, '$.steps[4].checkpoint.figure.state').code).toBe('missing-key');
  });

  it('a preset that does not exist', () => {
    const issue = at(
      edited((l) => {
        l.steps[3].scenario = 'rfc9293-fig99';
      }),
      '$.steps[3].scenario',
    );
    expect(issue.message).toBe('expected the name of a preset, got "rfc9293-fig99"');
  });

  it('an inline scenario: its own errors, under the step path', () => {
    const issues = edited((l) => {
      l.steps[2].scenario.actions[1].at = -5;
      l.steps[2].scenario.network.lossRat = 0.1;
    });
    expect(at(issues, '$.steps[2].scenario.actions[1].at').message).toBe(
      'expected a number from 0 to 2592000000, got -5',
    );
    expect(at(issues, '$.steps[2].scenario.network.lossRat').message).toContain('did you mean "lossRate"?');
  });

  it('a comparison: a preset or an inline scenario with its title; its errors under $.steps[i].compare', () => {
    const ok = tiny();
    ok.steps[0].compare = {
      title: { en: 'Two-way handshake', 'zh-CN': '二次握手' },
      scenario: 'two-way-handshake-old-duplicate',
      to: 'end',
    };
    const good = validateLesson(ok);
    expect(good.ok).toBe(true);
    if (good.ok) expect(good.lesson.steps[0]?.compare?.scenario).toBe('two-way-handshake-old-duplicate');
    const inline = tiny();
    inline.steps[0].compare = {
      title: { en: 'Mine', 'zh-CN': '我的' },
      scenario: structuredClone(inline.steps[2].scenario),
    };
    expect(validateLesson(inline).ok).toBe(true);
    const issues = edited((l) => {
      l.steps[0].compare = {
        title: { en: 'x' },
        scenario: { ...structuredClone(l.steps[2].scenario), seed: -1 },
        color: 1,
      };
    });
    expect(at(issues, '$.steps[0].compare.title["zh-CN"]').code).toBe('missing-key');
    expect(at(issues, '$.steps[0].compare.color').code).toBe('unknown-key');
    expect(at(issues, '$.steps[0].compare.scenario.seed').path).toBe('$.steps[0].compare.scenario.seed');
    expect(
      at(
        edited((l) => {
          l.steps[0].compare = { title: l.title, scenario: 'nope' };
        }),
        '$.steps[0].compare.scenario',
      ).message,
    ).toBe('expected the name of a preset, got "nope"');
  });

  it('a watch with no kind or two kinds, a TCB field that does not exist, too many', () => {
    const issues = edited((l) => {
      l.steps[0].watch = [{}, { tcb: 'A.sndNxt', row: 'end' }, { tcb: 'C.sndNxt' }];
      l.steps[1].watch = Array.from({ length: 9 }, () => ({ tcb: 'A.iss' }));
    });
    expect(at(issues, '$.steps[0].watch[0]').got).toEqual({ kind: 'empty-object' });
    expect(at(issues, '$.steps[0].watch[1]').got).toEqual({ kind: 'kinds', kinds: ['tcb', 'row'] });
    expect(at(issues, '$.steps[0].watch[2].tcb').code).toBe('invalid-value');
    expect(at(issues, '$.steps[1].watch').expected).toEqual({ kind: 'items', of: 'watch', min: 0, max: 8 });
  });

  it('the lesson keys: version, id, minutes, steps', () => {
    const issues = issuesOf({ ...tiny(), version: 2, id: '-Bad', minutes: 0, steps: [] });
    expect(at(issues, '$.version').message).toBe('expected 1 (the only lesson version), got 2');
    expect(at(issues, '$.id').expected).toEqual({ kind: 'lesson-id', maxLength: 40 });
    expect(at(issues, '$.minutes').message).toBe('expected an integer from 1 to 180, got 0');
    expect(at(issues, '$.steps').expected).toEqual({ kind: 'items', of: 'steps', min: 1, max: 40 });
    expect(at(issuesOf({ ...tiny(), steps: Array(41).fill(tiny().steps[0]) }), '$.steps').got).toEqual({
      kind: 'value',
      json: expect.stringMatching(/^\[/),
    });
  });

  it('not a lesson at all', () => {
    for (const value of [null, 7, 'lesson', [], undefined])
      expect(issuesOf(value)[0]).toMatchObject({ path: '$', code: 'invalid-value' });
  });

  it('at most 100 issues are reported, with the total, sorted by path', () => {
    const step = tiny().steps[0];
    const steps = Array.from({ length: 40 }, () => ({ ...step, text: {}, scenario: 'nope', to: 'x' }));
    const result = validateLesson({ ...tiny(), steps });
    if (result.ok) throw new Error('expected issues');
    expect(result.issues).toHaveLength(100);
    expect(result.issueCount).toBe(40 * 4); // en, zh-CN, scenario, to
    expect(result.issues[0]?.path).toBe('$.steps[0].scenario');
    expect(result.issues.at(-1)?.path.startsWith('$.steps[24]')).toBe(true);
  });
});

describe('lesson files as text and bytes', () => {
  it('a key given twice: its path, line and column', () => {
    const text = '{\n  "version": 1,\n  "id": "a",\n  "id": "b"\n}';
    const result = parseLessonText(text);
    if (result.ok) throw new Error('expected a duplicate key');
    // Line 4, column 3: the opening quote of the second "id".
    expect(result.issues[0]).toMatchObject({ path: '$.id', code: 'duplicate-key', line: 4, column: 3 });
  });

  it('a byte order mark is accepted, as text and as bytes', () => {
    expect(parseLessonText(`\uFEFF${TINY}`).ok).toBe(true);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(TINY)]);
    expect(parseLessonBytes(bytes).ok).toBe(true);
  });

  it('UTF-16 is named, not reported as invalid JSON', () => {
    const utf16le = new Uint8Array([
      0xff,
      0xfe,
      ...[...'{"version":1}'].flatMap((c) => [c.charCodeAt(0), 0]),
    ]);
    const result = parseLessonBytes(utf16le);
    if (result.ok) throw new Error('expected UTF-16 to be refused');
    expect(result.issues[0]?.message).toBe('the file is UTF-16; save it as UTF-8');
    expect(chineseIssue(result.issues[0] as ScenarioIssue)).toBe('文件是 UTF-16 编码的；请另存为 UTF-8');
  });

  it('too large: more than 1 MB of UTF-8 (2^20 bytes), as text and as bytes', () => {
    // 349,526 three-byte characters are 1,048,578 bytes: 2 over, though only 349,526 UTF-16 units.
    const text = `{"version":1,"id":"${'字'.repeat(349_526)}"}`;
    const result = parseLessonText(text);
    if (result.ok) throw new Error('expected too large');
    expect(result.issues[0]?.got).toMatchObject({ kind: 'too-large', limit: 1_048_576, what: 'lesson' });
    expect(result.issues[0]?.message).toMatch(
      /^the file is 1 MB: larger than the page opens \(1 MB for a lesson file\)$/,
    );
    expect(parseLessonBytes(new Uint8Array(MAX_LESSON_BYTES + 1)).ok).toBe(false);
  });

  it('a syntax error is one issue at $ with its line and column', () => {
    const result = parseLessonText('{\n  "version": 1,\n}');
    if (result.ok) throw new Error('expected a syntax error');
    expect(result.issues[0]).toMatchObject({ path: '$', code: 'json-syntax', line: 3, column: 1 });
  });
});

describe('lesson issues in zh-CN', () => {
  it('every issue of a bad lesson has a Chinese sentence (the page renders the same structure)', () => {
    const issues = edited((l) => {
      delete l.steps[1].text['zh-CN'];
      l.steps[0].to.flags = 'SYN,SYN';
      l.steps[3].scenario = 'nope';
      l.steps[1].to = 5;
      l.steps[0].watch = [{}];
      l.version = 3;
    });
    const zh = issues.map((i) => chineseIssue(i));
    expect(zh).toContain('缺少必需的键 "zh-CN"');
    for (const sentence of zh) expect(sentence).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('lesson schema: the statistics lab and exotic input', () => {
  it('a lab with its ranges: loss 0–1, runs 1–1,000,000, a u32 seed, a profile', () => {
    const step = {
      ...tiny().steps[0],
      lab: { statistics: { lossRate: 0.1, profile: 'linux', runs: 10_000, seed: 1 } },
    };
    expect(validateLesson({ ...tiny(), steps: [step] }).ok).toBe(true);
    const bad = {
      ...step,
      lab: { statistics: { lossRate: 1.5, runs: 0, seed: -1, profile: 'bsd' }, extra: true },
    };
    const issues = issuesOf({ ...tiny(), steps: [bad] });
    for (const key of ['lossRate', 'runs', 'seed', 'profile']) at(issues, `$.steps[0].lab.statistics.${key}`);
    expect(at(issues, '$.steps[0].lab.extra').code).toBe('unknown-key');
  });

  it('a value whose getters throw is reported, never thrown', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error('no');
        },
        ownKeys() {
          throw new Error('no');
        },
      },
    );
    expect(() => validateLesson(hostile)).not.toThrow();
    expect(validateLesson(hostile).ok).toBe(false);
  });
});
