/**
 * Embed mode with `&steps=2-4`: a shipped lesson opened by the link is cut to those steps (under an id of its
 * own, so its progress is kept apart from the whole lesson's), and its reports name the lesson and the step
 * numbers it came from (./useHostMessages.ts).
 */
import { useEffect } from 'react';
import type { Lesson } from '../../lessons/types';
import { issue, type ScenarioIssue } from '../../scenarios/issue';
import { appStore, useApp } from '../../store';
import { EMBED, type EmbedOptions } from '../embed';
import { reportAs } from './useHostMessages';

/** The lesson's steps `first`..`last` (1-based, clamped to the lesson), or null when none are left. */
export function cutLesson(lesson: Lesson, first: number, last: number): Lesson | null {
  const end = Math.min(last, lesson.steps.length);
  if (first > end) return null;
  const id = `${lesson.id}-${first}-${end}`.slice(0, 40);
  return { ...lesson, id, steps: lesson.steps.slice(first - 1, end) };
}

/**
 * A `steps=` the embedded lesson cannot show (not a range, or starting past its last step), as a link issue
 * the problem banner shows in en and zh-CN; null when there is none or it is fine.
 */
export function embedStepsIssue(
  options: EmbedOptions,
  search: string,
  lessonSteps: number,
): ScenarioIssue | null {
  if (!options.on) return null;
  let raw: string | null = null;
  try {
    raw = new URLSearchParams(search.length > 4096 ? '' : search).get('steps');
  } catch {
    raw = null;
  }
  if (raw === null || (options.steps && options.steps.first <= lessonSteps)) return null;
  return issue('link steps', {
    code: 'bad-link',
    expected: { kind: 'integer', min: 1, max: lessonSteps },
    got: { kind: 'value', json: JSON.stringify(raw.slice(0, 20)) },
  });
}

/** The bad range is reported once per page (the query does not change while the page lives). */
let reported = false;

export function useEmbedSteps(): void {
  const run = useApp((s) => s.lessonRun);
  useEffect(() => {
    if (!EMBED.on || !run || run.source !== 'registry' || reportAs.has(run.lesson)) return;
    const bad = embedStepsIssue(EMBED, window.location.search, run.lesson.steps.length);
    if (bad) {
      if (!reported) appStore().setState({ problem: { source: 'url', issues: [bad] } });
      reported = true;
      return;
    }
    const range = EMBED.steps;
    if (!range) return;
    const cut = cutLesson(run.lesson, range.first, range.last);
    if (!cut) return;
    reportAs.set(cut, { lesson: run.lesson.id, offset: range.first - 1 });
    const step = Math.min(Math.max(0, run.step - (range.first - 1)), cut.steps.length - 1);
    void appStore().getState().openLesson(cut, step, run.seed, 'file');
  }, [run]);
}
