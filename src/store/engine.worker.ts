/**
 * The page's Web Worker: runs one job at a time (./jobs.ts) and posts its progress and result. Cancelling a
 * job terminates the worker (./runner.ts), so a job never needs to look for a cancel message.
 */
import { execute, type JobProgress, type JobRequest, type JobResult } from './jobs';

export type WorkerMessage =
  | { id: number; type: 'progress'; progress: JobProgress }
  | { id: number; type: 'done'; result: JobResult }
  | { id: number; type: 'failed'; message: string };

/** Progress is posted at most this often (ms of wall clock: the worker is not the engine). */
const PROGRESS_EVERY_MS = 50;

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ id: number; request: JobRequest }>) => void) | null;
  postMessage(message: WorkerMessage): void;
};

scope.onmessage = async (e) => {
  const { id, request } = e.data;
  try {
    const job = execute(request);
    let last = 0;
    for (;;) {
      const step = await job.next();
      if (step.done) {
        scope.postMessage({ id, type: 'done', result: step.value });
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
