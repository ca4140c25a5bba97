/**
 * The valibot schema of scenario JSON version 1: exactly `ScenarioInput` (src/tcp/types.ts), with the
 * ranges a user can act on. Each message is an issue as data (what was expected, what was got; src/scenarios/issue.ts),
 * so the CLI can print it in English and the page in the reader's language.
 */
import * as v from 'valibot';
import {
  MAX_ACTIONS,
  MAX_DELAY_MS,
  MAX_EVENTS,
  MAX_FAULTS,
  MAX_SEND_BYTES,
  MAX_TIME_MS,
} from '../tcp/limits';
import type { EndpointName, Flag, Profile, ScenarioInput, UserCall } from '../tcp/types';
import {
  clip,
  ECHO_MAX_CHARS,
  type Expected,
  type Got,
  gotEnglish,
  type IssueCode,
  type IssueDetail,
  longerThan,
  type ObjectName,
} from './issue';

// The limits live with the engine (src/tcp/limits.ts, where each is explained), so that a scenario
// inferred from a capture is kept inside them too.
export { MAX_ACTIONS, MAX_FAULTS };

const U32_MAX = 4_294_967_295;

export const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const satisfies readonly Flag[];
const ENDPOINTS = ['A', 'B'] as const satisfies readonly EndpointName[];
export const CALLS = ['listen', 'connect', 'send', 'close', 'abort'] as const satisfies readonly UserCall[];
export const PROFILES = ['rfc', 'linux'] as const satisfies readonly Profile[];
const FAULT_KINDS = ['drop', 'delay', 'inject', 'crash'] as const;

/** A received value as a user would write it in JSON, cut to a readable length. Never throws. */
export function shownValue(value: unknown): Got {
  let text: string;
  try {
    if (value === undefined) return { kind: 'nothing' };
    if (typeof value === 'number')
      text = String(value); // JSON.stringify would print NaN as null
    else if (typeof value === 'bigint') text = `${value}n`;
    else if (typeof value === 'symbol') text = value.toString();
    else if (typeof value === 'function') return { kind: 'function' };
    else text = jsonPreview(value, ECHO_MAX_CHARS + 1) ?? String(value);
  } catch {
    return { kind: 'unprintable', array: Array.isArray(value), type: typeof value };
  }
  return { kind: 'value', json: clip(text) };
}

/**
 * The start of a value's JSON text, at least `room` characters of it when there are that many: a 1 MB
 * string or a 10,000-element array is not written out in full only to be cut to a few dozen characters.
 */
function jsonPreview(value: unknown, room: number): string | undefined {
  // 2 UTF-16 units per character at most: enough characters to show that the value was cut.
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 2 * (room + 1)));
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return JSON.stringify(value);
  // Each level adds at least one character, so the recursion is bounded by `room`.
  if (room <= 0) return Array.isArray(value) ? '[' : '{';
  let text = Array.isArray(value) ? '[' : '{';
  let first = true;
  if (Array.isArray(value)) {
    for (const item of value) {
      if (text.length > room) return text;
      text += `${first ? '' : ','}${jsonPreview(item, room - text.length) ?? 'null'}`;
      first = false;
    }
    return `${text}]`;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (text.length > room) return text;
    const item = jsonPreview((value as Record<string, unknown>)[key], room - text.length);
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key.slice(0, 2 * (room + 1)))}:${item}`;
    first = false;
  }
  return `${text}}`;
}

/** The received value in English ("nothing", "a function", or the value as JSON). */
export function showValue(value: unknown): string {
  return gotEnglish(shownValue(value));
}

/**
 * valibot carries a message as a string, so an issue travels through it behind a marker that no English
 * sentence starts with; `readDetail` (validate.ts) turns it back into data. While `withLazyDetails` runs,
 * the marker holds only a number and the detail is made later, for the few issues that are reported: a
 * scenario with 60,000 mistakes costs 60,000 small closures, not 60,000 JSON texts.
 */
const DETAIL_MARK = '\u0000issue:';
const PENDING_MARK = `${DETAIL_MARK}#`;

let pending: (() => IssueDetail)[] | null = null;

/**
 * Run a validation with its issues' details made lazily; `detailOf` turns a message of the run into its
 * detail (call it only for the issues that are reported).
 */
