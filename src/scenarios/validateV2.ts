/**
 * Scenario JSON version 2 at the edge: the schema (schemaV2.ts), then what only the whole file shows, each
 * an issue with its JSON path, in the same form as v1's (validate.ts), so the CLI prints them and the page
 * renders them in the reader's language. `parseAnyScenario` dispatches on `version`: a version 1 file is
 * validated by v1's `parseScenario`, exactly as before. Never throws; at most MAX_REPORTED_ISSUES issues.
 *
 * The checks across the file run once its shape is valid (a half-read file would only add noise):
 * - every host an action or fault names is a key of `hosts`; two hosts never share an address;
 * - a conn is named by one connect (at most MAX_CONNECTIONS connects), and used only after it (later in
 *   time, or at the same time and later in the list: the order the engine runs them in), and only by one
 *   of its two ends (the connecting host and the `to` host); a drop or delay rule's `from` likewise;
 * - a close or abort of a listener (`port`) follows a listen of that port by that host;
 * - two connects from one host to one destination pinning one client port are refused while the first is
 *   still open in the file's terms: no close or abort of it by that host, and no crash of that host,
 *   between them. Whether the stack then lets the port be reused (TIME-WAIT holds it) is the engine's.
 * A connect to a host and port where nothing listens is legal: the SYN gets a RST, as it should.
 */
import type { ScenarioInput } from '../tcp/types';
import {
  clip,
  type Expected,
  type IssueDetail,
  MAX_REPORTED_ISSUES,
  issue as makeIssue,
  type ScenarioIssue,
} from './issue';
import type { PathSegment } from './jsonScan';
import { jsonPath, readJsonText } from './jsonText';
import { detail, isPlainObject, MAX_ACTIONS, MAX_FAULTS, shownValue } from './schema';
import {
  actionV2Schema,
  faultV2Schema,
  MAX_CONNECTIONS,
  scenarioV2ShellSchema,
  splitHostPort,
} from './schemaV2';
import type { ActionV2, FaultV2, ScenarioV2Input } from './typesV2';
import { Collector, parseScenario } from './validate';

type Failure = {
  ok: false;
  /** The first MAX_REPORTED_ISSUES issues, sorted by path. */
  issues: ScenarioIssue[];
  /** How many there are in all (≥ issues.length). */
  issueCount: number;
};

export type ParseResultV2 = { ok: true; scenario: ScenarioV2Input } | Failure;

/** A scenario of either version, with its version, or the issues. */
export type AnyParseResult =
  | { ok: true; version: 1; scenario: ScenarioInput }
  | { ok: true; version: 2; scenario: ScenarioV2Input }
  | Failure;

/**
 * How many declared names an "expected a declared host (…)" lists before "and N more": 8 names of the
 * longest (32 characters) keep the sentence under 400 characters, the length every issue stays within.
 */
export const NAMES_SHOWN = 8;

/** Validate a parsed JSON value as scenario version 2. */
export function parseScenarioV2(value: unknown): ParseResultV2 {
  try {
    const issues = new Collector();
    const shell = issues.check(scenarioV2ShellSchema, value, [], true) as ScenarioV2Input | undefined;
    const actions = issues.items(value, 'actions', actionV2Schema, MAX_ACTIONS);
    const faults = issues.items(value, 'faults', faultV2Schema, MAX_FAULTS);
    if (issues.count > 0 || !shell) return issues.failure();
    const scenario: ScenarioV2Input = { ...shell, actions: actions as ActionV2[] };
    if (shell.faults !== undefined) scenario.faults = faults as FaultV2[];
    crossCheck(scenario, issues);
    return issues.count === 0 ? { ok: true, scenario } : issues.failure();
  } catch (error) {
    return unreadable(error);
  }
}

/** JSON text to a v2 scenario (syntax errors and duplicate keys as v1's parseScenarioJson reports them). */
export function parseScenarioV2Json(text: string): ParseResultV2 {
  const read = readJsonText(String(text));
  return read.ok ? parseScenarioV2(read.value) : read;
}

/**
 * A scenario of version 1 or 2: version 1 goes to v1's parseScenario unchanged, version 2 to
 * parseScenarioV2. Any other version is an issue at $.version naming both (v1's checks of the rest apply).
 */
