/**
 * Properties of the v2 validator (issue 12): random valid v2 scenarios (1–16 hosts, listens, connects,
 * sends, closes and aborts by either end after the connect, listener closes, every fault kind) validate;
 * one mutation of a kind a person makes (an undeclared host or conn, a conn used before its connect, a
 * duplicate address or conn, a port or address out of range, a typo'd key) makes them fail, with an issue
 * at the path the mutation touched (or, for a use before its connect, at each use), and every reported
 * path exists in the input (for a missing key, its object does). Seeds are pinned: the runs are the same
 * each time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAnyScenario, parseScenarioV2, type ScenarioIssue } from '../../src/scenarios';

type Segment = string | number;
type Obj = Record<string, unknown>;
type Scenario = Obj & { hosts: Record<string, Obj>; actions: Obj[]; faults: Obj[] };

const nameArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/);
const addressArb = fc
  .tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.nat(255))
  .map((octets) => octets.join('.'));

const stepArb = fc.record({
  kind: fc.constantFrom('listen', 'connect', 'connect', 'send', 'close', 'abort', 'close-listener'),
  a: fc.nat(),
  b: fc.nat(),
  pin: fc.boolean(),
  dt: fc.integer({ min: 0, max: 100 }),
  bytes: fc.integer({ min: 1, max: 100_000 }),
});

const faultArb = fc.record({
  kind: fc.constantFrom('drop', 'delay', 'inject', 'crash'),
  a: fc.nat(),
  b: fc.nat(),
  useConn: fc.boolean(),
  nth: fc.integer({ min: 1, max: 5 }),
});

const scenarioArb = fc
  .record({
    names: fc.uniqueArray(nameArb, { minLength: 1, maxLength: 16 }),
    addresses: fc.uniqueArray(addressArb, { minLength: 16, maxLength: 16 }),
    profile: fc.constantFrom('rfc', 'linux'),
    steps: fc.array(stepArb, { maxLength: 40 }),
    faults: fc.array(faultArb, { maxLength: 6 }),
  })
  .map(build);

/** A valid scenario from the drawn numbers: every reference made to something already declared. */
function build(d: {
  names: string[];
  addresses: string[];
  profile: string;
  steps: { kind: string; a: number; b: number; pin: boolean; dt: number; bytes: number }[];
  faults: { kind: string; a: number; b: number; useConn: boolean; nth: number }[];
}): Scenario {
  const names = d.names;
  const pick = <T>(list: readonly T[], k: number): T => list[k % list.length] as T;
  const hosts: Record<string, Obj> = {};
  names.forEach((name, i) => {
    hosts[name] = { address: d.addresses[i] };
  });
  const conns: { name: string; host: string; to: string }[] = [];
  const listens: { host: string; port: number }[] = [];
  const actions: Obj[] = [];
  let at = 0;
  for (const step of d.steps) {
    at += step.dt;
    const host = pick(names, step.a);
    switch (step.kind) {
      case 'listen': {
        const port = 1 + (step.b % 65535);
        listens.push({ host, port });
        actions.push({
          at,
          host,
          call: 'listen',
          port,
          ...(step.pin ? { backlog: 1 + (step.b % 65535) } : {}),
        });
        break;
      }
      case 'connect': {
        const to = pick(names, step.b);
        const name = `c${conns.length + 1}`;
        conns.push({ name, host, to });
        // Pinned ports are distinct per connect, so no two hold one 4-tuple.
        const pin = step.pin ? { port: 1024 + conns.length } : {};
        actions.push({ at, host, call: 'connect', to: `${to}:${1 + (step.b % 65535)}`, conn: name, ...pin });
        break;
      }
      case 'close-listener': {
        if (listens.length === 0) break;
        const l = pick(listens, step.b);
        actions.push({ at, host: l.host, call: step.pin ? 'close' : 'abort', port: l.port });
        break;
      }
      default: {
        if (conns.length === 0) break;
        const c = pick(conns, step.b);
        const end = step.a % 2 === 0 ? c.host : c.to;
        const bytes = step.kind === 'send' ? { bytes: step.bytes } : {};
        actions.push({ at, host: end, call: step.kind, conn: c.name, ...bytes });
      }
    }
  }
  const faults: Obj[] = d.faults.map((f) => {
    const host = pick(names, f.a);
    switch (f.kind) {
      case 'crash':
        return { crash: { at: f.b % 1000, host } };
      case 'inject':
        return {
          inject: {
            at: f.b % 1000,
            from: host,
            port: 1 + (f.b % 65535),
            to: `${pick(names, f.b)}:80`,
            segment: { seq: f.b, flags: ['SYN'] },
          },
        };
      default: {
        const c = f.useConn && conns.length > 0 ? pick(conns, f.b) : undefined;
        const rule: Obj = { from: c ? (f.a % 2 ? c.host : c.to) : host, flags: ['SYN'], nth: f.nth };
        if (c) rule.conn = c.name;
        if (f.kind === 'delay') rule.ms = f.b % 1000;
        return { [f.kind]: rule };
      }
    }
  });
  return { version: 2, profile: d.profile, hosts, actions, faults };
}

/** "$.actions[10].at" → ["actions", 10, "at"]; `$.hosts["a b"]` → ["hosts", "a b"]. */
function segmentsOf(path: string): Segment[] {
  const segments: Segment[] = [];
  const token = /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  token.lastIndex = 1;
  for (let m = token.exec(path); m; m = token.exec(path)) {
    segments.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] as string) as string)));
    if (token.lastIndex === path.length) break;
  }
  return segments;
}

function exists(root: unknown, segments: readonly Segment[]): boolean {
  let node = root;
  for (const s of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, s)) return false;
    node = (node as Record<Segment, unknown>)[s];
  }
  return true;
}

