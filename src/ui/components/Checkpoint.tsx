/**
 * A lesson step's question: predict the next segment (flag toggles, seq/ack/len), the next state, or a
 * number or a choice the engine computed. The form names, the flag buttons, the input labels, "Check" and
 * the role="status" feedback are pinned (issue 10): other checks drive them. The store grades; this draws.
 * The forms themselves (SegmentQuestion, StateQuestion, ValueQuestion) take their submit callback and
 * button label, so a classroom question (issue 11) is the same form with "Send answer".
 */
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import type { Answer, Checkpoint as CheckpointSpec, NumberUnit, SegmentGrade } from '../../lessons/types';
import { appStore, useApp } from '../../store';
import type { CheckpointState, Prediction } from '../../store/lesson';
import { type EndpointName, STATES, type State } from '../../tcp/types';
import { labeler } from '../format';
import { useMessages } from '../i18n';
import { type LessonT, ruleText, unitText, useLessonText } from './lessonText';

const FLAGS = ['SYN', 'ACK', 'FIN', 'RST'] as const;
const SEGMENT_FIELDS = ['seq', 'ack', 'len'] as const;
type SegmentField = (typeof SEGMENT_FIELDS)[number];

/** A typed number: digits only (a sequence number is a u32); blank is "no answer". */
export function parseNumber(text: string): number | null {
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

/** What every form part takes: its submit button's label and what a submit does, and what follows it. */
interface FormParts<P> {
  submitLabel: string;
  onSubmit(prediction: P): void;
  /** Answered (or the question closed): the inputs and the buttons are disabled or gone. */
  settled: boolean;
  /** Buttons after the submit button (a lesson's Show answer). */
  extraButtons?: ReactNode;
  /** What follows the buttons (the feedback). */
  children?: ReactNode;
}

function Buttons({
  settled,
  submitLabel,
  extra,
}: {
  settled: boolean;
  submitLabel: string;
  extra?: ReactNode;
}) {
  if (settled) return null;
  return (
    <div className="cp-buttons">
      <button type="submit" className="primary">
        {submitLabel}
      </button>
      {extra}
    </div>
  );
}

/** A lesson's form parts: Check submits to the lesson slice; Show answer while the checkpoint is open. */
function lessonParts(cp: CheckpointState, t: LessonT): Omit<FormParts<Prediction>, 'children'> {
  const open = cp.status === 'open';
  return {
    submitLabel: t('check'),
    onSubmit: (p) => appStore().getState().submit(p),
    settled: !open,
    extraButtons: open ? <ShowAnswer t={t} /> : null,
  };
}

/** The lesson's Show answer button, while the checkpoint is open. */
function ShowAnswer({ t }: { t: LessonT }) {
  return (
    <button type="button" onClick={() => appStore().getState().showAnswer()}>
      {t('showAnswer')}
    </button>
  );
}

type SegmentPrediction = Extract<Prediction, { kind: 'next-segment' }>;

/**
 * Predict the next segment: the pinned flag toggles (aria-pressed) and the seq, ack and len inputs, the
 * numbers as the Relative seq toggle shows them (the caller converts).
 */
export function SegmentQuestion({
  endpoint,
  fields,
  submitLabel,
  onSubmit,
  settled,
  extraButtons,
  children,
}: FormParts<SegmentPrediction> & { endpoint: EndpointName | null; fields: SegmentGrade | null }) {
  const t = useLessonText();
  const relative = useApp((s) => s.relativeSeq);
  const [flags, setFlags] = useState<string[]>([]);
  const [values, setValues] = useState<Record<SegmentField, string>>({ seq: '', ack: '', len: '' });
  const id = useId();
  const toggle = (flag: string) =>
    setFlags((now) => (now.includes(flag) ? now.filter((f) => f !== flag) : [...now, flag]));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({
      kind: 'next-segment',
      flags,
      seq: parseNumber(values.seq),
      ack: parseNumber(values.ack),
      len: parseNumber(values.len),
    });
  };
  const wrong = (field: keyof SegmentGrade) => (fields && !fields[field] ? true : undefined);
  return (
    <form className="checkpoint" aria-label={t('predictSegment')} onSubmit={submit}>
      {endpoint && <p className="cp-question">{t('predictSegmentBy', { endpoint })}</p>}
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
      <Buttons settled={settled} submitLabel={submitLabel} extra={extraButtons} />
      {children}
    </form>
  );
}

