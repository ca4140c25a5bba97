/**
 * Embed mode with `&steps=2-4`: a shipped lesson opened by the link is cut to those steps (under an id of its
 * own, so its progress is kept apart from the whole lesson's), and its reports name the lesson and the step
 * numbers it came from (./useHostMessages.ts).
 */
import { useEffect } from 'react';
import type { Lesson } from '../../lessons/types';
import { appStore, useApp } from '../../store';
import { EMBED } from '../embed';
import { reportAs } from './useHostMessages';

/** The lesson's steps `first`..`last` (1-based, clamped to the lesson), or null when none are left. */
export function cutLesson(lesson: Lesson, first: number, last: number): Lesson | null {
  const end = Math.min(last, lesson.steps.length);
  if (first > end) return null;
  const id = `${lesson.id}-${first}-${end}`.slice(0, 40);
  return { ...lesson, id, steps: lesson.steps.slice(first - 1, end) };
}

export function useEmbedSteps(): void {
  const run = useApp((s) => s.lessonRun);
  useEffect(() => {
    const range = EMBED.steps;
    if (!EMBED.on || !range || !run || run.source !== 'registry' || reportAs.has(run.lesson)) return;
    const cut = cutLesson(run.lesson, range.first, range.last);
    if (!cut) return;
    reportAs.set(cut, { lesson: run.lesson.id, offset: range.first - 1 });
    const step = Math.min(Math.max(0, run.step - (range.first - 1)), cut.steps.length - 1);
    void appStore().getState().openLesson(cut, step, run.seed, 'file');
  }, [run]);
}