export function withLazyDetails<T>(run: () => T): {
  result: T;
  detailOf: (message: string) => IssueDetail | null;
} {
  const own: (() => IssueDetail)[] = [];
  const outer = pending;
  pending = own;
  let result: T;
  try {
    result = run();
  } finally {
    pending = outer;
  }
  const detailOf = (message: string) => {
    if (message.startsWith(PENDING_MARK)) {
      const make = own[Number(message.slice(PENDING_MARK.length))];
      return make ? make() : null;
    }
    return readDetail(message);
  };
  return { result, detailOf };
}

/** A message of this schema: pending while `withLazyDetails` runs, else the detail as JSON. */
export function note(make: () => IssueDetail): string {
  if (!pending) return DETAIL_MARK + JSON.stringify(make());
  pending.push(make);
  return PENDING_MARK + (pending.length - 1);
}

/** The issue a message of this schema carries, or null for a message valibot wrote itself. */
export function readDetail(message: string): IssueDetail | null {
  if (!message.startsWith(DETAIL_MARK) || message.startsWith(PENDING_MARK)) return null;
  try {
    return JSON.parse(message.slice(DETAIL_MARK.length)) as IssueDetail;
  } catch {
    return null;
  }
}

export function detail(code: IssueCode, expected: Expected, got: Got): IssueDetail {
  return { code, expected, got };
}

/** A message function: "expected <what>, got <the received value>". */
export function expected(what: Expected) {
  return (issue: v.BaseIssue<unknown>) => note(() => detail('invalid-value', what, shownValue(issue.input)));
}

/** The length of the array an at-most check rejected. */
function count(issue: v.BaseIssue<unknown>): Got {
  return { kind: 'count', count: Array.isArray(issue.input) ? issue.input.length : Number(issue.received) };
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Closest known key for a typo (case-insensitive match or edit distance ≤ 2), if any. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  const sameCase = known.find((k) => k.toLowerCase() === lower);
  if (sameCase) return sameCase;
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * A JSON object with exactly these keys (an unknown key is an error, so typos are caught; valibot reports
 * the first unknown key of an object, so a million of them are one issue). `what` names
 * the object in the message shown when the value is not an object at all.
 */
export function strictRecord<const TEntries extends v.ObjectEntries>(entries: TEntries, what: ObjectName) {
  const known = Object.keys(entries);
  const keyMessage = (issue: v.BaseIssue<unknown>): string =>
    note(() => {
      if (issue.expected === 'never') {
        const key = String(issue.input);
        const suggestion = suggestKey(key, known);
        const expectedKey: Expected = suggestion
          ? { kind: 'known-key', suggestion, allowed: known }
          : { kind: 'known-key', allowed: known };
        return detail('unknown-key', expectedKey, { kind: 'key', key: clip(key) });
      }
      // valibot names the missing key as it would print it: "\"actions\"".
      const missing = String(issue.expected ?? '').replace(/^"(.*)"$/, '$1');
      return detail('missing-key', { kind: 'key', key: missing }, { kind: 'nothing' });
    });
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, expected({ kind: 'object', object: what })),
    v.strictObject(entries, keyMessage),
  );
}

export function integer(min: number, max: number) {
  const message = expected({ kind: 'integer', min, max });
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
  );
}

export function positiveInteger() {
  const message = expected({ kind: 'integer', min: 1 });
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isSafeInteger(n) && n >= 1, message),
  );
}

export function finiteNumber(min: number, max: number) {
  const message = expected({ kind: 'number', min, max });
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isFinite(n) && n >= min && n <= max, message),
  );
}

export function oneOf<const TOptions extends readonly string[]>(options: TOptions) {
  return v.picklist(options, expected({ kind: 'one-of', options: [...options] }));
}

/** A string of at most `maxLength` characters, counted as a reader does: in code points, so 😀 is one. */
export function text(maxLength: number) {
  const message = expected({ kind: 'string', maxLength });
  return v.pipe(
    v.string(message),
    v.check((s) => !longerThan(s, maxLength), message),
  );
}

export function boolean() {
  return v.boolean(expected({ kind: 'boolean' }));
}

export const u32 = integer(0, U32_MAX);
export const time = finiteNumber(0, MAX_TIME_MS);
const endpointName = oneOf(ENDPOINTS);
const flag = oneOf(FLAGS);

export const networkSchema = strictRecord(
  {
    latencyMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
    jitterMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
    lossRate: v.optional(finiteNumber(0, 1)),
    duplicateRate: v.optional(finiteNumber(0, 1)),
    reorderRate: v.optional(finiteNumber(0, 1)),
    reorderDelayMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
  },
  'network',
);

