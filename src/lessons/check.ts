/**
 * What the schema cannot know: whether a lesson works on its runs. Every anchor must name an event of its
 * step's run, every checkpoint must have an answer there, and a choice must offer its answer. The page
 * reports these for an imported lesson (by JSON path), the lesson tests check every shipped lesson, and
 * `sim lesson-check` prints them for an instructor. Pure: runs the engine, nothing else.
 */
import { loadPreset } from '../scenarios/presets';
import { runIfShort, SYNC_EVENT_BUDGET } from '../store/compute';
import { buildTimeline, type Timeline } from '../tcp/timeline';
import type { ScenarioInput } from '../tcp/types';
import { answerFor } from './answers';
import { freshScenario } from './fresh';
import { resolveAnchor, stepRange, unresolvedAnchors } from './resolve';
import type { Lesson, LessonStep } from './types';

export type LessonRunProblem =
  /** An anchor that names no event of the step's run. */
  | { path: string; kind: 'unresolved-anchor' }
  /** A checkpoint with nothing to ask at its cursor: no next segment or state, no such figure in the run. */
  | { path: string; kind: 'no-answer' }
  /** A choice whose listed choices do not contain the answer the engine computed. */
  | { path: string; kind: 'answer-not-in-choices'; answer: string }
  /** The step's scenario could not be loaded or run (an unknown preset in an unvalidated lesson). */
  | { path: string; kind: 'no-scenario' }
  /**
   * The step's run does not end within SYNC_EVENT_BUDGET events: the page runs a step on its own thread
   * only up to that (src/store/lessonRun.ts) and refuses a longer one, so the lesson would not open there.
   */
  | { path: string; kind: 'too-long'; limit: number }
  /** The step's `to` names an event before its `from`: the step would play nothing (stepRange clamps it). */
  | { path: string; kind: 'to-before-from' };

/** Whether the page can run this step (its scenario under its profile) within its synchronous budget. */
function fitsThePage(step: Pick<LessonStep, 'scenario' | 'profile'>): boolean {
  const scenario = stepScenario(step);
  if (!scenario) return true; // reported as no-scenario
  return runIfShort(step.profile ? { ...scenario, profile: step.profile } : scenario) !== null;
}

/** The scenario a step runs: a deep copy of its preset, or its inline scenario; undefined for an unknown preset. */
export function stepScenario(step: Pick<LessonStep, 'scenario'>): ScenarioInput | undefined {
  return typeof step.scenario === 'string' ? loadPreset(step.scenario) : step.scenario;
}

/**
 * The run a step shows: its scenario under its profile, with fresh ISNs for `seed` when given (and when
 * they keep the run's shape; see fresh.ts).
 */
export function stepTimeline(step: LessonStep, seed?: number): Timeline | undefined {
  const scenario = stepScenario(step);
  if (!scenario) return undefined;
  const run = seed === undefined ? scenario : freshScenario(scenario, seed, step.profile).scenario;
  return buildTimeline(run, step.profile ? { profile: step.profile } : {});
}

/** Every problem of a lesson on its runs (with fresh numbers for `seed` if given), in step order. */
export function checkLessonRuns(lesson: Lesson, seed?: number): LessonRunProblem[] {
  const problems: LessonRunProblem[] = [];
  lesson.steps.forEach((step, i) => {
    const at = `$.steps[${i}]`;
    // Before anything runs the step to its end (a lesson file may name a million-event scenario).
    if (!fitsThePage(step)) {
      problems.push({ path: `${at}.scenario`, kind: 'too-long', limit: SYNC_EVENT_BUDGET });
      if (step.compare && !fitsThePage(step.compare))
        problems.push({ path: `${at}.compare.scenario`, kind: 'too-long', limit: SYNC_EVENT_BUDGET });
      return;
    }
    let timeline: Timeline | undefined;
    try {
      timeline = stepTimeline(step, seed);
    } catch {
      timeline = undefined;
    }
    if (!timeline) {
      problems.push({ path: `${at}.scenario`, kind: 'no-scenario' });
      return;
    }
    const unresolved = unresolvedAnchors(timeline.trace, step, i);
    for (const path of unresolved) problems.push({ path, kind: 'unresolved-anchor' });
    if (step.from !== undefined && step.to !== undefined && unresolved.length === 0) {
      const from = resolveAnchor(timeline.trace, step.from);
      const to = resolveAnchor(timeline.trace, step.to);
      if (from !== null && to !== null && to < from)
        problems.push({ path: `${at}.to`, kind: 'to-before-from' });
    }
    // The run drawn beside this one: it must run, and its `to` must name one of its events.
    const compare = step.compare;
    if (compare && !fitsThePage(compare))
      problems.push({ path: `${at}.compare.scenario`, kind: 'too-long', limit: SYNC_EVENT_BUDGET });
    else if (compare) {
      let other: Timeline | undefined;
      try {
        other = stepTimeline({ text: step.text, scenario: compare.scenario, profile: compare.profile }, seed);
      } catch {
        other = undefined;
      }
      if (!other) problems.push({ path: `${at}.compare.scenario`, kind: 'no-scenario' });
      else if (compare.to !== undefined && resolveAnchor(other.trace, compare.to) === null)
        problems.push({ path: `${at}.compare.to`, kind: 'unresolved-anchor' });
    }
    const checkpoint = step.checkpoint;
    // A checkpoint is asked at the step's `to`: where that names nothing, its answer would be a guess.
    if (!checkpoint || unresolved.includes(`${at}.to`)) return;
    const answer = answerFor(timeline, checkpoint, stepRange(timeline.trace, step).to);
    if (!answer) problems.push({ path: `${at}.checkpoint`, kind: 'no-answer' });
    else if (answer.kind === 'choice' && !answer.choices.includes(answer.value))
      problems.push({
        path: `${at}.checkpoint.choices`,
        kind: 'answer-not-in-choices',
        answer: answer.value,
      });
  });
  return problems;
}

/** One English line, as the CLI prints it: `$.steps[3].to: names no event of this step's run`. */
export function runProblemEnglish(problem: LessonRunProblem): string {
  switch (problem.kind) {
    case 'unresolved-anchor':
      return `${problem.path}: names no event of this step's run`;
    case 'no-answer':
      return `${problem.path}: has no answer in this step's run (nothing of that kind happens after the step's "to")`;
    case 'answer-not-in-choices':
      return `${problem.path}: the answer the engine computes, "${problem.answer}", is not one of the choices`;
    case 'no-scenario':
      return `${problem.path}: no such scenario to run`;
    case 'to-before-from':
      return `${problem.path}: names an event before the step's "from": the step would play nothing`;
    case 'too-long':
      return `${problem.path}: runs longer than the page runs a lesson step (more than ${problem.limit.toLocaleString('en-US')} events)`;
  }
}
