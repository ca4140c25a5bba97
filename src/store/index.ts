/**
 * The app's zustand store, in three slices: scenario (what is simulated, with undo), playback (the cursor)
 * and preferences (language, theme, presenter mode). It is the only bridge between the engine and the
 * components: the engine is called here and nowhere in src/ui.
 */
import { useStore as useZustand } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createPlaybackSlice, type PlaybackSlice } from './playback';
import { createPrefsSlice, type PrefsSlice, type PrefsStorage } from './prefs';
import { createScenarioSlice, type ScenarioSlice } from './scenario';

export type AppState = ScenarioSlice & PlaybackSlice & PrefsSlice;
export type AppStore = StoreApi<AppState>;

export interface StoreDeps {
  /** Where preferences are remembered (localStorage in the browser). */
  storage?: PrefsStorage;
  /** The browser's preferred languages, for the default language. */
  languages?: readonly string[];
  /** Preset shown when nothing else is asked for. */
  initialPreset?: string;
}

export function createAppStore(deps: StoreDeps = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createScenarioSlice(deps)(...a),
    ...createPlaybackSlice(...a),
    ...createPrefsSlice(deps)(...a),
  }));
}

let singleton: AppStore | null = null;

/** The store the page uses (created on first use from the browser's storage and languages). */
export function appStore(): AppStore {
  if (!singleton) {
    const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
    const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
    singleton = createAppStore({ storage, languages });
  }
  return singleton;
}

/** Replace the page's store (tests). */
export function setAppStore(store: AppStore): void {
  singleton = store;
}

export function useApp<T>(selector: (s: AppState) => T): T {
  return useZustand(appStore(), selector);
}

export type { InjectKind } from './edits';
export type { Lang, Theme } from './prefs';
