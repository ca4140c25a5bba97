/**
 * The teacher's question: "Ask" (this lesson step's checkpoint, else the next segment), then while it is
 * open how many answered and the live distribution, "Reveal" with the right answer and its rule, and
 * "Reset question". The actions are one row (the panel's strip); the question, answer and distribution
 * are its details. The server grades and counts (src/server/classwork.ts); this draws what it sent.
 */
import { useState } from 'react';
import { segmentLabel } from '../../../i18n/segment';
import { nextSegment } from '../../../lessons/answers';
import type { Checkpoint } from '../../../lessons/types';
import type { RevealAnswer } from '../../../server/protocol';
import { type AppState, appStore, useApp } from '../../../store';
import type { ClassQuestion } from '../../../store/classroom';
import { relativeBase } from '../../../store/selectors';
import type { Flag } from '../../../tcp/types';
import { type Messages, useMessages } from '../../i18n';
import { type LessonT, ruleText, unitText, useLessonText } from '../lessonText';
import { type Base, Distribution } from './Distribution';
import { useTeachText } from './teachText';

/**
 * What "Ask" asks: the lesson step's checkpoint while the page shows that step (a shipped lesson is named
 * in the class state, so `{ kind: "checkpoint" }` lets the server read it; a file lesson or a quiz is not,
 * so its checkpoint goes as is), else nothing, which asks for the next segment after the cursor.
 */
export function askBody(s: AppState): object | undefined {
  const run = s.lessonRun;
  if (!run || run.timeline !== s.timeline) return undefined;
  const checkpoint: Checkpoint | undefined = run.lesson.steps[run.step]?.checkpoint;
  if (!checkpoint) return undefined;
  return run.source === 'registry' ? { kind: 'checkpoint' } : checkpoint;
}

/** Pause the simulation, so the room looks at the question, and ask it. */
export function askNow(): Promise<boolean> {
  const s = appStore().getState();
  s.pause();
  return s.ask(askBody(s));
}

/**
 * The relative base of the question's segment, as the ladder shows it with Relative seq on: the sender's
 * ISS and IRS. Before the reveal it is read from the teacher's own run (the question's next send after its
 * cursor), which only tells whose numbers the answers are in, not what is right.
 */
function useBase(question: ClassQuestion): Base {
  const relative = useApp((s) => s.relativeSeq);
  const timeline = useApp((s) => s.timeline);
  if (!relative || question.checkpoint.kind !== 'next-segment') return null;
  const revealed = question.reveal?.answer;
  const index =
    revealed?.kind === 'next-segment'
      ? revealed.index
      : nextSegment(timeline, question.cursor, question.checkpoint.endpoint)?.index;
  if (index === undefined) return null;
  const send = timeline.trace.events[index];
  return send?.type === 'send' ? relativeBase(timeline, send, index) : null;
}

function questionText(lt: LessonT, m: Messages, checkpoint: Checkpoint, any: string): string {
  switch (checkpoint.kind) {
    case 'next-segment':
      return checkpoint.endpoint ? lt('predictSegmentBy', { endpoint: checkpoint.endpoint }) : any;
    case 'next-state':
      return lt('predictStateOf', { endpoint: checkpoint.endpoint });
    default:
      return checkpoint.question[m.lang];
  }
}

/** The right answer in the lessons' words, and the rule behind it (cat.explain and its RFC section). */
function RevealText({ answer, base }: { answer: RevealAnswer; base: Base }) {
  const lt = useLessonText();
  const m = useMessages();
  let text: string;
  let rule: string | null = null;
  if (answer.kind === 'next-segment') {
    const segment = { flags: answer.flags as Flag[], seq: answer.seq, ack: answer.ack, len: answer.len };
    text = lt('answerSegment', { endpoint: answer.from, label: segmentLabel(segment, base ?? undefined) });
    rule = ruleText(lt, m, answer.explain, answer.rfc);
  } else if (answer.kind === 'next-state') {
    text = lt('answerState', { endpoint: answer.endpoint, state: answer.state });
    rule = ruleText(lt, m, answer.explain, answer.rfc);
  } else if (answer.kind === 'number') {
    text = lt('answerValue', {
      value: `${answer.value.toLocaleString(m.lang)} ${unitText(lt, answer.unit)}`,
    });
  } else {
    text = lt('answerValue', { value: answer.choice });
  }
  return (
    <p className="teach-answer">
      <strong>{text}</strong>
      {/* Sentences follow each other with a space in English and directly after 。 in Chinese. */}
      {rule && (
        <>
          {m.lang === 'zh-CN' ? '' : ' '}
          {lt('answerRule', { rule })}
        </>
      )}
    </p>
  );
}

