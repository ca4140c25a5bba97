/**
 * How the class answered a question, as bars with counts: for a next-segment question one list per header
 * field (flags, seq, ack, len) and one of whole answers; for the other kinds the whole answers. Before the
 * reveal nothing is marked, so the projector does not give the answer away; after it the right values say
 * "correct" in words beside the colour (WCAG 1.4.1: colour is never the only cue).
 */
import type { NumberUnit } from '../../../lessons/types';
import type { Counts, SegmentAnswerBody, StudentAnswer, Tally } from '../../../server/protocol';
import { useMessages } from '../../i18n';
import { unitText, useLessonText } from '../lessonText';
import { type TeachT, useTeachText } from './teachText';

/** Relative numbers: the sender's ISS and IRS to subtract (the page's Relative seq toggle), or null. */
export type Base = { seq: number; ack: number } | null;

const FIELDS = ['flags', 'seq', 'ack', 'len'] as const;
type Field = (typeof FIELDS)[number];
const FIELD_KEY = { flags: 'fieldFlags', seq: 'fieldSeq', ack: 'fieldAck', len: 'fieldLen' } as const;

const U32_TEXT = /^\d{1,10}$/;

/** A typed seq or ack as the room should read it: relative to `base` when given (mod 2^32, RFC 9293 §3.4). */
function shownSeq(n: number, base: number | undefined): string {
  return String(base === undefined ? n : (n - base) >>> 0);
}

/** One field's tally value as shown: `?` (left blank) and an empty flag set get words; numbers may shift. */
function fieldText(t: TeachT, field: Field, value: string, base: Base): string {
  if (value === '?' || (value === '' && field !== 'flags')) return t('blank');
  if (field === 'flags') return value === '' ? t('noFlags') : value;
  if ((field === 'seq' || field === 'ack') && U32_TEXT.test(value))
    return shownSeq(Number(value), base?.[field]);
  return value;
}

function isSegmentAnswer(a: StudentAnswer): a is SegmentAnswerBody {
  return 'flags' in a && Array.isArray(a.flags);
}

/** A whole answer in one line, every field the student filled (blank ones say so). */
function answerText(t: TeachT, tally: Tally & { answer: StudentAnswer }, base: Base): string {
  const a = tally.answer;
  if (isSegmentAnswer(a)) {
    const num = (n: number | null, b?: number) => (n === null ? t('blank') : shownSeq(n, b));
    const flags = a.flags.length === 0 ? t('noFlags') : a.flags.join(',');
    return `${flags} seq=${num(a.seq, base?.seq)} ack=${num(a.ack, base?.ack)} len=${a.len === null ? t('blank') : a.len}`;
  }
  return tally.value;
}

function Bars({
  label,
  items,
  answered,
  revealed,
  className = '',
}: {
  className?: string;
  label: string;
  items: { key: string; text: string; count: number; correct: boolean }[];
  answered: number;
  revealed: boolean;
}) {
  const t = useTeachText();
  return (
    <div className={`teach-bars ${className}`}>
      <h4>{label}</h4>
      <ul aria-label={label}>
        {items.map((item) => {
          const marked = revealed && item.correct;
          return (
            <li key={item.key} className={marked ? 'teach-bar is-correct' : 'teach-bar'}>
              <span className="teach-value mono">{item.text}</span>
              <span className="teach-track" aria-hidden="true">
                <span
                  className="teach-fill"
                  style={{ inlineSize: `${answered > 0 ? (100 * item.count) / answered : 0}%` }}
                />
              </span>
              <span className="teach-count">{t('count', { n: item.count })}</span>
              {marked && <span className="teach-correct">✓ {t('correct')}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function Distribution({
  counts,
  revealed,
  base,
  unit,
}: {
  counts: Counts;
  revealed: boolean;
  base: Base;
  unit?: NumberUnit;
}) {
  const t = useTeachText();
  const lt = useLessonText();
  const { lang } = useMessages();
  if (counts.answered === 0) return <p className="teach-none">{t('noAnswers')}</p>;
  const unitWord = unit ? unitText(lt, unit) : undefined;
  const whole = counts.answers.map((tally) => ({
    key: tally.value,
    text:
      'value' in tally.answer && unit
        ? `${tally.answer.value.toLocaleString(lang)} ${unitWord}`
        : answerText(t, tally, base),
    count: tally.count,
    correct: tally.correct,
  }));
  if (counts.other > 0)
    whole.push({ key: '\u0000other', text: t('other'), count: counts.other, correct: false });
  return (
    <section className="teach-distribution" aria-label={t('distribution')}>
      {counts.fields && (
        <div className="teach-fields">
          {FIELDS.map((field) => (
            <Bars
              key={field}
              label={t(FIELD_KEY[field])}
              answered={counts.answered}
              revealed={revealed}
              items={(counts.fields?.[field] ?? []).map((tally) => ({
                key: tally.value,
                text: fieldText(t, field, tally.value, base),
                count: tally.count,
                correct: tally.correct,
              }))}
            />
          ))}
        </div>
      )}
      <Bars
        className="teach-whole"
        label={t('wholeAnswers')}
        answered={counts.answered}
        revealed={revealed}
        items={whole}
      />
      {revealed && (
        <p className="teach-score">
          {t('correctCount', { correct: counts.correct, answered: counts.answered })}
        </p>
      )}
    </section>
  );
}
