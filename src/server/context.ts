/**
 * What every route shares: the store and the bus, the resolved options, the open streams and held polls
 * (so that shutdown can end them), and the few steps each route repeats: find the class (expiring it if it
 * has been idle too long), check who is calling, and publish an event once it is committed.
 */
import type { FastifyRequest } from 'fastify';
import { clip } from '../scenarios/issue';
import type { EventBus } from './bus';
import { HeldLimit } from './held-limit';
import { MAX_EVENTS, MAX_QUESTIONS, MAX_STUDENTS } from './limits';
import { MissLimit } from './miss-limit';
import type { ClassEvent } from './protocol';
import type { SseConnection } from './sse';
import type { ClassRow, ClassStore, Outcome, Refusal, StudentRow } from './store';
import { bearerToken, hashToken, normalCode, sameHash } from './tokens';

/**
 * An error with the status and the `field: what is wrong` the client gets (the error handler sends it), and
 * for a 429 the seconds to wait, sent as Retry-After (RFC 6585 §4) so the page can say how long.
 */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** Headers the answer carries (a 429's Retry-After). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** When a client refused for holding too many connections may try again (one ends every few seconds in a class). */
const HELD_RETRY_AFTER_S = 5;

export interface Settings {
  heartbeatMs: number;
  retryMs: number;
  pollTimeoutMs: number;
  classTtlMs: number;
  publicUrl: string | null;
  now: () => number;
  /** Unknown class codes per client address and window before 429. */
  missLimit: { max: number; windowMs: number };
  /** Streams and held polls one client address may have open at once. */
  streamsPerAddress: number;
}

export class Context {
  /** Every open stream (class and teacher), ended with a `retry:` on shutdown. */
  readonly streams = new Set<SseConnection>();
  /** Held long polls: each function answers its poll at once (with whatever has arrived, or 204). */
  readonly heldPolls = new Set<() => void>();
  closing = false;
  readonly misses: MissLimit;
  readonly held: HeldLimit;

  constructor(
    readonly store: ClassStore,
    readonly bus: EventBus,
    readonly settings: Settings,
  ) {
    this.misses = new MissLimit(settings.missLimit.max, settings.missLimit.windowMs, settings.now);
    this.held = new HeldLimit(settings.streamsPerAddress);
  }

  /**
   * Count a connection the request will hold open (a stream, a held poll) against its address: the
   * release function, or 429 when the address already holds its limit.
   */
  holdConnection(request: { ip: string }): () => void {
    const release = this.held.hold(request.ip);
    if (release) return release;
    throw new HttpError(
      429,
      `stream: this address already holds ${this.settings.streamsPerAddress} open streams and polls; close some`,
      { 'retry-after': String(HELD_RETRY_AFTER_S) },
    );
  }

  now(): number {
    return this.settings.now();
  }

  /**
   * The class a request names, or 404. A class idle past its TTL is expired here (not only by the sweep),
   * so no request finds one the sweep has not reached yet.
   */
  async loadClass(request: { params: { code: string }; ip: string }): Promise<ClassRow> {
    const codeParam = request.params.code;
    const wait = this.misses.blockedFor(request.ip);
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      throw new HttpError(
        429,
        `code: too many unknown class codes from this address; try again in ${seconds} s`,
        { 'retry-after': String(seconds) },
      );
    }
    const code = normalCode(codeParam);
    const row = code === null ? null : await this.store.getClass(code);
    if (!row || row.expired) {
      this.misses.miss(request.ip);
      throw new HttpError(404, `code: no class ${clip(shownCode(codeParam), 12)}`);
    }
    if (row.activeAt + this.settings.classTtlMs <= this.now()) {
      await this.expire(row.code);
      throw new HttpError(404, `code: no class ${row.code}`);
    }
    return row;
  }

  async expire(code: string): Promise<void> {
    const event = await this.store.expireClass(code, this.now());
    if (event) this.publish(code, event);
  }

  /** Expire every class idle past its TTL (the minute sweep). */
  async sweep(): Promise<number> {
    const idle = await this.store.idleClasses(this.now() - this.settings.classTtlMs);
    for (const code of idle) await this.expire(code);
    return idle.length;
  }

  /** Check the teacher's bearer token: 401 without one or with a stranger's, 403 with a student's. */
  async requireTeacher(request: FastifyRequest, row: ClassRow): Promise<void> {
    const token = bearerToken(request.headers.authorization);
    if (token === null)
      throw new HttpError(401, 'authorization: send "Authorization: Bearer <teacherToken>"');
    const hash = hashToken(token);
    if (sameHash(hash, row.teacherHash)) return;
    const student = await this.store.studentByToken(hash);
    if (student && student.code === row.code)
      throw new HttpError(403, 'authorization: a student token cannot make teacher calls');
    throw new HttpError(401, `authorization: not the teacher token of class ${row.code}`);
  }

  /** The student a bearer token names in this class: 401 without one or with a stranger's, 403 with the teacher's. */
  async requireStudent(request: FastifyRequest, row: ClassRow): Promise<StudentRow> {
    const token = bearerToken(request.headers.authorization);
    if (token === null)
      throw new HttpError(401, 'authorization: send "Authorization: Bearer <studentToken>"');
    const hash = hashToken(token);
    if (sameHash(hash, row.teacherHash))
      throw new HttpError(403, 'authorization: the teacher token cannot make student calls');
    const student = await this.store.studentByToken(hash);
    if (!student || student.code !== row.code)
      throw new HttpError(401, `authorization: not a student token of class ${row.code}`);
    return student;
  }

  /** Tell the class's streams, polls and teacher feeds (the event is committed: the store resolved with it). */
  publish(code: string, event: ClassEvent): void {
    this.bus.publish(code, { kind: 'event', event });
  }

  /** The value of a store outcome, or the client's error for its refusal. */
  valueOf<T>(outcome: Outcome<T>, row: ClassRow, subject = 'question'): T {
    if (outcome.ok) return outcome.value;
    throw refusalError(outcome.reason, row.code, subject);
  }
}

/**
 * A code from the URL as an error shows it: control, format and direction characters (a U+202E in a
 * crafted join link would print the page's message backwards) and white space become "?".
 */
function shownCode(text: string): string {
  return text.toUpperCase().replace(/[\p{C}\p{Z}]/gu, '?');
}

/** The client's error for what the store refused. */
export function refusalError(reason: Refusal, code: string, subject: string): HttpError {
  switch (reason) {
    case 'no-class':
      return new HttpError(404, `code: no class ${code}`);
    case 'ended':
      return new HttpError(409, 'class: ended');
    case 'events-full':
      return new HttpError(409, `class: the event log is full (${MAX_EVENTS} events)`);
    case 'students-full':
      return new HttpError(409, `class: full (${MAX_STUDENTS} students)`);
    case 'questions-full':
      return new HttpError(409, `question: a class asks at most ${MAX_QUESTIONS} questions`);
    case 'nickname-taken':
      return new HttpError(409, 'nickname: already taken');
    case 'no-question':
      return new HttpError(404, `${subject}: no such question`);
    case 'no-student':
      return new HttpError(401, 'authorization: not a student of this class');
    case 'closed':
      return new HttpError(409, 'question: closed');
    case 'revealed':
      return new HttpError(409, 'question: already revealed');
    case 'answered':
      return new HttpError(409, 'answer: already sent for this question');
  }
}
