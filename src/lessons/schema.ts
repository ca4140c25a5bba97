/**
 * Lesson file version 1 at the edge: any value (or JSON text, or a file's bytes) to either a Lesson the page
 * can trust or issues in the scenario issue form (a JSON path, what was expected and got, an English
 * message; src/scenarios/issue.ts), so the page shows them in en and zh-CN and the CLI in English. Never
 * throws. Inline scenarios are checked by the scenario validator, their paths under the step
 * ("$.steps[2].scenario.actions[0].at"). Loads valibot: import it lazily, as src/store/validator.ts does.
 */
import * as v from 'valibot';
import { decodeScenarioBytes } from '../scenarios/decode';
import {
  clip,
  type Expected,
  type LessonList,
  longerThan,
  MAX_REPORTED_ISSUES,
  issue as makeIssue,
  type ObjectName,
  type ScenarioIssue,
} from '../scenarios/issue';
import type { PathSegment } from '../scenarios/jsonScan';
import { jsonPath, readJsonText } from '../scenarios/jsonText';
import { PRESET_NAMES } from '../scenarios/presets';
import {
  detail,
  expected,
  finiteNumber,
  integer,
  isPlainObject,
  note,
  oneOf,
  strictRecord,
  u32,
  withLazyDetails,
} from '../scenarios/schema';
import { comparePaths, describeIssue, parseScenario, pathSegments } from '../scenarios/validate';
import { TCB_FIELD_NAMES } from '../tcp/snapshot';
import { type ScenarioInput, STATES } from '../tcp/types';
import {
  ANCHOR_EVENT_TYPES,
  type Checkpoint,
  type Lesson,
  type LessonResult,
  type LessonStep,
} from './types';

/**
 * The limits of a lesson file, so that a lesson fits a class and a page. 1 MB of JSON is hundreds of
 * times a real lesson (a shipped one is ~10 kB) and still holds a few inline scenarios of capture size;
 * 40 steps is a long lesson (an hour at 1–2 minutes a step); a step's text is a paragraph, not an essay
 * (700 code points is ~120 English words, about as much as a projector shows); 8 things to watch at once
 * is already more than a student can follow.
 */
export const MAX_LESSON_BYTES = 1024 * 1024;
export const MAX_STEPS = 40;
export const MAX_WATCH = 8;
export const MAX_TITLE = 80;
export const MAX_SUMMARY = 300;
export const MAX_STEP_TEXT = 700;
export const MAX_QUESTION = 300;
/** Choices of a question: a multiple-choice question has 2 to 12 (the 11 states plus one). */
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 12;
export const MAX_CHOICE = 40;
/** Estimated time in minutes: 1 to 180 (a three-hour lab). */
export const MAX_MINUTES = 180;
/**
 * Runs of the statistics lab: 1,000,000 lifecycles take ~4 s in a worker (the CLI's ~280,000 a second on
 * one core), enough for stable p99; the CLI allows more, which a page should not be asked to do.
 */
export const MAX_LAB_RUNS = 1_000_000;
/** An anchor's nth: the 10,000th match is far past anything a lesson points at. */
export const MAX_NTH = 10_000;
/** An anchor's offset: a few events either way is what a lesson needs; 1,000 is generous. */
export const MAX_OFFSET = 1000;

const LESSON_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;
const ENDPOINTS = ['A', 'B'] as const;
const PROFILES = ['rfc', 'linux'] as const;
const FLAGS = ['SYN', 'ACK', 'FIN', 'RST', 'PSH'] as const;
const CALLS = ['listen', 'connect', 'send', 'close', 'abort'] as const;
const TIMERS = ['retransmission', 'time-wait', 'delayed-ack'] as const;
const TCB_WATCHES = ENDPOINTS.flatMap((e) => Object.keys(TCB_FIELD_NAMES).map((f) => `${e}.${f}`));
const WATCH_KINDS = ['tcb', 'segment', 'state', 'row'] as const;
const CHECKPOINT_KINDS = ['next-segment', 'next-state', 'number', 'choice'] as const;
const NUMBER_FIGURES = [
  'handshake-ms',
  'teardown-ms',
  'send-count',
  'state-duration',
  'event-time',
  'gap-ms',
] as const;
const NAME_FIGURES = ['app-error', 'final-state'] as const;
const FIGURES = [...NUMBER_FIGURES, ...NAME_FIGURES] as const;

