/**
 * The class stream as the page reads it (issue 11): an EventSource on /stream, falling back to long polling
 * on /poll when Server-Sent Events do not get through (a buffering proxy), with reconnects that back off.
 * Events are handed on once each, in id order, whichever way they came.
 */
import type { ClassEvent, ClassEventType } from '../server/protocol';
import type { ClassroomNet } from './index';

/** No event this long after opening the stream: something buffers it; poll instead. */
export const FIRST_EVENT_MS = 6_000;
/** Errors in a row, with no event between them, before the page gives up on the stream. */
export const ERRORS_BEFORE_POLL = 3;
/** Reconnect backoff: 1 s × 2^n, at most 30 s, with full jitter. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/** Why the page polls: the stream sent nothing, kept failing, or the browser has no EventSource. */
export type FallbackReason = 'fallbackNoEvent' | 'fallbackErrors' | 'fallbackNoEventSource';

const EVENT_TYPES: readonly ClassEventType[] = ['state', 'question', 'reveal', 'end'];
/** EventSource.CLOSED: the browser will not retry by itself (an HTTP error, a wrong content type). */
const CLOSED = 2;

/**
 * The delay before reconnect attempt `attempt` (0-based): uniform in [0, min(30 s, 1 s × 2^attempt)], the
 * "full jitter" of AWS's "Exponential Backoff And Jitter", so a class of students reconnecting after a
 * restart do not all arrive at once.
 */
export function backoffDelay(attempt: number, random: () => number): number {
  const cap = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * cap);
}

export interface ConnectionHandlers {
  /** One event, new (its id above every one handed on before). */
  onEvent(event: ClassEvent): void;
  onStatus(connection: 'live' | 'long-poll' | 'reconnecting', fallbackReason: FallbackReason | null): void;
  /** The class is gone (the server answered 404): its error, as worded. */
  onGone(error: string): void;
}

export interface ClassConnection {
  close(): void;
  /** The id of the last event handed on (0 before any). */
  lastId(): number;
}

/** Read `/api/classes/<code>/stream` (or `/poll`), starting after event `after` (0: from the snapshot). */
export function openClassConnection(
  net: ClassroomNet,
  code: string,
  handlers: ConnectionHandlers,
  after = 0,
): ClassConnection {
  const base = `${net.location.origin}/api/classes/${encodeURIComponent(code)}`;
  let lastId = after;
  let closed = false;
  let source: EventSource | null = null;
  /** Set once the stream delivered an event: then a quiet stream is just a quiet class. */
  let streamWorks = false;
  let errors = 0;
  let attempt = 0;
  let firstEventTimer: unknown = null;
  let retryTimer: unknown = null;
  let polling: FallbackReason | null = null;

  const clear = (timer: unknown) => {
    if (timer !== null) net.clearTimeout(timer);
  };
  const closeSource = () => {
    clear(firstEventTimer);
    firstEventTimer = null;
    if (source) {
      source.onerror = null;
      source.onopen = null;
      source.close();
      source = null;
    }
  };
  const close = () => {
    closed = true;
    closeSource();
    clear(retryTimer);
    retryTimer = null;
  };

  /** Hand on events newer than the last one, in id order (a reconnect may repeat some). */
  const deliver = (events: ClassEvent[]) => {
    for (const event of [...events].sort((a, b) => a.id - b.id)) {
      if (closed || event.id <= lastId) continue;
      lastId = event.id;
      handlers.onEvent(event);
      if (event.type === 'end') close();
    }
  };

  const fallback = (reason: FallbackReason) => {
    closeSource();
    polling = reason;
    attempt = 0;
    handlers.onStatus('long-poll', reason);
    void poll();
  };

  const onMessage = (message: MessageEvent) => {
    const id = Number(message.lastEventId);
    let data: unknown;
    try {
      data = JSON.parse(String(message.data));
    } catch {
      return;
    }
    if (!Number.isSafeInteger(id) || id < 1) return;
    streamWorks = true;
    errors = 0;
    attempt = 0;
    clear(firstEventTimer);
    firstEventTimer = null;
    handlers.onStatus('live', null);
    deliver([{ id, type: message.type, data } as ClassEvent]);
  };

  const openSource = () => {
    retryTimer = null;
    if (closed) return;
    const Source = net.EventSource;
    if (!Source) return fallback('fallbackNoEventSource');
    // A new EventSource cannot set Last-Event-ID; the server reads the same from ?lastEventId=.
    const url = `${base}/stream${lastId > 0 ? `?lastEventId=${lastId}` : ''}`;
    const es = new Source(url);
    source = es;
    for (const type of EVENT_TYPES) es.addEventListener(type, onMessage as EventListener);
    /** The response came (headers, 200, text/event-stream) since the last error. */
    let opened = false;
    // Open again after a drop (the browser's own retry): live, though a quiet class may send nothing yet.
    es.onopen = () => {
      opened = true;
      if (streamWorks) handlers.onStatus('live', null);
    };
    es.onerror = () => {
      // Only a stream that opened and broke again without an event is a reason to poll (something on the
      // way cuts streams). A server that cannot be reached at all (down, restarting after a crash) is
      // retried: polling it would fail the same way, and the stream resumes with Last-Event-ID.
      if (opened) errors++;
      opened = false;
      if (errors >= ERRORS_BEFORE_POLL) return fallback('fallbackErrors');
      handlers.onStatus('reconnecting', null);
      // Closed for good: the browser gave up; a new one after the backoff. Otherwise it retries itself.
      if (es.readyState === CLOSED) {
        closeSource();
        retryTimer = net.setTimeout(openSource, backoffDelay(attempt++, net.random));
      }
    };
    if (!streamWorks) firstEventTimer = net.setTimeout(() => fallback('fallbackNoEvent'), FIRST_EVENT_MS);
  };

  const retryPoll = () => {
    handlers.onStatus('reconnecting', null);
    retryTimer = net.setTimeout(
      () => {
        retryTimer = null;
        void poll();
      },
      backoffDelay(attempt++, net.random),
    );
  };

  const poll = async (): Promise<void> => {
    if (closed) return;
    const url = `${base}/poll${lastId > 0 ? `?after=${lastId}` : ''}`;
    let response: Response;
    let body: { events?: ClassEvent[]; error?: string } | null = null;
    try {
      response = await net.fetch(url, { headers: { accept: 'application/json' } });
      if (response.status === 200 || response.status === 404) body = await response.json();
    } catch {
      if (!closed) retryPoll();
      return;
    }
    if (closed) return;
    if (response.status === 404) return handlers.onGone(body?.error ?? `code: no class ${code}`);
    if (response.status !== 200 && response.status !== 204) return retryPoll();
    attempt = 0;
    handlers.onStatus('long-poll', polling);
    if (Array.isArray(body?.events)) deliver(body.events);
    void poll();
  };

  openSource();
  return { close, lastId: () => lastId };
}
