/**
 * The classroom's teaching logic, pure (no fastify, no SQLite, no Node APIs), so the routes only store and
 * push what these functions decide (issue 11: "a classroom question is a checkpoint"). A question is a
 * lesson checkpoint asked on the teacher's scenario at the teacher's cursor; its answer is computed by the
 * engine (src/lessons/answers.ts answerFor), never typed; a student's answer is checked at the edge and
 * graded by the lessons' own gradeSegment / gradeNumber / gradeChoice. Grading and tallies are in
 * ./grading.ts, the results file in ./csv.ts, both re-exported here so the server imports one module.
 *
 * Every function here answers any input with a value (an error naming the field), never a throw.
 */
import { answerFor } from '../lessons/answers';
import { loadLesson } from '../lessons/index';
import { validateCheckpoint } from '../lessons/schema';
import type { Answer, Checkpoint, NumberUnit } from '../lessons/types';
import { jsonPath } from '../scenarios/jsonText';
import { loadPreset } from '../scenarios/presets';
import { isPlainObject } from '../scenarios/schema';
import { normalizeScenario } from '../tcp/scenario';
import { type Timeline, TimelineRun } from '../tcp/timeline';
import { FLAG_ORDER, type ScenarioInput, STATES, type State } from '../tcp/types';
import { QUESTION_MAX_EVENTS } from './limits';
import type { ClassState, QuestionEvent, RevealAnswer, SegmentAnswerBody, StudentAnswer } from './protocol';

export { type ResultRow, resultsCsv } from './csv';
export { answerKey, grade, isSegmentAnswer, tally } from './grading';

/** A question as the server keeps it: what is asked, where, and the engine's answer (never on the stream). */
export interface QuestionSpec {
  checkpoint: Checkpoint;
  cursor: number;
  answer: RevealAnswer;
  choices?: string[];
  unit?: NumberUnit;
}

/** A value, or an error for the route to answer with: 400 malformed, 409 nothing to ask now. */
export type Result<T> = { ok: true; value: T } | { ok: false; status: 400 | 409; error: string };

const fail = (status: 400 | 409, error: string): { ok: false; status: 400 | 409; error: string } => ({
  ok: false,
  status,
  error,
});

/** The largest sequence number, ack or length a student can type: a 32-bit field (RFC 9293 §3.1). */
const U32_MAX = 0xffff_ffff;

/** The flags a next-segment answer may name: the ones the engine sends (FLAG_ORDER). */
const ANSWER_FLAGS: readonly string[] = FLAG_ORDER;

// ---------------------------------------------------------------- asking

/**
 * The question a `POST …/questions` body asks on the class's state. The body: nothing, `{}` or
 * `{ kind: "next-segment", endpoint? }` asks for the next send after the cursor; `{ kind: "checkpoint" }`
 * the open lesson step's checkpoint; any other checkpoint (as a lesson file writes one) is asked as is.
 */
export function buildQuestion(state: ClassState, body: unknown): Result<QuestionSpec> {
  try {
    const asked = checkpointOf(state, body);
    if (!asked.ok) return asked;
    const checkpoint = asked.value;
    if (!Number.isSafeInteger(state.cursor) || state.cursor < -1)
      return fail(400, 'cursor: must be an integer ≥ -1');
    const scenario = scenarioOf(state);
    if (!scenario.ok) return scenario;
    const run = runForQuestion(scenario.value);
    if (!run.ok) return run;
    const { timeline, cutShort } = run.value;
    // A figure (a count, a final state) is about the whole run; a next segment or state found before the
    // cap is the same one the whole run has (the engine is deterministic), so only a miss needs the rest.
    const needsWholeRun = checkpoint.kind === 'number' || checkpoint.kind === 'choice';
    const answer = cutShort && needsWholeRun ? null : answerFor(timeline, checkpoint, state.cursor);
    if (!answer && cutShort)
      return fail(
        409,
        `question: the run was cut short at ${QUESTION_MAX_EVENTS.toLocaleString('en-US')} events (the limit of a question's run) before an answer`,
      );
    if (!answer) return fail(409, `question: ${noAnswer(checkpoint)}`);
    if (answer.kind === 'choice' && !answer.choices.includes(answer.value))
      return fail(
        409,
        `question: the answer the engine computes, "${answer.value}", is not one of the choices`,
      );
    return { ok: true, value: specOf(checkpoint, state.cursor, answer) };
  } catch (error) {
    // Nothing above throws on a checked state; this keeps the contract for one that was not checked.
    return fail(
      400,
      `scenario: could not be run (${String(error instanceof Error ? error.message : error)})`,
    );
  }
}

