/**
 * After a new trace arrives, build its per-trace indexes (src/store/selectors.ts) while the page is idle,
 * one per idle period, so the first step or scrub on a 200,000-event trace finds them ready.
 */
import { useEffect } from 'react';
import { useApp } from '../../store';
import { traceIndexTasks } from '../../store/selectors';

type Cancel = () => void;

/** requestIdleCallback where the browser has it (not Safari), else a macrotask. */
function whenIdle(task: () => void): Cancel {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 0);
  return () => clearTimeout(id);
}

export function useWarmIndexes(): void {
  const trace = useApp((s) => s.timeline.trace);
  useEffect(() => {
    const tasks = traceIndexTasks(trace);
    let cancel: Cancel = () => {};
    const next = () => {
      const task = tasks.shift();
      if (!task) return;
      task();
      cancel = whenIdle(next);
    };
    cancel = whenIdle(next);
    return () => cancel();
  }, [trace]);
}