// ---------------------------------------------------------------- small schemas

/** A character a reader sees: not white space, and not an invisible format mark (zero-width space, RLM). */
const VISIBLE = /[^\s\p{Cf}]/u;
/** Control characters other than tab, newline and carriage return, and half of a surrogate pair. */
const UNREADABLE = /(?![\t\n\r])\p{Cc}|\p{Cs}/u;

/**
 * A string with a visible character, no control character or lone surrogate (it would print as nothing or
 * as U+FFFD, and change in a shared link's UTF-8), and at most `max` code points (as a reader counts them).
 */
function textString(max: number) {
  const message = expected({ kind: 'text', max });
  return v.pipe(
    v.string(message),
    v.check((s) => VISIBLE.test(s) && !UNREADABLE.test(s) && !longerThan(s, max), message),
  );
}

/** A text in both languages: a missing zh-CN is an error, so no student meets an untranslated step. */
function lessonText(max: number) {
  return strictRecord({ en: textString(max), 'zh-CN': textString(max) }, 'text');
}

/** An array of min..max items, its length checked before the items (a million items are one issue). */
function items<const TItem extends v.GenericSchema>(item: TItem, min: number, max: number, of: LessonList) {
  const message = expected({ kind: 'items', of, min, max });
  return v.pipe(
    v.array(v.unknown(), message),
    v.minLength(min, message),
    v.maxLength(max, message),
    v.array(item, message),
  );
}

const endpointName = oneOf(ENDPOINTS);
const stateName = oneOf(STATES);

const FLAG_SET: Expected = { kind: 'flag-set', options: [...FLAGS] };
/** "SYN,ACK": known flags, each once, in any order and case-sensitive as the trace spells them. */
const flagSet = v.pipe(
  v.string(expected(FLAG_SET)),
  v.check((s) => {
    const list = s.split(',').map((f) => f.trim());
    return list.every((f) => (FLAGS as readonly string[]).includes(f)) && new Set(list).size === list.length;
  }, expected(FLAG_SET)),
);

/** One schema per value of a discriminating key (an anchor's type, a checkpoint's kind, a figure's name). */
function byKey(
  key: string,
  options: readonly string[],
  schemas: Record<string, v.GenericSchema>,
  object: ObjectName,
  notObject: Expected = { kind: 'object', object },
) {
  // Any other value of the key: only the key itself is reported (missing, or not one of the options); the
  // other keys cannot be judged before the kind is known.
  const unknownKind = v.object({ [key]: oneOf(options) }, () =>
    note(() => detail('missing-key', { kind: 'key', key }, { kind: 'nothing' })),
  );
  return v.lazy((input: unknown) => {
    if (!isPlainObject(input)) return v.custom(() => false, expected(notObject));
    const kind = input[key];
    return typeof kind === 'string' && options.includes(kind) && Object.hasOwn(schemas, kind)
      ? (schemas[kind] as v.GenericSchema)
      : unknownKind;
  });
}

// ---------------------------------------------------------------- anchors

const common = {
  endpoint: v.optional(endpointName),
  nth: v.optional(integer(1, MAX_NTH)),
  offset: v.optional(integer(-MAX_OFFSET, MAX_OFFSET)),
};

