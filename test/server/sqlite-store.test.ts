/**
 * The SQLite store on its own: the file it leaves (WAL, the schema version, tokens only as SHA-256), a file
 * of another schema version refused, and the limits it enforces inside its transactions.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CLASS_STATE } from '../../src/server/protocol';
import { openSqliteStore } from '../../src/server/sqlite-store';
import type { ClassStore } from '../../src/server/store';
import { call, createClass, joinClass, startServer, tempDir } from './helpers';

const temps: { remove(): void }[] = [];
const stores: ClassStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const temp of temps.splice(0)) temp.remove();
});

function freshFile(): string {
  const temp = tempDir();
  temps.push(temp);
  return join(temp.dir, 'class.db');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('the database file', () => {
  it('is in WAL mode with schema version 1, and keeps tokens only as their SHA-256', async () => {
    const running = await startServer();
    try {
      const { code, teacherToken } = await createClass(running.base);
      const student = await joinClass(running.base, code, 'Ann');
      const db = new Database(running.file, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        expect(db.pragma('user_version', { simple: true })).toBe(1);
        expect(db.prepare('SELECT teacher_hash FROM classes WHERE code = ?').get(code)).toEqual({
          teacher_hash: sha256(teacherToken),
        });
        expect(db.prepare('SELECT token_hash FROM students WHERE id = ?').get(student.studentId)).toEqual({
          token_hash: sha256(student.studentToken),
        });
        const everything = JSON.stringify(
          ['classes', 'students', 'events'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()),
        );
        expect(everything.includes(teacherToken)).toBe(false);
        expect(everything.includes(student.studentToken)).toBe(false);
      } finally {
        db.close();
      }
      expect((await call(running.base, 'GET', '/readyz')).status).toBe(200);
    } finally {
      await running.stop();
    }
  });

  it('refuses a file of another schema version, saying which', () => {
    const file = freshFile();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteStore(file)).toThrow(/schema version 99; this synack reads 1/);
  });
});

describe('limits inside the transaction', () => {
  const newClass = async (store: ClassStore) => {
    await store.createClass(
      { code: 'ABC234', teacherHash: sha256('t'), anonymous: false, state: DEFAULT_CLASS_STATE },
      0,
    );
    return 'ABC234';
  };
  const student = (n: number) => ({
    id: `s_${n}`,
    nickname: `n${n}`,
    nicknameKey: `n${n}`,
    tokenHash: sha256(`s${n}`),
  });

  it('refuses a student past maxStudents, and a taken code', async () => {
    const store = openSqliteStore(freshFile(), { maxStudents: 2 });
    stores.push(store);
    const code = await newClass(store);
    expect(
      await store.createClass({ code, teacherHash: 'x', anonymous: false, state: DEFAULT_CLASS_STATE }, 0),
    ).toBe(false);
    expect((await store.addStudent(code, student(1), 0)).ok).toBe(true);
    expect((await store.addStudent(code, student(2), 0)).ok).toBe(true);
    expect(await store.addStudent(code, student(3), 0)).toEqual({ ok: false, reason: 'students-full' });
    expect(await store.countStudents(code)).toBe(2);
  });

  it('refuses events past maxEvents, but still records the end of the class', async () => {
    const store = openSqliteStore(freshFile(), { maxEvents: 2 });
    stores.push(store);
    const code = await newClass(store);
    expect((await store.appendState(code, () => DEFAULT_CLASS_STATE, 0)).ok).toBe(true);
    expect(await store.appendState(code, () => DEFAULT_CLASS_STATE, 0)).toEqual({
      ok: false,
      reason: 'events-full',
    });
    const end = await store.endClass(code, 0);
    expect(end.ok && end.value).toEqual({ id: 3, type: 'end', data: { reason: 'ended' } });
  });

  it('refuses a question past maxQuestions', async () => {
    const store = openSqliteStore(freshFile(), { maxQuestions: 1 });
    stores.push(store);
    const code = await newClass(store);
    const event = (id: number) => ({ id, checkpoint: { kind: 'next-segment' as const }, cursor: -1 });
    expect((await store.askQuestion(code, {}, event, 0)).ok).toBe(true);
    expect(await store.askQuestion(code, {}, event, 0)).toEqual({ ok: false, reason: 'questions-full' });
  });
});
