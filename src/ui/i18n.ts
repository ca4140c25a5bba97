/**
 * The UI's view of the catalogs. English ships in the initial bundle; Simplified Chinese is a separate
 * chunk loaded when chosen (main.tsx loads it before the first render when it is the saved or browser
 * language, so nothing flashes in English).
 */
import { useSyncExternalStore } from 'react';
import type { Catalog } from '../i18n/en';
import { en } from '../i18n/en';
import { format, type UiCatalog, type UiKey, uiEn } from '../i18n/ui.en';
import type { Lang } from '../store';
import { useApp } from '../store';

export interface Messages {
  lang: Lang;
  cat: Catalog;
  ui: UiCatalog;
  t(key: UiKey, params?: Record<string, string | number>): string;
}

function build(lang: Lang, cat: Catalog, ui: UiCatalog): Messages {
  return { lang, cat, ui, t: (key, params) => format(ui[key], params) };
}

const loaded: Partial<Record<Lang, Messages>> = { en: build('en', en, uiEn) };
const pending: Partial<Record<Lang, Promise<void>>> = {};
const listeners = new Set<() => void>();
let version = 0;

/** Load a language's catalogs (once). Resolves when they are ready. */
export function loadLang(lang: Lang): Promise<void> {
  if (loaded[lang]) return Promise.resolve();
  let p = pending[lang];
  if (!p) {
    p = Promise.all([import('../i18n/zh-CN'), import('../i18n/ui.zh-CN')]).then(([{ zhCN }, { uiZh }]) => {
      loaded[lang] = build(lang, zhCN, uiZh);
      version++;
      for (const l of listeners) l();
    });
    pending[lang] = p;
  }
  return p;
}

/** Messages for a language if loaded, else English (and start loading). */
export function messages(lang: Lang): Messages {
  const m = loaded[lang];
  if (m) return m;
  void loadLang(lang);
  return loaded.en as Messages;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useMessages(): Messages {
  const lang = useApp((s) => s.lang);
  useSyncExternalStore(subscribe, () => version);
  return messages(lang);
}
