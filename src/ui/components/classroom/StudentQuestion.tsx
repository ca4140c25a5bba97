/**
 * A class question on the student's page (issue 11): the lessons' checkpoint form (./Checkpoint.tsx's
 * parts, with "Send answer"), then "Answer sent. Waiting for the reveal.", then whether they were right,
 * with the answer. Seq and ack follow the page's Relative seq toggle, as in lessons: typed relative, they
 * are sent absolute (the server grades absolute numbers).
 */
import { nextSegment, relativeBaseOf } from '../../../lessons/answers';
import type { SegmentAnswer } from '../../../lessons/types';
import type { RevealAnswer, StudentAnswer } from '../../../server/protocol';
import { appStore, useApp } from '../../../store';
import type { ClassQuestion } from '../../../store/classroom';
import type { Timeline } from '../../../tcp';
import { useMessages } from '../../i18n';
import { SegmentQuestion, StateQuestion, ValueQuestion } from '../Checkpoint';
import { unitText, useLessonText } from '../lessonText';
import { asSegmentAnswer, isRight, segmentFields } from './grade';
import { type ClassroomT, errorText, useClassroomText } from './text';

const U32 = 0x1_0000_0000;
const u32 = (n: number) => ((n % U32) + U32) % U32;

/** The segment the question is about in this page's run (its sender and relative base), if it has one. */
function askedSegment(timeline: Timeline, q: ClassQuestion): SegmentAnswer | null {
  if (q.checkpoint.kind !== 'next-segment') return null;
  return nextSegment(timeline, q.cursor, q.checkpoint.endpoint);
}

export function StudentQuestion() {
  const q = useApp((s) => s.classroom?.question ?? null);
  const error = useApp((s) => s.classroom?.error ?? null);
  const info = useApp((s) => s.classroom?.errorInfo ?? null);
  const ended = useApp((s) => s.classroom?.ended ?? false);
  const t = useClassroomText();
  if (!q) return ended ? null : <p className="hint class-waiting">{t('waiting')}</p>;
  return (
    <section className="class-question" aria-label={t('questionTitle', { n: q.id })}>
      {/* A new question (or the same one reset) starts with an empty form; a sent one keeps what was typed. */}
      <QuestionForm key={`${q.id}:${q.round ?? 0}`} q={q} ended={ended} />
      {error && (
        <p role="alert" className="classroom-error">
          {errorText(t, error, info)}
        </p>
      )}
    </section>
  );
}

function QuestionForm({ q, ended }: { q: ClassQuestion; ended: boolean }) {
  const t = useClassroomText();
  const { lang } = useMessages();
  const timeline = useApp((s) => s.timeline);
  const relative = useApp((s) => s.relativeSeq);
  const settled = q.status !== 'open' || Boolean(q.mine) || ended;
  const send = (answer: StudentAnswer) => void appStore().getState().sendAnswer(answer);
  const outcome = <Outcome q={q} t={t} timeline={timeline} relative={relative} />;
  const cp = q.checkpoint;
  if (cp.kind === 'next-segment') {
    const asked = askedSegment(timeline, q);
    const base = relative && asked ? relativeBaseOf(timeline, asked) : null;
    const answer = q.reveal?.answer;
    const fields =
      q.mine && answer?.kind === 'next-segment' && 'flags' in q.mine.answer
        ? segmentFields(q.mine.answer, answer)
        : null;
    return (
      <SegmentQuestion
        endpoint={cp.endpoint ?? asked?.from ?? null}
        fields={fields}
        submitLabel={t('sendAnswer')}
        settled={settled}
        onSubmit={(p) =>
          send({
            flags: p.flags,
            seq: p.seq === null || !base ? p.seq : u32(p.seq + base.seq),
            ack: p.ack === null || !base ? p.ack : u32(p.ack + base.ack),
            len: p.len,
          })
        }
      >
        {outcome}
      </SegmentQuestion>
    );
  }
  if (cp.kind === 'next-state')
    return (
      <StateQuestion
        endpoint={cp.endpoint}
        invalid={q.reveal !== null && q.mine ? !isRight(q.mine.answer, q.reveal.answer) : false}
        submitLabel={t('sendAnswer')}
        settled={settled}
        onSubmit={(p) => p.state && send({ state: p.state })}
      >
        {outcome}
      </StateQuestion>
    );
  return (
    <ValueQuestion
      question={cp.question[lang]}
      kind={cp.kind}
      {...(q.unit ? { unit: q.unit } : {})}
      {...(q.choices ? { choices: q.choices } : {})}
      invalid={q.reveal !== null && q.mine ? !isRight(q.mine.answer, q.reveal.answer) : false}
      submitLabel={t('sendAnswer')}
      settled={settled}
      onSubmit={(p) => {
        if (p.value === null) return;
        send(p.kind === 'number' ? { value: p.value } : { choice: p.value });
      }}
    >
      {outcome}
    </ValueQuestion>
  );
}

