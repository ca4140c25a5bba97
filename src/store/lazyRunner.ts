/**
 * The page's runner (./runner.ts), loaded with the first long run rather than with the page: most visits
 * only ever run presets, which finish at once on the page's thread (./compute.ts).
 */
import type { JobResult } from './jobs';
import type { EngineRunner, Job } from './runner';

export function lazyRunner(): EngineRunner {
  let runner: Promise<EngineRunner> | null = null;
  return {
    start(request, onProgress) {
      runner ??= import('./runner').then((m) => m.defaultRunner());
      let inner: Job | null = null;
      let cancelled = false;
      const promise = runner.then((r): Promise<JobResult> => {
        if (cancelled) return Promise.resolve({ kind: 'cancelled' });
        inner = r.start(request, onProgress);
        return inner.promise;
      });
      return {
        promise,
        cancel() {
          cancelled = true;
          inner?.cancel();
        },
      };
    },
  };
}
