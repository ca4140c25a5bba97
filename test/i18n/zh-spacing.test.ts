/**
 * In Chinese, a space separates a Chinese character from a Latin letter or a digit ("A 的 TIME-WAIT",
 * "950 毫秒"). Checked on every zh-CN catalog string as written, on every template once its placeholders
 * are filled (with Latin and with Chinese values), and on every validation problem as the page writes it.
 */
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../src/i18n';
import { classroomZh } from '../../src/i18n/classroom';
import { chineseIssue, chinesePath } from '../../src/i18n/issue.zh-CN';
import { lessonZh } from '../../src/i18n/lesson';
import { formatSpaced, spaced } from '../../src/i18n/spacing';
import { teachZh } from '../../src/i18n/teach';
import { uiZh } from '../../src/i18n/ui.zh-CN';
import { worldZh } from '../../src/i18n/world.zh-CN';
import { issue, parseScenario, parseScenarioJson, type ScenarioIssue } from '../../src/scenarios';
import { decodeShare } from '../../src/store/url';
import { BAD_JSON_TEXTS, BAD_VALUES } from '../scenarios/bad-scenarios';

function strings(node: unknown, path = ''): [string, string][] {
  if (typeof node === 'string') return [[path, node]];
  return Object.entries(node as Record<string, unknown>).flatMap(([k, v]) =>
    strings(v, path ? `${path}.${k}` : k),
  );
}

/** A Chinese character directly against a Latin letter or a digit, either way round. */
const TOUCHING = /\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/gu;

/**
 * Places where the two may touch. Empty today; an entry is "catalog path: the exact touching pair", e.g.
 * a unit written as in Chinese typesetting. Keep it short and say why next to each entry.
 */
const ALLOWED_TOUCHING: string[] = [];

function touching(path: string, text: string): string[] {
  return [...text.matchAll(TOUCHING)]
    .map((m) => `${path}: ${m[0]}`)
    .filter((found) => !ALLOWED_TOUCHING.includes(found));
}

const CATALOG = [
  ...strings(zhCN),
  ...strings(uiZh),
  // The lessons' and the classroom's catalogs load with their chunks; the same rule holds for them.
  ...strings({ lesson: lessonZh }),
  ...strings({ classroom: classroomZh }),
  ...strings({ teach: teachZh }),
  // The multi-connection view's catalog (issue 12), loaded with that view.
  ...strings({ world: worldZh }),
];

describe('zh-CN spacing between Chinese and Latin', () => {
  it('no catalog string has a Chinese character touching a Latin letter or a digit', () => {
    expect(CATALOG.flatMap(([path, text]) => touching(path, text))).toEqual([]);
  });

  it('every template keeps the space once filled, whether a value is Latin or Chinese', () => {
    const problems: string[] = [];
    for (const [path, template] of CATALOG) {
      const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
      if (names.length === 0) continue;
      for (const sample of ['TIME-WAIT 2', '计时器', 'SYN,ACK seq=0 计时器（2MSL）']) {
        const params = Object.fromEntries(names.map((name) => [name, sample]));
        problems.push(...touching(`${path} with "${sample}"`, formatSpaced(template, params)));
      }
    }
    expect(problems).toEqual([]);
  });

  it('fills a template the way a teacher writes it (the narration of a timer)', () => {
    const template = uiZh.narrateTimer;
    expect(formatSpaced(template, { endpoint: 'A', timer: zhCN.timers['time-wait'] })).toBe(
      'A 的 TIME-WAIT 计时器（2MSL）超时。',
    );
    expect(formatSpaced(template, { endpoint: 'B', timer: zhCN.timers.retransmission })).toBe(
      'B 的重传计时器超时。',
    );
    expect(formatSpaced(uiZh.ms, { n: 950 })).toBe('950 毫秒');
  });

  it('spaced() only adds spaces at seams, never inside a part', () => {
    expect(spaced('应为', '1 到', '65535', '之间的整数')).toBe('应为 1 到 65535 之间的整数');
    expect(spaced('实际为', '"名字x"')).toBe('实际为 "名字x"');
    expect(spaced('（', 'A', '）')).toBe('（A）');
  });
});

// ------------------------------------------------------------------ validation problems in Chinese

/** Every problem the page can show: each kind of bad scenario, JSON text, link and file. */
function allIssues(): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const value of BAD_VALUES) {
    const result = parseScenario(value);
    if (!result.ok) out.push(...result.issues);
  }
  for (const text of BAD_JSON_TEXTS) {
    const result = parseScenarioJson(text);
    if (!result.ok) out.push(...result.issues);
  }
  for (const hash of ['#c=abc&p=lost-syn', '#p=no-such-preset', '#x=1', '#s=%%%', '#s=eyJ2ZXJzaW9uIjo']) {
    const result = decodeShare(hash);
    if (result.ok === false) out.push(...result.issues);
  }
  out.push(
    issue('photo.png', {
      code: 'bad-file',
      expected: { kind: 'scenario-or-capture' },
      got: { kind: 'binary' },
    }),
    issue('a.pcap', {
      code: 'bad-file',
      expected: { kind: 'tcp-conversation' },
      got: { kind: 'other-frames', count: 3 },
    }),
    issue('a.json', {
      code: 'bad-file',
      expected: { kind: 'readable-file' },
      got: { kind: 'error', text: 'x' },
    }),
    issue('cut.pcap', {
      code: 'bad-capture',
      expected: { kind: 'readable-file' },
      got: { kind: 'error', text: 'frame 3: truncated at byte offset 120' },
      frame: 3,
      offset: 120,
    }),
    issue('a.pcap stream 1', {
      code: 'bad-capture',
      expected: { kind: 'tcp-conversation' },
      got: { kind: 'error', text: 'stream 1 has no SYN' },
      stream: 1,
    }),
  );
  return out;
}

