/**
 * In-page instruments for bench/ui-budgets.ts. They are plain JavaScript source text, not functions:
 * tsx compiles functions with helpers (`__name`) that do not exist in the page, so a serialized function
 * would throw there.
 */

/** One timed interaction: ms from the keydown (or the scrubber's input event) to each milestone. */
export interface StepResult {
  /** The first DOM mutation of the narration or the position line: React has rendered and committed. */
  render: number;
  /** The next requestAnimationFrame callback after that mutation: the frame that will show it. */
  frame: number;
  /** A task posted from that rAF: runs after the frame's style, layout and paint. */
  paint: number;
}

export interface FrameResult {
  fps: number;
  frames: number;
  seconds: number;
  maxGap: number;
  /** Frames more than 20 ms after the previous one. */
  slowFrames: number;
  longTasks: number;
  longestTask: number;
  minSegments: number;
  maxSegments: number;
}

export interface ProbeWindow {
  __budgetProbe: {
    arm(): void;
    result(): Promise<StepResult>;
    scrub(value: number): Promise<StepResult>;
  };
}

/**
 * Installs `window.__budgetProbe`: a capture-phase keydown listener (runs before the app's own listener
 * on window), and a MutationObserver on the narration and the "event n of m" line (both change on every
 * cursor move, in the same React commit).
 */
export const PROBE_SOURCE = `(() => {
  if (window.__budgetProbe) return;
  const narration = document.querySelector('[data-testid="narration"]');
  const position = document.querySelector('.controls .position');
  if (!narration || !position) throw new Error('narration or position element not found');
  let armed = false;
  let startAt = 0;
  let resolve = null;
  let pending = null;
  const probe = {
    arm() {
      armed = true;
      startAt = 0;
      pending = new Promise((r) => { resolve = r; });
    },
    result() {
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no DOM change within 5 s of the input')), 5000));
      return Promise.race([pending, timeout]);
    },
    scrub(value) {
      const input = document.querySelector('.scrubber input[type=range]');
      if (!input) throw new Error('scrubber not found');
      probe.arm();
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      startAt = performance.now();
      setter.call(input, String(value));
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return probe.result();
    },
  };
  window.addEventListener('keydown', () => { if (armed && !startAt) startAt = performance.now(); }, true);
  const observer = new MutationObserver(() => {
    if (!armed || !startAt) return;
    armed = false;
    const t0 = startAt;
    const render = performance.now() - t0;
    requestAnimationFrame(() => {
      const frame = performance.now() - t0;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ render, frame, paint: performance.now() - t0 });
      channel.port2.postMessage(0);
    });
  });
  const options = { childList: true, subtree: true, characterData: true };
  observer.observe(narration, options);
  observer.observe(position, options);
  window.__budgetProbe = probe;
})()`;

/** Counts animation frames for `ms`, with long tasks and how many `.segment` elements each frame had. */
export function fpsSource(ms: number): string {
  return `new Promise((resolve) => {
  const duration = ${Number(ms)};
  const times = [];
  let minSegments = Infinity;
  let maxSegments = 0;
  const tasks = [];
  let observer = null;
  try {
    observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) tasks.push(e.duration); });
    observer.observe({ type: 'longtask' });
  } catch {}
  const tick = (t) => {
    times.push(t);
    const n = document.querySelectorAll('.segment').length;
    minSegments = Math.min(minSegments, n);
    maxSegments = Math.max(maxSegments, n);
    if (t - times[0] < duration) { requestAnimationFrame(tick); return; }
    if (observer) observer.disconnect();
    let maxGap = 0;
    let slowFrames = 0;
    for (let i = 1; i < times.length; i++) {
      const gap = times[i] - times[i - 1];
      maxGap = Math.max(maxGap, gap);
      if (gap > 20) slowFrames++;
    }
    const seconds = (times[times.length - 1] - times[0]) / 1000;
    resolve({
      fps: (times.length - 1) / seconds,
      frames: times.length - 1,
      seconds,
      maxGap,
      slowFrames,
      longTasks: tasks.length,
      longestTask: tasks.length ? Math.max(...tasks) : 0,
      minSegments,
      maxSegments,
    });
  };
  requestAnimationFrame(tick);
})`;
}