/** Each event type takes only the keys that mean something for it (a state on a send is a mistake). */
const ANCHORS: Record<string, v.GenericSchema> = {
  send: strictRecord({ type: v.literal('send'), ...common, flags: v.optional(flagSet) }, 'anchor'),
  deliver: strictRecord(
    { type: v.literal('deliver'), ...common, flags: v.optional(flagSet), state: v.optional(stateName) },
    'anchor',
  ),
  drop: strictRecord({ type: v.literal('drop'), ...common, flags: v.optional(flagSet) }, 'anchor'),
  state: strictRecord({ type: v.literal('state'), ...common, state: v.optional(stateName) }, 'anchor'),
  timer: strictRecord({ type: v.literal('timer'), ...common, timer: v.optional(oneOf(TIMERS)) }, 'anchor'),
  call: strictRecord({ type: v.literal('call'), ...common, call: v.optional(oneOf(CALLS)) }, 'anchor'),
  app: strictRecord({ type: v.literal('app'), ...common }, 'anchor'),
  crash: strictRecord({ type: v.literal('crash'), ...common }, 'anchor'),
};

const anchorObject = byKey('type', ANCHOR_EVENT_TYPES, ANCHORS, 'anchor', { kind: 'anchor' });

const anchor = v.lazy((input: unknown) =>
  typeof input === 'string' || !isPlainObject(input)
    ? v.picklist(['start', 'end'] as const, expected({ kind: 'anchor' }))
    : anchorObject,
);

// ---------------------------------------------------------------- watch

const watchSchemas = {
  tcb: strictRecord({ tcb: oneOf(TCB_WATCHES) }, 'watch'),
  segment: strictRecord({ segment: anchor }, 'watch'),
  state: strictRecord(
    { state: strictRecord({ endpoint: endpointName, state: stateName }, 'state-watch') },
    'watch',
  ),
  row: strictRecord({ row: anchor }, 'watch'),
};

const watch = v.lazy((input: unknown) => {
  if (!isPlainObject(input)) return v.custom(() => false, expected({ kind: 'object', object: 'watch' }));
  const kinds = WATCH_KINDS.filter((k) => Object.hasOwn(input, k));
  if (kinds.length === 1) return watchSchemas[kinds[0] as (typeof WATCH_KINDS)[number]];
  return v.custom(
    () => false,
    (issue) =>
      note(() => {
        const oneKind: Expected = { kind: 'one-fault-kind', options: [...WATCH_KINDS] };
        const keys = Object.keys(issue.input as Record<string, unknown>);
        if (kinds.length > 1) return detail('invalid-value', oneKind, { kind: 'kinds', kinds });
        if (keys.length === 0) return detail('invalid-value', oneKind, { kind: 'empty-object' });
        return detail('invalid-value', oneKind, { kind: 'keys', keys: clip(keys.join(', ')) });
      }),
  );
});

// ---------------------------------------------------------------- figures and checkpoints

const FIGURE_SCHEMAS: Record<string, v.GenericSchema> = {
  'handshake-ms': strictRecord({ figure: v.literal('handshake-ms') }, 'figure'),
  'teardown-ms': strictRecord({ figure: v.literal('teardown-ms') }, 'figure'),
  'send-count': strictRecord(
    { figure: v.literal('send-count'), endpoint: v.optional(endpointName), flags: v.optional(flagSet) },
    'figure',
  ),
  'state-duration': strictRecord(
    { figure: v.literal('state-duration'), endpoint: endpointName, state: stateName },
    'figure',
  ),
  'event-time': strictRecord({ figure: v.literal('event-time'), anchor }, 'figure'),
  'gap-ms': strictRecord({ figure: v.literal('gap-ms'), from: anchor, to: anchor }, 'figure'),
  'app-error': strictRecord({ figure: v.literal('app-error'), endpoint: endpointName }, 'figure'),
  'final-state': strictRecord({ figure: v.literal('final-state'), endpoint: endpointName }, 'figure'),
};

/** A number question asks about a number: the named answers (an error, a state) are choice questions. */
const numberFigure = byKey('figure', NUMBER_FIGURES, FIGURE_SCHEMAS, 'figure');
const anyFigure = byKey('figure', FIGURES, FIGURE_SCHEMAS, 'figure');

