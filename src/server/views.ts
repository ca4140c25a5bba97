/**
 * What the teacher sees, computed from the store: the roster with who answered the current question,
 * and that question's live counts (./classwork.ts tally). Shared by the teacher stream and the summary.
 */
import type { QuestionSpec } from './classwork';
import { tally } from './classwork';
import type { Context } from './context';
import type { CountsEvent, RosterEvent } from './protocol';
import { sseFrame } from './sse';
import type { ClassRow, QuestionRow } from './store';

/** The spec a question row was stored with (the routes store nothing else there). */
export function specOf(question: QuestionRow): QuestionSpec {
  return question.spec as QuestionSpec;
}

export interface TeacherView {
  roster: RosterEvent;
  counts: CountsEvent | null;
}

export async function teacherView(ctx: Context, row: ClassRow): Promise<TeacherView> {
  const students = await ctx.store.students(row.code);
  const id = row.currentQuestionId;
  const question = id === null ? null : await ctx.store.question(row.code, id);
  const answers = question ? await ctx.store.answers(row.code, question.id) : [];
  const answered = new Set(answers.map((a) => a.studentId));
  const roster: RosterEvent = {
    students: students.length,
    names: row.anonymous
      ? null
      : students.map((s) => ({ studentId: s.id, nickname: s.nickname, answered: answered.has(s.id) })),
  };
  const counts: CountsEvent | null = question
    ? {
        questionId: question.id,
        status: question.status,
        counts: tally(
          specOf(question),
          answers.map((a) => a.answer),
          students.length,
        ),
      }
    : null;
  return { roster, counts };
}

/** The teacher stream's frames for the class as it is now (no ids: a reconnecting teacher gets it all anew). */
export async function teacherFrames(ctx: Context, code: string): Promise<string> {
  const row = await ctx.store.getClass(code);
  if (!row) return '';
  const view = await teacherView(ctx, row);
  return sseFrame('roster', view.roster) + (view.counts ? sseFrame('counts', view.counts) : '');
}
