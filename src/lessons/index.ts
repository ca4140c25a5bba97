/**
 * The shipped lessons: one lesson file (version 1) each in this folder, in the course's order. The course
 * page lists them; test/lessons/shipped.test.ts checks every one against the schema and the engine (every
 * anchor resolves, every checkpoint has an answer computed from the trace).
 */
import handshake from './handshake.json';
import linuxVsRfc from './linux-vs-rfc.json';
import loss from './loss.json';
import resets from './resets.json';
import simultaneous from './simultaneous.json';
import teardown from './teardown.json';
import type { Lesson, LessonInfo } from './types';
import whyThreeWay from './why-three-way.json';

/** As imported from JSON: checked against the schema by the lesson tests, not at run time. */
const LESSON_TABLE = {
  handshake,
  'why-three-way': whyThreeWay,
  teardown,
  loss,
  resets,
  simultaneous,
  'linux-vs-rfc': linuxVsRfc,
} satisfies Record<string, unknown>;

/** The id of a shipped lesson, e.g. "handshake" (each file's "id" is the same as its key). */
export type LessonId = keyof typeof LESSON_TABLE;

const LESSONS: Record<string, unknown> = LESSON_TABLE;

/** The shipped lessons' ids in the course's order. */
export const LESSON_IDS: readonly string[] = Object.freeze(Object.keys(LESSONS));

/** A deep copy of the shipped lesson, so callers may edit it freely; undefined for an unknown id. */
export function loadLesson(id: string): Lesson | undefined {
  if (!Object.hasOwn(LESSONS, id)) return undefined;
  return structuredClone(LESSONS[id]) as Lesson;
}

/** What the course page lists for each shipped lesson, in the course's order. */
export function listLessons(): LessonInfo[] {
  return LESSON_IDS.map((id) => {
    const lesson = LESSONS[id] as Lesson;
    return {
      id,
      title: { ...lesson.title },
      summary: { ...lesson.summary },
      minutes: lesson.minutes,
      steps: lesson.steps.length,
      checkpoints: lesson.steps.filter((step) => step.checkpoint !== undefined).length,
    };
  });
}