const choices = items(textString(MAX_CHOICE), MIN_CHOICES, MAX_CHOICES, 'choices');

/** A count is asked in "count", a time in ms or s. */
const numberCheckpoint = v.lazy((input: unknown) => {
  const figure = isPlainObject(input) && isPlainObject(input.figure) ? input.figure.figure : undefined;
  const units = figure === 'send-count' ? (['count'] as const) : (['ms', 's'] as const);
  return strictRecord(
    {
      kind: v.literal('number'),
      figure: numberFigure,
      question: lessonText(MAX_QUESTION),
      unit: v.optional(oneOf(units)),
    },
    'checkpoint',
  );
});

const choiceCheckpoint = v.pipe(
  strictRecord(
    {
      kind: v.literal('choice'),
      figure: anyFigure,
      question: lessonText(MAX_QUESTION),
      choices: v.optional(choices),
    },
    'checkpoint',
  ),
  // The errors and the states have default choices; a number has none to offer.
  v.forward(
    v.partialCheck(
      [['figure'], ['choices']],
      (c) =>
        c.choices !== undefined ||
        (NAME_FIGURES as readonly string[]).includes(String((c.figure as { figure?: unknown }).figure)),
      () => note(() => detail('missing-key', { kind: 'choices-for-number' }, { kind: 'nothing' })),
    ),
    ['choices'],
  ),
);

const checkpoint = byKey(
  'kind',
  CHECKPOINT_KINDS,
  {
    'next-segment': strictRecord(
      { kind: v.literal('next-segment'), endpoint: v.optional(endpointName) },
      'checkpoint',
    ),
    'next-state': strictRecord({ kind: v.literal('next-state'), endpoint: endpointName }, 'checkpoint'),
    number: numberCheckpoint,
    choice: choiceCheckpoint,
  },
  'checkpoint',
);

const lab = strictRecord(
  {
    statistics: strictRecord(
      {
        lossRate: v.optional(finiteNumber(0, 1)),
        profile: v.optional(oneOf(PROFILES)),
        runs: v.optional(integer(1, MAX_LAB_RUNS)),
        seed: v.optional(u32),
      },
      'statistics',
    ),
  },
  'lab',
);

/** A preset's name, or an object (checked by the scenario validator separately, paths under the step). */
const scenarioRef = v.lazy((input: unknown) => {
  if (typeof input === 'string')
    return v.picklist(
      PRESET_NAMES as readonly string[] as [string, ...string[]],
      expected({ kind: 'preset' }),
    );
  if (isPlainObject(input)) return v.unknown();
  return v.custom(() => false, expected({ kind: 'preset-or-inline' }));
});

const compare = strictRecord(
  {
    title: lessonText(MAX_TITLE),
    scenario: scenarioRef,
    profile: v.optional(oneOf(PROFILES)),
    to: v.optional(anchor),
  },
  'compare',
);

export const stepSchema = strictRecord(
  {
    text: lessonText(MAX_STEP_TEXT),
    scenario: scenarioRef,
    profile: v.optional(oneOf(PROFILES)),
    from: v.optional(anchor),
    to: v.optional(anchor),
    watch: v.optional(items(watch, 0, MAX_WATCH, 'watch')),
    checkpoint: v.optional(checkpoint),
    lab: v.optional(lab),
    compare: v.optional(compare),
  },
  'step',
);

/** The lesson with its steps checked only as an array of the allowed length (each step is checked alone). */
const lessonShellSchema = strictRecord(
  {
    version: v.literal(1, expected({ kind: 'lesson-version', version: 1 })),
    id: v.pipe(
      v.string(expected({ kind: 'lesson-id', maxLength: 40 })),
      v.regex(LESSON_ID, expected({ kind: 'lesson-id', maxLength: 40 })),
    ),
    title: lessonText(MAX_TITLE),
    summary: lessonText(MAX_SUMMARY),
    minutes: integer(1, MAX_MINUTES),
    steps: items(v.unknown(), 1, MAX_STEPS, 'steps'),
  },
  'lesson',
);

