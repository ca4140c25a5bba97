/**
 * Scenario v2's limits at their boundaries (issue 12: "Up to 16 hosts and 1,000 connections per
 * scenario"; v1's action and fault limits, src/tcp/limits.ts), and the bounded echo of long lists.
 * Oracles: the numbers in the issue and in limits.ts, counted by hand.
 */
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import { parseAnyScenario, parseScenarioV2, type ScenarioIssue } from '../../src/scenarios';

function hosts(n: number): Record<string, { address: string }> {
  return Object.fromEntries(
    Array.from({ length: n }, (_, i) => [`h${i + 1}`, { address: `10.0.${i >> 8}.${(i & 255) + 1}` }]),
  );
}

function issuesOf(value: unknown): ScenarioIssue[] {
  const result = parseAnyScenario(value);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.issues;
}

/** One server listening on 80, and `n` connects to it from one client (ports left to the engine). */
function connections(n: number) {
  return {
    version: 2,
    hosts: { client: { address: '192.0.2.1' }, server: { address: '198.51.100.1' } },
    actions: [
      { at: 0, host: 'server', call: 'listen', port: 80 },
      ...Array.from({ length: n }, (_, i) => ({
        at: 10 + i,
        host: 'client',
        call: 'connect',
        to: 'server:80',
        conn: `c${i + 1}`,
      })),
    ],
  };
}

describe('hosts: 1 to 16', () => {
  it('16 hosts are accepted', () => {
    expect(parseScenarioV2({ version: 2, hosts: hosts(16), actions: [] }).ok).toBe(true);
  });

  it('17 hosts are one issue at $.hosts, in both languages', () => {
    const issues = issuesOf({ version: 2, hosts: hosts(17), actions: [] });
    expect(issues).toHaveLength(1);
    const [issue] = issues as [ScenarioIssue];
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.hosts',
      'too-many',
      'expected at most 16 hosts, got 17',
    ]);
    expect(chineseIssue(issue)).toBe('应为至多 16 台主机，实际为 17 个');
  });

  it('100,000 hosts are still one issue (the count is checked before the hosts)', () => {
    const result = parseScenarioV2({ version: 2, hosts: hosts(100_000), actions: [] });
    expect(result.ok || [result.issueCount, result.issues[0]?.message]).toEqual([
      1,
      'expected at most 16 hosts, got 100000',
    ]);
  });
});

describe('connections: at most 1,000 connects', () => {
  it('1,000 connections are accepted', () => {
    expect(parseScenarioV2(connections(1000)).ok).toBe(true);
  });

  it('the 1,001st connect is the issue, with the count', () => {
    const issues = issuesOf(connections(1001));
    expect(issues.map((i) => [i.path, i.code, i.message])).toEqual([
      ['$.actions[1001]', 'too-many', 'expected at most 1000 connections, got 1001'],
    ]);
    expect(chineseIssue(issues[0] as ScenarioIssue)).toBe('应为至多 1000 条连接，实际为 1001 个');
  });
});

describe('v1’s limits hold in v2', () => {
  it('250,000 actions are accepted; 250,001 are one issue at $.actions', () => {
    const listen = { at: 0, host: 'h1', call: 'listen', port: 80 };
    expect(parseScenarioV2({ version: 2, hosts: hosts(1), actions: Array(250_000).fill(listen) }).ok).toBe(
      true,
    );
    const over = issuesOf({ version: 2, hosts: hosts(1), actions: Array(250_001).fill(listen) });
    expect(over.map((i) => [i.path, i.message])).toEqual([
      ['$.actions', 'expected at most 250000 actions, got 250001'],
    ]);
  });

  it('10,000 faults are accepted; 10,001 are one issue at $.faults', () => {
    const crash = { crash: { at: 0, host: 'h1' } };
    const base = { version: 2, hosts: hosts(1), actions: [] };
    expect(parseScenarioV2({ ...base, faults: Array(10_000).fill(crash) }).ok).toBe(true);
    const over = issuesOf({ ...base, faults: Array(10_001).fill(crash) });
    expect(over.map((i) => [i.path, i.message])).toEqual([
      ['$.faults', 'expected at most 10000 faults, got 10001'],
    ]);
  });

  it('a name of 200 characters is accepted, 201 are not; a description 2000', () => {
    const base = { version: 2, hosts: hosts(1), actions: [] };
    expect(parseScenarioV2({ ...base, name: 'n'.repeat(200), description: 'd'.repeat(2000) }).ok).toBe(true);
    expect(issuesOf({ ...base, name: 'n'.repeat(201) }).map((i) => i.path)).toEqual(['$.name']);
  });

  it('host and conn names: 32 characters accepted, 33 refused', () => {
    const long = `h${'x'.repeat(31)}`;
    const ok = {
      version: 2,
      hosts: { [long]: { address: '192.0.2.1' } },
      actions: [{ at: 0, host: long, call: 'connect', to: `${long}:1`, conn: long }],
    };
    expect(parseScenarioV2(ok).ok).toBe(true);
    const conn = structuredClone(ok);
    (conn.actions[0] as { conn: string }).conn = `${long}y`;
    expect(issuesOf(conn).map((i) => i.path)).toEqual(['$.actions[0].conn']);
  });
});

describe('long lists in messages are cut', () => {
  it('an undeclared host lists the first 8 declared ones and how many more', () => {
    const issues = issuesOf({
      version: 2,
      hosts: hosts(16),
      actions: [{ at: 0, host: 'nobody', call: 'listen', port: 1 }],
    });
    expect(issues[0]?.message).toBe(
      'expected a declared host ("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8" and 8 more), got "nobody"',
    );
    expect(chineseIssue(issues[0] as ScenarioIssue)).toBe(
      '应为已声明的主机（"h1"、"h2"、"h3"、"h4"、"h5"、"h6"、"h7"、"h8" 等，另有 8 个），实际为 "nobody"',
    );
  });

  it('with 16 names of 32 characters and a long undeclared one, the sentence stays under 400 characters', () => {
    const names = Array.from({ length: 16 }, (_, i) => `H${String(i).padStart(31, 'x')}`);
    const issues = issuesOf({
      version: 2,
      hosts: Object.fromEntries(names.map((n, i) => [n, { address: `10.0.0.${i + 1}` }])),
      actions: [{ at: 0, host: `Z${'z'.repeat(31)}`, call: 'listen', port: 1 }],
    });
    expect(issues[0]?.code).toBe('unknown-name');
    expect(issues[0]?.message.length).toBeLessThan(400);
  });

  it('a file with 250,000 undeclared hosts reports the first 100 and counts them all', () => {
    const action = { at: 0, host: 'nobody', call: 'listen', port: 1 };
    const result = parseScenarioV2({ version: 2, hosts: hosts(1), actions: Array(250_000).fill(action) });
    expect(result.ok || [result.issues.length, result.issueCount, result.issues[99]?.path]).toEqual([
      100,
      250_000,
      '$.actions[99].host',
    ]);
  });
});
