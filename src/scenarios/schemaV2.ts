/**
 * The valibot schema of scenario JSON version 2 (issue 12): the shape of each value, with the ranges a user
 * can act on, in the same issue-as-data messages as v1 (schema.ts). What only the whole file shows (a conn
 * used before its connect, an undeclared host, two hosts with one address) is checked after it, in
 * validateV2.ts. Every list and string has a limit.
 */
import * as v from 'valibot';
import { MAX_ACTIONS, MAX_DELAY_MS, MAX_FAULTS, MAX_SEND_BYTES } from '../tcp/limits';
import { MAX_HOSTS } from '../tcp/scenarioV2';
import type { Expected } from './issue';
import {
  boolean,
  boundedArray,
  CALLS,
  DELAY,
  detail,
  expected,
  finiteNumber,
  integer,
  isnSchema,
  isPlainObject,
  networkSchema,
  note,
  oneKindFault,
  oneOf,
  optionsSchema,
  PROFILES,
  positiveInteger,
  segmentSchema,
  strictRecord,
  text,
  time,
  u32,
  uniqueFlags,
} from './schema';
import type { ScenarioV2Input } from './typesV2';

export { DEFAULT_BACKLOG, EPHEMERAL_PORTS, MAX_CONNECTIONS, MAX_HOSTS } from '../tcp/scenarioV2';

/** The largest backlog a file may ask for: the largest port-sized number (issue 12 pins 1–65535). */
export const MAX_BACKLOG = 65535;

/** Host and conn names: a letter, then up to 31 letters, digits, "-" or "_" (so "server:80" splits at ':'). */
export const NAME_MAX_LENGTH = 32;
export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * A host's own address: four decimal octets without leading zeros (inet_aton(3) would read "010" as
 * octal), unicast: not 0.0.0.0/8 ("this network", RFC 1122 §3.2.1.3: never a source or destination of a
 * connection), nor 224.0.0.0/4 (multicast, RFC 5771), nor 240.0.0.0/4 (reserved, RFC 1112 §4) with the
 * broadcast address 255.255.255.255 (RFC 919) in it. TCP is unicast: a SYN to a broadcast or multicast
 * address is silently discarded (RFC 9293 §3.9.1, MUST-57 in RFC 1122's words).
 */
export function isUnicastIpv4(text: string): boolean {
  const match = DOTTED.exec(text);
  if (!match) return false;
  const first = Number(match[1]);
  return first >= 1 && first <= 223;
}

/** "server:80": a name, a colon, a port 1–65535 without leading zeros. The parts, or null. */
export function splitHostPort(text: string): { host: string; port: number } | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const host = text.slice(0, colon);
  const digits = text.slice(colon + 1);
  if (!NAME_PATTERN.test(host) || !/^[1-9][0-9]{0,4}$/.test(digits)) return null;
  const port = Number(digits);
  return port <= 65535 ? { host, port } : null;
}

const NAME: Expected = { kind: 'name', maxLength: NAME_MAX_LENGTH };

function nameSchema() {
  return v.pipe(
    v.string(expected(NAME)),
    v.check((s) => NAME_PATTERN.test(s), expected(NAME)),
  );
}

function patterned(what: Expected, test: (s: string) => boolean) {
  return v.pipe(v.string(expected(what)), v.check(test, expected(what)));
}

const name = nameSchema();
const port = integer(1, 65535);
const hostPort = patterned({ kind: 'host-port' }, (s) => splitHostPort(s) !== null);

const hostSchema = strictRecord(
  {
    address: patterned({ kind: 'ipv4' }, isUnicastIpv4),
    profile: v.optional(oneOf(PROFILES)),
    isn: v.optional(isnSchema),
    window: v.optional(integer(1, 65535)),
    mss: v.optional(integer(1, 65535)),
    delayedAck: v.optional(boolean()),
    closeOnEof: v.optional(boolean()),
    closeOnConnect: v.optional(boolean()),
  },
  'host',
);

/** Own keys of an object, counted up to `stop` (a file with a million hosts is not walked to the end). */
function countKeys(value: Record<string, unknown>, stop: number): number {
  let n = 0;
  for (const key in value) if (Object.hasOwn(value, key) && ++n >= stop) return n;
  return n;
}

const HOSTS_OBJECT = expected({ kind: 'object', object: 'hosts' });

/** 1 to MAX_HOSTS hosts, the count checked before the hosts themselves. */
export const hostsSchema = v.pipe(
  v.custom<Record<string, unknown>>(isPlainObject, HOSTS_OBJECT),
  v.check((hosts) => countKeys(hosts, 1) >= 1, HOSTS_OBJECT),
  v.check(
    (hosts) => countKeys(hosts, MAX_HOSTS + 1) <= MAX_HOSTS,
    (issue) =>
      note(() =>
        detail(
          'too-many',
          { kind: 'at-most', max: MAX_HOSTS, of: 'hosts' },
          { kind: 'count', count: Object.keys(issue.input as object).length },
        ),
      ),
  ),
  v.record(name, hostSchema, HOSTS_OBJECT),
);

const at = time;

