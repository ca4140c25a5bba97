/**
 * Preferences: language (default from the browser), theme, presenter mode, relative sequence numbers and
 * "pause at every segment"; remembered across visits.
 */
import type { StateCreator } from 'zustand';
import type { AppState, StoreDeps } from './index';

export type Lang = 'en' | 'zh-CN';
export type Theme = 'light' | 'dark';

export interface PrefsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface PrefsSlice {
  lang: Lang;
  theme: Theme;
  presenter: boolean;
  /** Show sequence numbers relative to each side's ISN (like Wireshark) instead of absolute. */
  relativeSeq: boolean;
  /** Playback stops at every segment arrival or loss, so the teacher resumes it when ready. */
  pauseAtSegments: boolean;
  /** The segment shown in the packet inspector. */
  selectedId: number | null;
  setLang(lang: Lang): void;
  setTheme(theme: Theme): void;
  setPresenter(on: boolean): void;
  setRelativeSeq(on: boolean): void;
  setPauseAtSegments(on: boolean): void;
  select(id: number | null): void;
}

const KEY = 'synack.prefs';

export function defaultLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

function load(
  storage: PrefsStorage | undefined,
): Partial<Pick<PrefsSlice, 'lang' | 'theme' | 'presenter' | 'relativeSeq' | 'pauseAtSegments'>> {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return {};
    const v = JSON.parse(raw) as Record<string, unknown>;
    const out: Partial<Pick<PrefsSlice, 'lang' | 'theme' | 'presenter' | 'relativeSeq' | 'pauseAtSegments'>> =
      {};
    if (v.lang === 'en' || v.lang === 'zh-CN') out.lang = v.lang;
    if (v.theme === 'light' || v.theme === 'dark') out.theme = v.theme;
    if (typeof v.presenter === 'boolean') out.presenter = v.presenter;
    if (typeof v.relativeSeq === 'boolean') out.relativeSeq = v.relativeSeq;
    if (typeof v.pauseAtSegments === 'boolean') out.pauseAtSegments = v.pauseAtSegments;
    return out;
  } catch {
    return {};
  }
}

export const createPrefsSlice =
  (deps: StoreDeps): StateCreator<AppState, [], [], PrefsSlice> =>
  (set, get) => {
    const saved = load(deps.storage);
    const save = () => {
      const { lang, theme, presenter, relativeSeq, pauseAtSegments } = get();
      try {
        deps.storage?.setItem(KEY, JSON.stringify({ lang, theme, presenter, relativeSeq, pauseAtSegments }));
      } catch {
        // storage full or denied: the choice still applies for this visit
      }
    };
    return {
      lang: saved.lang ?? defaultLang(deps.languages ?? []),
      theme: saved.theme ?? 'light',
      presenter: saved.presenter ?? false,
      relativeSeq: saved.relativeSeq ?? false,
      pauseAtSegments: saved.pauseAtSegments ?? false,
      selectedId: null,
      setLang: (lang) => {
        set({ lang });
        save();
      },
      setTheme: (theme) => {
        set({ theme });
        save();
      },
      setPresenter: (presenter) => {
        set({ presenter });
        save();
      },
      setRelativeSeq: (relativeSeq) => {
        set({ relativeSeq });
        save();
      },
      setPauseAtSegments: (pauseAtSegments) => {
        set({ pauseAtSegments });
        save();
      },
      select: (selectedId) => set({ selectedId }),
    };
  };