function checkpointOf(state: ClassState, body: unknown): Result<Checkpoint> {
  if (body === undefined || body === null) return { ok: true, value: { kind: 'next-segment' } };
  if (!isPlainObject(body))
    return fail(400, 'body: must be an object such as {"kind":"next-segment"} (or empty)');
  if (body.kind === 'checkpoint') {
    const extra = Object.keys(body).find((k) => k !== 'kind');
    if (extra !== undefined)
      return fail(400, `${fieldName(jsonPath([extra]))}: unknown key (kind "checkpoint" takes none)`);
    return lessonCheckpoint(state);
  }
  // No kind: the next segment (an empty body, or one naming only the endpoint).
  const input = Object.hasOwn(body, 'kind') ? body : { kind: 'next-segment', ...body };
  const checked = validateCheckpoint(input);
  if (checked.ok) return { ok: true, value: checked.checkpoint };
  const first = checked.issues[0];
  const more = checked.issueCount > 1 ? ` (and ${checked.issueCount - 1} more)` : '';
  return fail(400, first ? `${fieldName(first.path)}: ${first.message}${more}` : 'body: not a checkpoint');
}

/** The checkpoint of the step the teacher's page shows, from the shipped lessons (src/lessons/index.ts). */
function lessonCheckpoint(state: ClassState): Result<Checkpoint> {
  if (state.lesson === null) return fail(400, 'lesson: no lesson is open (set one with POST …/state)');
  const lesson = loadLesson(state.lesson);
  if (!lesson) return fail(400, `lesson: no shipped lesson "${state.lesson}"`);
  const step = state.step;
  if (step === null || !Number.isSafeInteger(step) || step < 0 || step >= lesson.steps.length)
    return fail(400, `step: must be a step of lesson "${lesson.id}" (0–${lesson.steps.length - 1})`);
  const checkpoint = lesson.steps[step]?.checkpoint;
  if (!checkpoint) return fail(400, `lesson: step ${step} of "${lesson.id}" has no checkpoint`);
  return { ok: true, value: checkpoint };
}

/** The teacher's scenario: the state's own, or its preset's (the class's default is RFC 9293 figure 6). */
function scenarioOf(state: ClassState): Result<ScenarioInput> {
  if (state.scenario !== null) return { ok: true, value: state.scenario };
  if (state.presetName === null)
    return fail(400, 'presetName: no scenario (scenario and presetName are null)');
  const preset = loadPreset(state.presetName);
  return preset ? { ok: true, value: preset } : fail(400, `presetName: no preset "${state.presetName}"`);
}

/** The scenario's run, as the page shows it, but at most QUESTION_MAX_EVENTS events. */
function runForQuestion(input: ScenarioInput): Result<{ timeline: Timeline; cutShort: boolean }> {
  const own = normalizeScenario(input);
  const cap = Math.min(own.options.maxEvents, QUESTION_MAX_EVENTS);
  const run = new TimelineRun({ ...own, options: { ...own.options, maxEvents: cap } }, { normalized: true });
  run.advance(Number.POSITIVE_INFINITY);
  const timeline = run.timeline();
  // Cut short by this cap, not by the scenario's own limits (those are part of the run the page shows).
  const cutShort = timeline.trace.truncatedBy === 'maxEvents' && own.options.maxEvents > cap;
  return { ok: true, value: { timeline, cutShort } };
}

function noAnswer(checkpoint: Checkpoint): string {
  switch (checkpoint.kind) {
    case 'next-segment':
      return checkpoint.endpoint === undefined
        ? 'the run has no next segment after the cursor'
        : `the run has no next segment from ${checkpoint.endpoint} after the cursor`;
    case 'next-state':
      return `${checkpoint.endpoint} enters no state after the cursor`;
    case 'number':
    case 'choice':
      return `the run has no such figure (${checkpoint.figure.figure})`;
  }
}

function specOf(checkpoint: Checkpoint, cursor: number, answer: Answer): QuestionSpec {
  switch (answer.kind) {
    case 'next-segment': {
      const { flags, seq, ack, len, from, index, explain, rfc } = answer.segment;
      const reveal: RevealAnswer = {
        kind: 'next-segment',
        flags: [...flags],
        seq,
        ack,
        len,
        from,
        index,
        explain,
      };
      if (rfc !== undefined) reveal.rfc = rfc;
      return { checkpoint, cursor, answer: reveal };
    }
    case 'next-state': {
      const { endpoint, state, index, explain, rfc } = answer;
      const reveal: RevealAnswer = { kind: 'next-state', endpoint, state, index, explain };
      if (rfc !== undefined) reveal.rfc = rfc;
      return { checkpoint, cursor, answer: reveal };
    }
    case 'number':
      return { checkpoint, cursor, answer: { ...answer }, unit: answer.unit };
    case 'choice': {
      const reveal: RevealAnswer = { kind: 'choice', choice: answer.value, choices: [...answer.choices] };
      return { checkpoint, cursor, answer: reveal, choices: [...answer.choices] };
    }
  }
}

