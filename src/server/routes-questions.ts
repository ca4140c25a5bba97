/**
 * Questions (issue 11: "a classroom question is a checkpoint"): the teacher asks, reveals and resets; the
 * students answer; the teacher reads the summary and the results file. What a question is and how an answer
 * is graded is ./classwork.ts's; these routes check who calls, store, and publish.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  buildQuestion,
  grade,
  parseAnswer,
  questionEvent,
  type ResultRow,
  resultsCsv,
  tally,
} from './classwork';
import type { Context } from './context';
import { HttpError } from './context';
import { bodyObject, isIntegerIn } from './input';
import { MAX_QUESTIONS } from './limits';
import { bodyOrEmpty, joinUrl } from './routes-class';
import { specOf, teacherView } from './views';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;
type QuestionRequest = FastifyRequest<{ Params: { code: string; id: string } }>;

/** A question id from the path (digits), or 404: no such question can exist. */
function questionIdParam(text: string): number {
  const id = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!isIntegerIn(id, 1, MAX_QUESTIONS))
    throw new HttpError(404, `question: no question ${text.slice(0, 12)}`);
  return id;
}

export function registerQuestionRoutes(app: FastifyInstance, ctx: Context): void {
  app.post('/api/classes/:code/questions', async (request: CodeRequest, reply) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    if (row.endedAt !== null) throw new HttpError(409, 'class: ended');
    const built = buildQuestion(await ctx.store.state(row.code), request.body);
    if (!built.ok) throw new HttpError(built.status, built.error);
    const spec = built.value;
    const asked = ctx.valueOf(
      await ctx.store.askQuestion(row.code, spec, (id) => questionEvent(id, spec), ctx.now()),
      row,
    );
    ctx.publish(row.code, asked.event);
    reply.code(201);
    return { questionId: asked.question.id };
  });

  app.post('/api/classes/:code/questions/:id/reveal', async (request: QuestionRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    bodyOrEmpty(request.body);
    const id = questionIdParam(request.params.id);
    const event = ctx.valueOf(
      await ctx.store.revealQuestion(
        row.code,
        id,
        (question, answers, students) => {
          const spec = specOf(question);
          const counts = tally(
            spec,
            answers.map((a) => a.answer),
            students,
          );
          return { questionId: id, answer: spec.answer, counts };
        },
        ctx.now(),
      ),
      row,
    );
    ctx.publish(row.code, event);
    return { eventId: event.id };
  });

  app.post('/api/classes/:code/questions/:id/reset', async (request: QuestionRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    bodyOrEmpty(request.body);
    const id = questionIdParam(request.params.id);
    const question = await ctx.store.question(row.code, id);
    if (!question) throw new HttpError(404, `question: no question ${id}`);
    const event = ctx.valueOf(
      await ctx.store.resetQuestion(row.code, id, questionEvent(id, specOf(question), true), ctx.now()),
      row,
    );
    ctx.publish(row.code, event);
    return { eventId: event.id };
  });

  app.post('/api/classes/:code/answers', async (request: CodeRequest, reply) => {
    const row = await ctx.loadClass(request);
    const student = await ctx.requireStudent(request, row);
    const body = bodyObject(request.body, ['questionId', 'answer']);
    if (!body.ok) throw new HttpError(400, body.error);
    const { questionId, answer } = body.value;
    if (!isIntegerIn(questionId, 1, Number.MAX_SAFE_INTEGER))
      throw new HttpError(400, 'questionId: must be an integer ≥ 1');
    const question = await ctx.store.question(row.code, questionId);
    if (!question) throw new HttpError(404, `questionId: no question ${questionId}`);
    if (row.endedAt !== null) throw new HttpError(409, 'class: ended');
    if (question.status !== 'open') throw new HttpError(409, `question: ${question.status}`);
    const spec = specOf(question);
    const parsed = parseAnswer(spec, answer);
    if (!parsed.ok) throw new HttpError(parsed.status, parsed.error);
    const stored = await ctx.store.addAnswer(
      row.code,
      { questionId, studentId: student.id, answer: parsed.value, correct: grade(spec, parsed.value) },
      ctx.now(),
    );
    ctx.valueOf(stored, row, 'questionId');
    ctx.bus.publish(row.code, { kind: 'teacher' });
    reply.code(201);
    // The result comes with the reveal: telling it now would let a student pass it on.
    return { correct: null };
  });

  app.get('/api/classes/:code/results.csv', async (request: CodeRequest, reply) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    await ctx.store.touch(row.code, ctx.now());
    const [questions, students, answers] = await Promise.all([
      ctx.store.questions(row.code),
      ctx.store.students(row.code),
      ctx.store.answers(row.code),
    ]);
    const byKey = new Map(answers.map((a) => [`${a.questionId} ${a.studentId}`, a]));
    const rows: ResultRow[] = [];
    for (const question of questions) {
      const revealed = question.status === 'revealed';
      for (const student of students) {
        const a = byKey.get(`${question.id} ${student.id}`);
        rows.push({
          nickname: student.nickname,
          questionId: question.id,
          q: specOf(question),
          answer: a?.answer ?? null,
          correct: a && revealed ? a.correct : null,
          seconds: a ? Math.max(0, a.answeredAt - question.openedAt) / 1000 : null,
        });
      }
    }
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="synack-${row.code}-results.csv"`);
    return resultsCsv(rows);
  });

  app.get('/api/classes/:code/teacher/summary', async (request: CodeRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    await ctx.store.touch(row.code, ctx.now());
    const view = await teacherView(ctx, row);
    const current =
      row.currentQuestionId === null ? null : await ctx.store.question(row.code, row.currentQuestionId);
    const spec = current ? specOf(current) : null;
    return {
      code: row.code,
      joinUrl: joinUrl(ctx, request, row.code),
      anonymous: row.anonymous,
      ended: row.endedAt !== null,
      state: await ctx.store.state(row.code),
      question:
        current && spec && view.counts
          ? {
              ...questionEvent(current.id, spec),
              status: current.status,
              counts: view.counts.counts,
              answer: spec.answer,
            }
          : null,
      students: view.roster.students,
      roster: view.roster,
      lastEventId: row.lastEventId,
    };
  });
}
