/**
 * The app's zustand store, in three slices: scenario (what is simulated, with undo), playback (the cursor)
 * and preferences (language, theme, presenter mode). It is the only bridge between the engine and the
 * components: the engine is called here and nowhere in src/ui.
 */
import { useStore as useZustand } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { type ClassroomSlice, createClassroomSlice } from './classroom';
import { createLessonSlice, type LessonSlice } from './lesson';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createPrefsSlice, type PrefsSlice, type PrefsStorage } from './prefs';
import type { EngineRunner } from './runner';
import { createScenarioSlice, type ScenarioSlice } from './scenario';

export type AppState = ScenarioSlice & PlaybackSlice & PrefsSlice & LessonSlice & ClassroomSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  /** Where preferences are remembered (localStorage in the browser). */
  storage?: PrefsStorage;
  /** The browser's preferred languages, for the default language. */
  languages?: readonly string[];
  /** The system asks for a dark color scheme (prefers-color-scheme), the theme until the reader chooses. */
  systemDark?: boolean;
  /** Preset shown when nothing else is asked for. */
  initialPreset?: string;
  /** Where long runs and capture imports run (a Web Worker in the browser; ./runner.ts). */
  runner?: EngineRunner;
  /** A new lesson attempt's seed for its fresh numbers (a random u32 in the page; fixed in tests). */
  randomSeed?: () => number;
  /** The classroom client's network (the browser's fetch, EventSource, timers and storage; fakes in tests). */
  classroomNet?: ClassroomNet;
}

/** What the classroom client reaches the server and the clock with. */
export interface ClassroomNet {
  fetch: typeof fetch;
  EventSource: typeof EventSource | null;
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
  /** Jitter for reconnect backoff (Math.random in the page: the engine never sees it). */
  random: () => number;
  now: () => number;
  /** The page's address (for `?join=` links and the server's origin). */
  location: { href: string; origin: string; search: string };
  /** Replace the page's address without a reload (history.replaceState): a joined student's `?join=`. */
  replaceUrl?: (url: string) => void;
}

export function createAppStore(deps: StoreDeps = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createScenarioSlice(deps)(...a),
    ...createPlaybackSlice(...a),
    ...createPrefsSlice(deps)(...a),
    ...createLessonSlice(deps)(...a),
    ...createClassroomSlice(deps)(...a),
  }));
}

let singleton: AppStore | null = null;

/** The store the page uses (created on first use from the browser's storage and languages). */
export function appStore(): AppStore {
  if (!singleton) {
    const storage = browserStorage();
    const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
    singleton = createAppStore({ storage, languages, systemDark: systemPrefersDark() });
  }
  return singleton;
}

/** localStorage, or nothing where it is absent or reading it throws (storage disabled, sandboxed frames). */
function browserStorage(): PrefsStorage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The system's color scheme; false where it cannot be asked (jsdom, old browsers). */
export function systemPrefersDark(): boolean {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return false;
  return window.matchMedia(DARK_QUERY)?.matches === true;
}

export const DARK_QUERY = '(prefers-color-scheme: dark)';

/** Replace the page's store (tests). */
export function setAppStore(store: AppStore): void {
  singleton = store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useZustand(appStore(), selector);
}

export type { InjectKind } from './edits';
export type { Lang, Theme } from './prefs';