function SegmentForm({ answer, cp }: { answer: Answer; cp: CheckpointState }) {
  const t = useLessonText();
  if (answer.kind !== 'next-segment') return null;
  return (
    <SegmentQuestion endpoint={answer.segment.from} fields={cp.last?.fields ?? null} {...lessonParts(cp, t)}>
      <Feedback cp={cp} answer={answer} />
    </SegmentQuestion>
  );
}

/** Predict the state `endpoint` enters next (one of RFC 9293's eleven). */
export function StateQuestion({
  endpoint,
  invalid,
  submitLabel,
  onSubmit,
  settled,
  extraButtons,
  children,
}: FormParts<{ kind: 'next-state'; state: State | null }> & { endpoint: EndpointName; invalid: boolean }) {
  const t = useLessonText();
  const [state, setState] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ kind: 'next-state', state: STATES.find((s) => s === state) ?? null });
  };
  return (
    <form className="checkpoint" aria-label={t('predictState')} onSubmit={submit}>
      <p className="cp-question">{t('predictStateOf', { endpoint })}</p>
      <span className="cp-number">
        <label htmlFor={`${id}-state`}>{endpoint}</label>
        <select
          id={`${id}-state`}
          value={state}
          disabled={settled}
          aria-invalid={invalid ? true : undefined}
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
      <Buttons settled={settled} submitLabel={submitLabel} extra={extraButtons} />
      {children}
    </form>
  );
}

function StateForm({ answer, cp }: { answer: Answer; cp: CheckpointState }) {
  const t = useLessonText();
  if (answer.kind !== 'next-state') return null;
  return (
    <StateQuestion
      endpoint={answer.endpoint}
      invalid={cp.last !== null && !cp.last.correct}
      {...lessonParts(cp, t)}
    >
      <Feedback cp={cp} answer={answer} />
    </StateQuestion>
  );
}

type ValuePrediction = Extract<Prediction, { kind: 'number' | 'choice' }>;

/** A number (with its unit) or one of `choices`, asked in the lesson's own words. */
export function ValueQuestion({
  question,
  kind,
  unit,
  choices,
  invalid,
  submitLabel,
  onSubmit,
  settled,
  extraButtons,
  children,
}: FormParts<ValuePrediction> & {
  question: string;
  kind: 'number' | 'choice';
  unit?: NumberUnit;
  choices?: readonly string[];
  invalid: boolean;
}) {
  const t = useLessonText();
  const [value, setValue] = useState('');
  const id = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kind === 'number') onSubmit({ kind: 'number', value: parseNumber(value) });
    else onSubmit({ kind: 'choice', value: value || null });
  };
  return (
    <form className="checkpoint" aria-label={question} onSubmit={submit}>
      {kind === 'number' ? (
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
              aria-invalid={invalid ? true : undefined}
              onChange={(e) => setValue(e.target.value)}
            />
            {unit && <span>{unitText(t, unit)}</span>}
          </span>
        </>
      ) : (
        <fieldset className="cp-choices">
          <legend>{question}</legend>
          {(choices ?? []).map((choice) => (
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
      )}
      <Buttons settled={settled} submitLabel={submitLabel} extra={extraButtons} />
      {children}
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
  if (answer.kind !== 'number' && answer.kind !== 'choice') return null;
  return (
    <ValueQuestion
      question={spec.question[lang]}
      kind={answer.kind}
      {...(answer.kind === 'number' ? { unit: answer.unit } : { choices: answer.choices })}
      invalid={cp.last !== null && !cp.last.correct}
      {...lessonParts(cp, t)}
    >
      <Feedback cp={cp} answer={answer} />
    </ValueQuestion>
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
