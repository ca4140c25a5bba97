// @vitest-environment jsdom
/**
 * Presenter mode and the phone (issue 8): which theme shows (the system's until the reader chooses; the
 * high-contrast light theme in presenter mode unless chosen there), one key advances, "Tap" on touch
 * screens, timer rows that keep their place, and a share note that goes away by itself.
 */
import '@testing-library/jest-dom/vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore, setAppStore } from '../../src/store';
import type { PrefsStorage } from '../../src/store/prefs';
import { App } from '../../src/ui/App';
import { loadLang } from '../../src/ui/i18n';
import { cleanupAfterEach, eventIndex, memoryStorage, renderApp, stubMatchMedia } from './helpers';

cleanupAfterEach();

const KEY = 'synack.prefs';

describe('theme preferences', () => {
  it('follow the system until the reader chooses, then keep the choice across visits', () => {
    const storage = memoryStorage();
    const store = createAppStore({ storage, languages: ['en'], systemDark: true });
    const s = store.getState;
    expect(s().theme).toBe('dark');
    s().setSystemDark(false);
    expect(s().theme).toBe('light');
    s().setSystemDark(true);
    expect(s().theme).toBe('dark');
    // Following the system is not a choice: nothing about the theme is written.
    s().setLang('en');
    expect(JSON.parse(storage.data.get(KEY) ?? '{}')).not.toHaveProperty('theme');
    s().setTheme('light');
    s().setSystemDark(true);
    expect(s().theme).toBe('light');
    const again = createAppStore({ storage, languages: ['en'], systemDark: true });
    expect(again.getState().theme).toBe('light');
  });

  it('presenter mode shows light (high contrast) over a dark choice or a dark system, unless chosen while presenting', () => {
    const storage = memoryStorage();
    const store = createAppStore({ storage, languages: ['en'], systemDark: true });
    const s = store.getState;
    s().setTheme('dark');
    s().setPresenter(true);
    expect(s().theme).toBe('light');
    s().setPresenter(false);
    expect(s().theme).toBe('dark');
    // A choice while presenting is the presenter's, and leaves the page's own choice alone.
    s().setPresenter(true);
    s().setTheme('dark');
    expect(s().theme).toBe('dark');
    s().setPresenter(false);
    s().setTheme('light');
    expect(s().theme).toBe('light');
    s().setPresenter(true);
    expect(s().theme).toBe('dark');
    const again = createAppStore({ storage, languages: ['en'], systemDark: false }).getState();
    expect(again).toMatchObject({ presenter: true, theme: 'dark', themeChoice: 'light' });
  });

  it('a page saved before the presenter theme existed keeps its theme choice', () => {
    const storage = memoryStorage();
    storage.setItem(KEY, JSON.stringify({ lang: 'zh-CN', theme: 'dark', presenter: false }));
    const store = createAppStore({ storage, languages: ['en'], systemDark: false });
    expect(store.getState()).toMatchObject({ lang: 'zh-CN', theme: 'dark', themeChoice: 'dark' });
  });

  it('work without storage, or with storage that throws', () => {
    const none = createAppStore({ languages: ['en'], systemDark: true });
    none.getState().setTheme('light');
    expect(none.getState().theme).toBe('light');
    const throwing: PrefsStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const store = createAppStore({ storage: throwing, languages: ['en'], systemDark: true });
    expect(store.getState().theme).toBe('dark');
    store.getState().setPresenter(true);
    expect(store.getState()).toMatchObject({ presenter: true, theme: 'light' });
  });
});

/** A matchMedia that answers the given queries true, with listeners the test can fire. */
function fakeMedia(matching: Set<string>) {
  const listeners = new Map<string, Set<() => void>>();
  const original = window.matchMedia;
  window.matchMedia = (query: string) =>
    ({
      get matches() {
        return matching.has(query);
      },
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: (_: string, fn: () => void) => {
        if (!listeners.has(query)) listeners.set(query, new Set());
        listeners.get(query)?.add(fn);
      },
      removeEventListener: (_: string, fn: () => void) => listeners.get(query)?.delete(fn),
      dispatchEvent: () => false,
    }) as unknown as MediaQueryList;
  return {
    set(query: string, on: boolean) {
      if (on) matching.add(query);
      else matching.delete(query);
      for (const fn of listeners.get(query) ?? []) fn();
    },
    restore() {
      window.matchMedia = original;
    },
  };
}