const ISN: Expected = { kind: 'isn', max: U32_MAX, maxItems: MAX_ACTIONS };
// One ISN per connection an endpoint opens, so never more than there are actions; the length is checked
// before the items, so a huge array is one issue.
export const isnSchema = v.union(
  [
    u32,
    v.pipe(
      v.array(v.unknown()),
      v.minLength(1, expected(ISN)),
      v.maxLength(MAX_ACTIONS, expected(ISN)),
      v.array(u32),
    ),
  ],
  expected(ISN),
);

const endpointSchema = strictRecord(
  {
    port: v.optional(integer(1, 65535)),
    isn: v.optional(isnSchema),
    window: v.optional(integer(1, 65535)),
    mss: v.optional(integer(1, 65535)),
    closeOnEof: v.optional(boolean()),
    closeOnConnect: v.optional(boolean()),
  },
  'endpoint',
);

const endpointsSchema = strictRecord(
  { A: v.optional(endpointSchema), B: v.optional(endpointSchema) },
  'endpoints',
);

export const optionsSchema = strictRecord(
  {
    mslMs: v.optional(finiteNumber(1, 3_600_000)),
    delayedAck: v.optional(boolean()),
    handshake: v.optional(oneOf(['three-way', 'two-way'] as const)),
    maxTimeMs: v.optional(finiteNumber(1, MAX_TIME_MS)),
    maxEvents: v.optional(integer(1, MAX_EVENTS)),
  },
  'options',
);

export const actionSchema = v.pipe(
  strictRecord(
    {
      at: time,
      endpoint: endpointName,
      call: oneOf(CALLS),
      bytes: v.optional(integer(1, MAX_SEND_BYTES)),
    },
    'action',
  ),
  // bytes goes with send and only with send; these run even when other keys of the action are wrong.
  v.forward(
    v.partialCheck(
      [['call'], ['bytes']],
      (action) => action.call !== 'send' || action.bytes !== undefined,
      () =>
        note(() =>
          detail(
            'invalid-value',
            { kind: 'bytes-for-send', min: 1, max: MAX_SEND_BYTES },
            { kind: 'nothing' },
          ),
        ),
    ),
    ['bytes'],
  ),
  v.forward(
    v.partialCheck(
      [['call'], ['bytes']],
      (action) => action.call === 'send' || action.bytes === undefined,
      (issue) =>
        note(() => {
          const action = issue.input as { call?: unknown; bytes?: unknown };
          return detail(
            'invalid-value',
            { kind: 'no-bytes' },
            { kind: 'bytes-with-call', bytes: shownValue(action.bytes), call: shownValue(action.call) },
          );
        }),
    ),
    ['bytes'],
  ),
);

const FLAG_SET: Expected = { kind: 'flags', options: [...FLAGS], nonEmptyUnique: true };

// More flags than there are is a repeated flag: rejected before the items are looked at.
export const uniqueFlags = v.pipe(
  v.array(v.unknown(), expected(FLAG_SET)),
  v.minLength(1, expected(FLAG_SET)),
  v.maxLength(FLAGS.length, expected(FLAG_SET)),
  v.array(flag, expected(FLAG_SET)),
  v.check((flags) => new Set(flags).size === flags.length, expected(FLAG_SET)),
);

const dropSchema = strictRecord(
  {
    from: endpointName,
    flags: uniqueFlags,
    nth: positiveInteger(),
    count: v.optional(positiveInteger()),
  },
  'drop',
);

export const DELAY: Expected = { kind: 'delay-ms', min: 0, max: MAX_DELAY_MS };

const delaySchema = strictRecord(
  {
    from: endpointName,
    flags: uniqueFlags,
    nth: positiveInteger(),
    count: v.optional(positiveInteger()),
    ms: v.pipe(
      v.number(expected(DELAY)),
      v.finite(expected(DELAY)),
      v.minValue(0, expected(DELAY)),
      v.maxValue(MAX_DELAY_MS, expected(DELAY)),
    ),
  },
  'delay',
);

/**
 * An injected segment's flags may repeat (the engine reads them as a set); more than 16 is not a mistake
 * worth an issue per item, so the length is checked first.
 */
const MAX_SEGMENT_FLAGS = 16;

function segmentFlags() {
  const message = expected({
    kind: 'flags',
    options: [...FLAGS],
    nonEmptyUnique: false,
    maxItems: MAX_SEGMENT_FLAGS,
  });
  return v.pipe(
    v.array(v.unknown(), message),
    v.maxLength(MAX_SEGMENT_FLAGS, message),
    v.array(flag, message),
  );
}

