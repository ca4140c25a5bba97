/**
 * The classroom client's plumbing (issue 11): JSON requests that never throw (a dead network is status 0),
 * the saved tokens in storage, the teacher stream read with fetch() (EventSource cannot send the
 * Authorization header it needs), and the browser's own network for the page.
 */
import type { ErrorInfo } from './classroom';
import { backoffDelay } from './classroomConnection';
import { sseParser } from './classroomSse';
import type { ClassroomNet } from './index';

/** The catalog key of "the server could not be reached". */
export const NETWORK_ERROR = 'networkError';

export interface Reply {
  /** 0: no answer (the network, or the server is down). */
  status: number;
  body: Record<string, unknown> | null;
  /** The Retry-After header in seconds, when it is a number (a 429's or 503's wait). */
  retryAfterS?: number | null;
}

/** The server's `error` as it worded it, else the network error's catalog key. */
export const errorOf = (reply: Reply): string =>
  typeof reply.body?.error === 'string' ? reply.body.error : NETWORK_ERROR;

/** The status and wait behind the server's `error` (null when the server said nothing: a network error). */
export const errorInfoOf = (reply: Reply): ErrorInfo | null =>
  typeof reply.body?.error === 'string'
    ? { status: reply.status, retryAfterS: reply.retryAfterS ?? null }
    : null;

/** Retry-After's delay-seconds (RFC 9110 §10.2.3); an HTTP-date or garbage is "not said". */
function retryAfterOf(header: string | null): number | null {
  if (header === null || !/^\d{1,9}$/.test(header.trim())) return null;
  return Number(header.trim());
}

const asObject = (json: unknown): Record<string, unknown> | null =>
  typeof json === 'object' && json !== null && !Array.isArray(json)
    ? (json as Record<string, unknown>)
    : null;

export function jsonRequester(net: ClassroomNet) {
  return async (method: string, path: string, body?: unknown, token?: string): Promise<Reply> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      const res = await net.fetch(`${net.location.origin}${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      let json: unknown = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      return {
        status: res.status,
        body: asObject(json),
        retryAfterS: retryAfterOf(res.headers?.get?.('retry-after') ?? null),
      };
    } catch {
      return { status: 0, body: null };
    }
  };
}

/** Saved tokens: reading garbage or a storage that throws (disabled, full) is "nothing saved". */
export function tokenStorage(net: ClassroomNet) {
  return {
    read(key: string): Record<string, unknown> | null {
      try {
        const text = net.storage?.getItem(key);
        return text ? asObject(JSON.parse(text)) : null;
      } catch {
        return null;
      }
    },
    write(key: string, value: object) {
      try {
        net.storage?.setItem(key, JSON.stringify(value));
      } catch {
        // The class still runs; a reload will not resume it.
      }
    },
    remove(key: string) {
      try {
        net.storage?.removeItem(key);
      } catch {
        // As above.
      }
    },
  };
}

/**
 * Read `path` as an event stream with the teacher's token, handing each event's type and parsed data to
 * `onMessage`; reconnect with the jittered backoff while `keepGoing()`. Returns the stop function.
 */
export function readTeacherStream(
  net: ClassroomNet,
  path: string,
  token: string,
  onMessage: (type: string, data: unknown) => void,
  keepGoing: () => boolean,
): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  let timer: unknown = null;
  let attempt = 0;
  const parser = () =>
    sseParser((m) => {
      let json: unknown;
      try {
        json = JSON.parse(m.data);
      } catch {
        return;
      }
      attempt = 0;
      onMessage(m.type, json);
    });
  const open = async () => {
    timer = null;
    if (stopped) return;
    controller = typeof AbortController === 'undefined' ? null : new AbortController();
    try {
      const res = await net.fetch(`${net.location.origin}${path}`, {
        headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
        ...(controller ? { signal: controller.signal } : {}),
      });
      // Refused (an unknown class or token): trying again will not help.
      if (res.status === 401 || res.status === 403 || res.status === 404) return;
      if (res.ok && res.body) {
        const events = parser();
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done || stopped) break;
          events.push(decoder.decode(value, { stream: true }));
        }
      }
    } catch {
      // Dropped or aborted: reconnect below unless stopped.
    }
    if (!stopped && keepGoing()) timer = net.setTimeout(open, backoffDelay(attempt++, net.random));
  };
  void open();
  return () => {
    stopped = true;
    controller?.abort();
    if (timer !== null) net.clearTimeout(timer);
  };
}

/** The browser's network, clock and storage. */
export function browserNet(): ClassroomNet {
  let storage: ClassroomNet['storage'] = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    storage = null;
  }
  return {
    fetch: (input, init) => fetch(input, init),
    EventSource: typeof EventSource === 'undefined' ? null : EventSource,
    storage,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    random: Math.random,
    now: Date.now,
    location: window.location,
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
  };
}