/** The `question` event's data: the checkpoint and where it is asked, never the answer. */
export function questionEvent(id: number, q: QuestionSpec, reset?: boolean): QuestionEvent {
  const event: QuestionEvent = { id, checkpoint: q.checkpoint, cursor: q.cursor };
  if (q.choices !== undefined) event.choices = [...q.choices];
  if (q.unit !== undefined) event.unit = q.unit;
  if (reset) event.reset = true;
  return event;
}

// ---------------------------------------------------------------- answering

/**
 * A field as the request spells it: a validator path ("$", "$.figure.endpoint", '$.question["zh-CN"]')
 * under `root` ("answer.seq"), or with no root the body's own field ("figure.endpoint"; "body" for "$").
 */
function fieldName(path: string, root = ''): string {
  const rest = path.startsWith('$') ? path.slice(1) : path;
  if (root !== '') return root + rest;
  if (rest === '') return 'body';
  return rest.startsWith('.') ? rest.slice(1) : rest;
}

const KEYS = {
  'next-segment': ['flags', 'seq', 'ack', 'len'],
  'next-state': ['state'],
  number: ['value'],
  choice: ['choice'],
} as const satisfies Record<RevealAnswer['kind'], readonly string[]>;

/** The student's answer to `q` (the request's `answer` field), checked and in canonical form. */
export function parseAnswer(q: QuestionSpec, body: unknown): Result<StudentAnswer> {
  try {
    const kind = q.answer.kind;
    const keys: readonly string[] = KEYS[kind];
    const shape = `{ ${keys.map((k) => `"${k}"`).join(', ')} }`;
    if (!isPlainObject(body)) return fail(400, `answer: must be an object ${shape} for a ${kind} question`);
    const extra = Object.keys(body).find((k) => !keys.includes(k));
    if (extra !== undefined)
      return fail(
        400,
        `${fieldName(jsonPath([extra]), 'answer')}: unknown key (a ${kind} answer is ${shape})`,
      );
    const missing = keys.find((k) => !Object.hasOwn(body, k));
    if (missing !== undefined) return fail(400, `answer.${missing}: missing (a ${kind} answer is ${shape})`);
    switch (kind) {
      case 'next-segment':
        return segmentAnswer(body);
      case 'next-state': {
        const state = body.state;
        return typeof state === 'string' && (STATES as readonly string[]).includes(state)
          ? { ok: true, value: { state: state as State } }
          : fail(400, `answer.state: must be one of ${STATES.join(', ')}`);
      }
      case 'number': {
        const value = body.value;
        return typeof value === 'number' && Number.isFinite(value)
          ? { ok: true, value: { value: value === 0 ? 0 : value } } // -0 is 0
          : fail(400, 'answer.value: must be a finite number');
      }
      case 'choice': {
        const choices = q.choices ?? (q.answer.kind === 'choice' ? q.answer.choices : []);
        const choice = body.choice;
        return typeof choice === 'string' && choices.includes(choice)
          ? { ok: true, value: { choice } }
          : fail(400, `answer.choice: must be one of the question's choices (${choices.join(', ')})`);
      }
    }
  } catch {
    return fail(400, 'answer: could not be read');
  }
}

function segmentAnswer(body: Record<string, unknown>): Result<SegmentAnswerBody> {
  const flags = body.flags;
  if (!Array.isArray(flags) || flags.length > ANSWER_FLAGS.length)
    return fail(400, `answer.flags: must be a list of distinct flags from ${ANSWER_FLAGS.join(' ')}`);
  const seen = new Set<string>();
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (typeof flag !== 'string' || !ANSWER_FLAGS.includes(flag))
      return fail(400, `answer.flags[${i}]: must be one of ${ANSWER_FLAGS.join(' ')}`);
    if (seen.has(flag)) return fail(400, `answer.flags[${i}]: ${flag} given twice`);
    seen.add(flag);
  }
  const numbers: Partial<Record<'seq' | 'ack' | 'len', number | null>> = {};
  for (const key of ['seq', 'ack', 'len'] as const) {
    const n = body[key];
    if (n !== null && !(typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= U32_MAX))
      return fail(400, `answer.${key}: must be an integer 0–${U32_MAX} or null`);
    numbers[key] = n === 0 ? 0 : n; // -0 is 0
  }
  return {
    ok: true,
    value: {
      flags: ANSWER_FLAGS.filter((f) => seen.has(f)),
      seq: numbers.seq ?? null,
      ack: numbers.ack ?? null,
      len: numbers.len ?? null,
    },
  };
}
