/**
 * Grading a student's answer and counting a question's answers: what the teacher sees live and the class
 * sees with the reveal (aggregate only: nothing about one student; issue 11). Pure.
 */
import { gradeChoice, gradeNumber, gradeSegment } from '../lessons/answers';
import { isPlainObject } from '../scenarios/schema';
import { FLAG_ORDER } from '../tcp/types';
import type { QuestionSpec } from './classwork';
import {
  type Counts,
  type SegmentAnswerBody,
  type StudentAnswer,
  type Tally,
  TOP_ANSWERS,
  TOP_FIELD_VALUES,
} from './protocol';

/** Narrowing for an answer already parsed against its question (grading never trusts the pairing). */
export function isSegmentAnswer(a: StudentAnswer): a is SegmentAnswerBody {
  return isPlainObject(a) && Array.isArray((a as { flags?: unknown }).flags);
}

/**
 * Whether the answer is right, by the lessons' own rules: a segment by gradeSegment on absolute numbers
 * (PSH not graded: the form has no toggle for it; a blank field is wrong; the ack of a segment without ACK
 * is not graded, RFC 9293 §3.1), a number within the lessons' tolerance, a state or a choice exactly.
 * An answer of another kind than the question's is wrong.
 */
export function grade(q: QuestionSpec, a: StudentAnswer): boolean {
  const right = q.answer;
  if (!isPlainObject(a)) return false;
  switch (right.kind) {
    case 'next-segment':
      return isSegmentAnswer(a) && gradeSegment(a, right, null).correct;
    case 'next-state':
      return 'state' in a && a.state === right.state;
    case 'number':
      return 'value' in a && typeof a.value === 'number' && gradeNumber(a.value, right);
    case 'choice':
      return 'choice' in a && typeof a.choice === 'string' && gradeChoice(a.choice, { value: right.choice });
  }
}

/** A flag set as the trace spells it (FLAG_ORDER, comma-separated); "none" for no flags. */
function flagsKey(flags: readonly string[]): string {
  return FLAG_ORDER.filter((f) => flags.includes(f)).join(',') || 'none';
}

/** A typed number, or "?" for a blank one. */
const numberKey = (n: number | null): string => (n === null ? '?' : String(n));

/**
 * An answer as one value, the same for the same answer: `SYN,ACK seq=300 ack=101 len=0` for a segment
 * (flags in FLAG_ORDER, "none" when there are none, "?" for a blank field), the state's name, the number as
 * JSON writes it, the choice. The distribution counts by it and results.csv writes it.
 */
export function answerKey(q: QuestionSpec, a: StudentAnswer): string {
  if (!isPlainObject(a)) return String(JSON.stringify(a));
  switch (q.answer.kind) {
    case 'next-segment':
      if (isSegmentAnswer(a))
        return `${flagsKey(a.flags)} seq=${numberKey(a.seq)} ack=${numberKey(a.ack)} len=${numberKey(a.len)}`;
      break;
    case 'next-state':
      if ('state' in a) return String(a.state);
      break;
    case 'number':
      if ('value' in a) return String(a.value);
      break;
    case 'choice':
      if ('choice' in a) return String(a.choice);
      break;
  }
  return JSON.stringify(a); // an answer of another kind (never stored: parseAnswer refuses it)
}

const NUMERIC = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** Tallies by count (most first), then by value: numbers by size, other values by their UTF-16 code units. */
function byCountThenValue(x: Tally, y: Tally): number {
  if (x.count !== y.count) return y.count - x.count;
  if (NUMERIC.test(x.value) && NUMERIC.test(y.value)) return Number(x.value) - Number(y.value);
  return x.value < y.value ? -1 : x.value > y.value ? 1 : 0;
}

/** Count values and keep the top `limit`: each group's correctness is that of its first member. */
class Counter<T> {
  private readonly groups = new Map<string, Tally & { sample: T }>();

  add(value: string, correct: () => boolean, sample: T): boolean {
    let group = this.groups.get(value);
    if (!group) {
      group = { value, count: 0, correct: correct(), sample };
      this.groups.set(value, group);
    }
    group.count++;
    return group.correct;
  }

  top(limit: number): (Tally & { sample: T })[] {
    return [...this.groups.values()].sort(byCountThenValue).slice(0, limit);
  }
}

const plain = ({ value, count, correct }: Tally): Tally => ({ value, count, correct });

/**
 * The distribution of a question's answers: how many answered and were right, the TOP_ANSWERS most given
 * whole answers (the right one marked) with the rest as `other`, and for a segment each field's
 * TOP_FIELD_VALUES most given values (a class that gets the flags right and the ack wrong shows it).
 * Answers with the same answerKey are the same answer, so they are graded the same.
 */
export function tally(q: QuestionSpec, answers: readonly StudentAnswer[], students: number): Counts {
  const whole = new Counter<StudentAnswer>();
  let correct = 0;
  for (const a of answers) if (whole.add(answerKey(q, a), () => grade(q, a), a)) correct++;
  const top = whole.top(TOP_ANSWERS);
  const shown = top.reduce((sum, t) => sum + t.count, 0);
  const counts: Counts = {
    students,
    answered: answers.length,
    correct,
    answers: top.map((t) => ({ ...plain(t), answer: t.sample })),
    other: answers.length - shown,
  };
  const right = q.answer;
  if (right.kind === 'next-segment') {
    const fields = { flags: new Counter(), seq: new Counter(), ack: new Counter(), len: new Counter() };
    for (const a of answers) {
      if (!isSegmentAnswer(a)) continue;
      // Each field's grade depends on that field alone (and on the right answer), so a value is one grade.
      const graded = () => gradeSegment(a, right, null);
      fields.flags.add(flagsKey(a.flags), () => graded().flags, null);
      fields.seq.add(numberKey(a.seq), () => graded().seq, null);
      fields.ack.add(numberKey(a.ack), () => graded().ack, null);
      fields.len.add(numberKey(a.len), () => graded().len, null);
    }
    counts.fields = {
      flags: fields.flags.top(TOP_FIELD_VALUES).map(plain),
      seq: fields.seq.top(TOP_FIELD_VALUES).map(plain),
      ack: fields.ack.top(TOP_FIELD_VALUES).map(plain),
      len: fields.len.top(TOP_FIELD_VALUES).map(plain),
    };
  }
  return counts;
}