/**
 * Latin words a Chinese problem sentence may contain: the scenario's JSON key names and literals, and the
 * names of formats. Quoted JSON values ("send", "80") are removed before looking.
 */
const ALLOWED_WORDS = new Set([
  // JSON keys named in the sentence (paths and values are shown as they are written)
  'from',
  'flags',
  'nth',
  'count',
  'ms',
  'seq',
  'ack',
  'len',
  'win',
  'at',
  'endpoint',
  'segment',
  'call',
  'bytes',
  // JSON literals and escapes
  'true',
  'false',
  'null',
  'uXXXX',
  // formats and protocols
  'JSON',
  'base64url',
  'TCP',
  'pcap',
  'pcapng',
]);

/** A quoted JSON value, possibly cut short with "…" (long values are shown truncated). */
const QUOTED = /"(?:[^"\\]|\\.)*(?:"|…)/g;

/** Latin words of two letters or more, outside quoted values. */
function latinWords(text: string): string[] {
  const unquoted = text.replace(QUOTED, ' ');
  return [...unquoted.matchAll(/[A-Za-z][A-Za-z0-9]+/g)].map((m) => m[0]);
}

describe('validation problems in Chinese', () => {
  const issues = allIssues();

  it('covers every code and every kind of expectation the schema and the links produce', () => {
    const codes = new Set(issues.map((i) => i.code));
    for (const code of ['invalid-value', 'unknown-key', 'missing-key', 'too-many', 'json-syntax', 'bad-link'])
      expect(codes, code).toContain(code);
    const kinds = new Set(issues.map((i) => i.expected.kind));
    for (const kind of ['object', 'integer', 'number', 'delay-ms', 'one-of', 'string', 'boolean', 'version'])
      expect(kinds, kind).toContain(kind);
    for (const kind of ['isn', 'array', 'at-most', 'flags', 'bytes-for-send', 'no-bytes', 'fault-object'])
      expect(kinds, kind).toContain(kind);
    for (const kind of ['one-fault-kind', 'known-key', 'key', 'json', 'event-number', 'preset', 'base64url'])
      expect(kinds, kind).toContain(kind);
  });

  it('are written in Chinese: no English word outside JSON values, key names and format names', () => {
    const leaks: string[] = [];
    for (const found of issues) {
      // The path is shown as written (a JSON key may be any word the user wrote): only the sentence is checked.
      const sentence = chineseIssue(found);
      expect(sentence).toMatch(/\p{Script=Han}/u);
      // An English detail (a capture reader's words) is never part of the Chinese sentence.
      if (found.code === 'bad-capture') expect(sentence).not.toContain(gotText(found));
      const english = latinWords(sentence).filter((word) => !ALLOWED_WORDS.has(word));
      if (english.length > 0) leaks.push(`${found.path} ${found.message} → ${sentence}`);
    }
    expect(leaks).toEqual([]);
  });

  it('keep a space between Chinese and Latin (outside quoted values)', () => {
    const problems = issues.flatMap((found) =>
      touching(found.message, chineseIssue(found).replace(QUOTED, '"v"')),
    );
    expect(problems).toEqual([]);
  });

  it('say the same as the English message (hand-checked examples)', () => {
    const one = (value: unknown) => {
      const result = parseScenario(value);
      if (result.ok) throw new Error('expected a problem');
      return result.issues[0] as ScenarioIssue;
    };
    expect(chineseIssue(one({ version: 1, actions: [], endpoints: { A: { port: '80' } } }))).toBe(
      '应为 1 到 65535 之间的整数，实际为 "80"',
    );
    expect(chineseIssue(one({ version: 1, actions: [], network: { lossrate: 0.1 } }))).toBe(
      '未知的键 "lossrate"（是不是想写 "lossRate"？）',
    );
    expect(chineseIssue(one({ version: 1 }))).toBe('缺少必需的键 "actions"');
    expect(chineseIssue(one({ version: 1, actions: [{ at: 0, endpoint: 'A', call: 'send' }] }))).toBe(
      '应为 1 到 100000000 之间的整数（"call" 为 "send" 时必须给出），但没有给出',
    );
    const syntax = parseScenarioJson('{"version": 1,}');
    expect(syntax.ok || chineseIssue(syntax.issues[0] as ScenarioIssue)).toBe(
      '不是有效的 JSON：第 1 行第 15 列，应为用双引号括起的属性名，实际遇到 "}"（字节偏移 14）',
    );
    const link = decodeShare('#c=abc&p=lost-syn');
    expect(link.ok === false && chinesePath(link.issues[0] as ScenarioIssue)).toBe('链接参数 c');
  });
});

function gotText(found: ScenarioIssue): string {
  return found.got.kind === 'error' ? found.got.text : '';
}
