/**
 * A very long trace's sequence diagram is laid out a window at a time (src/ui/ladderWindow.ts). Oracle: the
 * whole trace itself: the window holds the cursor's event and those just before it, unchanged, and the
 * diagram laid out over the window draws the segment sent at the cursor, with the label the whole trace gives.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/tcp';
import type { ScenarioInput, SendEvent } from '../../src/tcp/types';
import { ENGLISH_LADDER_TEXT, layoutLadder } from '../../src/ui/ladderLayout';
import { DENSE_EVENTS, ladderWindow, WINDOW_BLOCK } from '../../src/ui/ladderWindow';

const ONE_BYTE_SEGMENTS: ScenarioInput = {
  version: 1,
  name: 'one-byte segments',
  endpoints: { A: { mss: 1 }, B: { mss: 1 } },
  options: { maxEvents: 30_000 },
  actions: [
    { at: 0, endpoint: 'B', call: 'listen' },
    { at: 10, endpoint: 'A', call: 'connect' },
    { at: 300, endpoint: 'A', call: 'send', bytes: 100_000_000 },
  ],
};

describe('the diagram of a very long trace', () => {
  const trace = runScenario(ONE_BYTE_SEGMENTS);

  it('a short trace is laid out whole', () => {
    const short = runScenario({ ...ONE_BYTE_SEGMENTS, options: { maxEvents: 1000 } });
    expect(ladderWindow(short, 500)).toEqual({ trace: short, offset: 0 });
    // The same object at every cursor: the diagram's layout is memoized on it.
    expect(ladderWindow(short, 10)).toBe(ladderWindow(short, 500));
  });

  it('a long one: a window holding the cursor and the events before it, the same events, memoized', () => {
    expect(trace.events.length).toBeGreaterThan(DENSE_EVENTS);
    for (const cursor of [0, 4_999, 17_321, trace.events.length - 1]) {
      const w = ladderWindow(trace, cursor);
      expect(w.offset).toBeLessThanOrEqual(cursor);
      expect(cursor - w.offset).toBeGreaterThanOrEqual(Math.min(cursor, 2 * WINDOW_BLOCK));
      expect(cursor - w.offset).toBeLessThan(w.trace.events.length);
      expect(w.trace.events[cursor - w.offset]).toBe(trace.events[cursor]);
      expect(ladderWindow(trace, cursor)).toBe(w);
    }
  });

  it('draws the segment sent at the cursor', () => {
    let cursor = 17_321;
    while (trace.events[cursor]?.type !== 'send') cursor++;
    const send = trace.events[cursor] as SendEvent;
    const w = ladderWindow(trace, cursor);
    const layout = layoutLadder(w.trace, cursor - w.offset, { text: ENGLISH_LADDER_TEXT });
    const arrow = layout.arrows.find((a) => a.id === send.id);
    expect(arrow?.full).toBe(ENGLISH_LADDER_TEXT.segment(send, cursor));
  });
});
