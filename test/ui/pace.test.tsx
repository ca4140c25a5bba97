// @vitest-environment jsdom
/**
 * Playback at a reading pace in the page, with fake timers: how long each event stays under the cursor,
 * derived by hand from the trace's times and the narration the page shows (src/store/pace.ts's formula:
 * reading events 600 + 45 ms per character, a Han character 2.8; others 700; + 650 × log10(1 + Δt/100)),
 * the ≥ 2 s a segment stays clickable, the hold while a pill is pointed at or focused, and the
 * "pause at every segment" toggle.
 */
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bulkTransfer } from '../../bench/scenarios';
import type { AppStore } from '../../src/store';
import { segmentLives } from '../../src/store/selectors';
import { runScenario } from '../../src/tcp';
import { usePlayback } from '../../src/ui/hooks/usePlayback';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, freshStore, renderApp } from './helpers';

cleanupAfterEach();
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Fire timers one at a time (so each dwell starts exactly when the last one ended) until playback stops. */
function runUntilStopped(store: AppStore, limit = 20_000): void {
  for (let i = 0; i < limit && store.getState().playing; i++)
    act(() => {
      vi.advanceTimersToNextTimer();
    });
}

/** Play until playback stops, recording when (fake ms after Play) the cursor reached each event. */
function playRecorded(store: AppStore): Map<number, number> {
  const reached = new Map<number, number>();
  const t0 = Date.now();
  const stop = store.subscribe((s, prev) => {
    if (s.cursor !== prev.cursor) reached.set(s.cursor, Date.now() - t0);
  });
  act(() => store.getState().play());
  runUntilStopped(store);
  stop();
  return reached;
}

const narrationAt = (store: AppStore, cursor: number) => {
  act(() => store.getState().seek(cursor));
  return screen.getByTestId('narration').textContent ?? '';
};
const hanCount = (text: string) => [...text.matchAll(/\p{Script=Han}/gu)].length;
const wire = () => within(screen.getByRole('region', { name: 'Segments in flight between A and B' }));

describe('playing at 1×', () => {
  // rfc9293-fig6: 5 send A SYN t=10 · 6 deliver t=60 · 7 B LISTEN→SYN-RECEIVED t=60 · 8 send SYN,ACK t=60 ·
  // 9 deliver t=110 … 20 send B ACK t=250 · 21 deliver t=300 (the last event).
  it('waits at an arrival and a state change in proportion to the narration shown; a send waits briefly', () => {
    const { store } = renderApp('rfc9293-fig6');
    const reached = playRecorded(store);
    expect(store.getState()).toMatchObject({ cursor: 21, playing: false });
    // before the first event and at B's listen call (next event also at t=0): 700 ms each
    expect(reached.get(0)).toBe(700);
    expect((reached.get(1) as number) - (reached.get(0) as number)).toBe(700);
    // 6 → 7 and 7 → 8 happen at the same simulated instant: only reading time
    const at = (i: number) => reached.get(i) as number;
    const deliverText = narrationAt(store, 6);
    const stateText = narrationAt(store, 7);
    expect(deliverText.length).toBeGreaterThan(100);
    expect(at(7) - at(6)).toBe(Math.ceil(600 + 45 * deliverText.length));
    expect(at(8) - at(7)).toBe(Math.ceil(600 + 45 * stateText.length));
    // the call at 15 → A's send call at 16 is 40 ms later: 700 + 650 × log10(1.4) = 795 ms
    expect(at(16) - at(15)).toBe(Math.ceil(700 + 650 * Math.log10(1.4)));
  });

  it('each segment stays on the wire, clickable, 2000 ms before it lands (each send here is followed by its arrival)', () => {
    const { store } = renderApp('rfc9293-fig6');
    const reached = playRecorded(store);
    const onWire = Object.fromEntries(
      segmentLives(store.getState().timeline.trace).map((l) => [
        l.send.id,
        (reached.get(l.endIndex) as number) - (reached.get(l.sendIndex) as number),
      ]),
    );
    // 700 + 650 × log10(1 + 50/100) = 814 ms at each send, stretched to 2000 because the arrival is next
    expect(onWire).toEqual({ 1: 2000, 2: 2000, 3: 2000, 4: 2000, 5: 2000 });
  });

  it('in Chinese, the wait follows the Chinese sentence, a Han character counting 2.8', async () => {
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    act(() => store.getState().seek(5));
    const reached = playRecorded(store);
    const text = narrationAt(store, 6);
    const han = hanCount(text);
    expect(han).toBeGreaterThan(10);
    const units = text.length - han + 2.8 * han;
    expect((reached.get(7) as number) - (reached.get(6) as number)).toBe(Math.ceil(600 + 45 * units));
  });

  it('2× halves every wait', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().setSpeed(2));
    const reached = playRecorded(store);
    const text = narrationAt(store, 6);
    expect((reached.get(7) as number) - (reached.get(6) as number)).toBe(
      Math.ceil((600 + 45 * text.length) / 2),
    );
    expect((reached.get(6) as number) - (reached.get(5) as number)).toBe(1000);
  });
});