function pathOf(segments: readonly Segment[]): string {
  return segments.reduce<string>(
    (p, s) =>
      typeof s === 'number'
        ? `${p}[${s}]`
        : /^[A-Za-z_$][\w$]*$/.test(s)
          ? `${p}.${s}`
          : `${p}[${JSON.stringify(s)}]`,
    '$',
  );
}

/** A mutation: changes the scenario in place and returns the paths an issue is expected at, or null if it does not apply. */
type Mutation = (s: Scenario, k: number) => Segment[][] | null;

const UNDECLARED = 'Undeclared-zz9';

const MUTATIONS: Record<string, Mutation> = {
  'undeclared host in an action': (s, k) => {
    if (s.actions.length === 0 || Object.hasOwn(s.hosts, UNDECLARED)) return null;
    const i = k % s.actions.length;
    (s.actions[i] as Obj).host = UNDECLARED;
    return [['actions', i, 'host']];
  },
  'undeclared conn': (s, k) => {
    const uses = s.actions.flatMap((a, i) => (typeof a.conn === 'string' && a.call !== 'connect' ? [i] : []));
    if (uses.length === 0) return null;
    const i = uses[k % uses.length] as number;
    (s.actions[i] as Obj).conn = 'noSuchConn';
    return [['actions', i, 'conn']];
  },
  'connect moved after its uses': (s, k) => {
    const connects = s.actions.flatMap((a, i) => (a.call === 'connect' ? [i] : []));
    const used = connects.filter((i) =>
      s.actions.some((a, j) => j !== i && a.call !== 'connect' && a.conn === s.actions[i]?.conn),
    );
    if (used.length === 0) return null;
    const i = used[k % used.length] as number;
    const conn = (s.actions[i] as Obj).conn;
    const last = Math.max(...s.actions.map((a) => a.at as number));
    (s.actions[i] as Obj).at = last + 1;
    return s.actions.flatMap((a, j) =>
      j !== i && a.call !== 'connect' && a.conn === conn ? [['actions', j, 'conn']] : [],
    );
  },
  'duplicate address': (s, k) => {
    const names = Object.keys(s.hosts);
    if (names.length < 2) return null;
    const j = 1 + (k % (names.length - 1));
    (s.hosts[names[j] as string] as Obj).address = (s.hosts[names[0] as string] as Obj).address;
    return [['hosts', names[j] as string, 'address']];
  },
  'malformed address': (s, k) => {
    const names = Object.keys(s.hosts);
    const name = names[k % names.length] as string;
    (s.hosts[name] as Obj).address = ['1.2.3', '01.2.3.4', '239.1.1.1', '1.2.3.256'][k % 4];
    return [['hosts', name, 'address']];
  },
  'duplicate conn': (s, k) => {
    const connects = s.actions.flatMap((a, i) => (a.call === 'connect' ? [i] : []));
    if (connects.length < 2) return null;
    const j = connects[1 + (k % (connects.length - 1))] as number;
    const conn = (s.actions[j] as Obj).conn;
    // Uses of the renamed conn would become uses of the first: only rename one nobody uses.
    if (
      s.actions.some((a) => a.call !== 'connect' && a.conn === conn) ||
      s.faults.some((f) => (Object.values(f)[0] as Obj).conn === conn)
    )
      return null;
    (s.actions[j] as Obj).conn = (s.actions[connects[0] as number] as Obj).conn;
    return [['actions', j, 'conn']];
  },
  'port out of range': (s, k) => {
    const ported = s.actions.flatMap((a, i) => (a.port !== undefined ? [i] : []));
    if (ported.length === 0) return null;
    const i = ported[k % ported.length] as number;
    (s.actions[i] as Obj).port = k % 2 ? 0 : 65536;
    return [['actions', i, 'port']];
  },
  'typo in a key': (s, k) => {
    if (s.actions.length === 0) return null;
    const i = k % s.actions.length;
    (s.actions[i] as Obj).hots = 1;
    return [['actions', i, 'hots']];
  },
  'crash of an undeclared host': (s, k) => {
    if (Object.hasOwn(s.hosts, UNDECLARED)) return null;
    s.faults.push({ crash: { at: k % 100, host: UNDECLARED } });
    return [['faults', s.faults.length - 1, 'crash', 'host']];
  },
};

describe('random valid v2 scenarios', () => {
  it('validate, and come back unchanged', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const result = parseScenarioV2(s);
        expect(result.ok || result.issues.map((i) => `${i.path}: ${i.message}`)).toBe(true);
        expect(result.ok && result.scenario).toEqual(s);
      }),
      { seed: 20_261_202, numRuns: 300 },
    );
  });

  for (const [name, mutate] of Object.entries(MUTATIONS))
    it(`with one mutation (${name}) fail at a path that exists in the input`, () => {
      fc.assert(
        fc.property(scenarioArb, fc.nat(), (s, k) => {
          const mutated = structuredClone(s);
          const expected = mutate(mutated, k);
          fc.pre(expected !== null && expected.length > 0);
          const result = parseAnyScenario(mutated);
          expect(result.ok).toBe(false);
          if (result.ok) return;
          for (const issue of result.issues as ScenarioIssue[]) {
            const segments = segmentsOf(issue.path);
            const where = issue.code === 'missing-key' ? segments.slice(0, -1) : segments;
            expect(exists(mutated, where), `${issue.path}: ${issue.message}`).toBe(true);
          }
          const paths = result.issues.map((i) => i.path);
          for (const p of expected as Segment[][]) expect(paths).toContain(pathOf(p));
        }),
        { seed: 7 + name.length, numRuns: 150 },
      );
    });
});
