/**
 * How the class's events and the teacher's summary become the view the page draws (issue 11): pure
 * functions of what came and what was there, so the client (./classroomClient.ts) only moves data.
 */
import type { Checkpoint } from '../lessons/types';
import type { ClassState, Counts, QuestionEvent, RevealAnswer, StudentAnswer } from '../server/protocol';
import type { ClassQuestion, ClassRole, ClassroomView } from './classroom';

export function newView(
  role: ClassRole,
  code: string,
  joinUrl: string,
  extra: Partial<ClassroomView> = {},
): ClassroomView {
  return {
    role,
    code,
    joinUrl,
    connection: 'connecting',
    fallbackReason: null,
    exploring: false,
    latest: null,
    question: null,
    roster: null,
    anonymous: false,
    ended: false,
    error: null,
    errorInfo: null,
    ...extra,
  };
}

/**
 * A `question` event as the view's question: open, not revealed. The same question again (a reconnect's
 * repeat) keeps what the page knew of it; a reset one starts afresh. `mine`: the student's answer to it
 * (sent, or read from /me after a reload), if any.
 */
export function questionOf(
  d: QuestionEvent,
  prev: ClassQuestion | null,
  role: ClassRole,
  mine: StudentAnswer | undefined,
): ClassQuestion {
  const same = prev !== null && prev.id === d.id && !d.reset;
  const round = prev !== null && prev.id === d.id ? (prev.round ?? 0) + (d.reset ? 1 : 0) : 0;
  return {
    round,
    id: d.id,
    checkpoint: d.checkpoint,
    cursor: d.cursor,
    ...(d.choices ? { choices: d.choices } : {}),
    ...(d.unit ? { unit: d.unit } : {}),
    status: 'open',
    reveal: null,
    ...(role === 'student'
      ? { mine: same && prev.mine ? prev.mine : mine ? { answer: mine, sentAt: 0 } : null }
      : { live: same ? (prev.live ?? null) : null }),
  };
}

/** GET …/teacher/summary's body (the design's shape). */
export interface TeacherSummary {
  joinUrl?: string;
  anonymous?: boolean;
  ended?: boolean;
  state?: ClassState;
  /** How many joined (the names come with the teacher stream, which an ended class no longer opens). */
  students?: number;
  question: {
    id: number;
    checkpoint: Checkpoint;
    status: 'open' | 'closed' | 'revealed';
    counts: Counts;
    answer: RevealAnswer | null;
  } | null;
}

/** The teacher's view after a reload, from the summary (the class stream then brings the rest). */
export function summaryView(code: string, b: TeacherSummary): ClassroomView {
  const q = b.question;
  return newView('teacher', code, b.joinUrl ?? '', {
    anonymous: b.anonymous === true,
    ended: b.ended === true,
    connection: b.ended ? 'ended' : 'connecting',
    latest: b.state ?? null,
    roster: typeof b.students === 'number' ? { students: b.students, names: null } : null,
    // The summary has no cursor for its question: the state's, until the stream's `question` says.
    question: q
      ? {
          id: q.id,
          checkpoint: q.checkpoint,
          cursor: b.state?.cursor ?? -1,
          status: q.status,
          reveal: q.status === 'revealed' && q.answer ? { answer: q.answer, counts: q.counts } : null,
          live: q.counts ?? null,
        }
      : null,
  });
}
