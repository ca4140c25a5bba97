/**
 * A lesson step's comparison (`compare` in the lesson file): the step's run and another one drawn side by
 * side, each as a still sequence diagram up to its own `to`, under their titles — e.g. the same old SYN
 * with a two-way and with a three-way handshake. The other run gets the attempt's fresh numbers too.
 */
import { useId, useMemo } from 'react';
import type { Compare as CompareSpec, Lesson } from '../../lessons/types';
import { useApp } from '../../store';
import type { LessonRun } from '../../store/lesson';
import { loadStep, type StepCache } from '../../store/lessonRun';
import { ladderText } from '../format';
import { useMessages } from '../i18n';
import { layoutLadder } from '../ladderLayout';
import { presetTitle } from '../scenarioTitle';
import { LadderDrawing } from './LadderDrawing';
import { useLessonText } from './lessonText';

/** Each diagram's width before the SVG scales to its column (two columns of a lesson panel). */
const WIDTH = 420;

export function Compare({ run, spec }: { run: LessonRun; spec: CompareSpec }) {
  const t = useLessonText();
  const m = useMessages();
  const relative = useApp((s) => s.relativeSeq);
  const captionId = useId();
  const step = run.lesson.steps[run.step];
  const other = useMemo(() => {
    // The comparison as a one-step lesson of its own, loaded as the page loads any step.
    const lesson: Lesson = {
      ...run.lesson,
      steps: [
        {
          text: step?.text ?? { en: '', 'zh-CN': '' },
          scenario: spec.scenario,
          profile: spec.profile,
          to: spec.to,
        },
      ],
    };
    const cache: StepCache = new Map();
    const loaded = loadStep(lesson, 0, run.seed, run.fixedNumbers, cache);
    return loaded.ok ? loaded.step : null;
  }, [run.lesson, step, spec, run.seed, run.fixedNumbers]);
  const ours = useMemo(
    () =>
      layoutLadder(run.timeline.trace, run.to, {
        width: WIDTH,
        text: ladderText(m.t, run.timeline, relative),
      }),
    [run.timeline, run.to, m.t, relative],
  );
  const theirs = useMemo(
    () =>
      other
        ? layoutLadder(other.timeline.trace, other.to, {
            width: WIDTH,
            text: ladderText(m.t, other.timeline, relative),
          })
        : null,
    [other, m.t, relative],
  );
  if (!step) return null;
  const ourTitle =
    typeof step.scenario === 'string'
      ? presetTitle(m, step.scenario)
      : (step.scenario.name ?? t('compareThis'));
  return (
    <figure className="lesson-compare" aria-labelledby={captionId}>
      <figcaption id={captionId}>{t('compareTitle')}</figcaption>
      <div className="lesson-compare-row">
        <div className="lesson-compare-col">
          <p className="lesson-compare-name">{ourTitle}</p>
          <LadderDrawing layout={ours} title={t('compareDiagram', { title: ourTitle })} />
        </div>
        <div className="lesson-compare-col">
          <p className="lesson-compare-name">{spec.title[m.lang]}</p>
          {theirs ? (
            <LadderDrawing layout={theirs} title={t('compareDiagram', { title: spec.title[m.lang] })} />
          ) : (
            <p className="hint">{t('compareMissing')}</p>
          )}
        </div>
      </div>
    </figure>
  );
}
