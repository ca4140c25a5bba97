/**
 * A real classroom server on an ephemeral port with a temp-file database, a small fetch client for its
 * JSON API, and an SSE reader that parses the stream as WHATWG HTML §9.2.6 says (fields, comments, blank
 * line dispatch), so the tests see the `retry:` line and the keep-alive comments EventSource hides.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type ClassroomServer, type ServerOptions } from '../../src/server/app';
import { LocalBus } from '../../src/server/bus';
import { openSqliteStore, type SqliteStoreOptions } from '../../src/server/sqlite-store';
import type { ClassStore } from '../../src/server/store';

/** The Content-Security-Policy the design pins, word for word (the server's every response carries it). */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
  "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'";

export interface Running {
  base: string;
  server: ClassroomServer;
  store: ClassStore;
  bus: LocalBus;
  file: string;
  stop(): Promise<void>;
}

export function tempDir(prefix = 'synack-classroom-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Start a server; `stop` shuts it down (idempotent) and deletes its database. */
export async function startServer(
  options: Partial<Omit<ServerOptions, 'store' | 'bus'>> = {},
  storeOptions: SqliteStoreOptions = {},
): Promise<Running> {
  const temp = tempDir();
  const file = join(temp.dir, 'class.db');
  const store = openSqliteStore(file, storeOptions);
  const bus = new LocalBus();
  const server = await buildServer({ store, bus, logger: false, ...options });
  const base = await server.listen(0, '127.0.0.1');
  let stopped = false;
  return {
    base,
    server,
    store,
    bus,
    file,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.shutdown();
      temp.remove();
    },
  };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the server sent
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding), e.g. malformed JSON. */
  raw?: string;
  token?: string;
  headers?: Record<string, string>;
}

export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(base + path, { method, headers, body });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export interface Teacher {
  code: string;
  teacherToken: string;
  joinUrl: string;
}

export async function createClass(base: string, body: unknown = {}): Promise<Teacher> {
  const reply = await call(base, 'POST', '/api/classes', { body });
  if (reply.status !== 201) throw new Error(`create: ${reply.status} ${reply.text}`);
  return reply.json;
}

export async function joinClass(base: string, code: string, nickname: string) {
  const reply = await call(base, 'POST', `/api/classes/${code}/join`, { body: { nickname } });
  if (reply.status !== 201) throw new Error(`join: ${reply.status} ${reply.text}`);
  return reply.json as { studentId: string; studentToken: string; nickname: string };
}

/** One dispatched SSE message, or a comment, or a retry field. */
export type SseItem =
  | { kind: 'event'; id: string | null; type: string; data: string }
  | { kind: 'comment'; text: string }
  | { kind: 'retry'; ms: number };

/** How long a test waits for the next item before failing (a wait bound, not a timing assertion). */
const WAIT_MS = 5_000;

export class SseReader {
  readonly items: SseItem[] = [];
  private buffer = '';
  private fields: { id: string | null; type: string; data: string[] } = {
    id: null,
    type: 'message',
    data: [],
  };
  private waiters: (() => void)[] = [];
  ended = false;
  status = 0;
  headers: Headers | null = null;
  private readonly abort = new AbortController();

  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: reader.abort.signal,
    });
    reader.status = response.status;
    reader.headers = response.headers;
    if (!response.body) {
      reader.ended = true;
      return reader;
    }
    reader.pump(response.body.getReader());
    return reader;
  }

  private async pump(body: ReadableStreamDefaultReader<Uint8Array>) {
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await body.read();
        if (done) break;
        this.feed(decoder.decode(value, { stream: true }));
      }
    } catch {
      // aborted, or the server went away
    }
    this.ended = true;
    this.wakeAll();
  }

  private feed(text: string) {
    this.buffer += text;
    let end = this.buffer.search(/\r\n|\r|\n/);
    while (end >= 0) {
      const line = this.buffer.slice(0, end);
      const width = this.buffer.startsWith('\r\n', end) ? 2 : 1;
      this.buffer = this.buffer.slice(end + width);
      this.line(line);
      end = this.buffer.search(/\r\n|\r|\n/);
    }
    this.wakeAll();
  }

  private line(line: string) {
    if (line === '') {
      if (this.fields.data.length > 0)
        this.items.push({
          kind: 'event',
          id: this.fields.id,
          type: this.fields.type,
          data: this.fields.data.join('\n'),
        });
      this.fields = { id: this.fields.id, type: 'message', data: [] };
      return;
    }
    if (line.startsWith(':')) {
      this.items.push({ kind: 'comment', text: line.slice(1).trim() });
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (name === 'id') this.fields.id = value;
    else if (name === 'event') this.fields.type = value;
    else if (name === 'data') this.fields.data.push(value);
    else if (name === 'retry') this.items.push({ kind: 'retry', ms: Number(value) });
  }

  private wakeAll() {
    for (const wake of this.waiters.splice(0)) wake();
  }

  private async waitFor(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${what}: not within ${WAIT_MS} ms; got ${JSON.stringify(this.items)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Wait until `test` holds for the items read so far; fails if the stream ends first or after WAIT_MS. */
  async until(test: (items: SseItem[]) => boolean, what = 'the stream'): Promise<SseItem[]> {
    await this.waitFor(() => this.ended || test(this.items), what);
    if (!test(this.items))
      throw new Error(`${what}: the stream ended first; got ${JSON.stringify(this.items)}`);
    return this.items;
  }

  /** The dispatched events so far, with their data parsed. */
  // biome-ignore lint/suspicious/noExplicitAny: a test reads whatever JSON the server sent
  events(): { id: number | null; type: string; data: any }[] {
    return this.items
      .filter((item): item is Extract<SseItem, { kind: 'event' }> => item.kind === 'event')
      .map((e) => ({ id: e.id === null ? null : Number(e.id), type: e.type, data: JSON.parse(e.data) }));
  }

  /** Wait for `count` events in all, and return them. */
  async waitEvents(count: number) {
    await this.until((items) => items.filter((i) => i.kind === 'event').length >= count, `${count} events`);
    return this.events();
  }

  /** Wait until the server ends the stream. */
  async closed(): Promise<void> {
    await this.waitFor(() => this.ended, 'the end of the stream');
  }

  close() {
    this.abort.abort();
  }
}
