/**
 * The page's Web Worker: runs one job at a time (./jobs.ts) and posts its progress and result. Cancelling a
 * job terminates the worker (./runner.ts), so a job never needs to look for a cancel message.
 */
import type { Snapshot, TraceEvent } from '../tcp/types';
import { execute, type JobProgress, type JobRequest, type JobResult } from './jobs';

export type WorkerMessage =
  | { id: number; type: 'progress'; progress: JobProgress }
  /** Part of a timeline's events and snapshots, before its 'done' (which then carries none of them). */
  | { id: number; type: 'chunk'; events: TraceEvent[]; snapshots: Snapshot[] }
  | { id: number; type: 'done'; result: JobResult }
  | { id: number; type: 'failed'; message: string };

/** Progress is posted at most this often (ms of wall clock: the worker is not the engine). */
const PROGRESS_EVERY_MS = 50;
/**
 * A timeline is posted this many events at a time: the page reads each message in one task, and reading a
 * 200,000-event timeline at once (a structured clone of ~65 MB) would hold it for over half a second.
 * 2,500 events take under 10 ms to read, so frames and clicks go on between them.
 */
const CHUNK_EVENTS = 2_500;

/** A finished timeline waiting to be fetched by the page, a chunk at a time. */
let pending: { id: number; result: Extract<JobResult, { kind: 'timeline' }>; next: number } | null = null;

function post(id: number, result: JobResult): void {
  if (result.kind !== 'timeline') {
    scope.postMessage({ id, type: 'done', result });
    return;
  }
  pending = { id, result, next: 0 };
  sendChunk(id);
}

/**
 * The next chunk of the pending timeline, or its 'done' once all were sent. The page asks for each chunk
 * after it has read the one before (and has had a chance to draw a frame): sent in one burst, 80 messages
 * would starve the page's frames for the time it takes to read them all.
 */
function sendChunk(id: number): void {
  if (!pending || pending.id !== id) return;
  const { data } = pending.result.result;
  const { events } = data.trace;
  const i = pending.next;
  if (i < events.length) {
    pending.next += CHUNK_EVENTS;
    scope.postMessage({
      id,
      type: 'chunk',
      events: events.slice(i, i + CHUNK_EVENTS),
      snapshots: data.snapshots.slice(i, i + CHUNK_EVENTS),
    });
    return;
  }
  const result = pending.result;
  pending = null;
  const empty = { ...data, trace: { ...data.trace, events: [] }, snapshots: [] };
  scope.postMessage({ id, type: 'done', result: { ...result, result: { ...result.result, data: empty } } });
}

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

/** A job to run, or the page asking for the next chunk of a finished timeline. */
export type WorkerRequest = { id: number; request: JobRequest } | { id: number; next: true };

scope.onmessage = async (e) => {
  const message = e.data;
  if ('next' in message) {
    sendChunk(message.id);
    return;
  }
  const { id, request } = message;
  try {
    const job = execute(request);
    let last = 0;
    for (;;) {
      const step = await job.next();
      if (step.done) {
        post(id, step.value);
        return;
      }
      const now = performance.now();
      if (now - last >= PROGRESS_EVERY_MS) {
        last = now;
        scope.postMessage({ id, type: 'progress', progress: step.value });
      }
    }
  } catch (err) {
    scope.postMessage({ id, type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
