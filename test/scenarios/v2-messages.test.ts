/**
 * The v2 issues as the page and the CLI show them (issue 12): every new code and expectation has an
 * English sentence of one short line and a Chinese one written in Chinese (only key names, JSON paths,
 * quoted values and format names stay Latin), with a space between Chinese and Latin as the zh-CN
 * catalogs keep it (test/i18n/zh-spacing.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import { parseAnyScenario, type ScenarioIssue } from '../../src/scenarios';

const BASE = {
  version: 2,
  hosts: { client: { address: '192.0.2.1' }, server: { address: '198.51.100.1' } },
  actions: [
    { at: 0, host: 'server', call: 'listen', port: 80 },
    { at: 10, host: 'client', call: 'connect', to: 'server:80', conn: 'c1', port: 5000 },
  ],
};

type Json = { hosts: Record<string, unknown>; actions: unknown[]; faults?: unknown[] } & Record<
  string,
  unknown
>;

/** One bad scenario per mistake, each a variation of BASE. */
const BAD: ((s: Json) => void)[] = [
  (s) => {
    s.version = 7;
  },
  (s) => {
    s.hosts = {};
  },
  (s) => {
    s.hosts = Object.fromEntries(
      Array.from({ length: 17 }, (_, i) => [`h${i}`, { address: `10.0.0.${i + 1}` }]),
    );
  },
  (s) => {
    s.hosts['1x'] = { address: '10.0.0.1', wndow: 5 };
  },
  (s) => {
    s.hosts.x = { address: '300.1.1.1' };
  },
  (s) => {
    s.hosts.x = { address: '192.0.2.1' };
  },
  (s) => {
    s.actions.push({ at: 20, host: 'nobody', call: 'listen', port: 1 });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'client', call: 'connect', to: 'server', conn: 'c2' });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'client', call: 'close' });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'client', call: 'send', conn: 'zz', bytes: 1 });
  },
  (s) => {
    s.actions.push({ at: 5, host: 'client', call: 'send', conn: 'c1', bytes: 1 });
  },
  (s) => {
    s.hosts.x = { address: '203.0.113.1' };
    s.actions.push({ at: 20, host: 'x', call: 'abort', conn: 'c1' });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'client', call: 'connect', to: 'server:80', conn: 'c2', port: 5000 });
  },
  (s) => {
    s.actions.push({ at: 20, host: 'server', call: 'close', port: 81 });
  },
  (s) => {
    s.actions.unshift({ at: 0, host: 'server', call: 'close', port: 80 });
  },
  (s) => {
    s.actions.push(
      ...Array.from({ length: 1000 }, (_, i) => ({
        at: 20,
        host: 'client',
        call: 'connect',
        to: 'server:80',
        conn: `k${i}`,
      })),
    );
  },
  (s) => {
    s.faults = [
      { drop: { from: 'nobody', flags: ['SYN'], nth: 1 } },
      { crash: { at: 1, endpoint: 'client' } },
      { inject: { at: 1, from: 'client', port: 1, to: 'x:1', segment: { seq: 1, flags: [] } } },
    ];
  },
];

function allIssues(): ScenarioIssue[] {
  return BAD.flatMap((mutate) => {
    const s = structuredClone(BASE) as unknown as Json;
    mutate(s);
    const result = parseAnyScenario(s);
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.issues;
  });
}

/** Latin words a Chinese sentence may hold: the v2 keys and calls it names, and format names. */
const ALLOWED = new Set([
  'conn',
  'port',
  'host',
  'connect',
  'listen',
  'at',
  'from',
  'flags',
  'nth',
  'count',
  'segment',
  'call',
  'address',
  'profile',
  'isn',
  'window',
  'mss',
  'delayedAck',
  'closeOnEof',
  'closeOnConnect',
  'IPv4',
]);

const QUOTED = /"(?:[^"\\]|\\.)*(?:"|…)/g;
/** A JSON path in a sentence ("$.actions[2]", "$.hosts.client.address"). */
const PATH = /\$[A-Za-z0-9_.[\]"-]*/g;
const TOUCHING = /\p{Script=Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Script=Han}/gu;

describe('v2 issues in both languages', () => {
  const issues = allIssues();

  it('cover every new code and expectation', () => {
    const codes = new Set(issues.map((i) => i.code));
    for (const code of ['unknown-name', 'duplicate-name', 'not-yet', 'not-an-end', 'port-in-use', 'too-many'])
      expect(codes, code).toContain(code);
    const kinds = new Set(issues.map((i) => i.expected.kind));
    for (const kind of [
      'versions',
      'name',
      'ipv4',
      'host-port',
      'conn-or-port',
      'declared',
      'unique',
      'after',
    ])
      expect(kinds, kind).toContain(kind);
    for (const kind of ['conn-end', 'free-port', 'at-most']) expect(kinds, kind).toContain(kind);
    const objects = new Set(issues.flatMap((i) => (i.expected.kind === 'object' ? [i.expected.object] : [])));
    expect(objects).toContain('hosts');
  });

  it('in English: one short line each, never valibot’s words', () => {
    for (const issue of issues) {
      expect(issue.message).not.toMatch(/\n|Invalid |Expected |received/);
      expect(issue.message.length, issue.message).toBeLessThan(400);
    }
  });

  it('in Chinese: Chinese words, spaced from Latin ones', () => {
    const leaks: string[] = [];
    const touching: string[] = [];
    for (const issue of issues) {
      const zh = chineseIssue(issue);
      expect(zh).toMatch(/\p{Script=Han}/u);
      const bare = zh.replace(QUOTED, '"v"').replace(PATH, '$p');
      const words = [...bare.replace(/"v"/g, ' ').matchAll(/[A-Za-z][A-Za-z0-9]+/g)].map((m) => m[0]);
      if (words.some((w) => !ALLOWED.has(w))) leaks.push(`${issue.message} → ${zh}`);
      touching.push(...[...bare.matchAll(TOUCHING)].map((m) => `${zh}: ${m[0]}`));
    }
    expect(leaks).toEqual([]);
    expect(touching).toEqual([]);
  });
});
