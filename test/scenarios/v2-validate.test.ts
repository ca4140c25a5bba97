/**
 * Scenario JSON v2 (issue 12, "Scenario v2 (v1 stays valid)"): the pinned example validates as written,
 * and each mistake is one issue at its JSON path with its sentence in English and Chinese. Oracles: the
 * issue's text, and paths, counts and sentences written out by hand here (not the validator's output).
 */
import { describe, expect, it } from 'vitest';
import { chineseIssue } from '../../src/i18n/issue.zh-CN';
import {
  parseAnyScenario,
  parseAnyScenarioJson,
  parseScenario,
  parseScenarioV2,
  type ScenarioIssue,
} from '../../src/scenarios';

/** The issue's pinned example, character for character. */
const PINNED = `{ "version": 2, "profile": "linux",
  "hosts": { "client": { "address": "192.0.2.1" }, "server": { "address": "198.51.100.1" } },
  "actions": [
    { "at": 0, "host": "server", "call": "listen", "port": 80, "backlog": 128 },
    { "at": 10, "host": "client", "call": "connect", "to": "server:80", "conn": "c1" },
    { "at": 20, "host": "client", "call": "connect", "to": "server:80", "conn": "c2", "port": 40001 },
    { "at": 500, "host": "client", "conn": "c1", "call": "send", "bytes": 100 },
    { "at": 600, "host": "server", "conn": "c1", "call": "send", "bytes": 50 },
    { "at": 900, "host": "client", "conn": "c1", "call": "close" } ],
  "faults": [ { "drop": { "from": "client", "conn": "c2", "flags": ["SYN"], "nth": 1 } },
              { "crash": { "at": 3000, "host": "server" } } ] }`;

type Json = Record<string, unknown> & { actions: Record<string, unknown>[]; faults?: unknown[] };
const pinned = (): Json => JSON.parse(PINNED) as Json;

function issuesOf(value: unknown): ScenarioIssue[] {
  const result = parseAnyScenario(value);
  if (result.ok) throw new Error('expected the scenario to be rejected');
  return result.issues;
}

/** The one issue of a scenario, with its Chinese sentence. */
function onlyIssue(value: unknown): ScenarioIssue & { zh: string } {
  const issues = issuesOf(value);
  expect(issues.map((i) => `${i.path}: ${i.message}`)).toHaveLength(1);
  const issue = issues[0] as ScenarioIssue;
  return { ...issue, zh: chineseIssue(issue) };
}

/** The pinned example with one more action. */
function withAction(action: Record<string, unknown>): Json {
  const s = pinned();
  s.actions.push(action);
  return s;
}