const listenSchema = strictRecord(
  {
    at,
    host: name,
    call: oneOf(['listen'] as const),
    port,
    backlog: v.optional(integer(1, MAX_BACKLOG)),
  },
  'action',
);

const connectSchema = strictRecord(
  {
    at,
    host: name,
    call: oneOf(['connect'] as const),
    to: hostPort,
    conn: name,
    port: v.optional(port),
    iss: v.optional(u32),
  },
  'action',
);

const sendSchema = strictRecord(
  {
    at,
    host: name,
    call: oneOf(['send'] as const),
    conn: name,
    bytes: integer(1, MAX_SEND_BYTES),
  },
  'action',
);

const closeSchema = v.pipe(
  strictRecord(
    {
      at,
      host: name,
      call: oneOf(['close', 'abort'] as const),
      conn: v.optional(name),
      port: v.optional(port),
    },
    'action',
  ),
  v.check(
    (action) => (action.conn === undefined) !== (action.port === undefined),
    (issue) =>
      note(() => {
        const action = issue.input as Record<string, unknown>;
        const given = ['conn', 'port'].filter((key) => Object.hasOwn(action, key));
        return detail(
          'invalid-value',
          { kind: 'conn-or-port' },
          given.length === 0 ? { kind: 'nothing' } : { kind: 'kinds', kinds: given },
        );
      }),
  ),
);

/** A call that is not one of the five: its keys are not checked against any call's, only `call` is. */
const someCallSchema = strictRecord(
  {
    at,
    host: name,
    call: oneOf(CALLS),
    port: v.optional(v.unknown()),
    backlog: v.optional(v.unknown()),
    to: v.optional(v.unknown()),
    conn: v.optional(v.unknown()),
    iss: v.optional(v.unknown()),
    bytes: v.optional(v.unknown()),
  },
  'action',
);

const notAnAction = v.custom<never>(() => false, expected({ kind: 'object', object: 'action' }));

const BY_CALL: Record<string, v.GenericSchema> = {
  listen: listenSchema,
  connect: connectSchema,
  send: sendSchema,
  close: closeSchema,
  abort: closeSchema,
};

/** An action: its keys are those of its call (a connect has no bytes, a send no port). */
export const actionV2Schema = v.pipe(
  v.lazy((input): v.GenericSchema => {
    if (!isPlainObject(input)) return notAnAction;
    const call = input.call;
    return (
      (typeof call === 'string' && Object.hasOwn(BY_CALL, call) ? BY_CALL[call] : undefined) ?? someCallSchema
    );
  }),
  v.transform((action) => action as ScenarioV2Input['actions'][number]),
);

const delayMs = v.pipe(
  v.number(expected(DELAY)),
  v.finite(expected(DELAY)),
  v.minValue(0, expected(DELAY)),
  v.maxValue(MAX_DELAY_MS, expected(DELAY)),
);

const ruleEntries = {
  from: name,
  conn: v.optional(name),
  flags: uniqueFlags,
  nth: positiveInteger(),
  count: v.optional(positiveInteger()),
};

const FAULT_KINDS = ['drop', 'delay', 'inject', 'crash'] as const;

export const faultV2Schema = v.pipe(
  oneKindFault(
    {
      drop: v.optional(strictRecord(ruleEntries, 'drop-v2')),
      delay: v.optional(strictRecord({ ...ruleEntries, ms: delayMs }, 'delay-v2')),
      inject: v.optional(
        strictRecord({ at, from: name, port, to: hostPort, segment: segmentSchema }, 'inject-v2'),
      ),
      crash: v.optional(strictRecord({ at, host: name }, 'crash-v2')),
    },
    FAULT_KINDS,
  ),
  // oneKindFault guarantees exactly one kind, which is what FaultV2's union says.
  v.transform((fault) => fault as NonNullable<ScenarioV2Input['faults']>[number]),
);

const scenarioV2Entries = {
  version: v.literal(2, expected({ kind: 'versions', versions: [1, 2] })),
  name: v.optional(text(200)),
  description: v.optional(text(2000)),
  seed: v.optional(u32),
  profile: v.optional(oneOf(PROFILES)),
  network: v.optional(networkSchema),
  options: v.optional(optionsSchema),
  hosts: hostsSchema,
  actions: boundedArray(actionV2Schema, MAX_ACTIONS, 'actions'),
  faults: v.optional(boundedArray(faultV2Schema, MAX_FAULTS, 'faults')),
};

/** The whole v2 scenario's shape (validateV2.ts adds the checks across it). */
export const scenarioV2Schema = strictRecord(scenarioV2Entries, 'scenario');

/** The scenario with its actions and faults checked only as arrays of the allowed length (as v1's shell). */
export const scenarioV2ShellSchema = strictRecord(
  {
    ...scenarioV2Entries,
    actions: boundedArray(v.unknown(), MAX_ACTIONS, 'actions'),
    faults: v.optional(boundedArray(v.unknown(), MAX_FAULTS, 'faults')),
  },
  'scenario',
);

export { finiteNumber };

// The schema's output must be exactly the v2 input type.
type SchemaOutput = v.InferOutput<typeof scenarioV2Schema>;
const _outputIsScenarioV2: (output: SchemaOutput) => ScenarioV2Input = (output) => output;
void _outputIsScenarioV2;
