/**
 * A lesson as a printed worksheet (Ctrl+P during a lesson, or "Print worksheet" in the lesson panel): each
 * step's text, its sequence diagram up to the step's checkpoint (the segment to predict is not drawn), and
 * blank fields for the answer; the instructor's variant fills in the answers the engine computed, with the
 * rule. The numbers are the attempt's (its seed is printed), in the page's relative or absolute numbering.
 * Only shown in print (styles.css hides it on screen).
 */
import { useMemo } from 'react';
import type { Answer, Checkpoint, Lesson } from '../../lessons/types';
import { useApp } from '../../store';
import { loadStep, type StepCache } from '../../store/lessonRun';
import { labeler, ladderText } from '../format';
import { useMessages } from '../i18n';
import { layoutLadder } from '../ladderLayout';
import { LadderDrawing } from './LadderDrawing';
import { type LessonT, ruleText, unitText, useLessonText } from './lessonText';

/** Printed width of a step's diagram, in CSS px (an A4 or Letter page's text column is about 680). */
const PRINT_WIDTH = 640;
const PRINT_FONT = 11;

export function Worksheet({ withAnswers }: { withAnswers: boolean }) {
  const run = useApp((s) => s.lessonRun);
  if (!run) return null;
  return <Sheet lesson={run.lesson} seed={run.seed} fixed={run.fixedNumbers} withAnswers={withAnswers} />;
}

function Sheet({
  lesson,
  seed,
  fixed,
  withAnswers,
}: {
  lesson: Lesson;
  seed: number;
  fixed: boolean;
  withAnswers: boolean;
}) {
  const t = useLessonText();
  const m = useMessages();
  const relative = useApp((s) => s.relativeSeq);
  // Every step's run, with this attempt's numbers (steps on one scenario share a run, as in the page).
  const steps = useMemo(() => {
    const cache: StepCache = new Map();
    return lesson.steps.map((_, i) => loadStep(lesson, i, seed, fixed, cache));
  }, [lesson, seed, fixed]);
  const title = lesson.title[m.lang];
  return (
    <article
      className="worksheet"
      aria-label={t(withAnswers ? 'worksheetAnswersTitle' : 'worksheetTitle', { title })}
    >
      <header className="ws-head">
        <h1>{t(withAnswers ? 'worksheetAnswersTitle' : 'worksheetTitle', { title })}</h1>
        <p>{fixed ? t('seedFixed') : t('seedNote', { seed })}</p>
        {!withAnswers && <p className="ws-name">{t('worksheetName')} ____________________________</p>}
        <p className="ws-numbers">{relative ? t('numbersRelative') : t('worksheetAbsolute')}</p>
      </header>
      {lesson.steps.map((step, i) => {
        const loaded = steps[i];
        const n = i + 1;
        if (!loaded?.ok)
          return (
            <section key={n} className="ws-step">
              <h2>{t('stepOf', { n, total: lesson.steps.length })}</h2>
              <p>{step.text[m.lang]}</p>
            </section>
          );
        const { timeline, to, answer } = loaded.step;
        const layout = layoutLadder(timeline.trace, to, {
          width: PRINT_WIDTH,
          fontSize: PRINT_FONT,
          text: ladderText(m.t, timeline, relative),
        });
        return (
          <section key={n} className="ws-step">
            <h2>{t('stepOf', { n, total: lesson.steps.length })}</h2>
            <p>{step.text[m.lang]}</p>
            <LadderDrawing layout={layout} title={t('worksheetDiagram', { n })} />
            {step.checkpoint && answer && (
              <Blank
                t={t}
                spec={step.checkpoint}
                answer={answer}
                withAnswers={withAnswers}
                label={(index) => {
                  const send = timeline.trace.events[index];
                  return send?.type === 'send' ? labeler(timeline, relative)(send, index) : '';
                }}
              />
            )}
          </section>
        );
      })}
    </article>
  );
}

/** The question of a checkpoint with room to write, or (instructor's copy) its answer and rule. */
function Blank({
  t,
  spec,
  answer,
  withAnswers,
  label,
}: {
  t: LessonT;
  spec: Checkpoint;
  answer: Answer;
  withAnswers: boolean;
  label: (index: number) => string;
}) {
  const m = useMessages();
  const rule = (explain: string, rfc?: string) => ruleText(t, m, explain, rfc);
  const line = '________________';
  // Sentences follow each other with a space in English and directly after 。 in Chinese.
  const gap = m.lang === 'zh-CN' ? '' : ' ';
  if (answer.kind === 'next-segment') {
    const a = answer.segment;
    return (
      <div className="ws-blank">
        <p className="ws-question">{t('predictSegmentBy', { endpoint: a.from })}</p>
        {withAnswers ? (
          <p className="ws-answer">
            {t('answerSegment', { endpoint: a.from, label: label(a.index) })}
            {gap}
            {t('answerRule', { rule: rule(a.explain, a.rfc) })}
          </p>
        ) : (
          <p className="ws-fields mono">
            {t('flags')}: ☐ SYN ☐ ACK ☐ FIN ☐ RST &nbsp; seq {line} &nbsp; ack {line} &nbsp; len {line}
          </p>
        )}
      </div>
    );
  }
  if (answer.kind === 'next-state') {
    return (
      <div className="ws-blank">
        <p className="ws-question">{t('predictStateOf', { endpoint: answer.endpoint })}</p>
        <p className={withAnswers ? 'ws-answer' : 'ws-fields'}>
          {withAnswers ? (
            <>
              {t('answerState', { endpoint: answer.endpoint, state: answer.state })}
              {gap}
              {t('answerRule', { rule: rule(answer.explain, answer.rfc) })}
            </>
          ) : (
            line
          )}
        </p>
      </div>
    );
  }
  const question = spec.kind === 'number' || spec.kind === 'choice' ? spec.question[m.lang] : '';
  const unit = answer.kind === 'number' ? unitText(t, answer.unit) : '';
  const value = answer.kind === 'number' ? `${answer.value.toLocaleString(m.lang)} ${unit}` : answer.value;
  return (
    <div className="ws-blank">
      <p className="ws-question">{question}</p>
      {withAnswers ? (
        <p className="ws-answer">{t('answerValue', { value })}</p>
      ) : answer.kind === 'choice' ? (
        <ul className="ws-choices mono">
          {answer.choices.map((c) => (
            <li key={c}>☐ {c}</li>
          ))}
        </ul>
      ) : (
        <p className="ws-fields">
          {line} {unit}
        </p>
      )}
    </div>
  );
}
