/**
 * Every limit of the classroom server in one place (the README's "Classroom limits" cites these). Each input
 * has one: a body, a nickname, a roster, a question list, an event log, a poll answer, an idle class.
 */

/** The most bytes of a JSON body; the state route takes a scenario, so it allows more. */
export const JSON_BODY_LIMIT = 64 * 1024;
export const STATE_BODY_LIMIT = 512 * 1024;
/** How deeply a body's arrays and objects may nest (a scenario needs 4; this stops stack-deep input). */
export const MAX_BODY_DEPTH = 32;

/** A nickname's length in code points, after trimming. */
export const NICKNAME_MAX = 40;
export const MAX_STUDENTS = 2_000;
export const MAX_QUESTIONS = 500;
/** Events per class: every `state` the teacher sends is one, so a long lesson stays far below it. */
export const MAX_EVENTS = 200_000;
/** The largest cursor a state may carry: the engine's own event cap (src/tcp/limits.ts MAX_EVENTS). */
export const MAX_CURSOR = 1_000_000;

/** Class codes: no 0/O, 1/I/L, so a code read off a projector is typed right. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;

/** Events in one long-poll answer (`more: true` says ask again). */
export const POLL_MAX_EVENTS = 1_000;
/** Events read from the store at a time while a stream replays its backlog. */
export const REPLAY_PAGE = 500;
/**
 * Bytes a stream may have queued for a client that does not read (a stalled phone): beyond it the stream
 * is ended and the client resumes with Last-Event-ID, instead of the server holding its backlog in memory.
 */
export const STREAM_BUFFER_LIMIT = 4 * 1024 * 1024;

/**
 * Connections one client address may hold open at once (streams and held polls, ./held-limit.ts): a full
 * class behind one NAT, a stream each, with room for reconnections overlapping the streams they replace.
 */
export const DEFAULT_STREAMS_PER_ADDRESS = 2_500;
/**
 * The whole request, headers and body, must arrive within this (a 512 KB scenario at 20 KB/s does); a
 * client that sends its body a byte at a time, or never ends it ("slowloris"), is answered 408 and cut off
 * instead of holding a socket for ever. Streams and polls are not affected: their request is complete at
 * once, only the response is long.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** The headers alone must arrive within this (Node's own default is 60 s). */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_RETRY_MS = 2_000;
/** The `retry:` sent to every stream when the server shuts down: come back soon, the restart is quick. */
export const SHUTDOWN_RETRY_MS = 500;
export const DEFAULT_POLL_TIMEOUT_MS = 25_000;
/** Joins per client address and window: a class of 40 behind one NAT joins many times over. */
export const DEFAULT_JOIN_LIMIT = { max: 1_200, windowMs: 60_000 } as const;
/**
 * Classes created per client address and window. Creating one needs no token, and each is a committed
 * write that stays 12 h: without a limit one machine could fill the disk with empty classes. A school's
 * teachers behind one NAT start a class a lesson each, far below it.
 */
export const DEFAULT_CREATE_LIMIT = { max: 120, windowMs: 3_600_000 } as const;
/** Unknown class codes per client address and window (a school's NAT mistypes a few; a guesser, millions). */
export const DEFAULT_MISS_LIMIT = { max: 100, windowMs: 60_000 } as const;
export const DEFAULT_CLASS_TTL_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_SWEEP_MS = 60_000;
/** The teacher stream's updates per class: at most one per this many ms (≤ 10 per second). */
export const TEACHER_PUSH_MS = 100;
/** Graceful shutdown waits this long for in-flight requests, then closes what is left (exit within 5 s). */
export const SHUTDOWN_DEADLINE_MS = 4_500;
/**
 * The most events a question's run may take (design: "scenario runs for questions capped at 20,000
 * events"). A timeline costs ~4.5 µs and ~400 bytes per event (src/store/compute.ts, src/tcp/timeline.ts),
 * so the longest run holds the server's one thread for ~90 ms and ~8 MB, once per "Ask": every preset
 * and lesson step ends far below it (the page itself runs a lesson step only up to 10,000 events).
 */
export const QUESTION_MAX_EVENTS = 20_000;
