/**
 * Where a class lives: its roster, questions, answers and event log. An interface of whole operations (each
 * one transaction, committed before it resolves), async so that a PostgreSQL store can replace the SQLite
 * one (./sqlite-store.ts) without touching the routes. A refusal the client must hear about (the class
 * ended, the nickname is taken) is a value, decided inside the same transaction as the write it guards.
 */
import type {
  ClassEvent,
  ClassState,
  QuestionEvent,
  QuestionStatus,
  RevealEvent,
  StudentAnswer,
} from './protocol';

export interface ClassRow {
  /** Upper case, e.g. "ABC234". */
  code: string;
  /** SHA-256 hex of the teacher's token (the token itself is never stored). */
  teacherHash: string;
  anonymous: boolean;
  createdAt: number;
  /** The last teacher or student call: the class expires a TTL after it. */
  activeAt: number;
  endedAt: number | null;
  /** An expired class answers no one (404), and nothing of it is kept but this row. */
  expired: boolean;
  lastEventId: number;
  /** The question asked last (open, closed or revealed), if any. */
  currentQuestionId: number | null;
}

export interface StudentRow {
  id: string;
  code: string;
  /** As the student typed it (trimmed): only ever shown as text. */
  nickname: string;
  tokenHash: string;
  joinedAt: number;
}

export interface QuestionRow {
  code: string;
  id: number;
  /**
   * The question as ./classwork.ts built it (its QuestionSpec), kept as JSON: the store never reads it, so
   * the store does not depend on how questions are graded.
   */
  spec: unknown;
  status: QuestionStatus;
  askedAt: number;
  /** When it was last opened (asked, or reset): an answer's seconds count from here. */
  openedAt: number;
}

export interface AnswerRow {
  questionId: number;
  studentId: string;
  answer: StudentAnswer;
  /** Graded when it arrived; shown to the student only after the reveal. */
  correct: boolean;
  answeredAt: number;
}

/** Why the store refused a write. */
export type Refusal =
  | 'no-class'
  | 'ended'
  | 'events-full'
  | 'students-full'
  | 'questions-full'
  | 'nickname-taken'
  | 'no-question'
  | 'no-student'
  | 'closed'
  | 'revealed'
  | 'answered';

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: Refusal };

export interface NewClass {
  code: string;
  teacherHash: string;
  anonymous: boolean;
  state: ClassState;
}

export interface NewStudent {
  id: string;
  nickname: string;
  /** What "the same nickname" means: compared case-insensitively, one per class. */
  nicknameKey: string;
  tokenHash: string;
}

export interface NewAnswer {
  questionId: number;
  studentId: string;
  answer: StudentAnswer;
  correct: boolean;
}

export interface ClassStore {
  /** A new class and its event 1 (a `state` event with `state`); false when the code is taken. */
  createClass(input: NewClass, at: number): Promise<boolean>;
  getClass(code: string): Promise<ClassRow | null>;
  /** Record activity (a read by the teacher or a student), postponing expiry. */
  touch(code: string, at: number): Promise<void>;
  setAnonymous(code: string, anonymous: boolean, at: number): Promise<Outcome<null>>;
  /** The state of the latest `state` event. */
  state(code: string): Promise<ClassState>;
  /**
   * Append the full state after a change as a `state` event. `change` gets the current state inside the
   * transaction (two changes at once cannot undo each other); it may throw to refuse, and nothing is written.
   */
  appendState(
    code: string,
    change: (current: ClassState) => ClassState,
    at: number,
  ): Promise<Outcome<ClassEvent>>;
  /** An `end` event (reason "ended"); closes an open question. */
  endClass(code: string, at: number): Promise<Outcome<ClassEvent>>;
  /**
   * Expire the class: an `end` event with reason "expired" unless it had ended, then it answers no one and
   * its roster, questions, answers and events are deleted. Resolves with that event (null when none was
   * written or the class was gone), for the streams still open.
   */
  expireClass(code: string, at: number): Promise<ClassEvent | null>;
  /** The codes of unexpired classes whose last activity was at or before `before`. */
  idleClasses(before: number): Promise<string[]>;

  addStudent(code: string, student: NewStudent, at: number): Promise<Outcome<StudentRow>>;
  studentByToken(tokenHash: string): Promise<StudentRow | null>;
  /** In join order. */
  students(code: string): Promise<StudentRow[]>;
  countStudents(code: string): Promise<number>;

  /**
   * Ask a question: closes any open one, stores `spec` as the new current question (open) and appends the
   * `question` event `event(id)` builds for the id it got.
   */
  askQuestion(
    code: string,
    spec: unknown,
    event: (id: number) => QuestionEvent,
    at: number,
  ): Promise<Outcome<{ question: QuestionRow; event: ClassEvent }>>;
  /** Delete its answers, reopen it as the current question (others closed), append `event`. */
  resetQuestion(code: string, id: number, event: QuestionEvent, at: number): Promise<Outcome<ClassEvent>>;
  /** Close it as revealed and append the `reveal` event built from its answers, in one transaction. */
  revealQuestion(
    code: string,
    id: number,
    reveal: (question: QuestionRow, answers: AnswerRow[], students: number) => RevealEvent,
    at: number,
  ): Promise<Outcome<ClassEvent>>;
  question(code: string, id: number): Promise<QuestionRow | null>;
  /** In the order asked. */
  questions(code: string): Promise<QuestionRow[]>;

  /** Store an answer to an open question, once per student. */
  addAnswer(code: string, answer: NewAnswer, at: number): Promise<Outcome<AnswerRow>>;
  /** A question's answers, or (no id) every answer of the class; by question, then arrival. */
  answers(code: string, questionId?: number): Promise<AnswerRow[]>;
  answersOf(code: string, studentId: string): Promise<AnswerRow[]>;

  /** Events with id > after, in order, at most `limit`. */
  eventsAfter(code: string, after: number, limit: number): Promise<ClassEvent[]>;
  /**
   * What a fresh client needs, in id order: the latest `state`, the current question's latest `question`
   * event and its `reveal` if revealed, and the `end` if ended.
   */
  snapshot(code: string): Promise<ClassEvent[]>;

  /** Throws unless a write and a read in one transaction succeed (for /readyz). */
  check(): Promise<void>;
  close(): Promise<void>;
}
