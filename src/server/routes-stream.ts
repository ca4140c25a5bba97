/**
 * The push channels: the class stream (SSE with Last-Event-ID resume), its long-polling fallback, and the
 * teacher's stream of the roster and live counts. The class stream carries only what the projector shows.
 *
 * Both class channels subscribe to the bus BEFORE reading the log, and drop what they already sent, so an
 * event committed while the backlog is read is neither missed nor sent twice.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from './context';
import { HttpError } from './context';
import { POLL_MAX_EVENTS, REPLAY_PAGE, SHUTDOWN_RETRY_MS } from './limits';
import type { ClassEvent } from './protocol';
import { SECURITY_HEADERS } from './security';
import { eventFrame, SseConnection, sseRetry } from './sse';
import { TeacherFeeds } from './teacher-feed';

type StreamRequest = FastifyRequest<{
  Params: { code: string };
  Querystring: Record<string, string | undefined>;
}>;

/** An event id as a client sends it back: digits only (at most 15, a safe integer), else a 400 naming it. */
function eventIdParam(value: string | undefined, field: string): number | null {
  if (value === undefined) return null;
  if (!/^\d{1,15}$/.test(value)) throw new HttpError(400, `${field}: must be an integer ≥ 0`);
  return Number(value);
}

/** Where a reconnecting EventSource resumes: its Last-Event-ID header, or `?lastEventId=` on a new one. */
function resumeAfter(request: StreamRequest): number | null {
  const header = request.headers['last-event-id'];
  if (typeof header === 'string' && header !== '') return eventIdParam(header.trim(), 'Last-Event-ID');
  return eventIdParam(request.query.lastEventId, 'lastEventId');
}

/**
 * A resume point the class's log has not reached is not this log's (a database restored from an older
 * copy, a client's bug): waiting for events "after" it would hide every event up to it, so such a client
 * is treated as a new one and given the snapshot. The client can only have ids the store committed before
 * the class row was read, so a real id is never beyond `lastEventId`.
 */
function sinceKnown(after: number | null, lastEventId: number): number | null {
  return after !== null && after > lastEventId ? null : after;
}

/**
 * Take the response over as an SSE stream (fastify sends nothing more for it), kept where shutdown finds it,
 * starting with the `retry:` field. A stream that opens while the server shuts down is sent away at once.
 */
function openStream(ctx: Context, reply: FastifyReply): SseConnection {
  reply.hijack();
  const stream = new SseConnection(reply.raw, SECURITY_HEADERS, ctx.settings.heartbeatMs);
  ctx.streams.add(stream);
  stream.onClose(() => ctx.streams.delete(stream));
  if (ctx.closing) stream.end(SHUTDOWN_RETRY_MS);
  else stream.write(sseRetry(ctx.settings.retryMs));
  return stream;
}

/** No HEAD twins: a HEAD of a stream would hold a connection open that can never carry an event. */
const NO_HEAD = { exposeHeadRoute: false } as const;

export function registerStreamRoutes(app: FastifyInstance, ctx: Context): void {
  const teacherFeeds = new TeacherFeeds(ctx);

  app.get('/api/classes/:code/stream', NO_HEAD, async (request: StreamRequest, reply) => {
    const row = await ctx.loadClass(request);
    const after = sinceKnown(resumeAfter(request), row.lastEventId);
    // A client that has everything of an ended class is told to stop: an EventSource that gets 204 does not
    // reconnect (WHATWG HTML §9.2.3), where a closed stream would be retried forever.
    if (row.endedAt !== null && after !== null && after >= row.lastEventId) {
      reply.code(204).send();
      return reply;
    }
    const release = ctx.holdConnection(request);
    const stream = openStream(ctx, reply);
    stream.onClose(release);
    if (stream.closed) return reply;

    let sent = after ?? 0;
    let live: ClassEvent[] | null = [];
    const deliver = (event: ClassEvent) => {
      if (event.id <= sent) return;
      sent = event.id;
      stream.write(eventFrame(event));
      if (event.type === 'end') stream.end();
    };
    const unsubscribe = ctx.bus.subscribe(row.code, (message) => {
      if (message.kind !== 'event') return;
      if (live) live.push(message.event);
      else deliver(message.event);
    });
    stream.onClose(unsubscribe);
    try {
      if (after === null) for (const event of await ctx.store.snapshot(row.code)) deliver(event);
      else {
        for (;;) {
          const page = await ctx.store.eventsAfter(row.code, sent, REPLAY_PAGE);
          for (const event of page) deliver(event);
          if (page.length < REPLAY_PAGE || stream.closed) break;
          await stream.drained();
        }
      }
      const queued = live;
      live = null;
      for (const event of queued) deliver(event);
    } catch (error) {
      request.log.error(error);
      stream.end(ctx.settings.retryMs);
    }
    return reply;
  });

  app.get('/api/classes/:code/poll', NO_HEAD, async (request: StreamRequest, reply) => {
    const row = await ctx.loadClass(request);
    const after = sinceKnown(eventIdParam(request.query.after, 'after'), row.lastEventId);
    if (after === null) return { events: await ctx.store.snapshot(row.code), more: false };

    // Set by the bus: an event arrived while the log was read, or while the poll is held.
    let arrived = false;
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.bus.subscribe(row.code, (message) => {
      if (message.kind !== 'event' || message.event.id <= after) return;
      arrived = true;
      wake?.();
    });
    try {
      let events = await ctx.store.eventsAfter(row.code, after, POLL_MAX_EVENTS + 1);
      if (events.length === 0 && !arrived && !ctx.closing) {
        const release = ctx.holdConnection(request);
        await new Promise<void>((resolve) => {
          const answer = () => {
            clearTimeout(timer);
            ctx.heldPolls.delete(answer);
            reply.raw.off('close', answer);
            release();
            resolve();
          };
          const timer = setTimeout(answer, ctx.settings.pollTimeoutMs);
          wake = answer;
          ctx.heldPolls.add(answer);
          reply.raw.on('close', answer);
        });
        events = await ctx.store.eventsAfter(row.code, after, POLL_MAX_EVENTS + 1);
      }
      if (events.length === 0) {
        reply.code(204).send();
        return reply;
      }
      return { events: events.slice(0, POLL_MAX_EVENTS), more: events.length > POLL_MAX_EVENTS };
    } finally {
      unsubscribe();
    }
  });

  app.get('/api/classes/:code/teacher/stream', NO_HEAD, async (request: StreamRequest, reply) => {
    const row = await ctx.loadClass(request);
    await ctx.requireTeacher(request, row);
    await ctx.store.touch(row.code, ctx.now());
    const release = ctx.holdConnection(request);
    const stream = openStream(ctx, reply);
    stream.onClose(release);
    if (stream.closed) return reply;
    try {
      await teacherFeeds.add(row.code, stream);
    } catch (error) {
      request.log.error(error);
      stream.end(ctx.settings.retryMs);
    }
    return reply;
  });
}