export function parseAnyScenario(value: unknown): AnyParseResult {
  let version: unknown;
  try {
    version = isPlainObject(value) ? value.version : undefined;
  } catch (error) {
    return unreadable(error);
  }
  if (version === 2) {
    const result = parseScenarioV2(value);
    return result.ok ? { ok: true, version: 2, scenario: result.scenario } : result;
  }
  const result = parseScenario(value);
  if (result.ok) return { ok: true, version: 1, scenario: result.scenario };
  if (version === 1) return result;
  // Neither version: what v1's schema says of the rest is noise (a v2 file checked as v1 gets a problem per
  // field), so the version, when it is what is wrong, is the one problem reported.
  const versionIssue = result.issues.find((issue) => issue.path === '$.version');
  if (versionIssue) {
    const issue =
      versionIssue.expected.kind === 'version'
        ? makeIssue('$.version', {
            code: versionIssue.code,
            expected: { kind: 'versions', versions: [1, 2] },
            got: versionIssue.got,
          })
        : versionIssue;
    return { ok: false, issues: [issue], issueCount: 1 };
  }
  return result;
}

/** JSON text to a scenario of either version. */
export function parseAnyScenarioJson(text: string): AnyParseResult {
  const read = readJsonText(String(text));
  return read.ok ? parseAnyScenario(read.value) : read;
}

function unreadable(error: unknown): Failure {
  const text = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    issues: [
      makeIssue('$', {
        code: 'unreadable',
        expected: { kind: 'readable-scenario' },
        got: { kind: 'error', text: clip(text, 200) },
      }),
    ],
    issueCount: 1,
  };
}

// ------------------------------------------------------------------ checks across the file

interface Conn {
  index: number;
  /** Position in run order (time, then file order). */
  pos: number;
  at: number;
  host: string;
  toHost: string;
  toPort: number;
  port: number | undefined;
  /** Run position of the first close or abort of it by its connecting host, if any. */
  endedAt?: number;
}

function declared(what: 'host' | 'conn' | 'listener', names: readonly string[]): Expected {
  return {
    kind: 'declared',
    what,
    names: names.slice(0, NAMES_SHOWN),
    more: Math.max(0, names.length - NAMES_SHOWN),
  };
}

