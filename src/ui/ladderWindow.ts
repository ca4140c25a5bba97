/**
 * The part of a very long trace the sequence diagram lays out. The diagram places every label of a run where
 * it will stay (src/ui/ladderTable.ts): linear, but ~10 µs an event, so a 200,000-event run of one-byte
 * segments would hold the page for seconds whenever it opens or the window is resized. Past DENSE_EVENTS
 * events the diagram lays out a window of events around the cursor instead, moved a block at a time (and
 * memoized per trace and block), so a step costs what it costs on a short trace and the diagram still shows
 * the rows above the cursor. Segments sent before the window are not drawn (their arrivals are).
 */
import type { Trace } from '../tcp/types';

/** Longer traces are laid out a window at a time. */
export const DENSE_EVENTS = 20_000;
/** The window moves by this many events, and spans three of these around the cursor. */
export const WINDOW_BLOCK = 250;

export interface LadderWindow {
  /** The events to lay out (the whole trace, or a window of it). */
  trace: Trace;
  /** Index in the whole trace of the window's first event. */
  offset: number;
}

const windows = new WeakMap<Trace, Map<number, LadderWindow>>();
const wholeTraces = new WeakMap<Trace, LadderWindow>();

/** The window of `trace` that holds `cursor` (the trace itself when it is short). */
export function ladderWindow(trace: Trace, cursor: number): LadderWindow {
  const n = trace.events.length;
  if (n <= DENSE_EVENTS) {
    // The same object every time, so the diagram's memoized layout is not redone at each render.
    let whole = wholeTraces.get(trace);
    if (!whole) {
      whole = { trace, offset: 0 };
      wholeTraces.set(trace, whole);
    }
    return whole;
  }
  const block = Math.floor(Math.max(0, cursor) / WINDOW_BLOCK);
  const start = Math.max(0, (block - 2) * WINDOW_BLOCK);
  let cache = windows.get(trace);
  if (!cache) {
    cache = new Map();
    windows.set(trace, cache);
  }
  let w = cache.get(block);
  if (!w) {
    const end = Math.min(n, (block + 1) * WINDOW_BLOCK);
    w = { trace: { ...trace, events: trace.events.slice(start, end) }, offset: start };
    // A few windows are kept (scrubbing back and forth); more would hold the long trace's labels twice.
    if (cache.size >= 4) cache.clear();
    cache.set(block, w);
  }
  return w;
}
