/**
 * The valibot schema of scenario JSON version 1: exactly `ScenarioInput` (src/tcp/types.ts), with the
 * ranges a user can act on. Every message reads "expected …, got …" so that `formatIssue` can print it as is.
 */
import * as v from 'valibot';
import type { EndpointName, Flag, Profile, ScenarioInput, UserCall } from '../tcp/types';

export const MAX_ACTIONS = 10_000;
export const MAX_FAULTS = 10_000;
const U32_MAX = 4_294_967_295;
const MAX_TIME_MS = 86_400_000;
const MAX_DELAY_MS = 600_000;
const MAX_SEND_BYTES = 100_000_000;

const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const satisfies readonly Flag[];
const ENDPOINTS = ['A', 'B'] as const satisfies readonly EndpointName[];
const CALLS = ['listen', 'connect', 'send', 'close', 'abort'] as const satisfies readonly UserCall[];
const PROFILES = ['rfc', 'linux'] as const satisfies readonly Profile[];
const FAULT_KINDS = ['drop', 'delay', 'inject', 'crash'] as const;

const SHOWN_CHARS = 40;

/** A received value as a user would write it in JSON, cut to a readable length. Never throws. */
export function showValue(value: unknown): string {
  let text: string;
  try {
    if (value === undefined) return 'nothing';
    if (typeof value === 'number')
      text = String(value); // JSON.stringify would print NaN as null
    else if (typeof value === 'bigint') text = `${value}n`;
    else if (typeof value === 'symbol') text = value.toString();
    else if (typeof value === 'function') return 'a function';
    else text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Array.isArray(value) ? 'an array' : `a value of type ${typeof value}`;
  }
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS - 1)}…` : text;
}

function quoteList(items: readonly string[]): string {
  return items.map((item) => `"${item}"`).join(', ');
}

/** A message function: "expected <what>, got <the received value>". */
function expected(what: string) {
  return (issue: v.BaseIssue<unknown>) => `expected ${what}, got ${showValue(issue.input)}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Closest known key for a typo (case-insensitive match or edit distance ≤ 2), if any. */
function suggestKey(key: string, known: readonly string[]): string | undefined {
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
 * A JSON object with exactly these keys (an unknown key is an error, so typos are caught). `what` names
 * the object in the message shown when the value is not an object at all.
 */
function strictRecord<const TEntries extends v.ObjectEntries>(entries: TEntries, what: string) {
  const known = Object.keys(entries);
  const keyMessage = (issue: v.BaseIssue<unknown>): string => {
    const key = String(issue.input);
    if (issue.expected === 'never') {
      const hint = suggestKey(key, known);
      const allowed = hint ? `did you mean "${hint}"?` : `allowed keys: ${quoteList(known)}`;
      return `unknown key "${key}" (${allowed})`;
    }
    return `missing required key ${issue.expected ?? ''}`.trimEnd();
  };
  return v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, expected(what)),
    v.strictObject(entries, keyMessage),
  );
}

function integer(min: number, max: number) {
  const message = expected(`an integer from ${min} to ${max}`);
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isInteger(n) && n >= min && n <= max, message),
  );
}

function positiveInteger() {
  const message = expected('an integer of at least 1');
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isSafeInteger(n) && n >= 1, message),
  );
}

function finiteNumber(min: number, max: number) {
  const message = expected(`a number from ${min} to ${max}`);
  return v.pipe(
    v.number(message),
    v.check((n) => Number.isFinite(n) && n >= min && n <= max, message),
  );
}

function oneOf<const TOptions extends readonly string[]>(options: TOptions) {
  return v.picklist(options, expected(`one of ${quoteList(options)}`));
}

function text(maxLength: number) {
  const message = expected(`a string of at most ${maxLength} characters`);
  return v.pipe(v.string(message), v.maxLength(maxLength, message));
}

function boolean() {
  return v.boolean(expected('true or false'));
}

const u32 = integer(0, U32_MAX);
const time = finiteNumber(0, MAX_TIME_MS);
const endpointName = oneOf(ENDPOINTS);
const flag = oneOf(FLAGS);

const networkSchema = strictRecord(
  {
    latencyMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
    jitterMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
    lossRate: v.optional(finiteNumber(0, 1)),
    duplicateRate: v.optional(finiteNumber(0, 1)),
    reorderRate: v.optional(finiteNumber(0, 1)),
    reorderDelayMs: v.optional(finiteNumber(0, MAX_DELAY_MS)),
  },
  'a network object',
);

const isnSchema = v.union(
  [u32, v.pipe(v.array(u32), v.minLength(1))],
  expected(`an integer from 0 to ${U32_MAX} or a non-empty array of them`),
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
  'an endpoint object',
);

const endpointsSchema = strictRecord(
  { A: v.optional(endpointSchema), B: v.optional(endpointSchema) },
  'an object with endpoints "A" and/or "B"',
);

const optionsSchema = strictRecord(
  {
    mslMs: v.optional(finiteNumber(1, 3_600_000)),
    delayedAck: v.optional(boolean()),
    handshake: v.optional(oneOf(['three-way', 'two-way'] as const)),
    maxTimeMs: v.optional(finiteNumber(1, MAX_TIME_MS)),
    maxEvents: v.optional(integer(1, 1_000_000)),
  },
  'an options object',
);

