/**
 * The lesson work the store does once a lesson is open: load a step's scenario with the attempt's fresh
 * numbers, resolve what the step plays and watches, compute its checkpoint's answer from the trace, grade a
 * prediction. A chunk of its own (with the lessons, their registry and progress), imported by ./lesson.ts the
 * first time a lesson or the course page opens, so the page's first load does not carry it.
 */

import {
  answerFor,
  gradeChoice,
  gradeNumber,
  gradeSegment,
  hintFor,
  relativeBaseOf,
} from '../lessons/answers';
import { sameShape, shiftedBy } from '../lessons/fresh';
import { resolveAnchor, stepRange } from '../lessons/resolve';
import type {
  Anchor,
  Answer,
  Hint,
  Lesson,
  LessonStep,
  SegmentGrade,
  SegmentPrediction,
} from '../lessons/types';
import { issue, type ScenarioIssue } from '../scenarios/issue';
import { loadPreset } from '../scenarios/presets';
import { type Timeline, timelineFromData } from '../tcp';
import type { EndpointName, ScenarioInput, State } from '../tcp/types';
import { runIfShort, SYNC_EVENT_BUDGET } from './compute';
import { segmentById } from './selectors';
import { fromBase64Url, toBase64Url } from './url';

export { LESSON_IDS, listLessons, loadLesson } from '../lessons/index';
export { readProgress, scoreCheckpoint, writeProgress } from '../lessons/progress';
export { quizLesson } from '../lessons/quiz';
export { parseLessonText } from '../lessons/schema';
export { issue };

/** An imported lesson in a link: its JSON as base64url (as a `#s=` scenario is). */
export function lessonToLink(lesson: Lesson): string {
  return toBase64Url(JSON.stringify(lesson));
}

/** The JSON text of a `#lesson=` link's data, or null when it is not base64url of UTF-8. */
export function lessonFromLink(data: string): string | null {
  const decoded = fromBase64Url(data);
  return 'text' in decoded ? decoded.text : null;
}

/** What a step asks the page to highlight, resolved against its run (sets of keys, looked up by components). */
export interface Highlights {
  /** "A.sndNxt" */
  tcb: ReadonlySet<string>;
  /** Segment ids (pill and ladder arrow). */
  segments: ReadonlySet<number>;
  /** "B:SYN-RECEIVED" */
  states: ReadonlySet<string>;
  /** Event indexes of ladder rows, and their times (the ladder's rows are by time). */
  rows: ReadonlySet<number>;
  rowTimes: ReadonlySet<number>;
}

export interface LoadedStep {
  scenario: ScenarioInput;
  /** The preset the step's scenario is (null for an inline one, or one with fresh numbers or another profile). */
  preset: string | null;
  /** The preset the step's scenario comes from (null for an inline one). */
  basePreset: string | null;
  timeline: Timeline;
  /** Whether the numbers were shifted by the seed (false: the scenario's own, as freshScenario fell back). */
  fresh: boolean;
  from: number;
  to: number;
  answer: Answer | null;
  highlights: Highlights;
}

/** A run of a step's scenario, kept for the lesson's next steps on the same scenario (same numbers, same objects). */
export type StepCache = Map<
  string | ScenarioInput,
  { scenario: ScenarioInput; preset: string | null; timeline: Timeline; fresh: boolean }
>;

const stepPath = (step: number) => `$.steps[${step}]`;

/**
 * An anchor that matches nothing in the run: named by its path, so an instructor can fix the file. In the
 * issue form (one-of the events of the run would be noise): "expected an event number, got nothing".
 */
function unresolved(path: string): ScenarioIssue {
  return issue(path, { code: 'invalid-value', expected: { kind: 'event-number' }, got: { kind: 'nothing' } });
}

