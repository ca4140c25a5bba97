/**
 * The ClassStore in one SQLite file (better-sqlite3 12: 13 needs Node 22). WAL with synchronous=FULL, so a
 * committed transaction survives `kill -9` and a power cut (https://www.sqlite.org/pragma.html#pragma_synchronous);
 * every method is one transaction, committed before its promise resolves. The schema is created on open and
 * its version kept in `user_version`.
 */
import Database from 'better-sqlite3';
import { MAX_EVENTS, MAX_QUESTIONS, MAX_STUDENTS } from './limits';
import type { ClassEvent, ClassEventType, ClassState } from './protocol';
import {
  type AnswerRecord,
  type ClassRecord,
  type EventRecord,
  type QuestionRecord,
  SCHEMA,
  SCHEMA_VERSION,
  type StudentRecord,
  toAnswer,
  toClass,
  toEvent,
  toQuestion,
  toStudent,
} from './sqlite-schema';
import type {
  AnswerRow,
  ClassStore,
  NewAnswer,
  NewClass,
  NewStudent,
  Outcome,
  Refusal,
  StudentRow,
} from './store';

export interface SqliteStoreOptions {
  maxEvents?: number;
  maxQuestions?: number;
  maxStudents?: number;
}

const refuse = (reason: Refusal): { ok: false; reason: Refusal } => ({ ok: false, reason });

