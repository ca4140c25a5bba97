/**
 * Whether the student's answer is the revealed one, graded as the server grades it (src/lessons/answers.ts:
 * flags as a set of the form's four, PSH not graded, an ack without ACK ignored; numbers within the unit's
 * tolerance; choices and states exact). The class stream never says who was right: each page works it out.
 */
import { gradeChoice, gradeNumber, gradeSegment } from '../../../lessons/answers';
import type { SegmentAnswer, SegmentGrade } from '../../../lessons/types';
import type { RevealAnswer, SegmentAnswerBody, StudentAnswer } from '../../../server/protocol';

type SegmentReveal = Extract<RevealAnswer, { kind: 'next-segment' }>;

/** The revealed segment as the lessons' answer type (its id is not sent: the grading never reads it). */
export const asSegmentAnswer = (answer: SegmentReveal): SegmentAnswer => ({ ...answer, id: -1 });

/** Which fields of a sent segment are right (absolute numbers, as sent). */
export function segmentFields(mine: SegmentAnswerBody, answer: SegmentReveal): SegmentGrade {
  return gradeSegment(mine, asSegmentAnswer(answer), null);
}

export function isRight(mine: StudentAnswer, answer: RevealAnswer): boolean {
  switch (answer.kind) {
    case 'next-segment':
      return 'flags' in mine && segmentFields(mine, answer).correct;
    case 'next-state':
      return 'state' in mine && mine.state === answer.state;
    case 'number':
      return 'value' in mine && gradeNumber(mine.value, answer);
    case 'choice':
      return 'choice' in mine && gradeChoice(mine.choice, { value: answer.choice });
  }
}
