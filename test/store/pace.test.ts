/**
 * Reading pace (src/store/pace.ts) with hand-derived values, and the playback slice's advance / hold /
 * "pause at every segment" through createAppStore. The formula, at 1×:
 *   arrival, loss, state change: min(20 000, 600 + 45 ms × length) + gap;   other events: 700 + gap
 *   length: 1 per character, 2.8 per Han character;   gap: min(1300, 650 × log10(1 + Δt / 100 ms))
 * and every dwell is divided by the speed.
 */
import { describe, expect, it } from 'vitest';
import { bulkTransfer } from '../../bench/scenarios';
import { createAppStore } from '../../src/store';
import { dwellMs, gapDwellMs, nextStep, paceAt, readingLength, readingMs } from '../../src/store/pace';
import { isHeld } from '../../src/store/playback';
import type { TraceEvent } from '../../src/tcp/types';
import { narrationFor } from '../../src/ui/hooks/usePlayback';
import { messages } from '../../src/ui/i18n';
import { memoryStorage } from '../ui/helpers';

const send = (t: number, id: number) => ({ t, type: 'send', id, from: 'A', to: 'B' }) as TraceEvent;
const deliver = (t: number, id: number) => ({ t, type: 'deliver', id, to: 'B' }) as TraceEvent;
const state = (t: number) => ({ t, type: 'state', endpoint: 'A' }) as TraceEvent;
const app = (t: number) => ({ t, type: 'app', endpoint: 'A' }) as TraceEvent;
const sentence = (n: number) => () => 'x'.repeat(n);
const SENTENCE_120 =
  'B receives SYN seq=100 in LISTEN. A SYN asks to open a connection; B answers SYN,ACK now.';

describe('reading pace', () => {
  it('a 120-character English sentence at 1× waits 600 + 120 × 45 = 6000 ms; 2× halves it, 4× quarters it', () => {
    const text = SENTENCE_120.padEnd(120, '.');
    expect(text).toHaveLength(120);
    expect(readingLength(text)).toBe(120);
    expect(readingMs(text)).toBe(6000);
    const events = [deliver(60, 1), state(60)];
    expect(dwellMs(events, 0, () => text, 1)).toBe(6000);
    expect(dwellMs(events, 0, () => text, 2)).toBe(3000);
    expect(dwellMs(events, 0, () => text, 4)).toBe(1500);
  });

  it('a Han character counts 2.8 Latin characters; Latin names and punctuation inside Chinese count 1', () => {
    // "A", 3 spaces, "ESTABLISHED" (11) and "。" are 16 characters; 进入状态 are 4 Han characters.
    expect(readingLength('A 进入 ESTABLISHED 状态。')).toBeCloseTo(16 + 4 * 2.8, 9);
    expect(readingMs('A 进入 ESTABLISHED 状态。')).toBeCloseTo(600 + 27.2 * 45, 9); // 1824 ms
    // 40 Han characters: 40 × 2.8 = 112 → 600 + 112 × 45 = 5640 ms
    expect(readingMs('报'.repeat(40))).toBeCloseTo(5640, 9);
  });

  it('sends, calls, timers and application events get the short 700 ms dwell, whatever their narration', () => {
    const events = [send(0, 1), app(0), state(0)];
    expect(dwellMs(events, 0, sentence(300), 1)).toBe(700);
    expect(dwellMs(events, 1, sentence(300), 1)).toBe(700);
    expect(dwellMs(events, 2, sentence(300), 1)).toBe(600 + 300 * 45);
  });

  it('simulated time adds 650 × log10(1 + Δt / 100): 900 ms → 650 ms; at most 1300 ms; a long sentence caps at 20 s', () => {
    expect(gapDwellMs(0)).toBe(0);
    expect(gapDwellMs(900)).toBeCloseTo(650, 9);
    expect(gapDwellMs(10_000)).toBe(1300); // 650 × log10(101) = 1302.8, capped
    const rto = [send(0, 1), app(900)];
    expect(dwellMs(rto, 0, sentence(0), 1)).toBeCloseTo(1350, 9);
    expect(dwellMs(rto, 0, sentence(0), 2)).toBeCloseTo(675, 9);
    expect(readingMs('x'.repeat(1000))).toBe(20_000);
  });

  it('a segment stays on the wire ≥ 2000 ms at 1×: the event before its arrival waits for what is missing', () => {
    // send, then its arrival 100 ms later: 700 + 650 × log10(2) = 895.7 ms < 2000, stretched to 2000.
    expect(paceAt([send(0, 1), deliver(100, 1)], 0, sentence(0), 1)).toBe(2000);
    expect(paceAt([send(0, 1), deliver(100, 1)], 0, sentence(0), 2)).toBe(1000);
    // send, an application event, the arrival: 700 at the send, so the application event waits 1300.
    expect(paceAt([send(0, 1), app(0), deliver(100, 1)], 1, sentence(0), 1)).toBeCloseTo(1300, 9);
    // a state change in between is read for 600 + 100 × 45 (+ 195.7 for 100 ms): already long enough.
    const withState = [send(0, 1), state(0), deliver(100, 1)];
    expect(paceAt(withState, 1, sentence(100), 1)).toBeCloseTo(5100 + 650 * Math.log10(2), 9);
  });

  it('below 40 ms, several events go by in one step; "pause at every segment" stops the step at an arrival', () => {
    const events = [app(0), app(0), app(0), app(0), app(0), app(0), deliver(0, 9), app(0), app(0)];
    // at 100×: 7 ms each; -1 → 0 → … → 5 adds 6 × 7 = 42 ≥ 40 ms
    expect(nextStep(events, -1, sentence(0), 100, false)).toEqual({ to: 5, waitMs: 42 });
    // at 1000×: 0.7 ms each; without the toggle it runs to the last event, with it it stops at the deliver
    expect(nextStep(events, -1, sentence(0), 1000, false)?.to).toBe(8);
    expect(nextStep(events, -1, sentence(0), 1000, true)).toEqual({ to: 6, waitMs: 5 }); // ⌈7 × 0.7⌉: -1 and 0 … 5
    expect(nextStep(events, 8, sentence(0), 1, false)).toBeNull();
    // at 1× one event per step, whole milliseconds rounded up (setTimeout truncates)
    expect(nextStep([send(0, 1), deliver(50, 1)], 0, sentence(0), 1, false)).toEqual({ to: 1, waitMs: 2000 });
  });

  it('a 10,000-event trace plays to the end within a minute at 1000×', async () => {
    const store = createAppStore();
    let sends = 40;
    for (; sends <= 1000; sends += 40) {
      store.getState().edit(bulkTransfer(sends));
      // Over 10,000 events the run goes to the runner (here on this thread, in slices).
      await store.getState().idle();
      if (store.getState().timeline.trace.events.length >= 10_000) break;
    }
    const { timeline } = store.getState();
    const events = timeline.trace.events;
    expect(events.length).toBeGreaterThanOrEqual(10_000);
    const narrationOf = narrationFor(timeline, messages('en'), false);
    let cursor = -1;
    let elapsed = 0;
    let steps = 0;
    for (let step = nextStep(events, cursor, narrationOf, 1000, false); step; ) {
      expect(step.to).toBeGreaterThan(cursor);
      elapsed += step.waitMs;
      cursor = step.to;
      steps++;
      step = nextStep(events, cursor, narrationOf, 1000, false);
    }
    expect(cursor).toBe(events.length - 1);
    expect(elapsed).toBeLessThan(60_000);
    // at most 25 steps a second (40 ms each), so each step has time to render the page
    expect(elapsed / steps).toBeGreaterThanOrEqual(40);
  });
});

