/**
 * A lesson step's question: predict the next segment (flag toggles, seq/ack/len), the next state, or a
 * number or a choice the engine computed. The form names, the flag buttons, the input labels, "Check" and
 * the role="status" feedback are pinned (issue 10): other checks drive them. The store grades; this draws.
 */
import { type FormEvent, useId, useState } from 'react';
import type { Answer, Checkpoint as CheckpointSpec, SegmentGrade } from '../../lessons/types';
import { appStore, useApp } from '../../store';
import type { CheckpointState, Prediction } from '../../store/lesson';
import { STATES } from '../../tcp/types';
import { labeler } from '../format';
import { useMessages } from '../i18n';
import { type LessonT, ruleText, unitText, useLessonText } from './lessonText';

const FLAGS = ['SYN', 'ACK', 'FIN', 'RST'] as const;
const SEGMENT_FIELDS = ['seq', 'ack', 'len'] as const;
type SegmentField = (typeof SEGMENT_FIELDS)[number];

/** A typed number: digits only (a sequence number is a u32); blank is "no answer". */
function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}(?:\.\d{1,3})?$/.test(trimmed)) return null;
  return Number(trimmed);
}

export function Checkpoint({ spec }: { spec: CheckpointSpec }) {
  const run = useApp((s) => s.lessonRun);
  if (!run?.checkpoint || !run.answer) return null;
  const key = `${run.lesson.id}:${run.step}:${run.seed}`;
  if (spec.kind === 'next-segment') return <SegmentForm key={key} answer={run.answer} cp={run.checkpoint} />;
  if (spec.kind === 'next-state') return <StateForm key={key} answer={run.answer} cp={run.checkpoint} />;
  return <ValueForm key={key} spec={spec} answer={run.answer} cp={run.checkpoint} />;
}

function Buttons({ cp, t }: { cp: CheckpointState; t: LessonT }) {
  if (cp.status !== 'open') return null;
  return (
    <div className="cp-buttons">
      <button type="submit" className="primary">
        {t('check')}
      </button>
      <button type="button" onClick={() => appStore().getState().showAnswer()}>
        {t('showAnswer')}
      </button>
    </div>
  );
}

function SegmentForm({ answer, cp }: { answer: Answer; cp: CheckpointState }) {
  const t = useLessonText();
  const relative = useApp((s) => s.relativeSeq);
  const [flags, setFlags] = useState<string[]>([]);
  const [values, setValues] = useState<Record<SegmentField, string>>({ seq: '', ack: '', len: '' });
  const id = useId();
  if (answer.kind !== 'next-segment') return null;
  const endpoint = answer.segment.from;
  const settled = cp.status !== 'open';
  const fields = cp.last?.fields ?? null;
  const toggle = (flag: string) =>
    setFlags((now) => (now.includes(flag) ? now.filter((f) => f !== flag) : [...now, flag]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const prediction: Prediction = {
      kind: 'next-segment',
      flags,
      seq: parseNumber(values.seq),
      ack: parseNumber(values.ack),
      len: parseNumber(values.len),
    };
    appStore().getState().submit(prediction);
  };
  const wrong = (field: keyof SegmentGrade) => (fields && !fields[field] ? true : undefined);
  return (
    <form className="checkpoint" aria-label={t('predictSegment')} onSubmit={submit}>
      <p className="cp-question">{t('predictSegmentBy', { endpoint })}</p>
      <fieldset className="cp-flags" aria-invalid={wrong('flags')}>
        <legend>{t('flags')}</legend>
        {FLAGS.map((flag) => (
          <button
            key={flag}
            type="button"
            className="cp-flag mono"
            aria-pressed={flags.includes(flag)}
            disabled={settled}
            onClick={() => toggle(flag)}
          >
            {flag}
          </button>
        ))}
      </fieldset>
      <div className="cp-numbers">
        {SEGMENT_FIELDS.map((field) => (
          <span key={field} className="cp-number">
            <label htmlFor={`${id}-${field}`} className="mono">
              {field}
            </label>
            <input
              id={`${id}-${field}`}
              className="mono"
              inputMode="numeric"
              autoComplete="off"
              spellCheck={false}
              value={values[field]}
              disabled={settled}
              aria-invalid={wrong(field)}
              onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
            />
          </span>
        ))}
      </div>
      <p className="hint">{relative ? t('numbersRelative') : t('numbersAbsolute')}</p>
      <Buttons cp={cp} t={t} />
      <Feedback cp={cp} answer={answer} />
    </form>
  );
}

function StateForm({ answer, cp }: { answer: Answer; cp: CheckpointState }) {
  const t = useLessonText();
  const [state, setState] = useState('');
  const id = useId();
  if (answer.kind !== 'next-state') return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const chosen = STATES.find((s) => s === state) ?? null;
    appStore().getState().submit({ kind: 'next-state', state: chosen });
  };
  return (
    <form className="checkpoint" aria-label={t('predictState')} onSubmit={submit}>
      <p className="cp-question">{t('predictStateOf', { endpoint: answer.endpoint })}</p>
      <span className="cp-number">
        <label htmlFor={`${id}-state`}>{answer.endpoint}</label>
        <select
          id={`${id}-state`}
          value={state}
          disabled={cp.status !== 'open'}
          aria-invalid={cp.last && !cp.last.correct ? true : undefined}
          onChange={(e) => setState(e.target.value)}
        >
          <option value="">{t('chooseState')}</option>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </span>
      <Buttons cp={cp} t={t} />
      <Feedback cp={cp} answer={answer} />
    </form>
  );
}