const actionSchema = v.pipe(
  strictRecord(
    {
      at: time,
      endpoint: endpointName,
      call: oneOf(CALLS),
      bytes: v.optional(integer(1, MAX_SEND_BYTES)),
    },
    'an action object',
  ),
  // bytes goes with send and only with send; these run even when other keys of the action are wrong.
  v.forward(
    v.partialCheck(
      [['call'], ['bytes']],
      (action) => action.call !== 'send' || action.bytes !== undefined,
      `expected an integer from 1 to ${MAX_SEND_BYTES} (required when call is "send"), got nothing`,
    ),
    ['bytes'],
  ),
  v.forward(
    v.partialCheck(
      [['call'], ['bytes']],
      (action) => action.call === 'send' || action.bytes === undefined,
      (issue) => {
        const action = issue.input as { call?: unknown; bytes?: unknown };
        return `expected no bytes (only call "send" takes bytes), got ${showValue(action.bytes)} with call ${showValue(action.call)}`;
      },
    ),
    ['bytes'],
  ),
);

const uniqueFlags = v.pipe(
  v.array(flag, expected(`a non-empty array of unique flags from ${quoteList(FLAGS)}`)),
  v.minLength(1, expected(`a non-empty array of unique flags from ${quoteList(FLAGS)}`)),
  v.check(
    (flags) => new Set(flags).size === flags.length,
    expected(`a non-empty array of unique flags from ${quoteList(FLAGS)}`),
  ),
);

const dropSchema = strictRecord(
  {
    from: endpointName,
    flags: uniqueFlags,
    nth: positiveInteger(),
    count: v.optional(positiveInteger()),
  },
  'a drop object { from, flags, nth, count? }',
);

const delaySchema = strictRecord(
  {
    from: endpointName,
    flags: uniqueFlags,
    nth: positiveInteger(),
    count: v.optional(positiveInteger()),
    ms: v.pipe(
      v.number(expected('a delay in ms from 0 to 600000')),
      v.finite(expected('a delay in ms from 0 to 600000')),
      v.minValue(0, expected('a delay in ms from 0 to 600000')),
      v.maxValue(600_000, expected('a delay in ms from 0 to 600000')),
    ),
  },
  'a delay object { from, flags, nth, count?, ms }',
);

const segmentSchema = strictRecord(
  {
    seq: u32,
    ack: v.optional(u32),
    flags: v.array(flag, expected(`an array of flags from ${quoteList(FLAGS)} (may be empty)`)),
    len: v.optional(integer(0, 65535)),
    win: v.optional(integer(0, 65535)),
  },
  'a segment object { seq, ack?, flags, len?, win? }',
);

const injectSchema = strictRecord(
  { at: time, from: endpointName, segment: segmentSchema },
  'an inject object { at, from, segment }',
);

const crashSchema = strictRecord({ at: time, endpoint: endpointName }, 'a crash object { at, endpoint }');

const faultSchema = v.pipe(
  v.custom<Record<string, unknown>>(
    isPlainObject,
    expected(`a fault object with exactly one of ${quoteList(FAULT_KINDS)}`),
  ),
  // Checked on the raw object first: with zero or two kinds, the other messages would only add noise.
  v.check(
    (fault) => FAULT_KINDS.filter((kind) => Object.hasOwn(fault, kind)).length === 1,
    (issue) => {
      const keys = Object.keys(issue.input as Record<string, unknown>);
      const given = FAULT_KINDS.filter((kind) => keys.includes(kind));
      if (given.length > 0)
        return `expected exactly one of ${quoteList(FAULT_KINDS)}, got ${quoteList(given)}`;
      const hint = keys.map((key) => suggestKey(key, FAULT_KINDS)).find((kind) => kind !== undefined);
      const got = keys.length === 0 ? 'an empty object' : `keys ${showValue(keys.join(', '))}`;
      return `expected exactly one of ${quoteList(FAULT_KINDS)}, got ${got}${hint ? ` (did you mean "${hint}"?)` : ''}`;
    },
  ),
  strictRecord(
    {
      drop: v.optional(dropSchema),
      delay: v.optional(delaySchema),
      inject: v.optional(injectSchema),
      crash: v.optional(crashSchema),
    },
    'a fault object',
  ),
  // The check above guarantees exactly one kind, which is what FaultInput's union says.
  v.transform((fault) => fault as NonNullable<ScenarioInput['faults']>[number]),
);

export const scenarioSchema = strictRecord(
  {
    version: v.literal(1, expected('1 (the only scenario version)')),
    name: v.optional(text(200)),
    description: v.optional(text(2000)),
    seed: v.optional(u32),
    profile: v.optional(oneOf(PROFILES)),
    network: v.optional(networkSchema),
    endpoints: v.optional(endpointsSchema),
    options: v.optional(optionsSchema),
    actions: v.pipe(
      v.array(actionSchema, expected('an array of actions')),
      v.maxLength(MAX_ACTIONS, (issue) => `expected at most ${MAX_ACTIONS} actions, got ${issue.received}`),
    ),
    faults: v.optional(
      v.pipe(
        v.array(faultSchema, expected('an array of faults')),
        v.maxLength(MAX_FAULTS, (issue) => `expected at most ${MAX_FAULTS} faults, got ${issue.received}`),
      ),
    ),
  },
  'a scenario object',
);

// The schema's output must be exactly what the engine accepts.
type SchemaOutput = v.InferOutput<typeof scenarioSchema>;
const _outputIsScenarioInput: (output: SchemaOutput) => ScenarioInput = (output) => output;
void _outputIsScenarioInput;