describe('the wire holds playback while a segment is pointed at or focused', () => {
  it('pointing at the SYN holds the cursor; leaving resumes with the time that was left', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(5));
    act(() => store.getState().play()); // the SYN's 2000 ms on the wire begin
    act(() => {
      vi.advanceTimersByTime(500);
    });
    const pill = wire().getByRole('button', { name: /^SYN seq=/ });
    fireEvent.pointerEnter(pill);
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(store.getState()).toMatchObject({ cursor: 5, playing: true });
    fireEvent.pointerLeave(pill);
    act(() => {
      vi.advanceTimersByTime(1499);
    });
    expect(store.getState().cursor).toBe(5);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(store.getState().cursor).toBe(6);
  });

  it('keyboard focus on a pill holds it too, and blur releases it', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(8)); // B sends the SYN,ACK
    const pill = wire().getByRole('button', { name: /^SYN,ACK/ });
    act(() => pill.focus());
    act(() => store.getState().play());
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(store.getState().cursor).toBe(8);
    act(() => pill.blur());
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(store.getState().cursor).toBe(9);
  });

  it('a hold ends when its segment lands by a step, even if the pointer never left', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(5));
    fireEvent.pointerEnter(wire().getByRole('button', { name: /^SYN seq=/ }));
    expect(store.getState().heldSegment).toBe(1);
    fireEvent.keyDown(window, { key: 'ArrowRight' }); // B receives the SYN
    expect(store.getState().heldSegment).toBeNull();
    act(() => store.getState().seek(5));
    act(() => store.getState().play());
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(store.getState().cursor).toBe(6);
  });

  it('clicking the held pill drops the segment and playback goes on', () => {
    const { store } = renderApp('rfc9293-fig6');
    act(() => store.getState().seek(5));
    act(() => store.getState().play());
    const pill = wire().getByRole('button', { name: /^SYN seq=/ });
    fireEvent.pointerEnter(pill);
    fireEvent.click(pill);
    expect(store.getState().scenario.faults?.length).toBe(1);
    expect(store.getState().heldSegment).toBeNull();
    runUntilStopped(store, 50);
    expect(store.getState().cursor).toBeGreaterThan(5);
  });
});

describe('"Pause at every segment"', () => {
  it('a checkbox in the playback controls; playback stops at each arrival until Play is pressed', () => {
    const { store, storage } = renderApp('rfc9293-fig6');
    const controls = within(screen.getByRole('region', { name: 'Playback' }));
    const box = controls.getByRole('checkbox', { name: 'Pause at every segment' });
    expect(box).toHaveAccessibleDescription(/Playback stops each time a segment arrives or is lost/);
    expect(box).not.toBeChecked();
    fireEvent.click(box);
    expect(box).toBeChecked();
    expect(JSON.parse(storage.data.get('synack.prefs') ?? '{}')).toMatchObject({ pauseAtSegments: true });
    act(() => store.getState().setSpeed(4));
    fireEvent.click(controls.getByRole('button', { name: 'Play' }));
    runUntilStopped(store);
    expect(store.getState()).toMatchObject({ cursor: 6, playing: false }); // B receives the SYN
    fireEvent.click(controls.getByRole('button', { name: 'Play' }));
    runUntilStopped(store);
    expect(store.getState()).toMatchObject({ cursor: 9, playing: false }); // A receives the SYN,ACK
  });

  it('is labelled in Chinese', async () => {
    const { store } = renderApp('rfc9293-fig6');
    await act(async () => {
      await loadLang('zh-CN');
      store.getState().setLang('zh-CN');
    });
    const box = screen.getByRole('checkbox', { name: '在每个报文段处暂停' });
    expect(box).toHaveAccessibleDescription('每当报文段到达或丢失时停止播放；按“播放”（空格键）继续。');
  });
});

/** Only the player: the long-trace test measures pacing, not rendering. */
function Player() {
  usePlayback();
  return null;
}

describe('a long trace', () => {
  it('the player reaches the end of a 10,000-event trace at 1000× in under a minute', async () => {
    const { store } = freshStore('rfc9293-fig6');
    let sends = 40;
    while (runScenario(bulkTransfer(sends)).events.length < 10_000) sends += 40;
    // Over 10,000 events the run goes to the runner (here on this thread, in timeouts): let it finish.
    // The runner's modules are loaded here first, with real time: its first, cold import can take longer
    // than the fake-timer turns below (a loaded machine failed here), and loading it is not what is tested.
    await Promise.all([import('../../src/store/runner'), import('../../src/store/jobs')]);
    store.getState().edit(bulkTransfer(sends));
    // The runner's code loads first (a real import), then the run goes in timeouts (faked here).
    for (let i = 0; i < 1000 && store.getState().computing; i++) {
      await vi.runAllTimersAsync();
      await new Promise((r) => setImmediate(r));
    }
    expect(store.getState().computing).toBeNull();
    const last = store.getState().timeline.trace.events.length - 1;
    expect(last + 1).toBeGreaterThanOrEqual(10_000);
    render(<Player />);
    const t0 = Date.now();
    act(() => {
      store.getState().setSpeed(1000);
      store.getState().play();
    });
    runUntilStopped(store);
    expect(store.getState()).toMatchObject({ cursor: last, playing: false });
    expect(Date.now() - t0).toBeLessThan(60_000);
  });
});