describe('valid v2 scenarios', () => {
  it('the pinned example validates as written, as version 2, unchanged', () => {
    const result = parseAnyScenarioJson(PINNED);
    expect(result.ok && result.version).toBe(2);
    expect(result.ok && result.scenario).toEqual(JSON.parse(PINNED));
  });

  it('every optional field at once: per-host options, pinned ISS, listener close, every fault kind', () => {
    const s = {
      version: 2,
      name: 'all',
      description: 'every field',
      seed: 7,
      profile: 'rfc',
      network: { latencyMs: 10, lossRate: 0.1 },
      options: { mslMs: 1000, delayedAck: false, handshake: 'three-way', maxTimeMs: 60_000, maxEvents: 1000 },
      hosts: {
        a: {
          address: '10.0.0.1',
          profile: 'linux',
          isn: [1, 2],
          window: 1000,
          mss: 536,
          delayedAck: true,
          closeOnEof: true,
          closeOnConnect: false,
        },
        'b-2_x': { address: '223.255.255.254' },
      },
      actions: [
        { at: 0, host: 'b-2_x', call: 'listen', port: 443, backlog: 1 },
        { at: 1, host: 'a', call: 'connect', to: 'b-2_x:443', conn: 'k', port: 65535, iss: 4294967295 },
        { at: 2, host: 'b-2_x', call: 'send', conn: 'k', bytes: 1 },
        { at: 3, host: 'b-2_x', call: 'abort', conn: 'k' },
        { at: 4, host: 'b-2_x', call: 'close', port: 443 },
      ],
      faults: [
        { drop: { from: 'a', flags: ['ACK'], nth: 2, count: 3 } },
        { delay: { from: 'b-2_x', conn: 'k', flags: ['SYN', 'ACK'], nth: 1, ms: 100 } },
        { inject: { at: 5, from: 'a', port: 1, to: 'b-2_x:443', segment: { seq: 9, flags: ['RST'] } } },
        { crash: { at: 6, host: 'a' } },
      ],
    };
    const result = parseScenarioV2(s);
    expect(result.ok || result.issues).toBe(true);
  });

  it('a connect to a port where nothing listens is legal (its SYN gets a RST)', () => {
    expect(
      parseAnyScenario(withAction({ at: 30, host: 'client', call: 'connect', to: 'server:81', conn: 'c3' }))
        .ok,
    ).toBe(true);
  });

  it('both ends may use a conn, the accepting end included; at equal times file order counts', () => {
    const s = pinned();
    s.actions.splice(2, 0, { at: 10, host: 'server', call: 'send', conn: 'c1', bytes: 1 });
    expect(parseAnyScenario(s).ok).toBe(true);
  });

  it('a pinned port may be reused once the first connection was closed, aborted, or its host crashed', () => {
    for (const ending of [
      { action: { at: 30, host: 'client', call: 'close', conn: 'c2' } },
      { action: { at: 30, host: 'client', call: 'abort', conn: 'c2' } },
      { crash: { at: 30, host: 'client' } },
    ]) {
      const s = withAction({
        at: 40,
        host: 'client',
        call: 'connect',
        to: 'server:80',
        conn: 'c3',
        port: 40001,
      });
      if (ending.action) s.actions.push(ending.action);
      else s.faults?.push(ending);
      expect(parseAnyScenario(s).ok || parseAnyScenario(s)).toBe(true);
    }
  });

  it('the same client port to another destination, or from another host, is no conflict', () => {
    const s = withAction({
      at: 40,
      host: 'client',
      call: 'connect',
      to: 'server:81',
      conn: 'c3',
      port: 40001,
    });
    expect(parseAnyScenario(s).ok).toBe(true);
  });

  it('a version 1 file validates exactly as v1 always did', () => {
    const v1 = { version: 1, actions: [{ at: 0, endpoint: 'B', call: 'listen' }] };
    expect(parseAnyScenario(v1)).toEqual({ ...parseScenario(v1), version: 1 });
    const bad = { version: 1, actions: [{ at: -1, endpoint: 'C', call: 'listen' }] };
    expect(parseAnyScenario(bad)).toEqual(parseScenario(bad));
  });
});

