/**
 * Preferences: language (default from the browser), theme, presenter mode, relative sequence numbers and
 * "pause at every segment"; remembered across visits.
 *
 * The theme is derived, never stored as such: outside presenter mode it is the reader's choice, else the
 * system's (prefers-color-scheme); in presenter mode it is the choice made while presenting, else light
 * (drawn with the high-contrast palette, which projectors need). Choosing in one mode leaves the other alone.
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
  /** The theme shown now (see the file comment for where it comes from). */
  theme: Theme;
  /** What the reader chose outside presenter mode; null: follow the system. */
  themeChoice: Theme | null;
  /** What the reader chose while presenting; null: the high-contrast light theme. */
  presenterThemeChoice: Theme | null;
  /** The system asks for a dark theme (prefers-color-scheme: dark). */
  systemDark: boolean;
  presenter: boolean;
  /** Show sequence numbers relative to each side's ISN (like Wireshark) instead of absolute. */
  relativeSeq: boolean;
  /** Playback stops at every segment arrival or loss, so the teacher resumes it when ready. */
  pauseAtSegments: boolean;
  /** The segment shown in the packet inspector. */
  selectedId: number | null;
  setLang(lang: Lang): void;
  /** The reader chose a theme: remembered for the current mode (presenter or not). */
  setTheme(theme: Theme): void;
  /** The system's color scheme changed (not a choice: nothing is saved). */
  setSystemDark(dark: boolean): void;
  setPresenter(on: boolean): void;
  setRelativeSeq(on: boolean): void;
  setPauseAtSegments(on: boolean): void;
  select(id: number | null): void;
}

type Saved = Partial<
  Pick<
    PrefsSlice,
    'lang' | 'presenter' | 'relativeSeq' | 'pauseAtSegments' | 'themeChoice' | 'presenterThemeChoice'
  >
>;

const KEY = 'synack.prefs';

export function defaultLang(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** The theme on screen, from the choices and the system. */
export function effectiveTheme(
  p: Pick<PrefsSlice, 'presenter' | 'themeChoice' | 'presenterThemeChoice' | 'systemDark'>,
): Theme {
  if (p.presenter) return p.presenterThemeChoice ?? 'light';
  return p.themeChoice ?? (p.systemDark ? 'dark' : 'light');
}

const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';

function load(storage: PrefsStorage | undefined): Saved {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return {};
    const v = JSON.parse(raw) as Record<string, unknown>;
    const out: Saved = {};
    if (v.lang === 'en' || v.lang === 'zh-CN') out.lang = v.lang;
    // `theme` holds the reader's choice outside presenter mode (it is only written once they choose).
    if (isTheme(v.theme)) out.themeChoice = v.theme;
    if (isTheme(v.presenterTheme)) out.presenterThemeChoice = v.presenterTheme;
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
      const { lang, themeChoice, presenterThemeChoice, presenter, relativeSeq, pauseAtSegments } = get();
      const record: Record<string, unknown> = { lang, presenter, relativeSeq, pauseAtSegments };
      if (themeChoice) record.theme = themeChoice;
      if (presenterThemeChoice) record.presenterTheme = presenterThemeChoice;
      try {
        deps.storage?.setItem(KEY, JSON.stringify(record));
      } catch {
        // storage full or denied: the choice still applies for this visit
      }
    };
    /** Set some preferences and recompute the theme they imply. */
    const update = (patch: Partial<PrefsSlice>) => {
      set(patch);
      set({ theme: effectiveTheme(get()) });
    };
    const initial = {
      themeChoice: saved.themeChoice ?? null,
      presenterThemeChoice: saved.presenterThemeChoice ?? null,
      systemDark: deps.systemDark ?? false,
      presenter: saved.presenter ?? false,
    };
    return {
      lang: saved.lang ?? defaultLang(deps.languages ?? []),
      ...initial,
      theme: effectiveTheme(initial),
      relativeSeq: saved.relativeSeq ?? false,
      pauseAtSegments: saved.pauseAtSegments ?? false,
      selectedId: null,
      setLang: (lang) => {
        set({ lang });
        save();
      },
      setTheme: (theme) => {
        update(get().presenter ? { presenterThemeChoice: theme } : { themeChoice: theme });
        save();
      },
      setSystemDark: (systemDark) => update({ systemDark }),
      setPresenter: (presenter) => {
        update({ presenter });
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