describe('playback slice: advance, hold, pause at every segment', () => {
  it('advance moves the cursor; it stops at the last event, and at each arrival or loss with the toggle on', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().advance(3);
    expect(s().cursor).toBe(-1); // not playing: nothing moves
    s().play();
    s().advance(5); // A sends the SYN
    expect(s()).toMatchObject({ cursor: 5, playing: true });
    s().setPauseAtSegments(true);
    s().advance(6); // B receives the SYN
    expect(s()).toMatchObject({ cursor: 6, playing: false });
    s().play();
    s().advance(7);
    expect(s()).toMatchObject({ cursor: 7, playing: true });
    s().setPauseAtSegments(false);
    s().advance(9); // A receives the SYN,ACK
    expect(s().playing).toBe(true);
    s().advance(21); // the last event
    expect(s()).toMatchObject({ cursor: 21, playing: false });
  });

  it('"pause at every segment" is remembered across visits', () => {
    const storage = memoryStorage();
    createAppStore({ storage }).getState().setPauseAtSegments(true);
    expect(JSON.parse(storage.data.get('synack.prefs') ?? '{}')).toMatchObject({ pauseAtSegments: true });
    expect(createAppStore({ storage }).getState().pauseAtSegments).toBe(true);
    expect(createAppStore({ storage: memoryStorage() }).getState().pauseAtSegments).toBe(false);
  });

  it('a held segment holds playback only while it is on the wire (fig 6: the SYN is #1, sent at 5, arrives at 6)', () => {
    const store = createAppStore({ initialPreset: 'rfc9293-fig6' });
    const s = store.getState;
    s().holdSegment(1);
    for (const [cursor, held] of [
      [4, false],
      [5, true],
      [6, false],
    ] as const) {
      s().seek(cursor);
      expect(isHeld(s())).toBe(held);
    }
    s().seek(5);
    s().releaseSegment(2); // another pill's leave does not release this one
    expect(isHeld(s())).toBe(true);
    s().releaseSegment(1);
    expect(isHeld(s())).toBe(false);
  });
});
