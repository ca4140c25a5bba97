/**
 * In embed mode (../embed.ts), tell the page around the iframe how the student does, so a learning platform
 * or a blog can record progress:
 *   { type: "synack:checkpoint", lesson, step, correct, attempts }   after each checkpoint is settled
 *   { type: "synack:lesson-complete", lesson, score, right, asked }  when the lesson (or its embedded steps) is done
 * `step` is 1-based, as the page shows it; `correct` is true when the student found the answer (not shown to
 * them); `score` is right / asked (1 for a lesson without questions). The messages carry nothing private, so
 * they go to any origin ("*"): the host cannot be known in advance.
 */
import { useEffect } from 'react';
import { appStore } from '../../store';
import type { LessonRun } from '../../store/lesson';
import { EMBED } from '../embed';

export interface CheckpointMessage {
  type: 'synack:checkpoint';
  lesson: string;
  step: number;
  correct: boolean;
  attempts: number;
}

export interface LessonCompleteMessage {
  type: 'synack:lesson-complete';
  lesson: string;
  score: number;
  right: number;
  asked: number;
}

export type HostMessage = CheckpointMessage | LessonCompleteMessage;

/** What a lesson run reports as: the shipped lesson it was cut from in embed mode (see useEmbedSteps). */
export interface ReportAs {
  lesson: string;
  /** Steps before the embedded range (added to a step's number). */
  offset: number;
}

/** The messages one change of the lesson run means (pure, for tests). */
export function hostMessages(
  before: LessonRun | null,
  after: LessonRun | null,
  as: (run: LessonRun) => ReportAs,
): HostMessage[] {
  if (!after) return [];
  const out: HostMessage[] = [];
  const same = before !== null && before.lesson === after.lesson && before.step === after.step;
  const cp = after.checkpoint;
  const wasOpen = same ? before.checkpoint?.status === 'open' : false;
  const { lesson, offset } = as(after);
  if (cp && cp.status !== 'open' && wasOpen) {
    out.push({
      type: 'synack:checkpoint',
      lesson,
      step: after.step + 1 + offset,
      correct: cp.status === 'right',
      attempts: cp.attempts,
    });
  }
  const wasComplete = before !== null && before.lesson === after.lesson && before.progress.completed;
  if (after.progress.completed && !wasComplete) {
    const { right, asked } = after.progress;
    out.push({
      type: 'synack:lesson-complete',
      lesson,
      score: asked === 0 ? 1 : right / asked,
      right,
      asked,
    });
  }
  return out;
}

/** Embedded lessons are cut to their steps under a derived id; reports name the lesson they came from. */
export const reportAs = new WeakMap<object, ReportAs>();

export function useHostMessages(): void {
  useEffect(() => {
    if (!EMBED.on || typeof window === 'undefined' || window.parent === window) return;
    const as = (run: LessonRun): ReportAs => reportAs.get(run.lesson) ?? { lesson: run.lesson.id, offset: 0 };
    return appStore().subscribe((state, previous) => {
      if (state.lessonRun === previous.lessonRun) return;
      for (const message of hostMessages(previous.lessonRun, state.lessonRun, as))
        window.parent.postMessage(message, '*');
    });
  }, []);
}