describe('each mistake is one issue at its path', () => {
  it('a version that is neither 1 nor 2', () => {
    const issue = onlyIssue({ version: 3, actions: [] });
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.version',
      'invalid-value',
      'expected 1 or 2 (the scenario versions), got 3',
    ]);
    expect(issue.zh).toBe('应为 1 或 2（现有的场景版本），实际为 3');
  });

  it('hosts missing, empty, or not an object', () => {
    const s = pinned();
    delete s.hosts;
    expect(onlyIssue(s).message).toBe('missing required key "hosts"');
    const empty = onlyIssue({ ...pinned(), hosts: {}, actions: [], faults: [] });
    expect([empty.path, empty.message]).toEqual([
      '$.hosts',
      'expected an object of 1 to 16 hosts by name, got {}',
    ]);
    expect(onlyIssue({ ...pinned(), hosts: [] }).path).toBe('$.hosts');
  });

  it('a host name that is not a name', () => {
    const s = pinned();
    (s.hosts as Record<string, unknown>)['9lives'] = { address: '192.0.2.9' };
    const issue = onlyIssue(s);
    expect([issue.path, issue.message]).toEqual([
      '$.hosts["9lives"]',
      'expected a name of at most 32 characters: a letter, then letters, digits, "-" or "_", got "9lives"',
    ]);
    const long = pinned();
    (long.hosts as Record<string, unknown>)[`h${'x'.repeat(32)}`] = { address: '192.0.2.9' };
    expect(onlyIssue(long).path).toBe(`$.h${'x'.repeat(32)}`.replace('$.', '$.hosts.'));
  });

  it('a malformed address: leading zeros, out-of-range octets, too few parts, multicast, broadcast, 0/8', () => {
    for (const address of [
      '192.0.2.01',
      '256.1.1.1',
      '192.0.2',
      '192.0.2.1.5',
      '224.0.0.1',
      '255.255.255.255',
      '0.1.2.3',
      ' 192.0.2.1',
      7,
    ]) {
      const s = pinned();
      (s.hosts as Record<string, { address: unknown }>).client = { address };
      const issue = onlyIssue(s);
      expect([issue.path, issue.code], String(address)).toEqual(['$.hosts.client.address', 'invalid-value']);
      expect(issue.message).toBe(
        `expected a unicast IPv4 address in dotted decimal, e.g. "192.0.2.1", got ${JSON.stringify(address)}`,
      );
    }
  });

  it('two hosts with one address: the second named, the first in the message', () => {
    const s = pinned();
    (s.hosts as Record<string, unknown>).proxy = { address: '198.51.100.1' };
    const issue = onlyIssue(s);
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.hosts.proxy.address',
      'duplicate-name',
      'expected an address no other host has ($.hosts.server.address has it), got "198.51.100.1"',
    ]);
    expect(issue.zh).toBe(
      '应为其他主机没有用过的地址（$.hosts.server.address 已用了这个地址），实际为 "198.51.100.1"',
    );
  });

  it('an action naming an undeclared host', () => {
    const issue = onlyIssue(withAction({ at: 30, host: 'proxy', call: 'listen', port: 8080 }));
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].host',
      'unknown-name',
      'expected a declared host ("client", "server"), got "proxy"',
    ]);
    expect(issue.zh).toBe('应为已声明的主机（"client"、"server"），实际为 "proxy"');
  });

  it('a connect to an undeclared host', () => {
    const issue = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'connect', to: 'proxy:80', conn: 'c3' }),
    );
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].to',
      'unknown-name',
      'expected a declared host ("client", "server"), got "proxy:80"',
    ]);
  });

  it('`to` that is not "host:port"', () => {
    for (const to of ['server', 'server:0', 'server:65536', 'server:080', ':80', 'server:80:1', 80]) {
      const issue = onlyIssue(withAction({ at: 30, host: 'client', call: 'connect', to, conn: 'c3' }));
      expect([issue.path, issue.message], String(to)).toEqual([
        '$.actions[6].to',
        `expected "host:port", e.g. "server:80" (a port from 1 to 65535), got ${JSON.stringify(to)}`,
      ]);
    }
  });

  it('an undeclared conn', () => {
    const issue = onlyIssue(withAction({ at: 30, host: 'client', call: 'send', conn: 'c9', bytes: 1 }));
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].conn',
      'unknown-name',
      'expected a conn named by a connect ("c1", "c2"), got "c9"',
    ]);
    expect(issue.zh).toBe('应为由 connect 命名的连接（"c1"、"c2"），实际为 "c9"');
  });

  it('a conn used before its connect, in time or (at the same time) in file order', () => {
    const early = onlyIssue(withAction({ at: 5, host: 'client', call: 'send', conn: 'c1', bytes: 1 }));
    expect([early.path, early.code, early.message]).toEqual([
      '$.actions[6].conn',
      'not-yet',
      'expected an action after the connect at $.actions[1] (later, or at the same time and later in the list), got "c1"',
    ]);
    expect(early.zh).toBe(
      '应为位于 $.actions[1] 处的 connect 之后的动作（时间更晚，或时间相同而在列表中更靠后），实际为 "c1"',
    );
    const s = pinned();
    s.actions.splice(1, 0, { at: 10, host: 'server', call: 'close', conn: 'c1' });
    const tie = onlyIssue(s);
    expect([tie.path, tie.code]).toEqual(['$.actions[1].conn', 'not-yet']);
    expect(tie.message).toContain('the connect at $.actions[2]');
  });

  it('a conn used by a host that is neither of its ends (an action, or a drop rule)', () => {
    const s = pinned();
    (s.hosts as Record<string, unknown>).other = { address: '203.0.113.1' };
    s.actions.push({ at: 30, host: 'other', call: 'close', conn: 'c1' });
    const issue = onlyIssue(s);
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].host',
      'not-an-end',
      'expected one of the ends of conn "c1": "client", "server", got "other"',
    ]);
    expect(issue.zh).toBe('应为连接 "c1" 的两端之一："client"、"server"，实际为 "other"');
    const rule = pinned();
    (rule.hosts as Record<string, unknown>).other = { address: '203.0.113.1' };
    rule.faults = [{ drop: { from: 'other', conn: 'c2', flags: ['SYN'], nth: 1 } }];
    const drop = onlyIssue(rule);
    expect([drop.path, drop.code]).toEqual(['$.faults[0].drop.from', 'not-an-end']);
  });

  it('a conn named by two connects: the second is the mistake', () => {
    const issue = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'c1' }),
    );
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].conn',
      'duplicate-name',
      'expected a conn name no other connect uses ($.actions[1].conn names it first), got "c1"',
    ]);
  });

  it('two connects pinning one client port to one destination, the first still open', () => {
    const issue = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'c3', port: 40001 }),
    );
    expect([issue.path, issue.code, issue.message]).toEqual([
      '$.actions[6].port',
      'port-in-use',
      'expected a port that the connect at $.actions[2] does not hold (close or abort that connection, or crash the host, before connecting again), got 40001',
    ]);
    // A crash at the later connect's time comes after it (actions run before faults at equal times).
    const s = withAction({
      at: 30,
      host: 'client',
      call: 'connect',
      to: 'server:80',
      conn: 'c3',
      port: 40001,
    });
    s.faults?.push({ crash: { at: 30, host: 'client' } });
    expect(onlyIssue(s).code).toBe('port-in-use');
    // The server closing its end does not free the client's port.
    const t = withAction({ at: 25, host: 'server', call: 'close', conn: 'c2' });
    t.actions.push({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'c3', port: 40001 });
    expect(onlyIssue(t).path).toBe('$.actions[7].port');
  });

  it('a port out of range, in listen, connect, backlog and inject', () => {
    expect(onlyIssue(withAction({ at: 30, host: 'server', call: 'listen', port: 0 })).path).toBe(
      '$.actions[6].port',
    );
    expect(onlyIssue(withAction({ at: 30, host: 'server', call: 'listen', port: 65536 })).message).toBe(
      'expected an integer from 1 to 65535, got 65536',
    );
    expect(onlyIssue(withAction({ at: 30, host: 'server', call: 'listen', port: 81, backlog: 0 })).path).toBe(
      '$.actions[6].backlog',
    );
    const c = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'c3', port: 1.5 }),
    );
    expect([c.path, c.message]).toEqual([
      '$.actions[6].port',
      'expected an integer from 1 to 65535, got 1.5',
    ]);
    const s = pinned();
    s.faults = [
      { inject: { at: 0, from: 'client', port: 70000, to: 'server:80', segment: { seq: 1, flags: [] } } },
    ];
    expect(onlyIssue(s).path).toBe('$.faults[0].inject.port');
  });

  it('keys that are not the call’s: bytes on a connect, port on a send', () => {
    const connect = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'c3', bytes: 1 }),
    );
    expect([connect.path, connect.message]).toEqual([
      '$.actions[6].bytes',
      'unknown key "bytes" (allowed keys: "at", "host", "call", "to", "conn", "port", "iss")',
    ]);
    const send = onlyIssue(
      withAction({ at: 30, host: 'client', call: 'send', conn: 'c1', bytes: 1, port: 1 }),
    );
    expect([send.path, send.message]).toEqual([
      '$.actions[6].port',
      // "port" is two letters from "host": v1's typo hint (edit distance at most 2) applies.
      'unknown key "port" (did you mean "host"?)',
    ]);
    const typo = issuesOf(withAction({ at: 30, host: 'server', call: 'listen', prot: 81 }));
    expect(typo.map((i) => `${i.path}: ${i.message}`)).toEqual([
      '$.actions[6].port: missing required key "port"',
      '$.actions[6].prot: unknown key "prot" (did you mean "port"?)',
    ]);
  });

  it('a send without bytes, a connect without conn, a listen without port', () => {
    expect(onlyIssue(withAction({ at: 30, host: 'client', call: 'send', conn: 'c1' })).message).toBe(
      'missing required key "bytes"',
    );
    expect(onlyIssue(withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80' })).path).toBe(
      '$.actions[6].conn',
    );
    expect(onlyIssue(withAction({ at: 30, host: 'server', call: 'listen' })).path).toBe('$.actions[6].port');
  });

  it('an unknown call', () => {
    const issue = onlyIssue(withAction({ at: 30, host: 'server', call: 'accept' }));
    expect([issue.path, issue.message]).toEqual([
      '$.actions[6].call',
      'expected one of "listen", "connect", "send", "close", "abort", got "accept"',
    ]);
  });

  it('a close names conn or port, not both or neither; a listener closed before its listen or never listened', () => {
    const neither = onlyIssue(withAction({ at: 30, host: 'client', call: 'close' }));
    expect([neither.path, neither.message]).toEqual([
      '$.actions[6]',
      'expected exactly one of "conn" (a connection) or "port" (a port the host listens on), got nothing',
    ]);
    const both = onlyIssue(withAction({ at: 30, host: 'server', call: 'close', conn: 'c1', port: 80 }));
    expect([both.path, both.message]).toEqual([
      '$.actions[6]',
      'expected exactly one of "conn" (a connection) or "port" (a port the host listens on), got "conn", "port"',
    ]);
    const never = onlyIssue(withAction({ at: 30, host: 'server', call: 'abort', port: 81 }));
    expect([never.path, never.code, never.message]).toEqual([
      '$.actions[6].port',
      'unknown-name',
      'expected a port the host listens on ("80"), got 81',
    ]);
    const client = onlyIssue(withAction({ at: 30, host: 'client', call: 'abort', port: 80 }));
    expect(client.message).toBe('expected a port the host listens on (there is none), got 80');
    const s = pinned();
    s.actions.unshift({ at: 0, host: 'server', call: 'close', port: 80 });
    const early = onlyIssue(s);
    expect([early.path, early.code]).toEqual(['$.actions[0].port', 'not-yet']);
    expect(early.message).toContain('the listen at $.actions[1]');
  });

  it('faults naming undeclared hosts and conns', () => {
    const s = pinned();
    s.faults = [
      { drop: { from: 'proxy', flags: ['SYN'], nth: 1 } },
      { delay: { from: 'client', conn: 'c7', flags: ['SYN'], nth: 1, ms: 5 } },
      { inject: { at: 0, from: 'client', port: 5, to: 'proxy:80', segment: { seq: 1, flags: ['SYN'] } } },
      { crash: { at: 0, host: 'Server' } },
    ];
    expect(issuesOf(s).map((i) => [i.path, i.code])).toEqual([
      ['$.faults[0].drop.from', 'unknown-name'],
      ['$.faults[1].delay.conn', 'unknown-name'],
      ['$.faults[2].inject.to', 'unknown-name'],
      ['$.faults[3].crash.host', 'unknown-name'],
    ]);
  });

  it('v1 keys in a v2 file are caught as typos', () => {
    const s = pinned();
    s.actions[0] = { at: 0, endpoint: 'server', call: 'listen', port: 80 };
    expect(issuesOf(s).map((i) => `${i.path}: ${i.message}`)).toEqual([
      '$.actions[0].endpoint: unknown key "endpoint" (allowed keys: "at", "host", "call", "port", "backlog")',
      '$.actions[0].host: missing required key "host"',
    ]);
    const crash = pinned();
    crash.faults = [{ crash: { at: 1, endpoint: 'server' } }];
    expect(issuesOf(crash).map((i) => i.path)).toEqual([
      '$.faults[0].crash.endpoint',
      '$.faults[0].crash.host',
    ]);
  });

  it('the whole-file checks wait for a valid shape (no cascade of undeclared names)', () => {
    const s = withAction({ at: 30, host: 'client', call: 'connect', to: 'server:80', conn: 'bad name' });
    s.actions.push({ at: 40, host: 'client', call: 'send', conn: 'bad name', bytes: 1 });
    expect(issuesOf(s).map((i) => i.path)).toEqual(['$.actions[6].conn', '$.actions[7].conn']);
    expect(issuesOf(s).every((i) => i.code === 'invalid-value')).toBe(true);
  });
});
