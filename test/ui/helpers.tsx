/** Shared setup for the component tests: a fresh store per test, in-memory preferences, a matchMedia stub. */
import { cleanup, render } from '@testing-library/react';
import { afterEach } from 'vitest';
import { type AppStore, createAppStore, setAppStore } from '../../src/store';
import type { PrefsStorage } from '../../src/store/prefs';
import type { TraceEvent } from '../../src/tcp/types';
import { App } from '../../src/ui/App';

export interface MemoryStorage extends PrefsStorage {
  data: Map<string, string>;
}

export function memoryStorage(): MemoryStorage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    data,
  };
}

/** framer-motion's reduced-motion check asks matchMedia, which jsdom lacks. */
export function stubMatchMedia(): void {
  if (typeof window.matchMedia === 'function') return;
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

export interface Setup {
  store: AppStore;
  storage: MemoryStorage;
}

/** A fresh store (English unless `languages` says otherwise) installed as the page's store. */
export function freshStore(
  initialPreset = 'rfc9293-fig6',
  options: { storage?: MemoryStorage; languages?: string[] } = {},
): Setup {
  const storage = options.storage ?? memoryStorage();
  const store = createAppStore({ initialPreset, storage, languages: options.languages ?? ['en'] });
  setAppStore(store);
  return { store, storage };
}

/** Render the whole page on a fresh store, with an empty location hash. */
export function renderApp(initialPreset = 'rfc9293-fig6', options: { keepHash?: boolean } = {}) {
  stubMatchMedia();
  if (!options.keepHash) window.history.replaceState(null, '', window.location.pathname);
  const setup = freshStore(initialPreset);
  const view = render(<App />);
  return { ...setup, ...view };
}

/** Index of the first trace event matching. */
export function eventIndex(store: AppStore, match: (e: TraceEvent) => boolean): number {
  const i = store.getState().timeline.trace.events.findIndex(match);
  if (i < 0) throw new Error('no such event in the trace');
  return i;
}

export function cleanupAfterEach(): void {
  afterEach(() => {
    cleanup();
    window.history.replaceState(null, '', window.location.pathname);
    notServedByClassroom();
  });
}

/** The page as a static host serves it: no classroom meta tag. */
export function notServedByClassroom(): void {
  for (const meta of document.querySelectorAll('meta[name="synack-classroom"]')) meta.remove();
}

/** The page as the classroom server serves it: its meta tag in <head> (src/server/page.ts writes it). */
export function servedByClassroom(): void {
  const meta = document.createElement('meta');
  meta.name = 'synack-classroom';
  meta.content = '1';
  document.head.prepend(meta);
}