describe('the page', () => {
  let media: ReturnType<typeof fakeMedia> | null = null;
  afterEach(() => {
    media?.restore();
    media = null;
  });

  function renderWith(matching: string[], storage = memoryStorage()) {
    media = fakeMedia(new Set(matching));
    window.history.replaceState(null, '', window.location.pathname);
    const store = createAppStore({
      initialPreset: 'rfc9293-fig6',
      storage,
      languages: ['en'],
      systemDark: matching.includes('(prefers-color-scheme: dark)'),
    });
    setAppStore(store);
    render(<App />);
    return store;
  }

  const app = () => document.querySelector('.app') as HTMLElement;

  it('follows the system’s dark mode as it changes, until the reader picks a theme', () => {
    renderWith(['(prefers-color-scheme: dark)']);
    expect(app()).toHaveClass('dark');
    act(() => media?.set('(prefers-color-scheme: dark)', false));
    expect(app()).toHaveClass('light');
    act(() => media?.set('(prefers-color-scheme: dark)', true));
    expect(app()).toHaveClass('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Light' }));
    act(() => media?.set('(prefers-color-scheme: dark)', true));
    expect(app()).toHaveClass('light');
  });

  it('presenter mode draws its light theme with the high-contrast palette, not its dark one', () => {
    renderWith(['(prefers-color-scheme: dark)']);
    fireEvent.click(screen.getByRole('button', { name: 'Presenter mode' }));
    expect(app()).toHaveClass('presenter', 'light', 'contrast');
    expect(document.documentElement).toHaveClass('presenter');
    fireEvent.click(screen.getByRole('button', { name: 'Dark' }));
    expect(app()).toHaveClass('presenter', 'dark');
    expect(app()).not.toHaveClass('contrast');
    fireEvent.click(screen.getByRole('button', { name: 'Presenter mode' }));
    expect(app()).not.toHaveClass('presenter');
    expect(document.documentElement).not.toHaveClass('presenter');
  });

  it('says "Click" with a mouse and "Tap" on a touch screen, in both languages', async () => {
    renderWith([]);
    const wire = () => within(screen.getByRole('region', { name: 'Segments in flight between A and B' }));
    expect(wire().getByText('Click a segment in flight to drop it')).toBeInTheDocument();
    act(() => media?.set('(pointer: coarse)', true));
    expect(wire().getByText('Tap a segment in flight to drop it')).toBeInTheDocument();
    await loadLang('zh-CN');
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'zh-CN' } });
    expect(await screen.findByText('轻触正在传输的报文段即可丢弃它')).toBeInTheDocument();
    act(() => media?.set('(pointer: coarse)', false));
    expect(screen.getByText('点击正在传输的报文段即可丢弃它')).toBeInTheDocument();
  });
});

describe('one key advances in presenter mode', () => {
  it('PageDown / PageUp step forward and back in presenter mode, even from the timeline slider', () => {
    const { store } = renderApp();
    act(() => store.getState().setPresenter(true));
    const down = fireEvent.keyDown(window, { key: 'PageDown' });
    expect(down).toBe(false); // handled: the default (scrolling) is prevented
    fireEvent.keyDown(window, { key: 'PageDown' });
    expect(store.getState().cursor).toBe(1);
    fireEvent.keyDown(window, { key: 'PageUp' });
    expect(store.getState().cursor).toBe(0);
    // A focused slider would move by a page the other way (PageDown lowers a range): the clicker wins.
    const slider = screen.getByRole('slider', { name: 'Timeline' });
    slider.focus();
    fireEvent.keyDown(slider, { key: 'PageDown' });
    expect(store.getState().cursor).toBe(1);
    // The existing keys still work in presenter mode.
    fireEvent.keyDown(window, { key: 'ArrowRight' });
    expect(store.getState().cursor).toBe(2);
  });

  it('outside presenter mode PageDown scrolls the page as usual', () => {
    const { store } = renderApp();
    const down = fireEvent.keyDown(window, { key: 'PageDown' });
    expect(down).toBe(true); // not prevented
    expect(store.getState().cursor).toBe(-1);
  });
});

describe('timer rows keep their place', () => {
  it('figure 6: A’s card has a retransmission row at every event; at B’s SYN arrival (t = 60) it reads 950 ms', () => {
    const { store } = renderApp('rfc9293-fig6');
    const card = () => document.querySelector('.endpoint-A .timers') as HTMLElement;
    const total = store.getState().timeline.trace.events.length;
    const rows = new Set<number>();
    for (let i = -1; i < total; i++) {
      act(() => store.getState().seek(i));
      rows.add(card().querySelectorAll('tr').length);
    }
    expect([...rows]).toEqual([1]);
    // A's SYN leaves at t = 10 ms with RTO = 1000 ms (RFC 6298 §2.1): it expires at 1010 ms, 950 ms after 60.
    const synAtB = eventIndex(store, (e) => e.type === 'deliver' && e.to === 'B');
    act(() => store.getState().seek(synAtB));
    expect(store.getState().timeline.trace.events[synAtB]?.t).toBe(60);
    const row = within(card()).getByRole('row');
    expect(row).toHaveTextContent(/^.*retransmission timer\s*in 950 ms$/);
    // Before the SYN is sent the row is there, idle.
    act(() => store.getState().seek(-1));
    expect(within(card()).getByRole('row')).toHaveTextContent(/retransmission timer\s*—\s*not armed/);
  });
});

describe('the share note', () => {
  beforeEach(() => {
    stubMatchMedia();
  });

  it('"Link copied" goes away by itself after a few seconds', async () => {
    vi.useFakeTimers();
    try {
      const writeText = vi.fn(() => Promise.resolve());
      Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
      renderApp();
      await act(async () => {
        fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
      });
      const note = document.querySelector('.share-note') as HTMLElement;
      expect(note).toHaveTextContent(/^Link copied/);
      act(() => vi.advanceTimersByTime(6000));
      expect(note).toBeEmptyDOMElement();
    } finally {
      vi.useRealTimers();
    }
  });
});
