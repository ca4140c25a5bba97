/**
 * Server-Sent Events on a raw Node response (WHATWG HTML §9.2, "Server-sent events"). A frame is `id:`,
 * `event:` and one `data:` line of JSON (JSON.stringify escapes CR and LF, the only line ends the format
 * knows), then a blank line; `retry:` sets the client's reconnection delay; a line starting with ":" is a
 * comment, which the client ignores and which keeps proxies from closing an idle connection.
 */
import type { ServerResponse } from 'node:http';
import { STREAM_BUFFER_LIMIT } from './limits';

export function sseFrame(type: string, data: unknown, id?: number): string {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return `${idLine}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The frame of a class event, encoded once however many streams carry it: every subscriber gets the same
 * event object from the bus, and a 77 KB scenario re-encoded for each of 300 students cost 0.12 s of CPU
 * per change (npm run bench:classroom). Replayed events are new objects each time, so nothing stale stays.
 */
const eventFrames = new WeakMap<object, string>();
export function eventFrame(event: { id: number; type: string; data: unknown }): string {
  let frame = eventFrames.get(event);
  if (frame === undefined) {
    frame = sseFrame(event.type, event.data, event.id);
    eventFrames.set(event, frame);
  }
  return frame;
}

export function sseRetry(ms: number): string {
  return `retry: ${ms}\n\n`;
}

export const SSE_KEEP_ALIVE = ': keep-alive\n\n';

/** The response headers of every stream (no-transform and x-accel-buffering: a proxy must not buffer it). */
export const SSE_HEADERS: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
};

/** What a feed writes to: an open stream (SseConnection), or a test's recorder. */
export interface StreamSink {
  write(text: string): boolean;
  end(retryMs?: number): void;
  onClose(listener: () => void): void;
}

/** One open stream: writes frames, sends the heartbeat, ends once (on close, end, or a stalled client). */
export class SseConnection implements StreamSink {
  private heartbeat: ReturnType<typeof setInterval> | null;
  private ended = false;
  private readonly closeListeners: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    headers: Record<string, string>,
    heartbeatMs: number,
  ) {
    res.writeHead(200, { ...headers, ...SSE_HEADERS });
    res.flushHeaders();
    this.heartbeat = setInterval(() => this.write(SSE_KEEP_ALIVE), heartbeatMs);
    this.heartbeat.unref();
    res.on('close', () => this.finish());
    res.on('error', () => this.finish());
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Run `listener` once when the stream ends, whoever ends it. */
  onClose(listener: () => void): void {
    if (this.ended) listener();
    else this.closeListeners.push(listener);
  }

  /** Write raw SSE text; false once closed. A client that stops reading is cut off, to resume later. */
  write(text: string): boolean {
    if (this.ended) return false;
    this.res.write(text);
    if (this.res.writableLength > STREAM_BUFFER_LIMIT) {
      this.res.destroy();
      this.finish();
      return false;
    }
    return true;
  }

  /** Resolves when the client has read what was written (or the stream ended): replay pages wait for it. */
  drained(): Promise<void> {
    if (this.ended || !this.res.writableNeedDrain) return Promise.resolve();
    return new Promise((resolve) => {
      this.res.once('drain', resolve);
      this.onClose(resolve);
    });
  }

  /** End the stream, first telling the client when to come back (`retry:`) if `retryMs` is given. */
  end(retryMs?: number): void {
    if (this.ended) return;
    if (retryMs !== undefined) this.res.write(sseRetry(retryMs));
    this.res.end();
    this.finish();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