// ---------------------------------------------------------------- validation

interface Found {
  segments: PathSegment[];
  /** For the scenario validator's issues: their own path under `segments`, and their own order. */
  issue: ScenarioIssue;
  order: number;
}

/**
 * Validate a parsed JSON value as a lesson. The lesson's own keys first, then each step alone, then each
 * inline scenario with the scenario validator; the first MAX_REPORTED_ISSUES issues by path, and the total.
 */
export function validateLesson(json: unknown): LessonResult {
  try {
    const found: Found[] = [];
    let count = 0;
    const check = (schema: v.GenericSchema, input: unknown, prefix: PathSegment[]): unknown => {
      const { result, detailOf } = withLazyDetails(() => v.safeParse(schema, input, { abortEarly: false }));
      if (result.success) return result.output;
      count += result.issues.length;
      for (const issue of result.issues) {
        if (found.length >= MAX_REPORTED_ISSUES * 4) break; // enough to sort the first 100 from
        const segments = [...prefix, ...pathSegments(issue)];
        found.push({
          segments,
          issue: makeIssue(jsonPath(segments), describeIssue(issue, detailOf)),
          order: found.length,
        });
      }
      return undefined;
    };
    const shell = check(lessonShellSchema, json, []) as
      | (Omit<Lesson, 'steps'> & { steps: unknown[] })
      | undefined;
    const raw = isPlainObject(json) ? json.steps : undefined;
    const steps: LessonStep[] = [];
    if (Array.isArray(raw) && raw.length <= MAX_STEPS) {
      raw.forEach((item, i) => {
        const step = check(stepSchema, item, ['steps', i]) as LessonStep | undefined;
        // Inline scenarios (the step's own and a comparison's) go through the scenario validator.
        const inlineAt = (holder: unknown, segments: (string | number)[]): ScenarioInput | undefined => {
          const inline =
            isPlainObject(holder) && isPlainObject(holder.scenario) ? holder.scenario : undefined;
          if (!inline) return undefined;
          const parsed = parseScenario(inline);
          if (parsed.ok) return parsed.scenario;
          count += parsed.issueCount;
          const prefix = jsonPath(segments);
          for (const issue of parsed.issues)
            found.push({
              segments,
              issue: { ...issue, path: prefix + issue.path.slice(1) },
              order: found.length,
            });
          return undefined;
        };
        const scenario = inlineAt(item, ['steps', i, 'scenario']);
        const compared = inlineAt(isPlainObject(item) ? item.compare : undefined, [
          'steps',
          i,
          'compare',
          'scenario',
        ]);
        if (step?.compare && compared) step.compare = { ...step.compare, scenario: compared };
        if (step) steps.push(scenario ? { ...step, scenario } : step);
      });
    }
    if (count === 0 && shell) return { ok: true, lesson: { ...shell, steps } };
    found.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    return {
      ok: false,
      issues: found.slice(0, MAX_REPORTED_ISSUES).map((f) => f.issue),
      issueCount: Math.max(count, found.length),
    };
  } catch (error) {
    // Only exotic inputs (proxies, throwing getters) get here; the contract is to report, not throw.
    const text = clip(error instanceof Error ? error.message : String(error), 200);
    const issue = makeIssue('$', {
      code: 'unreadable',
      expected: { kind: 'object', object: 'lesson' },
      got: { kind: 'error', text },
    });
    return { ok: false, issues: [issue], issueCount: 1 };
  }
}

/** A checkpoint checked alone: the checkpoint, or its issues (paths from "$", the checkpoint itself). */
export type CheckpointResult =
  | { ok: true; checkpoint: Checkpoint }
  | { ok: false; issues: ScenarioIssue[]; issueCount: number };