function ValueForm({
  spec,
  answer,
  cp,
}: {
  spec: Extract<CheckpointSpec, { kind: 'number' | 'choice' }>;
  answer: Answer;
  cp: CheckpointState;
}) {
  const t = useLessonText();
  const { lang } = useMessages();
  const [value, setValue] = useState('');
  const id = useId();
  const question = spec.question[lang];
  const settled = cp.status !== 'open';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (answer.kind === 'number')
      appStore()
        .getState()
        .submit({ kind: 'number', value: parseNumber(value) });
    else
      appStore()
        .getState()
        .submit({ kind: 'choice', value: value || null });
  };
  return (
    <form className="checkpoint" aria-label={question} onSubmit={submit}>
      {answer.kind === 'number' ? (
        <>
          <p className="cp-question" id={`${id}-q`}>
            {question}
          </p>
          <span className="cp-number">
            <input
              id={`${id}-value`}
              className="mono"
              inputMode="decimal"
              autoComplete="off"
              aria-labelledby={`${id}-q`}
              value={value}
              disabled={settled}
              aria-invalid={cp.last && !cp.last.correct ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
            <span>{unitText(t, answer.unit)}</span>
          </span>
        </>
      ) : answer.kind === 'choice' ? (
        <fieldset className="cp-choices">
          <legend>{question}</legend>
          {answer.choices.map((choice) => (
            <label key={choice} className="cp-choice">
              <input
                type="radio"
                name={`${id}-choice`}
                value={choice}
                checked={value === choice}
                disabled={settled}
                onChange={() => setValue(choice)}
              />{' '}
              <span className="mono">{choice}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      <Buttons cp={cp} t={t} />
      <Feedback cp={cp} answer={answer} />
    </form>
  );
}

/** Which fields are right or wrong, the hint after a first miss, the answer and its rule once settled. */
function Feedback({ cp, answer }: { cp: CheckpointState; answer: Answer }) {
  const t = useLessonText();
  const m = useMessages();
  const timeline = useApp((s) => s.timeline);
  const relative = useApp((s) => s.relativeSeq);
  const last = cp.last;
  const rule = (explain: string, rfc?: string) => ruleText(t, m, explain, rfc);
  let answerText: string | null = null;
  let ruleLine: string | null = null;
  if (cp.status !== 'open') {
    if (answer.kind === 'next-segment') {
      const send = timeline.trace.events[answer.segment.index];
      const label = send?.type === 'send' ? labeler(timeline, relative)(send, answer.segment.index) : '';
      answerText = t('answerSegment', { endpoint: answer.segment.from, label });
      ruleLine = rule(answer.segment.explain, answer.segment.rfc);
    } else if (answer.kind === 'next-state') {
      answerText = t('answerState', { endpoint: answer.endpoint, state: answer.state });
      ruleLine = rule(answer.explain, answer.rfc);
    } else {
      const value =
        answer.kind === 'number'
          ? `${answer.value.toLocaleString(m.lang)} ${unitText(t, answer.unit)}`
          : answer.value;
      answerText = t('answerValue', { value });
    }
  }
  return (
    <div className={`cp-feedback${last ? (last.correct ? ' is-right' : ' is-wrong') : ''}`} role="status">
      {last && (
        <p className="cp-verdict">
          <strong>{last.correct ? t('right') : t('wrong')}</strong>{' '}
          {last.fields && !last.correct && (
            <span className="cp-fields">
              {(['flags', 'seq', 'ack', 'len'] as const).map((f) => (
                <span key={f} className={last.fields?.[f] ? 'cp-field-right' : 'cp-field-wrong'}>
                  {last.fields?.[f] ? '✓' : '✗'}{' '}
                  {f === 'flags'
                    ? t(last.fields?.[f] ? 'flagsRight' : 'flagsWrong')
                    : t(last.fields?.[f] ? 'fieldRight' : 'fieldWrong', { field: f })}
                </span>
              ))}
            </span>
          )}
        </p>
      )}
      {cp.hint && cp.status === 'open' && (
        <p className="cp-hint">{t('hint', { rule: rule(cp.hint.explain, cp.hint.rfc) })}</p>
      )}
      {cp.hint === null && cp.status === 'open' && last && !last.correct && (
        <p className="cp-hint">{t('hintValue')}</p>
      )}
      {answerText && (
        <p className="cp-answer">
          <strong>{answerText}</strong>
          {/* Sentences follow each other with a space in English and directly after 。 in Chinese. */}
          {ruleLine && (
            <>
              {m.lang === 'zh-CN' ? '' : ' '}
              {t('answerRule', { rule: ruleLine })}
            </>
          )}
        </p>
      )}
      {answerText && (
        <p className="hint">
          {answer.kind === 'next-segment'
            ? t('revealed')
            : answer.kind === 'next-state'
              ? t('revealedState')
              : ''}
        </p>
      )}
    </div>
  );
}
