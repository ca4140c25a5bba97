/**
 * The classroom database's tables (schema version 1, kept in `user_version`) and how a row becomes a
 * ClassStore value. Events are rows of JSON; the class row points at the events a fresh client's snapshot
 * is made of, so a snapshot is four primary-key reads, not a scan of the log.
 */
import type { ClassEvent, ClassEventType, QuestionStatus } from './protocol';
import type { AnswerRow, ClassRow, QuestionRow, StudentRow } from './store';

export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE classes (
  code TEXT PRIMARY KEY,
  teacher_hash TEXT NOT NULL,
  anonymous INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  active_at INTEGER NOT NULL,
  ended_at INTEGER,
  expired INTEGER NOT NULL DEFAULT 0,
  last_event INTEGER NOT NULL DEFAULT 0,
  current_question INTEGER,
  -- the events a fresh client's snapshot is made of
  state_event INTEGER,
  question_event INTEGER,
  reveal_event INTEGER,
  end_event INTEGER
) STRICT;
CREATE INDEX classes_idle ON classes (expired, active_at);
CREATE TABLE events (
  code TEXT NOT NULL REFERENCES classes (code),
  id INTEGER NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('state', 'question', 'reveal', 'end')),
  data TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (code, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE students (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL REFERENCES classes (code),
  nickname TEXT NOT NULL,
  nickname_key TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  joined_at INTEGER NOT NULL,
  UNIQUE (code, nickname_key)
) STRICT;
CREATE INDEX students_class ON students (code);
CREATE TABLE questions (
  code TEXT NOT NULL REFERENCES classes (code),
  id INTEGER NOT NULL,
  spec TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'revealed')),
  asked_at INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  PRIMARY KEY (code, id)
) STRICT;
CREATE TABLE answers (
  code TEXT NOT NULL,
  question_id INTEGER NOT NULL,
  student_id TEXT NOT NULL REFERENCES students (id),
  answer TEXT NOT NULL,
  correct INTEGER NOT NULL,
  answered_at INTEGER NOT NULL,
  UNIQUE (code, question_id, student_id),
  FOREIGN KEY (code, question_id) REFERENCES questions (code, id)
) STRICT;
CREATE INDEX answers_student ON answers (code, student_id);
CREATE TABLE ready (id INTEGER PRIMARY KEY, at INTEGER NOT NULL) STRICT;
`;

export interface ClassRecord {
  code: string;
  teacher_hash: string;
  anonymous: number;
  created_at: number;
  active_at: number;
  ended_at: number | null;
  expired: number;
  last_event: number;
  current_question: number | null;
  state_event: number | null;
  question_event: number | null;
  reveal_event: number | null;
  end_event: number | null;
}
export interface EventRecord {
  id: number;
  type: ClassEventType;
  data: string;
}
export interface StudentRecord {
  id: string;
  code: string;
  nickname: string;
  token_hash: string;
  joined_at: number;
}
export interface QuestionRecord {
  code: string;
  id: number;
  spec: string;
  status: QuestionStatus;
  asked_at: number;
  opened_at: number;
}
export interface AnswerRecord {
  question_id: number;
  student_id: string;
  answer: string;
  correct: number;
  answered_at: number;
}

export const toEvent = (r: EventRecord): ClassEvent =>
  ({ id: r.id, type: r.type, data: JSON.parse(r.data) }) as ClassEvent;
export const toStudent = (r: StudentRecord): StudentRow => ({
  id: r.id,
  code: r.code,
  nickname: r.nickname,
  tokenHash: r.token_hash,
  joinedAt: r.joined_at,
});
export const toQuestion = (r: QuestionRecord): QuestionRow => ({
  code: r.code,
  id: r.id,
  spec: JSON.parse(r.spec),
  status: r.status,
  askedAt: r.asked_at,
  openedAt: r.opened_at,
});
export const toAnswer = (r: AnswerRecord): AnswerRow => ({
  questionId: r.question_id,
  studentId: r.student_id,
  answer: JSON.parse(r.answer),
  correct: r.correct === 1,
  answeredAt: r.answered_at,
});

export const toClass = (row: ClassRecord): ClassRow => ({
  code: row.code,
  teacherHash: row.teacher_hash,
  anonymous: row.anonymous === 1,
  createdAt: row.created_at,
  activeAt: row.active_at,
  endedAt: row.ended_at,
  expired: row.expired === 1,
  lastEventId: row.last_event,
  currentQuestionId: row.current_question,
});