/** Load step `index` of `lesson` with the attempt's `seed` (`fixedNumbers`: keep the scenario's own ISNs). */
export function loadStep(
  lesson: Lesson,
  index: number,
  seed: number,
  fixedNumbers: boolean,
  cache: StepCache,
): { ok: true; step: LoadedStep } | { ok: false; issues: ScenarioIssue[] } {
  const step = lesson.steps[index] as LessonStep;
  const key =
    typeof step.scenario === 'string' ? `${step.scenario}\u0000${step.profile ?? ''}` : step.scenario;
  let run = cache.get(key);
  if (!run) {
    const base = typeof step.scenario === 'string' ? loadPreset(step.scenario) : step.scenario;
    if (!base)
      return {
        ok: false,
        issues: [
          issue(`${stepPath(index)}.scenario`, {
            code: 'invalid-value',
            expected: { kind: 'preset' },
            got: { kind: 'value', json: JSON.stringify(step.scenario) },
          }),
        ],
      };
    const profiled: ScenarioInput = step.profile ? { ...base, profile: step.profile } : base;
    // The step's own run first, within the page's synchronous budget: a lesson file may name a scenario of a
    // million events. Its fresh twin is read from that run and run within the budget too, then compared
    // with it (freshScenario's check, without running either of them again).
    const own = runIfShort(profiled);
    let shifted = { scenario: profiled, fresh: false };
    let result = own;
    const moved = own && !fixedNumbers ? shiftedBy(profiled, own.data.trace, seed) : null;
    if (own && moved) {
      const again = runIfShort(moved.scenario);
      if (again && sameShape(own.data.trace, again.data.trace, moved.offsets)) {
        shifted = { scenario: moved.scenario, fresh: true };
        result = again;
      }
    }
    if (!result)
      return {
        ok: false,
        issues: [
          issue(`${stepPath(index)}.scenario`, {
            code: 'too-many',
            expected: { kind: 'short-run', max: SYNC_EVENT_BUDGET },
            got: { kind: 'nothing' },
          }),
        ],
      };
    run = {
      scenario: shifted.scenario,
      preset: typeof step.scenario === 'string' && !shifted.fresh && !step.profile ? step.scenario : null,
      timeline: timelineFromData(result.data),
      fresh: shifted.fresh,
    };
    cache.set(key, run);
  }
  const trace = run.timeline.trace;
  const issues: ScenarioIssue[] = [];
  const anchorOk = (anchor: Anchor | undefined, path: string) => {
    if (anchor !== undefined && resolveAnchor(trace, anchor) === null) issues.push(unresolved(path));
  };
  anchorOk(step.from, `${stepPath(index)}.from`);
  anchorOk(step.to, `${stepPath(index)}.to`);
  const highlights = {
    tcb: new Set<string>(),
    segments: new Set<number>(),
    states: new Set<string>(),
    rows: new Set<number>(),
    rowTimes: new Set<number>(),
  };
  step.watch?.forEach((watch, w) => {
    const path = `${stepPath(index)}.watch[${w}]`;
    if ('tcb' in watch) highlights.tcb.add(watch.tcb);
    else if ('state' in watch) highlights.states.add(`${watch.state.endpoint}:${watch.state.state}`);
    else {
      const anchor = 'segment' in watch ? watch.segment : watch.row;
      const at = resolveAnchor(trace, anchor);
      const event = at === null ? undefined : trace.events[at];
      if (at === null) issues.push(unresolved(`${path}.${'segment' in watch ? 'segment' : 'row'}`));
      else if ('segment' in watch) {
        if (event?.type === 'send') highlights.segments.add(event.id);
        else issues.push(unresolved(`${path}.segment`));
      } else {
        highlights.rows.add(at);
        if (event) highlights.rowTimes.add(event.t);
      }
    }
  });
  if (issues.length > 0) return { ok: false, issues };
  const { from, to } = stepRange(trace, step);
  const answer = step.checkpoint ? answerFor(run.timeline, step.checkpoint, to) : null;
  if (step.checkpoint && !answer)
    return {
      ok: false,
      issues: [
        issue(`${stepPath(index)}.checkpoint`, {
          code: 'invalid-value',
          expected: { kind: 'event-number' },
          got: { kind: 'nothing' },
        }),
      ],
    };
  return {
    ok: true,
    step: {
      scenario: run.scenario,
      preset: run.preset,
      basePreset: typeof step.scenario === 'string' ? step.scenario : null,
      timeline: run.timeline,
      fresh: run.fresh,
      from,
      to,
      answer,
      highlights,
    },
  };
}

/** A student's answer to a checkpoint, as the form sends it. */
export type Prediction =
  | ({ kind: 'next-segment' } & SegmentPrediction)
  | { kind: 'next-state'; state: State | null }
  | { kind: 'number'; value: number | null }
  | { kind: 'choice'; value: string | null };

export interface Graded {
  correct: boolean;
  /** For a segment: which fields are right. */
  fields: SegmentGrade | null;
}

/** Grade `p` against `answer`; `relative`: the student typed seq/ack relative to the ISNs (Relative seq). */
export function grade(timeline: Timeline, answer: Answer, p: Prediction, relative: boolean): Graded {
  if (answer.kind === 'next-segment' && p.kind === 'next-segment') {
    const fields = gradeSegment(
      p,
      answer.segment,
      relative ? relativeBaseOf(timeline, answer.segment) : null,
    );
    return { correct: fields.correct, fields };
  }
  if (answer.kind === 'next-state' && p.kind === 'next-state')
    return { correct: p.state === answer.state, fields: null };
  if (answer.kind === 'number' && p.kind === 'number')
    return { correct: gradeNumber(p.value, answer), fields: null };
  if (answer.kind === 'choice' && p.kind === 'choice')
    return { correct: gradeChoice(p.value, answer), fields: null };
  return { correct: false, fields: null };
}

export function hintOf(answer: Answer): Hint | null {
  return hintFor(answer);
}

/** The event the page plays on to once the answer is known: the segment's arrival (or loss), or the state change. */
export function revealIndex(timeline: Timeline, answer: Answer, to: number): number {
  const last = timeline.trace.events.length - 1;
  if (answer.kind === 'next-segment') {
    const life = segmentById(timeline.trace, answer.segment.id);
    const end = life && Number.isFinite(life.endIndex) ? life.endIndex : answer.segment.index;
    return Math.min(last, end);
  }
  if (answer.kind === 'next-state') return Math.min(last, answer.index);
  return Math.max(to, -1);
}

/** The endpoint a checkpoint's answer is about, for the form's question. */
export function answerEndpoint(answer: Answer): EndpointName | null {
  return answer.kind === 'next-segment'
    ? answer.segment.from
    : answer.kind === 'next-state'
      ? answer.endpoint
      : null;
}