export const segmentSchema = strictRecord(
  {
    seq: u32,
    ack: v.optional(u32),
    flags: segmentFlags(),
    len: v.optional(integer(0, 65535)),
    win: v.optional(integer(0, 65535)),
  },
  'segment',
);

const injectSchema = strictRecord({ at: time, from: endpointName, segment: segmentSchema }, 'inject');

const crashSchema = strictRecord({ at: time, endpoint: endpointName }, 'crash');

export const faultSchema = v.pipe(
  oneKindFault(
    {
      drop: v.optional(dropSchema),
      delay: v.optional(delaySchema),
      inject: v.optional(injectSchema),
      crash: v.optional(crashSchema),
    },
    FAULT_KINDS,
  ),
  // The check in oneKindFault guarantees exactly one kind, which is what FaultInput's union says.
  v.transform((fault) => fault as NonNullable<ScenarioInput['faults']>[number]),
);

/** A fault object with exactly one of `kinds` (each entry optional in `entries`); v2 faults use it too. */
export function oneKindFault<const TEntries extends v.ObjectEntries>(
  entries: TEntries,
  kinds: readonly string[],
) {
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, expected({ kind: 'fault-object', options: [...kinds] })),
    // Checked on the raw object first: with zero or two kinds, the other messages would only add noise.
    v.check(
      (fault) => kinds.filter((kind) => Object.hasOwn(fault, kind)).length === 1,
      (issue) =>
        note(() => {
          const keys = Object.keys(issue.input as Record<string, unknown>);
          const given = kinds.filter((kind) => keys.includes(kind));
          const oneKind: Expected = { kind: 'one-fault-kind', options: [...kinds] };
          if (given.length > 0) return detail('invalid-value', oneKind, { kind: 'kinds', kinds: given });
          if (keys.length === 0) return detail('invalid-value', oneKind, { kind: 'empty-object' });
          const hint = keys.map((key) => suggestKey(key, kinds)).find((kind) => kind !== undefined);
          const shownKeys = gotEnglish(shownValue(keys.join(', ')));
          const got: Got = hint
            ? { kind: 'keys', keys: shownKeys, suggestion: hint }
            : { kind: 'keys', keys: shownKeys };
          return detail('invalid-value', oneKind, got);
        }),
    ),
    strictRecord(entries, 'fault'),
  );
}

/**
 * An array of at most `max` items, its length checked before its items: 100,000 bad actions are one
 * issue ("at most 10000"), not 300,000.
 */
export function boundedArray<const TItem extends v.GenericSchema>(
  item: TItem,
  max: number,
  of: 'actions' | 'faults',
) {
  const notArray = expected({ kind: 'array', of });
  return v.pipe(
    v.array(v.unknown(), notArray),
    v.maxLength(max, (issue) => note(() => detail('too-many', { kind: 'at-most', max, of }, count(issue)))),
    v.array(item, notArray),
  );
}

const scenarioEntries = {
  version: v.literal(1, expected({ kind: 'version', version: 1 })),
  name: v.optional(text(200)),
  description: v.optional(text(2000)),
  seed: v.optional(u32),
  profile: v.optional(oneOf(PROFILES)),
  network: v.optional(networkSchema),
  endpoints: v.optional(endpointsSchema),
  options: v.optional(optionsSchema),
  actions: boundedArray(actionSchema, MAX_ACTIONS, 'actions'),
  faults: v.optional(boundedArray(faultSchema, MAX_FAULTS, 'faults')),
};

/** The whole scenario. */
export const scenarioSchema = strictRecord(scenarioEntries, 'scenario');

/**
 * The scenario with its actions and faults checked only as arrays of the allowed length: validate.ts
 * checks their items one at a time with `actionSchema` and `faultSchema`, so the issues of 10,000 bad
 * actions are counted without being kept.
 */
export const scenarioShellSchema = strictRecord(
  {
    ...scenarioEntries,
    actions: boundedArray(v.unknown(), MAX_ACTIONS, 'actions'),
    faults: v.optional(boundedArray(v.unknown(), MAX_FAULTS, 'faults')),
  },
  'scenario',
);

// The schema's output must be exactly what the engine accepts.
type SchemaOutput = v.InferOutput<typeof scenarioSchema>;
const _outputIsScenarioInput: (output: SchemaOutput) => ScenarioInput = (output) => output;
void _outputIsScenarioInput;
