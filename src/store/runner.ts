/**
 * Where the page's long jobs (./jobs.ts) run: in a Web Worker, so the page answers input while the engine
 * works; or, where there is no worker (jsdom, a worker script that failed to load), on the page's thread in
 * slices between timeouts. One job at a time: starting one cancels the one before. Cancelling terminates the
 * worker (a new one starts with the next job), so even a job stuck in one long slice stops at once.
 */
import type { Snapshot, TraceEvent } from '../tcp/types';
import type { WorkerMessage, WorkerRequest } from './engine.worker';
import type { JobProgress, JobRequest, JobResult } from './jobs';

export interface Job {
  /** Settles with the result, or `{ kind: 'cancelled' }`; rejects only if the job itself threw. */
  promise: Promise<JobResult>;
  cancel(): void;
}

export interface EngineRunner {
  start(request: JobRequest, onProgress: (progress: JobProgress) => void): Job;
}

const loadJobs = () => import('./jobs');

/** Work on the page's thread for at most this long before yielding to input and rendering (ms). */
const SLICE_MS = 12;

/** Runs jobs on the page's thread, yielding between slices (tests; browsers without workers). */
export function inlineRunner(): EngineRunner {
  let active: (() => void) | null = null;
  return {
    start(request, onProgress) {
      active?.();
      let cancelled = false;
      let settle: (r: JobResult) => void = () => {};
      const cancel = () => {
        if (cancelled) return;
        cancelled = true;
        settle({ kind: 'cancelled' });
      };
      active = cancel;
      const promise = new Promise<JobResult>((resolve, reject) => {
        settle = resolve;
        // The jobs' code is loaded with the first job (the page's first long run), not with the page.
        let job: AsyncGenerator<JobProgress, JobResult> | null = null;
        const slice = async () => {
          job ??= (await loadJobs()).execute(request);
          const until = performance.now() + SLICE_MS;
          try {
            for (;;) {
              if (cancelled) return;
              const step = await job.next();
              if (cancelled) return;
              if (step.done) {
                resolve(step.value);
                return;
              }
              if (performance.now() >= until) {
                onProgress(step.value);
                setTimeout(slice, 0);
                return;
              }
            }
          } catch (err) {
            if (!cancelled) reject(err);
          }
        };
        setTimeout(slice, 0);
      });
      return { promise, cancel };
    },
  };
}

/** Runs jobs in a module Web Worker; falls back to the page's thread if the worker cannot start or load. */
export function workerRunner(create: () => Worker = defaultWorker): EngineRunner {
  const inline = inlineRunner();
  let worker: Worker | null = null;
  let broken = false;
  let nextId = 1;
  let active: (() => void) | null = null;

  return {
    start(request, onProgress) {
      active?.();
      if (broken) return inline.start(request, onProgress);
      if (!worker) {
        try {
          worker = create();
        } catch {
          broken = true;
          return inline.start(request, onProgress);
        }
      }
      const w = worker;
      const id = nextId++;
      let settled = false;
      let fallback: Job | null = null;
      let settle: (r: JobResult) => void = () => {};
      let fail: (e: Error) => void = () => {};
      const finish = () => {
        settled = true;
        w.removeEventListener('message', onMessage);
        w.removeEventListener('error', onError);
        if (active === cancel) active = null;
      };
      // A timeline arrives in chunks of events and snapshots, then its 'done' (see engine.worker.ts).
      const events: TraceEvent[] = [];
      const snapshots: Snapshot[] = [];
      const onMessage = (e: MessageEvent<WorkerMessage>) => {
        const m = e.data;
        if (m.id !== id || settled) return;
        if (m.type === 'progress') onProgress(m.progress);
        else if (m.type === 'chunk') {
          for (const event of m.events) events.push(event);
          for (const snapshot of m.snapshots) snapshots.push(snapshot);
          // The next one after a turn of the page's event loop: frames and clicks go on between chunks.
          setTimeout(() => {
            if (!settled) w.postMessage({ id, next: true } satisfies WorkerRequest);
          }, 0);
        } else if (m.type === 'done') {
          finish();
          if (m.result.kind === 'timeline') {
            const { data } = m.result.result;
            data.trace.events = events;
            data.snapshots = snapshots;
          }
          settle(m.result);
        } else {
          finish();
          fail(new Error(m.message));
        }
      };
      // The worker's script did not load (or crashed): run this job, and the next ones, on the page's thread.
      const onError = (e: Event) => {
        e.preventDefault?.();
        if (settled) return;
        finish();
        broken = true;
        w.terminate();
        if (worker === w) worker = null;
        fallback = inline.start(request, onProgress);
        fallback.promise.then(settle, fail);
      };
      const cancel = () => {
        if (fallback) {
          fallback.cancel();
          return;
        }
        if (settled) return;
        finish();
        w.terminate();
        if (worker === w) worker = null;
        settle({ kind: 'cancelled' });
      };
      active = cancel;
      const promise = new Promise<JobResult>((resolve, reject) => {
        settle = resolve;
        fail = reject;
      });
      w.addEventListener('message', onMessage);
      w.addEventListener('error', onError);
      w.postMessage({ id, request } satisfies WorkerRequest);
      return { promise, cancel };
    },
  };
}

function defaultWorker(): Worker {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), {
    type: 'module',
    name: 'synack-engine',
  });
}

/** The runner the page uses: a worker where the browser has them. */
export function defaultRunner(): EngineRunner {
  return typeof Worker === 'undefined' ? inlineRunner() : workerRunner();
}