function crossCheck(s: ScenarioV2Input, issues: Collector): void {
  const keep = () => issues.found.length < MAX_REPORTED_ISSUES;
  const report = (segments: PathSegment[], make: () => IssueDetail) => issues.add(segments, make, keep());
  const hostNames = Object.keys(s.hosts);
  const isHost = (name: string) => Object.hasOwn(s.hosts, name);

  const byAddress = new Map<string, string>();
  for (const name of hostNames) {
    const address = (s.hosts[name] as { address: string }).address;
    const first = byAddress.get(address);
    if (first === undefined) byAddress.set(address, name);
    else
      report(['hosts', name, 'address'], () =>
        detail(
          'duplicate-name',
          { kind: 'unique', what: 'address', first: jsonPath(['hosts', first, 'address']) },
          shownValue(address),
        ),
      );
  }

  // Run order: by time, then file order (the engine's queue breaks ties by insertion).
  const order = s.actions.map((_, i) => i);
  order.sort((a, b) => (s.actions[a] as ActionV2).at - (s.actions[b] as ActionV2).at || a - b);
  const posOf = new Array<number>(s.actions.length);
  order.forEach((index, pos) => {
    posOf[index] = pos;
  });

  // Connections, in file order: the first connect naming a conn owns it.
  const conns = new Map<string, Conn>();
  let connects = 0;
  s.actions.forEach((action, index) => {
    if (action.call !== 'connect') return;
    connects++;
    if (connects === MAX_CONNECTIONS + 1) {
      const total = s.actions.filter((a) => a.call === 'connect').length;
      report(['actions', index], () =>
        detail(
          'too-many',
          { kind: 'at-most', max: MAX_CONNECTIONS, of: 'connections' },
          { kind: 'count', count: total },
        ),
      );
    }
    const first = conns.get(action.conn);
    if (first) {
      report(['actions', index, 'conn'], () =>
        detail(
          'duplicate-name',
          { kind: 'unique', what: 'conn', first: jsonPath(['actions', first.index, 'conn']) },
          shownValue(action.conn),
        ),
      );
      return;
    }
    const to = splitHostPort(action.to) as { host: string; port: number };
    conns.set(action.conn, {
      index,
      pos: posOf[index] as number,
      at: action.at,
      host: action.host,
      toHost: to.host,
      toPort: to.port,
      port: action.port,
    });
  });
  const connNames = [...conns.keys()];

  const crashes = new Map<string, number[]>();
  for (const fault of s.faults ?? [])
    if ('crash' in fault) {
      const list = crashes.get(fault.crash.host) ?? [];
      list.push(fault.crash.at);
      crashes.set(fault.crash.host, list);
    }

  // Listens by host and port (first run position), and pinned client ports by 4-tuple.
  const listens = new Map<string, Map<number, number>>();
  for (const index of order) {
    const action = s.actions[index] as ActionV2;
    if (action.call !== 'listen') continue;
    const ports = listens.get(action.host) ?? new Map<number, number>();
    if (!ports.has(action.port)) ports.set(action.port, posOf[index] as number);
    listens.set(action.host, ports);
  }
  const pinned = new Map<string, Conn>();

  for (const index of order) {
    const action = s.actions[index] as ActionV2;
    const pos = posOf[index] as number;
    const path = (key: string): PathSegment[] => ['actions', index, key];
    if (!isHost(action.host)) {
      report(path('host'), () =>
        detail('unknown-name', declared('host', hostNames), shownValue(action.host)),
      );
      continue;
    }
    switch (action.call) {
      case 'listen':
        break;
      case 'connect': {
        const to = splitHostPort(action.to) as { host: string; port: number };
        if (!isHost(to.host))
          report(path('to'), () =>
            detail('unknown-name', declared('host', hostNames), shownValue(action.to)),
          );
        const conn = conns.get(action.conn);
        if (action.port === undefined || conn?.index !== index) break;
        const key = JSON.stringify([action.host, action.port, to.host, to.port]);
        const previous = pinned.get(key);
        if (previous && !ended(previous, conn, crashes)) {
          report(path('port'), () =>
            detail(
              'port-in-use',
              { kind: 'free-port', first: jsonPath(['actions', previous.index]) },
              shownValue(action.port),
            ),
          );
        }
        pinned.set(key, conn);
        break;
      }
      default: {
        if (action.call !== 'send' && action.conn === undefined) {
          // close or abort of a listener
          const port = action.port as number;
          const first = listens.get(action.host)?.get(port);
          if (first === undefined) {
            const ports = [...(listens.get(action.host)?.keys() ?? [])].map(String);
            report(path('port'), () => detail('unknown-name', declared('listener', ports), shownValue(port)));
          } else if (first > pos) {
            report(path('port'), () =>
              detail(
                'not-yet',
                { kind: 'after', what: 'listen', first: jsonPath(['actions', order[first] as number]) },
                shownValue(port),
              ),
            );
          }
          break;
        }
        const name = action.conn as string;
        const conn = conns.get(name);
        if (!conn) {
          report(path('conn'), () => detail('unknown-name', declared('conn', connNames), shownValue(name)));
          break;
        }
        if (conn.pos > pos) {
          report(path('conn'), () =>
            detail(
              'not-yet',
              { kind: 'after', what: 'connect', first: jsonPath(['actions', conn.index]) },
              shownValue(name),
            ),
          );
          break;
        }
        if (action.host !== conn.host && action.host !== conn.toHost) {
          report(path('host'), () => detail('not-an-end', connEnd(name, conn), shownValue(action.host)));
          break;
        }
        if (action.call !== 'send' && action.host === conn.host && conn.endedAt === undefined)
          conn.endedAt = pos;
      }
    }
  }

  (s.faults ?? []).forEach((fault, index) => {
    const at = (kind: string, key: string): PathSegment[] => ['faults', index, kind, key];
    const host = (segments: PathSegment[], name: string) => {
      if (isHost(name)) return true;
      report(segments, () => detail('unknown-name', declared('host', hostNames), shownValue(name)));
      return false;
    };
    if ('crash' in fault) host(at('crash', 'host'), fault.crash.host);
    else if ('inject' in fault) {
      host(at('inject', 'from'), fault.inject.from);
      const to = splitHostPort(fault.inject.to) as { host: string; port: number };
      if (!isHost(to.host))
        report(at('inject', 'to'), () =>
          detail('unknown-name', declared('host', hostNames), shownValue(fault.inject.to)),
        );
    } else {
      const [kind, rule] = 'drop' in fault ? ['drop', fault.drop] : ['delay', fault.delay];
      const known = host(at(kind, 'from'), rule.from);
      if (rule.conn === undefined) return;
      const name = rule.conn;
      const conn = conns.get(name);
      if (!conn)
        report(at(kind, 'conn'), () => detail('unknown-name', declared('conn', connNames), shownValue(name)));
      else if (known && rule.from !== conn.host && rule.from !== conn.toHost)
        report(at(kind, 'from'), () => detail('not-an-end', connEnd(name, conn), shownValue(rule.from)));
    }
  });
}

function connEnd(name: string, conn: Conn): Expected {
  return {
    kind: 'conn-end',
    conn: name,
    hosts: conn.host === conn.toHost ? [conn.host] : [conn.host, conn.toHost],
  };
}

/**
 * The earlier connection holding a pinned port is over, as far as the file says, by the later connect: its
 * host closed or aborted it before, or crashed in between (at equal times actions run before faults, so
 * a crash at the earlier connect's time comes after it, and one at the later connect's time after that).
 */
function ended(previous: Conn, later: Conn, crashes: Map<string, number[]>): boolean {
  if (previous.endedAt !== undefined && previous.endedAt < later.pos) return true;
  return (crashes.get(previous.host) ?? []).some((t) => t >= previous.at && t < later.at);
}
