/**
 * Health, and a class's life: create, join, the teacher's state, settings, end, and a student's own
 * record. Each write is committed by the store before the route answers, then published.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Context } from './context';
import { HttpError } from './context';
import { bodyObject, checkNickname, mergeState } from './input';
import { STATE_BODY_LIMIT } from './limits';
import { type ClassState, DEFAULT_CLASS_STATE } from './protocol';
import { hashToken, newClassCode, newStudentId, newToken } from './tokens';

type CodeRequest = FastifyRequest<{ Params: { code: string } }>;

/** Options of a route's rate limit, the join's or the create's (@fastify/rate-limit's per-route `config.rateLimit`). */
export interface JoinRouteOptions {
  rateLimit: Record<string, unknown>;
}

/** Tries at a free class code before giving up (31^6 ≈ 887 million codes: a clash is rare). */
const CODE_TRIES = 20;

/** The base URL students are given: the configured one, or the one the teacher reached the server by. */
export function joinBase(ctx: Context, request: FastifyRequest): string {
  return ctx.settings.publicUrl ?? `${request.protocol}://${request.host}`;
}

export function joinUrl(ctx: Context, request: FastifyRequest, code: string): string {
  return `${joinBase(ctx, request).replace(/\/+$/, '')}/?join=${code}`;
}

export function registerClassRoutes(
  app: FastifyInstance,
  ctx: Context,
  join: JoinRouteOptions,
  create: JoinRouteOptions,
): void {
  const started = Date.now();
  app.get('/healthz', async () => ({ ok: true, uptimeS: Math.round((Date.now() - started) / 1000) }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await ctx.store.check();
      return { ok: true, db: 'writable' };
    } catch (error) {
      reply.code(503);
      return { ok: false, error: `db: ${error instanceof Error ? error.message : String(error)}` };
    }
  });

  app.get('/api/info', async (request) => ({
    synack: 'classroom',
    version: 1,
    joinBase: joinBase(ctx, request),
  }));

  app.post('/api/classes', { config: create }, async (request, reply) => {
    const body = bodyObject(request.body, ['anonymous']);
    if (!body.ok) throw new HttpError(400, body.error);
    const anonymous = body.value.anonymous ?? false;
    if (typeof anonymous !== 'boolean') throw new HttpError(400, 'anonymous: must be true or false');
    const teacherToken = newToken();
    for (let i = 0; i < CODE_TRIES; i++) {
      const code = newClassCode();
      const created = await ctx.store.createClass(
        { code, teacherHash: hashToken(teacherToken), anonymous, state: DEFAULT_CLASS_STATE },
        ctx.now(),
      );
      if (created) {
        reply.code(201);
        return { code, teacherToken, joinUrl: joinUrl(ctx, request, code) };
      }
    }
    throw new HttpError(503, 'code: no free class code found; try again');
  });

  app.post('/api/classes/:code/join', { config: join }, async (request: CodeRequest, reply) => {
    const row = await ctx.loadClass(request);
    const body = bodyObject(request.body, ['nickname']);
    if (!body.ok) throw new HttpError(400, body.error);
    const nickname = checkNickname(body.value.nickname);
    if (!nickname.ok) throw new HttpError(400, nickname.error);
    const studentToken = newToken();
    const student = ctx.valueOf(
      await ctx.store.addStudent(
        row.code,
        {
          id: newStudentId(),
          nickname: nickname.value.nickname,
          nicknameKey: nickname.value.key,
          tokenHash: hashToken(studentToken),
        },
        ctx.now(),
      ),
      row,
    );
    ctx.bus.publish(row.code, { kind: 'teacher' });
    reply.code(201);
    return { studentId: student.id, studentToken, nickname: student.nickname };
  });

  app.post('/api/classes/:code/state', { bodyLimit: STATE_BODY_LIMIT }, async (request: CodeRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    const change = (current: ClassState) => {
      const next = mergeState(current, request.body);
      if (!next.ok) throw new HttpError(400, next.error);
      return next.value;
    };
    const event = ctx.valueOf(await ctx.store.appendState(row.code, change, ctx.now()), row);
    ctx.publish(row.code, event);
    return { eventId: event.id };
  });

  app.post('/api/classes/:code/settings', async (request: CodeRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    const body = bodyObject(request.body, ['anonymous']);
    if (!body.ok) throw new HttpError(400, body.error);
    const anonymous = body.value.anonymous;
    if (typeof anonymous !== 'boolean') throw new HttpError(400, 'anonymous: must be true or false');
    ctx.valueOf(await ctx.store.setAnonymous(row.code, anonymous, ctx.now()), row);
    ctx.bus.publish(row.code, { kind: 'teacher' });
    return { anonymous };
  });

  app.post('/api/classes/:code/end', async (request: CodeRequest) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    bodyOrEmpty(request.body);
    const event = ctx.valueOf(await ctx.store.endClass(row.code, ctx.now()), row);
    ctx.publish(row.code, event);
    return { eventId: event.id };
  });

  app.get('/api/classes/:code/me', async (request: CodeRequest) => {
    const row = await ctx.loadClass(request);
    const student = await ctx.requireStudent(request, row);
    await ctx.store.touch(row.code, ctx.now());
    const revealed = new Set(
      (await ctx.store.questions(row.code)).filter((q) => q.status === 'revealed').map((q) => q.id),
    );
    const answers = (await ctx.store.answersOf(row.code, student.id)).map((a) => ({
      questionId: a.questionId,
      answer: a.answer,
      // The result comes with the reveal, not before: a student must not learn it early from here.
      correct: revealed.has(a.questionId) ? a.correct : null,
    }));
    return { studentId: student.id, nickname: student.nickname, answers };
  });
}

/** A route that takes no fields accepts nothing but an empty body or `{}`. */
export function bodyOrEmpty(body: unknown): void {
  const checked = bodyObject(body, []);
  if (!checked.ok) throw new HttpError(400, checked.error);
}