/** After sending: waiting; after the reveal: right or not, with the answer. */
function Outcome({
  q,
  t,
  timeline,
  relative,
}: {
  q: ClassQuestion;
  t: ClassroomT;
  timeline: Timeline;
  relative: boolean;
}) {
  const lt = useLessonText();
  const m = useMessages();
  const reveal = q.reveal?.answer;
  // Numbers as the page shows them: relative to the sender's ISNs when the toggle is on, as typed.
  const base =
    relative && reveal?.kind === 'next-segment' ? relativeBaseOf(timeline, asSegmentAnswer(reveal)) : null;
  const format = (a: StudentAnswer | RevealAnswer): string => {
    if ('flags' in a) {
      const seq = a.seq === null ? '?' : base ? u32(a.seq - base.seq) : a.seq;
      const ack = a.ack === null ? '?' : base ? u32(a.ack - base.ack) : a.ack;
      if ('kind' in a) {
        // The right answer without an ACK flag has no acknowledgment number to give (RFC 9293 §3.1: it is
        // meaningful only with ACK set, and gradeSegment does not grade it then), so none is shown.
        const acked = a.flags.includes('ACK') ? ` ack=${ack}` : '';
        const segment = `${a.flags.join(',') || '—'} seq=${seq}${acked} len=${a.len}`;
        return t('segmentAnswer', { endpoint: a.from, segment });
      }
      return `${a.flags.join(',') || '—'} seq=${seq} ack=${ack} len=${a.len ?? '?'}`;
    }
    if ('state' in a)
      return 'kind' in a ? t('stateAnswer', { endpoint: a.endpoint, state: a.state }) : a.state;
    if ('value' in a) {
      const unit = 'unit' in a ? a.unit : q.unit;
      return `${a.value.toLocaleString(m.lang)}${unit ? ` ${unitText(lt, unit)}` : ''}`;
    }
    return a.choice;
  };
  if (q.reveal) {
    const { answer, counts } = q.reveal;
    const right = q.mine ? isRight(q.mine.answer, answer) : null;
    return (
      <div className={`cp-feedback${right === null ? '' : right ? ' is-right' : ' is-wrong'}`}>
        <p role="status" className="cp-verdict">
          <strong>{right === null ? t('noAnswer') : right ? t('right') : t('notQuite')}</strong>{' '}
          {t('theAnswer', { answer: format(answer) })}
        </p>
        {q.mine && !right && <p>{t('yourAnswer', { answer: format(q.mine.answer) })}</p>}
        <p className="hint">{t('classStats', { correct: counts.correct, answered: counts.answered })}</p>
      </div>
    );
  }
  if (q.mine)
    return (
      <div className="cp-feedback">
        <p role="status">{t('answerSent')}</p>
      </div>
    );
  if (q.status === 'closed') return <p className="hint">{t('closed')}</p>;
  return null;
}
