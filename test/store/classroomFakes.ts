/**
 * Fakes for the classroom client's network (StoreDeps.classroomNet): a fetch that answers from a table of
 * routes and records every call, an EventSource the test drives, a clock whose timers run only when the
 * test advances it, and a Map for storage.
 */
import type { ClassroomNet } from '../../src/store/index';

export interface Call {
  method: string;
  url: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Answer = Reply | Promise<Reply>;
type Route = (call: Call) => Answer | undefined;

export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly url: string;
  readyState = 0;
  onerror: (() => void) | null = null;
  onopen: (() => void) | null = null;
  closed = false;
  private listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  constructor(url: string) {
    this.url = url;
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.readyState = 2;
    this.closed = true;
  }
  /** The server sends `id: <id>\nevent: <type>\ndata: <json>`. */
  emit(type: string, id: number, data: unknown) {
    this.readyState = 1;
    for (const fn of this.listeners.get(type) ?? [])
      fn({ type, data: JSON.stringify(data), lastEventId: String(id) } as MessageEvent);
  }
  /** The connection is (re)established: the response headers came. */
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  /** A dropped connection: the browser retries (CONNECTING) or, with `closed`, gives up (CLOSED). */
  fail(closed = false) {
    this.readyState = closed ? 2 : 0;
    this.onerror?.();
  }
  static last(): FakeEventSource {
    const es = FakeEventSource.instances[FakeEventSource.instances.length - 1];
    if (!es) throw new Error('no EventSource was opened');
    return es;
  }
}

export function fakeNet(options: { search?: string; random?: number } = {}) {
  FakeEventSource.instances = [];
  const calls: Call[] = [];
  const routes: Route[] = [];
  const store = new Map<string, string>();
  let clock = 1_000_000;
  let nextTimer = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const urls: string[] = [];
  const origin = 'http://class.test';
  const location = { href: `${origin}/${options.search ?? ''}`, origin, search: options.search ?? '' };

  const fetchFake = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const headers = { ...((init?.headers as Record<string, string>) ?? {}) };
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call: Call = { method: init?.method ?? 'GET', url, path: url.slice(origin.length), headers, body };
    calls.push(call);
    for (const route of routes) {
      const answer = route(call);
      if (answer === undefined) continue;
      const { status, body: json, headers: replyHeaders } = await answer;
      if (json instanceof ReadableStream) return new Response(json, { status });
      return new Response(status === 204 || json === undefined ? null : JSON.stringify(json), {
        status,
        ...(replyHeaders ? { headers: replyHeaders } : {}),
      });
    }
    return new Response(JSON.stringify({ error: `route: none for ${call.method} ${call.path}` }), {
      status: 404,
    });
  }) as typeof fetch;

  const net: ClassroomNet = {
    fetch: fetchFake,
    EventSource: FakeEventSource as unknown as typeof EventSource,
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
    setTimeout: (fn, ms) => {
      const id = nextTimer++;
      timers.set(id, { at: clock + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
    random: () => options.random ?? 0.5,
    now: () => clock,
    location,
    replaceUrl: (url) => {
      urls.push(url);
    },
  };

  return {
    net,
    calls,
    store,
    urls,
    /** Answer `method path` (exact, or a prefix ending in `*`) with `answer` (a function gets the call). */
    on(method: string, path: string, answer: Answer | ((call: Call) => Answer)) {
      routes.unshift((call) => {
        const match = path.endsWith('*') ? call.path.startsWith(path.slice(0, -1)) : call.path === path;
        if (call.method !== method || !match) return undefined;
        return typeof answer === 'function' ? answer(call) : answer;
      });
    },
    callsTo(method: string, path: string): Call[] {
      return calls.filter((c) => c.method === method && c.path.split('?')[0] === path);
    },
    /** Move the clock on by `ms`, running every timer that falls due, in time order. */
    async advance(ms: number) {
      const end = clock + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        clock = due[1].at;
        due[1].fn();
        await settle();
      }
      clock = end;
      await settle();
    },
    pendingTimers: () => timers.size,
  };
}

/** Let promises (fetch answers, JSON bodies) run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** A promise the test resolves later (a held long poll). */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