/**
 * Validate a parsed JSON value as one checkpoint, exactly as a lesson step's `checkpoint` is checked (a
 * classroom question is a checkpoint: issue 11). Never throws; the first MAX_REPORTED_ISSUES issues by path.
 */
export function validateCheckpoint(json: unknown): CheckpointResult {
  try {
    const { result, detailOf } = withLazyDetails(() => v.safeParse(checkpoint, json, { abortEarly: false }));
    if (result.success) return { ok: true, checkpoint: result.output as Checkpoint };
    const found = result.issues.map((issue, order) => ({ segments: pathSegments(issue), issue, order }));
    found.sort((a, b) => comparePaths(a.segments, b.segments) || a.order - b.order);
    return {
      ok: false,
      issues: found
        .slice(0, MAX_REPORTED_ISSUES)
        .map((f) => makeIssue(jsonPath(f.segments), describeIssue(f.issue, detailOf))),
      issueCount: result.issues.length,
    };
  } catch (error) {
    const text = clip(error instanceof Error ? error.message : String(error), 200);
    const issue = makeIssue('$', {
      code: 'unreadable',
      expected: { kind: 'object', object: 'checkpoint' },
      got: { kind: 'error', text },
    });
    return { ok: false, issues: [issue], issueCount: 1 };
  }
}

/** UTF-8 length of a string, stopping once it passes `limit` (a 100 MB paste is not counted to the end). */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function tooLarge(size: number): LessonResult {
  const issue = makeIssue('$', {
    code: 'bad-file',
    expected: { kind: 'json-text' },
    got: { kind: 'too-large', size, limit: MAX_LESSON_BYTES, what: 'lesson' },
  });
  return { ok: false, issues: [issue], issueCount: 1 };
}

/**
 * JSON text to a lesson, strictly: at most MAX_LESSON_BYTES of UTF-8, a byte order mark at the start is
 * skipped, a syntax error is one issue at "$" with its line, column and byte offset, a key given twice in an
 * object is an issue at its path with its line and column (JSON.parse alone would keep the last silently).
 */
export function parseLessonText(text: string): LessonResult {
  const source = String(text);
  const size = utf8Length(source, MAX_LESSON_BYTES);
  // utf8Length stops counting past the limit; a string's length in UTF-16 units is never more than its
  // UTF-8 bytes, so the larger of the two says how large a huge text is (not just "the limit, plus one").
  if (size > MAX_LESSON_BYTES) return tooLarge(Math.max(size, source.length));
  const read = readJsonText(source);
  if (!read.ok) return read;
  return validateLesson(read.value);
}

/**
 * A lesson file's bytes: too large, UTF-16 or UTF-32 (named, not "invalid JSON"), a NUL byte or invalid
 * UTF-8 (with its byte offset) are one issue each; then as parseLessonText.
 */
export function parseLessonBytes(bytes: Uint8Array): LessonResult {
  if (bytes.length > MAX_LESSON_BYTES) return tooLarge(bytes.length);
  const decoded = decodeScenarioBytes(bytes);
  if (!decoded.ok) {
    const r = decoded.reason;
    const got =
      r.kind === 'encoding'
        ? ({ kind: 'encoding', encoding: r.encoding } as const)
        : r.kind === 'nul'
          ? ({ kind: 'nul-byte', offset: r.offset } as const)
          : ({ kind: 'invalid-utf8', offset: r.offset } as const);
    const issue = makeIssue('$', {
      code: 'bad-file',
      expected: { kind: 'utf8-text' },
      got,
      offset: r.kind === 'encoding' ? 0 : r.offset,
    });
    return { ok: false, issues: [issue], issueCount: 1 };
  }
  return parseLessonText(decoded.text);
}

/** One line for a person: `$.steps[2].text: missing required key "zh-CN"`. */
export function formatLessonIssue(issue: ScenarioIssue): string {
  return `${issue.path}: ${issue.message}`;
}