/** The question's counts: after the reveal the final ones it carried, before it the teacher stream's live ones. */
function countsOf(question: ClassQuestion) {
  const revealed = question.status === 'revealed' && question.reveal !== null;
  return { revealed, counts: (revealed ? question.reveal?.counts : null) ?? question.live ?? null };
}

/**
 * "Ask" and, once a question is out, "Reveal", "Reset question" and how many answered: one row, the panel's
 * strip once the class has begun (./TeacherPanel.tsx), so the simulation stays on the projected screen.
 */
export function TeacherQuestionActions() {
  const t = useTeachText();
  const question = useApp((s) => s.classroom?.question ?? null);
  const ended = useApp((s) => s.classroom?.ended ?? false);
  const rosterSize = useApp((s) => s.classroom?.roster?.students ?? 0);
  const inCheckpoint = useApp((s) => askBody(s) !== undefined);
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<boolean>) => {
    setBusy(true);
    void action().finally(() => setBusy(false));
  };
  const off = busy || ended;
  const { counts } = question ? countsOf(question) : { counts: null };
  return (
    <div className="teach-actions">
      <button
        type="button"
        className="primary teach-ask"
        disabled={off}
        aria-describedby="teach-ask-hint"
        onClick={() => run(askNow)}
      >
        {t('ask')}
      </button>
      <span id="teach-ask-hint" className={question ? 'visually-hidden' : 'hint'}>
        {inCheckpoint ? t('askCheckpoint') : t('askNext')}
      </span>
      {question && (
        <>
          <button
            type="button"
            className="primary"
            disabled={off || question.status === 'revealed'}
            onClick={() => run(() => appStore().getState().reveal())}
          >
            {t('reveal')}
          </button>
          <button
            type="button"
            disabled={off}
            onClick={() => run(() => appStore().getState().resetQuestion())}
          >
            {t('reset')}
          </button>
          <span data-testid="answered-count" className="teach-answered">
            {t('answered', { answered: counts?.answered ?? 0, students: counts?.students ?? rosterSize })}
          </span>
        </>
      )}
    </div>
  );
}

/** The question asked, its right answer once revealed, and the distribution of the answers. */
export function TeacherQuestionDetails() {
  const question = useApp((s) => s.classroom?.question ?? null);
  return question ? <QuestionBody question={question} /> : null;
}

function QuestionBody({ question }: { question: ClassQuestion }) {
  const t = useTeachText();
  const lt = useLessonText();
  const m = useMessages();
  const base = useBase(question);
  const { revealed, counts } = countsOf(question);
  return (
    <div className="teach-question">
      <h3>
        {t('questionTitle', {
          id: question.id,
          text: questionText(lt, m, question.checkpoint, t('questionSegmentAny')),
        })}
      </h3>
      <p className="teach-status hint">
        {question.status === 'open' ? t('statusOpen') : revealed ? t('statusRevealed') : t('statusClosed')}
      </p>
      {revealed && question.reveal && <RevealText answer={question.reveal.answer} base={base} />}
      {counts && (
        <Distribution
          counts={counts}
          revealed={revealed}
          base={base}
          unit={question.checkpoint.kind === 'number' ? question.unit : undefined}
        />
      )}
      {question.checkpoint.kind === 'next-segment' && counts && counts.answered > 0 && (
        <p className="hint">{base ? t('relativeNote') : t('absoluteNote')}</p>
      )}
    </div>
  );
}