/** Open (creating if need be) the database file; ":memory:" for a throwaway one. */
export function openSqliteStore(file: string, options: SqliteStoreOptions = {}): ClassStore {
  const maxEvents = options.maxEvents ?? MAX_EVENTS;
  const maxQuestions = options.maxQuestions ?? MAX_QUESTIONS;
  const maxStudents = options.maxStudents ?? MAX_STUDENTS;
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    db.transaction(() => {
      db.exec(SCHEMA);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  } else if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `${file}: a classroom database of schema version ${version}; this synack reads ${SCHEMA_VERSION}`,
    );
  }

  const q = {
    classOf: db.prepare<[string], ClassRecord>('SELECT * FROM classes WHERE code = ?'),
    insertClass: db.prepare(
      `INSERT INTO classes (code, teacher_hash, anonymous, created_at, active_at) VALUES (?, ?, ?, ?, ?)`,
    ),
    touch: db.prepare('UPDATE classes SET active_at = max(active_at, ?) WHERE code = ?'),
    setAnonymous: db.prepare(
      'UPDATE classes SET anonymous = ?, active_at = max(active_at, ?) WHERE code = ?',
    ),
    setEnded: db.prepare('UPDATE classes SET ended_at = ? WHERE code = ?'),
    purge: [
      'DELETE FROM answers WHERE code = ?',
      'DELETE FROM questions WHERE code = ?',
      'DELETE FROM students WHERE code = ?',
      'DELETE FROM events WHERE code = ?',
      `UPDATE classes SET expired = 1, current_question = NULL, state_event = NULL, question_event = NULL,
       reveal_event = NULL, end_event = NULL WHERE code = ?`,
    ].map((sql) => db.prepare(sql)),
    setCurrent: db.prepare('UPDATE classes SET current_question = ? WHERE code = ?'),
    setRevealEvent: db.prepare('UPDATE classes SET reveal_event = ? WHERE code = ?'),
    event: db.prepare<[string, number], EventRecord>(
      'SELECT id, type, data FROM events WHERE code = ? AND id = ?',
    ),
    eventsAfter: db.prepare<[string, number, number], EventRecord>(
      'SELECT id, type, data FROM events WHERE code = ? AND id > ? ORDER BY id LIMIT ?',
    ),
    insertEvent: db.prepare('INSERT INTO events (code, id, type, data, at) VALUES (?, ?, ?, ?, ?)'),
    student: db.prepare<[string], StudentRecord>('SELECT * FROM students WHERE token_hash = ?'),
    studentById: db.prepare<[string, string], StudentRecord>(
      'SELECT * FROM students WHERE code = ? AND id = ?',
    ),
    students: db.prepare<[string], StudentRecord>('SELECT * FROM students WHERE code = ? ORDER BY rowid'),
    countStudents: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM students WHERE code = ?'),
    nicknameTaken: db.prepare('SELECT 1 FROM students WHERE code = ? AND nickname_key = ?'),
    insertStudent: db.prepare(
      'INSERT INTO students (id, code, nickname, nickname_key, token_hash, joined_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    question: db.prepare<[string, number], QuestionRecord>(
      'SELECT * FROM questions WHERE code = ? AND id = ?',
    ),
    questions: db.prepare<[string], QuestionRecord>('SELECT * FROM questions WHERE code = ? ORDER BY id'),
    countQuestions: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM questions WHERE code = ?'),
    insertQuestion: db.prepare(
      `INSERT INTO questions (code, id, spec, status, asked_at, opened_at) VALUES (?, ?, ?, 'open', ?, ?)`,
    ),
    closeOpen: db.prepare(`UPDATE questions SET status = 'closed' WHERE code = ? AND status = 'open'`),
    setStatus: db.prepare('UPDATE questions SET status = ? WHERE code = ? AND id = ?'),
    reopen: db.prepare(`UPDATE questions SET status = 'open', opened_at = ? WHERE code = ? AND id = ?`),
    answers: db.prepare<[string], AnswerRecord>(
      'SELECT * FROM answers WHERE code = ? ORDER BY question_id, rowid',
    ),
    answersTo: db.prepare<[string, number], AnswerRecord>(
      'SELECT * FROM answers WHERE code = ? AND question_id = ? ORDER BY rowid',
    ),
    answersOf: db.prepare<[string, string], AnswerRecord>(
      'SELECT * FROM answers WHERE code = ? AND student_id = ? ORDER BY question_id',
    ),
    answered: db.prepare('SELECT 1 FROM answers WHERE code = ? AND question_id = ? AND student_id = ?'),
    insertAnswer: db.prepare(
      'INSERT INTO answers (code, question_id, student_id, answer, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteAnswers: db.prepare('DELETE FROM answers WHERE code = ? AND question_id = ?'),
    idle: db.prepare<[number], { code: string }>(
      'SELECT code FROM classes WHERE expired = 0 AND active_at <= ?',
    ),
    ready: db.prepare(
      'INSERT INTO ready (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    ),
    readyAt: db.prepare<[], { at: number }>('SELECT at FROM ready WHERE id = 1'),
  };

  /** The class a write may change: present, not expired, and (unless `evenEnded`) not ended. */
  function writable(code: string, evenEnded = false): ClassRecord | Refusal {
    const row = q.classOf.get(code);
    if (!row || row.expired) return 'no-class';
    if (row.ended_at !== null && !evenEnded) return 'ended';
    return row;
  }

  const pointerUpdates = Object.fromEntries(
    (['state', 'question', 'reveal', 'end'] as const).map((type) => [
      type,
      db.prepare(
        `UPDATE classes SET last_event = ?, ${type}_event = ?${type === 'question' ? ', reveal_event = NULL' : ''},
         active_at = max(active_at, ?) WHERE code = ?`,
      ),
    ]),
  ) as Record<ClassEventType, Database.Statement>;

  /**
   * Append the class's next event, keeping the snapshot's pointers and the activity time. An `end` is
   * written even past the cap: a class that ends must be able to say so.
   */
  function append(row: ClassRecord, type: ClassEventType, data: unknown, at: number): ClassEvent | Refusal {
    if (row.last_event >= maxEvents && type !== 'end') return 'events-full';
    const id = row.last_event + 1;
    q.insertEvent.run(row.code, id, type, JSON.stringify(data), at);
    pointerUpdates[type].run(id, id, at, row.code);
    row.last_event = id;
    return { id, type, data } as ClassEvent;
  }

  function stateOf(row: ClassRecord): ClassState {
    const record = row.state_event === null ? undefined : q.event.get(row.code, row.state_event);
    if (!record) throw new Error(`class ${row.code} has no state event`);
    return JSON.parse(record.data) as ClassState;
  }

  const outcome = <T>(value: T | Refusal): Outcome<T> =>
    typeof value === 'string' ? refuse(value as Refusal) : { ok: true, value };

  const store: ClassStore = {
    async createClass(input: NewClass, at: number) {
      return db
        .transaction(() => {
          if (q.classOf.get(input.code)) return false;
          q.insertClass.run(input.code, input.teacherHash, input.anonymous ? 1 : 0, at, at);
          const row = q.classOf.get(input.code) as ClassRecord;
          append(row, 'state', input.state, at);
          return true;
        })
        .immediate();
    },

    async getClass(code) {
      const row = q.classOf.get(code);
      if (!row) return null;
      return toClass(row);
    },

    async touch(code, at) {
      q.touch.run(at, code);
    },

    async setAnonymous(code, anonymous, at) {
      return db
        .transaction(() => {
          const row = writable(code, true);
          if (typeof row === 'string') return refuse(row);
          q.setAnonymous.run(anonymous ? 1 : 0, at, code);
          return { ok: true as const, value: null };
        })
        .immediate();
    },

    async state(code) {
      const row = q.classOf.get(code);
      if (!row) throw new Error(`no class ${code}`);
      return stateOf(row);
    },

    async appendState(code, change, at) {
      return db
        .transaction(() => {
          const row = writable(code);
          return outcome(typeof row === 'string' ? row : append(row, 'state', change(stateOf(row)), at));
        })
        .immediate();
    },

    async endClass(code, at) {
      return db
        .transaction(() => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          const event = append(row, 'end', { reason: 'ended' }, at);
          if (typeof event === 'string') return refuse(event);
          q.closeOpen.run(code);
          q.setEnded.run(at, code);
          return { ok: true as const, value: event };
        })
        .immediate();
    },

    async expireClass(code, at) {
      return db
        .transaction(() => {
          const row = q.classOf.get(code);
          if (!row || row.expired) return null;
          let event: ClassEvent | null = null;
          if (row.ended_at === null) {
            event = append(row, 'end', { reason: 'expired' }, at) as ClassEvent;
            q.closeOpen.run(code);
            q.setEnded.run(at, code);
          }
          // Nothing of an expired class can be read again (every route answers 404), so nothing of it is
          // kept: the nicknames and answers go; the row stays, so the code still names a class that ended.
          for (const purge of q.purge) purge.run(code);
          return event;
        })
        .immediate();
    },

    async idleClasses(before) {
      return q.idle.all(before).map((r) => r.code);
    },

    async addStudent(code, student: NewStudent, at) {
      return db
        .transaction((): Outcome<StudentRow> => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          if (q.nicknameTaken.get(code, student.nicknameKey)) return refuse('nickname-taken');
          if ((q.countStudents.get(code)?.n ?? 0) >= maxStudents) return refuse('students-full');
          q.insertStudent.run(student.id, code, student.nickname, student.nicknameKey, student.tokenHash, at);
          q.touch.run(at, code);
          return { ok: true, value: toStudent(q.studentById.get(code, student.id) as StudentRecord) };
        })
        .immediate();
    },

    async studentByToken(tokenHash) {
      const row = q.student.get(tokenHash);
      return row ? toStudent(row) : null;
    },

    async students(code) {
      return q.students.all(code).map(toStudent);
    },

    async countStudents(code) {
      return q.countStudents.get(code)?.n ?? 0;
    },

    async askQuestion(code, spec, event, at) {
      return db
        .transaction(() => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          if (row.last_event >= maxEvents) return refuse('events-full');
          const count = q.countQuestions.get(code)?.n ?? 0;
          if (count >= maxQuestions) return refuse('questions-full');
          const id = count + 1;
          q.closeOpen.run(code);
          q.insertQuestion.run(code, id, JSON.stringify(spec), at, at);
          q.setCurrent.run(id, code);
          const written = append(row, 'question', event(id), at) as ClassEvent;
          return {
            ok: true as const,
            value: { question: toQuestion(q.question.get(code, id) as QuestionRecord), event: written },
          };
        })
        .immediate();
    },

    async resetQuestion(code, id, event, at) {
      return db
        .transaction(() => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          if (!q.question.get(code, id)) return refuse('no-question');
          if (row.last_event >= maxEvents) return refuse('events-full');
          q.deleteAnswers.run(code, id);
          q.closeOpen.run(code);
          q.reopen.run(at, code, id);
          q.setCurrent.run(id, code);
          return outcome(append(row, 'question', event, at));
        })
        .immediate();
    },

    async revealQuestion(code, id, reveal, at) {
      return db
        .transaction(() => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          const question = q.question.get(code, id);
          if (!question) return refuse('no-question');
          if (question.status === 'revealed') return refuse('revealed');
          if (row.last_event >= maxEvents) return refuse('events-full');
          const students = q.countStudents.get(code)?.n ?? 0;
          const data = reveal(toQuestion(question), q.answersTo.all(code, id).map(toAnswer), students);
          q.setStatus.run('revealed', code, id);
          const written = append(row, 'reveal', data, at) as ClassEvent;
          // A fresh client's snapshot shows the current question's reveal only.
          if (row.current_question !== id) {
            q.setRevealEvent.run(row.reveal_event, code);
          }
          return { ok: true as const, value: written };
        })
        .immediate();
    },

    async question(code, id) {
      const row = q.question.get(code, id);
      return row ? toQuestion(row) : null;
    },

    async questions(code) {
      return q.questions.all(code).map(toQuestion);
    },

    async addAnswer(code, answer: NewAnswer, at) {
      return db
        .transaction((): Outcome<AnswerRow> => {
          const row = writable(code);
          if (typeof row === 'string') return refuse(row);
          const question = q.question.get(code, answer.questionId);
          if (!question) return refuse('no-question');
          if (!q.studentById.get(code, answer.studentId)) return refuse('no-student');
          if (question.status !== 'open')
            return refuse(question.status === 'revealed' ? 'revealed' : 'closed');
          if (q.answered.get(code, answer.questionId, answer.studentId)) return refuse('answered');
          const json = JSON.stringify(answer.answer);
          q.insertAnswer.run(code, answer.questionId, answer.studentId, json, answer.correct ? 1 : 0, at);
          q.touch.run(at, code);
          return {
            ok: true,
            value: { ...answer, answer: JSON.parse(json), answeredAt: at },
          };
        })
        .immediate();
    },

    async answers(code, questionId) {
      const rows = questionId === undefined ? q.answers.all(code) : q.answersTo.all(code, questionId);
      return rows.map(toAnswer);
    },

    async answersOf(code, studentId) {
      return q.answersOf.all(code, studentId).map(toAnswer);
    },

    async eventsAfter(code, after, limit) {
      return q.eventsAfter.all(code, after, limit).map(toEvent);
    },

    async snapshot(code) {
      return db.transaction(() => {
        const row = q.classOf.get(code);
        if (!row) return [];
        const ids = [row.state_event, row.question_event, row.reveal_event, row.end_event]
          .filter((id): id is number => id !== null)
          .sort((a, b) => a - b);
        return ids.map((id) => toEvent(q.event.get(code, id) as EventRecord));
      })();
    },

    async check() {
      db.transaction(() => {
        const at = Date.now();
        q.ready.run(at);
        if (q.readyAt.get()?.at !== at) throw new Error('database: a write did not read back');
      }).immediate();
    },

    async close() {
      if (db.open) db.close();
    },
  };
  return store;
}
